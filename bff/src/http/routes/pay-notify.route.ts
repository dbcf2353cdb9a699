import type Router from '@koa/router';
import { AppError } from '@hosp/shared';
import { NOTIFY_ACK, noticeRefusal, parsePaymentNotice, type NoticeRefusal } from '../../adapters/payment';
import type { Deps } from '../../deps';
import { confirmPayment } from '../../workflows/orders/confirm-payment.workflow';
import type { AppState } from '../context';
import { findUnsafeText } from '../text-safety';
import { platformCallbackGuard } from './platform-callback';

/**
 * Payment results from the platform. Signature and amount are checked; the reply is sent only
 * after the state change is committed, so an acknowledged notice is never lost. A notice for an
 * unknown order or a different amount is refused and logged, never booked.
 */
export function payNotifyRoutes(router: Router<AppState>, deps: Deps, appSecret: string): void {
  router.post('/pay/notify', platformCallbackGuard(deps), async (ctx) => {
    const refuse = (why: NoticeRefusal) => {
      const r = noticeRefusal(why);
      ctx.status = r.status;
      ctx.body = r.body;
    };
    let notice;
    try {
      notice = parsePaymentNotice(ctx.state.rawBody ?? Buffer.alloc(0), appSecret);
    } catch (err) {
      const code = err instanceof AppError ? err.code : 'VALIDATION_FAILED';
      ctx.state.log.warn({ code, reason: (err as Error).message }, 'payment notice refused');
      return refuse(code === 'SIGNATURE_INVALID' ? 'bad-sign' : 'malformed');
    }
    const unsafe = findUnsafeText(notice);
    if (unsafe) {
      ctx.state.log.warn({ field: unsafe.path }, 'payment notice refused: control characters');
      return refuse({ invalidField: unsafe.path });
    }
    if (!notice.success) {
      ctx.state.log.info({ tradeNo: notice.outChargeNo }, 'payment notice: not successful');
      ctx.body = NOTIFY_ACK;
      return;
    }
    try {
      const outcome = await confirmPayment(deps, { tradeNo: notice.outChargeNo, chargeNo: notice.chargeNo, traceNo: notice.traceNo, amountFen: notice.amountFen, paidAt: notice.paidAt, tradeMode: notice.tradeMode }, 'platform');
      ctx.state.log.info({ tradeNo: notice.outChargeNo, outcome }, 'payment notice applied');
      ctx.body = NOTIFY_ACK;
    } catch (err) {
      if (err instanceof AppError && (err.code === 'NOT_FOUND' || err.code === 'CONFLICT')) {
        ctx.state.log.error({ tradeNo: notice.outChargeNo, code: err.code, detail: err.detail }, 'payment notice refused: unknown order or amount mismatch');
        return refuse(err.code === 'NOT_FOUND' ? 'unknown-order' : 'amount-mismatch');
      }
      throw err;
    }
  });
}
