/**
 * Switches that make the next N calls of a method misbehave, the way real HIS do:
 *  - error:     result=error with a message
 *  - hang:      never answer (until the simulator closes)
 *  - malformed: a reply that is not well-formed XML
 *  - http500:   HTTP 500 (a SOAP fault on the soap endpoint)
 *  - delay:     the normal answer, late
 *  - variant:   the normal answer, written as some vendors do (`SUCCESS`, extra elements)
 */
export type SimFaultKind = 'error' | 'hang' | 'malformed' | 'http500' | 'delay' | 'variant';

export interface SimFault {
  kind: SimFaultKind;
  /** How many calls it applies to; default 1. */
  times?: number;
  /** delay: milliseconds before answering. */
  delayMs?: number;
  /** error: HIS's own words. */
  message?: string;
}

/** `'*'` applies to every method. */
export class SimFaults {
  private readonly pending = new Map<string, Array<SimFault & { left: number }>>();

  inject(method: string, fault: SimFault): this {
    const list = this.pending.get(method) ?? [];
    list.push({ ...fault, left: fault.times ?? 1 });
    this.pending.set(method, list);
    return this;
  }

  /** The fault for this call, if any (consumes one use). */
  take(method: string): SimFault | undefined {
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
