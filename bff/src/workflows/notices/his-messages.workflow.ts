import { formatFen, maskCardNo } from '@hosp/shared';
import type { Deps } from '../../deps';
import { beijingDate } from '../../domain/time';
import { arrearsEventKey, dayBillEventKey, PREPAY_LINK } from '../../domain/inpatient/inpatient-events';
import type { HisPushMessage } from '../../domain/notices/inbound';
import type { NoticeDraft } from '../../domain/notices/notice';
import type { Db } from '../../store/db';
import { replaceCard } from '../patients/replace-card.workflow';
import { recordVisitSeen } from '../queue/queue.workflow';
import { notifyAccount, notifyPatient } from './notify.workflow';

const REPORT_LINK = '/journeys/reports/pages/detail/index?patientId={patientId}&reportId=';

/** The patient's words for each message from HIS. `dedupeKey` names the message, not the moment. */
function draftOf(m: Exclude<HisPushMessage, { type: 'card-replaced' | 'medicine' | 'invoice-printed' }>, today: string): NoticeDraft {
  switch (m.type) {
    case 'outpatient-fee':
      return {
        kind: 'fee_due', title: '门诊缴费提醒',
        body: `您有一笔${m.feeType ?? '门诊费用'} ${formatFen(m.amountFen)} 待缴纳${m.feeDate ? `（${m.feeDate}）` : ''}，可在线缴费。`,
        link: '/journeys/outpatient/pages/unpaid/index?patientId={patientId}',
        dedupeKey: `fee:${m.patient.patientCard}:${m.clinicNo ?? m.hisRegisterId ?? ''}:${m.feeDate ?? ''}:${m.amountFen}`,
        fields: { 费用类型: m.feeType ?? '门诊费用', 金额: formatFen(m.amountFen), 就诊卡: maskCardNo(m.patient.patientCard) },
      };
    case 'inpatient-arrears':
      return {
        kind: 'inpatient_arrears', title: '住院欠费提醒',
        body: `住院押金已不足，当前欠费 ${formatFen(m.arrearsFen)}，请及时预缴。`,
        link: PREPAY_LINK,
        // Keyed by the stay, like the platform's message of the same event (inpatient-events.ts).
        dedupeKey: m.serialNumber ? arrearsEventKey(m.serialNumber, m.arrearsFen, today) : `arrears:${m.patient.patientCard}:${m.arrearsFen}:${today}`,
        fields: { 欠费金额: formatFen(m.arrearsFen), 住院号: m.serialNumber ?? '' },
      };
    case 'daily-bill':
      return {
        kind: 'inpatient_daily_bill', title: '住院一日清单',
        body: `${m.feeDate} ${m.feeType ?? '住院费用'}合计 ${formatFen(m.totalFen)}，点击查看明细。`,
        link: `/journeys/inpatient/pages/daily-bill/index?patientId={patientId}&date=${m.feeDate}`,
        dedupeKey: m.serialNumber ? dayBillEventKey(m.serialNumber, m.feeDate) : `daybill:${m.patient.patientCard}:${m.feeDate}`,
        fields: { 日期: m.feeDate, 金额: formatFen(m.totalFen) },
      };
    case 'visit-finished':
      return {
        kind: 'visit_finished', title: '就诊完成',
        body: '您本次就诊已完成。如有待缴费用或检查检验，请留意后续通知。',
        link: '/journeys/orders/pages/list/index',
        dedupeKey: `visit:${m.registerId ?? ''}:${m.hisRegisterId ?? ''}`,
        fields: { 就诊卡: maskCardNo(m.patient.patientCard) },
      };
    case 'report-ready':
      return {
        kind: 'report_ready', title: '报告已出',
        body: `您的${m.scope === 'inpatient' ? '住院' : m.scope === 'checkup' ? '体检' : '门诊'}报告已出，可在线查看，纸质报告请到${m.pickupPlace}领取。`,
        link: `${REPORT_LINK}${encodeURIComponent(m.reportId)}`,
        dedupeKey: `report:${m.reportId}`,
        fields: { 报告: '检查检验报告', 领取地点: m.pickupPlace },
      };
  }
}

/** Messages about one of our orders reach the account that paid it. */
async function notifyOrderOwner(deps: Deps, tx: Db, tradeNo: string, draft: NoticeDraft, now: Date): Promise<'ok' | 'unmatched'> {
  const order = await deps.orders.get(tradeNo, tx);
  if (!order) {
    await deps.notices.keepUnmatched(tx, { source: 'his', kind: draft.kind, dedupeKey: draft.dedupeKey, payload: { tradeNo, draft }, reason: 'unknown tradeNo' }, now);
    return 'unmatched';
  }
  await notifyAccount(deps, tx, order.accountId, order.patientId, { ...draft, link: draft.link.replace('{patientId}', order.patientId) }, now);
  return 'ok';
}

/** Applies one HIS push. Everything it writes commits together; a repeat writes nothing new. */
export async function applyHisMessage(deps: Deps, m: HisPushMessage): Promise<void> {
  const now = deps.now();
  if (m.type === 'card-replaced') {
    await replaceCard(deps, { idNumber: m.idNumber, realName: m.realName, oldPatientCard: m.oldCard, newPatientCard: m.newCard });
    return;
  }
  await deps.store.db.transaction().execute(async (tx) => {
    if (m.type === 'medicine') {
      const title = m.collected === false ? '取药提醒' : '取药通知';
      const body = m.collected === false ? `处方 ${m.prescriptionNos} 的药品已备好，请到药房取药。` : `处方 ${m.prescriptionNos} 的药品已领取。`;
      await notifyOrderOwner(deps, tx, m.tradeNo, { kind: 'medicine_ready', title, body, link: `/journeys/orders/pages/detail/index?tradeNo=${m.tradeNo}`, dedupeKey: `medicine:${m.tradeNo}:${m.prescriptionNos}:${m.collected}`, fields: { 处方: m.prescriptionNos } }, now);
      return;
    }
    if (m.type === 'invoice-printed') {
      const body = `订单发票（${m.invoiceNo}）已于 ${m.printedAt} 打印${m.place ? `，地点：${m.place}` : ''}。`;
      await notifyOrderOwner(deps, tx, m.tradeNo, { kind: 'invoice_printed', title: '发票已打印', body, link: `/journeys/orders/pages/detail/index?tradeNo=${m.tradeNo}`, dedupeKey: `invoice:${m.tradeNo}:${m.invoiceNo}`, fields: { 发票号: m.invoiceNo } }, now);
      return;
    }
    if (m.type === 'visit-finished') {
      // The queue stops following this visit on every instance.
      if (m.registerId) await recordVisitSeen(deps, tx, 'platform', m.registerId, 'pushClinicFinish', now);
      if (m.hisRegisterId) await recordVisitSeen(deps, tx, 'his', m.hisRegisterId, 'pushClinicFinish', now);
    }
    await notifyPatient(deps, tx, 'his', m.patient, draftOf(m, beijingDate(now)), now);
  });
}
