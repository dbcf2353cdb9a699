/**
 * Fault switches. Reply faults hit the next `n` requests of one transType (or of any, when none is
 * given); notice faults hit the next `n` payment notices.
 *
 * - `respCode:<code>`      answer that code without doing the work
 * - `respCodeAfter:<code>` do the work, then answer that code (an outcome the caller cannot see)
 * - `hang` | `malformed` | `http500`
 * - `notify:drop` | `notify:duplicate:<n>` | `notify:delay:<ms>`
 */
export type SimReplyFault = `respCode:${string}` | `respCodeAfter:${string}` | 'hang' | 'malformed' | 'http500';
export type SimNoticeFault = 'notify:drop' | `notify:duplicate:${number}` | `notify:delay:${number}`;
export type SimFault = SimReplyFault | SimNoticeFault;

interface Entry {
  kind: SimFault;
  remaining: number;
  transType: string | undefined;
}

export class SimFaults {
  private readonly queue: Entry[] = [];

  next(kind: SimFault, n = 1, transType?: string): void {
    if (n > 0) this.queue.push({ kind, remaining: n, transType });
  }

  clear(): void {
    this.queue.length = 0;
  }

  takeReply(transType: string): SimReplyFault | undefined {
    return this.take((e) => !isNotice(e.kind) && (e.transType === undefined || e.transType === transType)) as SimReplyFault | undefined;
  }

  takeNotice(): SimNoticeFault | undefined {
    return this.take((e) => isNotice(e.kind)) as SimNoticeFault | undefined;
  }

  private take(match: (e: Entry) => boolean): SimFault | undefined {
    const i = this.queue.findIndex(match);
    const entry = this.queue[i];
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.queue.splice(i, 1);
    return entry.kind;
  }
}

function isNotice(kind: SimFault): kind is SimNoticeFault {
  return kind.startsWith('notify:');
}
