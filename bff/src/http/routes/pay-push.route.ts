import type Router from '@koa/router';
import { parsePlatformPush, PlatformPushError, PUSH_ACK, PUSH_NONCE_REUSED, pushErrorReply, pushErrorStatus, pushFieldInvalid, type PlatformPush } from '../../adapters/payment';
import type { Deps } from '../../deps';
import { beijingDate } from '../../domain/time';
import { arrearsEventKey, dayBillEventKey, PREPAY_LINK } from '../../domain/inpatient/inpatient-events';
import type { NoticeKind } from '../../domain/notices/notice';
import { inpatientRepo } from '../../store/inpatient.repo';
import { notifyPatient } from '../../workflows/notices/notify.workflow';
import type { AppState } from '../context';
import { findUnsafeText } from '../text-safety';
import { platformCallbackGuard } from './platform-callback';

const KIND: Record<PlatformPush['kind'], [NoticeKind, string]> = {
  'inpatient-arrears': ['inpatient_arrears', PREPAY_LINK],
  'inpatient-daily-bill': ['inpatient_daily_bill', '/journeys/inpatient/pages/daily-bill/index?patientId={patientId}'],
  'inpatient-left-ward': ['inpatient_notice', '/journeys/inpatient/pages/deposit/index?patientId={patientId}'],
  'inpatient-discharged': ['inpatient_notice', '/journeys/inpatient/pages/deposit/index?patientId={patientId}'],
  'inpatient-notice': ['inpatient_notice', '/pages/notices/index'],
  'bills-to-settle': ['fee_due', '/journeys/outpatient/pages/unpaid/index?patientId={patientId}'],
  'medicine-status': ['medicine_ready', '/pages/notices/index'],
};

/** The key HIS's message of the same event carries, so an account is told once (see inpatient-events.ts). */
function inpatientEventKey(push: PlatformPush, today: string): string | null {
  if (push.kind === 'inpatient-arrears') return arrearsEventKey(push.stay.inpatientNo, push.amounts.arrearsFen, today);
  if (push.kind === 'inpatient-daily-bill') return dayBillEventKey(push.stay.inpatientNo, push.date);
  return null;
}

/**
 * The payment platform's push messages to patients (its hop.inpatient.msg.* and hop.mmpay.*
 * transTypes): signed, inside a timestamp window, each nonce once, deduplicated by message.
 */
export function payPushRoutes(router: Router<AppState>, deps: Deps, appSecret: string): void {
  router.post('/pay/push', platformCallbackGuard(deps), async (ctx) => {
    let push: PlatformPush;
    try {
      push = parsePlatformPush(ctx.state.rawBody ?? Buffer.alloc(0), appSecret, { now: deps.now });
    } catch (err) {
      // Only the codec's refusals are the caller's fault; anything else is ours (answered by the guard).
      if (!(err instanceof PlatformPushError)) throw err;
      const reply = pushErrorReply(err);
      ctx.state.log.warn({ respCode: reply.respCode }, 'platform push refused');
      ctx.status = pushErrorStatus(reply);
      ctx.body = reply;
      return;
    }
    const unsafe = findUnsafeText(push);
    if (unsafe) {
      ctx.state.log.warn({ transType: push.transType, field: unsafe.path }, 'platform push refused: control characters');
      ctx.status = 400;
      ctx.body = pushFieldInvalid(unsafe.path);
      return;
    }
    const now = deps.now();
    if (!(await deps.inbound.claim('pay-nonce', 'nonce', push.nonce, push.transType, now))) {
      ctx.status = 401;
      ctx.body = PUSH_NONCE_REUSED;
      return;
    }
    const [kind, kindLink] = KIND[push.kind];
    // A daily bill opens that day's bill, as HIS's pushDayExpense does.
    const link = push.kind === 'inpatient-daily-bill' ? `${kindLink}&date=${push.date}` : kindLink;
    const dedupeKey = inpatientEventKey(push, beijingDate(now)) ?? push.dedupeKey;
    const body = Object.entries(push.lines).map(([k, v]) => `${k}：${v}`).join('\n');
    const result = await deps.store.db.transaction().execute((tx) =>
      notifyPatient(deps, tx, 'payment', { patientCard: push.patient.cardNo, idNumber: push.patient.idNumber, realName: push.patient.name }, { kind, title: push.title, body, link, dedupeKey, fields: push.lines }, now),
    );
    // 出科 / 出院: the stay home says so and stops offering prepay; its bills stay readable.
    if (push.kind === 'inpatient-left-ward' || push.kind === 'inpatient-discharged') await inpatientRepo(deps.store.db).markLeft(push.stay.inpatientNo, push.kind, now);
    ctx.state.log.info({ transType: push.transType, matched: result.matched, created: result.created }, 'platform push applied');
    ctx.body = PUSH_ACK;
  });
}
