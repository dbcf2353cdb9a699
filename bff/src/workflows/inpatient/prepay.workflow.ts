import { AppError, maskName, type FamilyLookupRequest, type FamilyPrepayRequest, type FamilyStayView, type PayResponse, type PrepayOptions, type PrepayRequest } from '@hosp/shared';
import { sql } from 'kysely';
import type { Deps } from '../../deps';
import { isHisError } from '../../domain/his-errors';
import type { PrepayDetails } from '../../domain/inpatient/prepay-details';
import { newTradeNo } from '../../domain/orders/order';
import type { PayClient, PayerAccount } from '../../domain/payments/ports';
import type { InpatientInfo } from '../../domain/patients/ports';
import { inpatientRepo } from '../../store/inpatient.repo';
import { isUniqueViolation } from '../../store/orders.repo';
import { singleFlight } from '../booking/booking-flight';
import { enqueueExpire } from '../orders/expire-order.job';
import { payOrder } from '../orders/pay-order.workflow';
import { boundStay } from './stay.workflow';

export function prepayOptions(deps: Deps): PrepayOptions {
  const c = deps.config.inpatient;
  return { presetAmountsFen: c.presetAmountsFen, minAmountFen: c.minAmountFen, maxAmountFen: c.maxAmountFen };
}

function checkAmount(deps: Deps, amountFen: number): void {
  const { minAmountFen: min, maxAmountFen: max } = deps.config.inpatient;
  if (amountFen < min || amountFen > max) {
    throw new AppError('VALIDATION_FAILED', `预缴金额需在 ${(min / 100).toFixed(2)} 元至 ${(max / 100).toFixed(2)} 元之间`, { minAmountFen: min, maxAmountFen: max });
  }
}

/** The platform charges a deposit on the inpatient number, account 02, with HIS's own patient id. */
function inpatientPayer(serialNumber: string, info: InpatientInfo, realName: string, idNumber: string | null): PayerAccount {
  if (!info.hisNo) throw new AppError('HIS_PATIENT_ID_MISSING', '医院系统未返回该住院患者的院内编号，暂不能在线预缴，请到住院处缴费');
  return { cardKind: 'inpatient_no', cardNo: serialNumber, hisPatientId: info.hisNo, account: 'inpatient', realName, idNumber };
}

async function ensureInHospital(deps: Deps, serialNumber: string, info: InpatientInfo): Promise<void> {
  if (!info.inHospital || (await inpatientRepo(deps.store.db).leftAt(serialNumber))) throw new AppError('CONFLICT', '该患者已出院，不能再预缴押金');
}

/** 为本人/已绑定的就诊人预缴押金. */
export function createPrepay(deps: Deps, accountId: string, req: PrepayRequest): Promise<PayResponse> {
  return singleFlight(deps, `${accountId}:${req.requestId}`, async () => {
    const again = await resume(deps, accountId, req.requestId);
    if (again) return again;
    checkAmount(deps, req.amountFen);
    const { p, info } = await boundStay(deps, accountId, req.patientId);
    await ensureInHospital(deps, p.inpatientNo, info);
    const payer = inpatientPayer(p.inpatientNo, info, p.realName, p.idNumber || null);
    const details: PrepayDetails = {
      patient: { realName: p.realName, patientCard: p.inpatientNo }, inpatientNo: p.inpatientNo, family: false,
      maskedName: maskName(p.realName), department: null, ward: info.ward,
    };
    return place(deps, accountId, p.id, req.requestId, req.amountFen, req.payClient, details, payer);
  });
}

/**
 * HIS confirms the (inpatient number, name) pair: getPatientExpense refuses a name that does not
 * match. queryInHospitalPatient checks no name and its reply holds the ID number and phone, so it is
 * asked only after the pair is confirmed, and only the masked name, department and ward leave here.
 */
async function confirmPair(deps: Deps, req: FamilyLookupRequest): Promise<{ info: InpatientInfo; view: FamilyStayView }> {
  const realName = req.realName.trim();
  const serialNumber = req.serialNumber.trim();
  const refused = () => new AppError('INPATIENT_NOT_FOUND', '住院号与患者姓名不匹配，请核对后再试');
  try {
    await deps.hisInpatient.deposit({ realName, queryId: serialNumber });
  } catch (err) {
    if (isHisError(err, 'HIS_REJECTED')) throw refused();
    throw err;
  }
  let info: InpatientInfo;
  try {
    info = await deps.his.queryInpatient(serialNumber);
  } catch (err) {
    if (isHisError(err, 'HIS_REJECTED')) throw refused();
    throw err;
  }
  if (info.realName.trim() !== realName) throw refused();
  const dept = await deps.catalogue.department(info.departmentCode).catch(() => undefined);
  return { info, view: { serialNumber, maskedName: maskName(realName), departmentName: dept?.name ?? null, ward: info.ward } };
}

export async function familyLookup(deps: Deps, req: FamilyLookupRequest): Promise<FamilyStayView> {
  const { info, view } = await confirmPair(deps, req);
  await ensureInHospital(deps, view.serialNumber, info);
  return view;
}

/** 为住院亲友缴押金: the payer holds only the inpatient number and the name; the receipt is theirs. */
export function familyPrepay(deps: Deps, accountId: string, req: FamilyPrepayRequest): Promise<PayResponse> {
  return singleFlight(deps, `${accountId}:${req.requestId}`, async () => {
    const again = await resume(deps, accountId, req.requestId);
    if (again) return again;
    checkAmount(deps, req.amountFen);
    const { info, view } = await confirmPair(deps, req);
    await ensureInHospital(deps, view.serialNumber, info);
    const realName = req.realName.trim();
    // The payer is not the patient: the platform gets no ID number from us for someone we never verified.
    const payer = inpatientPayer(view.serialNumber, info, realName, null);
    const details: PrepayDetails = {
      patient: { realName, patientCard: view.serialNumber }, inpatientNo: view.serialNumber, family: true,
      maskedName: view.maskedName, department: view.departmentName, ward: view.ward,
    };
    // No binding of the patient here: the order names the stay instead.
    return place(deps, accountId, `stay:${view.serialNumber}`, req.requestId, req.amountFen, req.payClient, details, payer);
  });
}

async function resume(deps: Deps, accountId: string, requestId: string): Promise<PayResponse | null> {
  const existing = await deps.orders.findByClientRequest(accountId, requestId);
  if (!existing) return null;
  if (existing.kind !== 'prepaySrc') throw new AppError('CONFLICT', '请求编号已被使用');
  return payOrder(deps, accountId, existing.tradeNo);
}

async function place(
  deps: Deps, accountId: string, patientId: string, requestId: string, amountFen: number, payClient: PayClient, details: PrepayDetails, payer: PayerAccount,
): Promise<PayResponse> {
  const now = deps.now();
  const tradeNo = newTradeNo(now);
  const expiresAt = new Date(now.getTime() + deps.config.orders.unpaidMinutes * 60_000);
  const subject = `住院预缴 ${details.maskedName} ${details.inpatientNo}`;
  try {
    await deps.store.db.transaction().execute(async (tx) => {
      if (deps.store.dialect === 'postgres') await sql`select id from accounts where id = ${accountId} for update`.execute(tx);
      if ((await deps.orders.countUnpaid(accountId, tx)) >= deps.config.orders.maxUnpaidPerAccount) {
        throw new AppError('TOO_MANY_UNPAID', '您有多笔待支付订单，请先完成支付或取消后再缴费', { limit: deps.config.orders.maxUnpaidPerAccount });
      }
      await deps.orders.insert(tx, {
        tradeNo, kind: 'prepaySrc', accountId, patientId, clientRequestId: requestId, amountFen, subject, payClient,
        details, expiresAt: expiresAt.toISOString(), payer, payChannel: deps.config.payment.channels[payClient],
      }, now, 'patient', details.family ? 'family prepay' : 'prepay');
      await inpatientRepo(tx).setOrderStay(tradeNo, details.inpatientNo);
      await enqueueExpire(deps, tx, tradeNo, expiresAt, now);
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const again = await resume(deps, accountId, requestId);
    if (again) return again;
    throw err;
  }
  deps.log.info({ tradeNo, accountId, family: details.family }, 'prepay order created');
  return payOrder(deps, accountId, tradeNo);
}
