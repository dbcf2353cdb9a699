/**
 * Switches that make the next N calls of a method misbehave, the way real HIS do:
 *  - error:     result=error with a message
 *  - hang:      never answer (until the simulator closes)
 *  - malformed: a reply that is not well-formed XML
 *  - http500:   HTTP 500 (a SOAP fault on the soap endpoint)
 *  - delay:     the normal answer, late
 *  - variant:   the normal answer, written as some vendors do (`SUCCESS`, extra elements)
 *  - doc-sample-case: the normal answer with 13.2's sample's own slip, `<hisPayId>…</HisPayId>`
 * and, for payment notices (subscriptionPay / payRegister / outpatientPay / prePayExpense /
 * rechargeECard, see PAY_METHODS), the ways money goes astray:
 *  - error-refund:     result=error with isRefund=1, nothing booked (recorded: later notices get it too;
 *                      8.3, 10.1 and 11.2 do not document isRefund: this is a HIS that sends it anyway)
 *  - commit-then-hang: books the payment, then never answers (until the simulator closes)
 *  - commit-then-drop: books the payment, then destroys the connection without a reply
 *  - slow-commit:      processes for delayMs; notices for the same tradeNo arriving meanwhile get
 *                      no answer until it is done, then the same result ("正在处理中" in 5.3 / 6.3)
 */
export type SimFaultKind =
  | 'error'
  | 'hang'
  | 'malformed'
  | 'http500'
  | 'delay'
  | 'variant'
  | 'doc-sample-case'
  | 'error-refund'
  | 'commit-then-hang'
  | 'commit-then-drop'
  | 'slow-commit';

export interface SimFault {
  kind: SimFaultKind;
  /** How many calls it applies to; default 1. */
  times?: number;
  /** delay / slow-commit: milliseconds before answering. */
  delayMs?: number;
  /** error / error-refund: HIS's own words. */
  message?: string;
}

/** `'*'` applies to every method. Other simulators (the deposit dialect) reuse it with their own fault type. */
export class SimFaults<F extends { times?: number } = SimFault> {
  private readonly pending = new Map<string, Array<F & { left: number }>>();

  inject(method: string, fault: F): this {
    const list = this.pending.get(method) ?? [];
    list.push({ ...fault, left: fault.times ?? 1 });
    this.pending.set(method, list);
    return this;
  }

  /** The fault for this call, if any (consumes one use). */
  take(method: string): F | undefined {
    for (const key of [method, '*']) {
      const list = this.pending.get(key);
      const head = list?.[0];
      if (!list || !head) continue;
      head.left -= 1;
      if (head.left <= 0) list.shift();
      return head;
    }
    return undefined;
  }

  clear(): void {
    this.pending.clear();
  }
}
