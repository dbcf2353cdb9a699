import { createHash, timingSafeEqual } from 'node:crypto';
import type { PartnerConfig } from '@hosp/config';
import type { Deps } from '../../deps';
import { mayRead, operatorAllowed } from '../../domain/partners/entitlement';
import type { PartnerRefund } from '../../domain/partners/partner-refund';
import type { PartnerRefusal, PartnerRequest } from '../../domain/partners/partner-request';
import { partnerCallsRepo } from '../../store/partner-calls.repo';
import { RateLimiter } from '../../store/rate-limiter';
import { rateLimitsRepo } from '../../store/rate-limits.repo';
import { findRefund } from './refund-lookup';

export interface CallInfo {
  callerAddress: string;
  requestId: string;
}

export type RefundDetailOutcome = { ok: true; partner: PartnerConfig; refund: PartnerRefund } | { ok: false; reason: PartnerRefusal };

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/**
 * A partner reads one of our refunds (refund-order-detail-openapi.txt). Checked in an order that
 * tells an outsider nothing: the token names the partner, then its signature and its rate, and only
 * then what the request says (timestamp window, data, operator), and last whether the refund
 * exists and is the partner's to read — an unknown refund and another partner's answer alike.
 * Every call, answered or refused, is one audit row and one log line (no token, sign or secret).
 */
export function refundDetailService(deps: Deps) {
  const cfg = deps.config.partners;
  const partners = cfg.list.map((p) => ({ partner: p, token: digest(p.accessToken) }));
  const limiter = new RateLimiter(rateLimitsRepo(deps.store.db), {
    name: 'partner', windowMs: 60_000, max: cfg.perMinute,
    onStoreError: (err) => deps.log.warn({ limit: 'partner', err }, 'rate limit store unavailable; local window only'),
  });
  const audit = partnerCallsRepo(deps.store.db);

  /** Compared in constant time against every partner, so timing tells nothing of the tokens. */
  function byToken(token: string): PartnerConfig | null {
    const given = digest(token);
    let found: PartnerConfig | null = null;
    for (const p of partners) if (timingSafeEqual(given, p.token)) found = p.partner;
    return found;
  }

  async function record(call: CallInfo, partnerId: string | null, req: Pick<PartnerRequest, 'employeeId' | 'refundOrderId'> | null, outcome: RefundDetailOutcome): Promise<void> {
    const reason = outcome.ok ? 'ok' : outcome.reason;
    const entry = { partnerId, employeeId: req?.employeeId ?? null, refundOrderId: req?.refundOrderId ?? null, outcome: outcome.ok ? ('ok' as const) : ('refused' as const), reason };
    await audit.record({ ...entry, at: deps.now(), callerAddress: call.callerAddress, requestId: call.requestId });
    const line = { partner: partnerId, employeeId: entry.employeeId?.slice(0, 64), refundOrderId: entry.refundOrderId, outcome: entry.outcome, reason };
    if (outcome.ok) deps.log.info(line, 'partner read a refund');
    else deps.log.warn(line, 'partner call refused');
  }

  async function decide(req: PartnerRequest): Promise<{ partnerId: string | null; outcome: RefundDetailOutcome }> {
    const refuse = (reason: PartnerRefusal, partnerId: string | null = null) => ({ partnerId, outcome: { ok: false as const, reason } });
    if (req.problem === 'malformed-form') return refuse('malformed-form');
    if (req.accessToken === null) return refuse('missing-field');
    const partner = byToken(req.accessToken);
    if (!partner) return refuse('unknown-token');
    const id = partner.id;
    if (req.problem === 'missing-field') return refuse('missing-field', id);
    if (!req.signedWith(partner.secret)) return refuse('bad-sign', id);
    // Counted once signed: someone holding only a partner's token cannot use up its rate.
    if (!(await limiter.hit(id)).allowed) return refuse('rate-limited', id);
    if (req.problem) return refuse(req.problem, id);
    if (Math.abs(deps.now().getTime() - req.timestampMs!) > cfg.timestampWindowSeconds * 1000) return refuse('stale-timestamp', id);
    if (!operatorAllowed(partner.entitlement, req.employeeId!)) return refuse('operator-not-allowed', id);
    const found = await findRefund(deps, req.refundOrderId!);
    if (!found) return refuse('not-found', id);
    if (!mayRead(partner.entitlement, found.facts)) return refuse('not-entitled', id);
    return { partnerId: id, outcome: { ok: true, partner, refund: found.refund } };
  }

  return {
    async read(req: PartnerRequest, call: CallInfo): Promise<RefundDetailOutcome> {
      const { partnerId, outcome } = await decide(req);
      await record(call, partnerId, req, outcome);
      return outcome;
    },
    /** A call refused before its body was read (size, media type, address rate, our failure). */
    async refusedUnread(reason: PartnerRefusal, call: CallInfo): Promise<void> {
      await record(call, null, null, { ok: false, reason });
    },
  };
}
export type RefundDetailService = ReturnType<typeof refundDetailService>;
