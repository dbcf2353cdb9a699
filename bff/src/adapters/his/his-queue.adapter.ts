import { z } from 'zod';
import type { HisQueuePort, PatientNumberQuery, QueueStatus, VisitStatus } from '../../domain/queue/ports';
import { hisBadReply } from '../../domain/his-errors';
import type { HisClient } from './his-client';
import { flatFields, optional, parseReply, replyFields, required, type FlatFields } from './his-reply.map';
import { parseRows, replyRows, type HisRowLogger } from './his-rows.map';

/**
 * Sections 12 (findQueueUp, getOutPatientOrderNum) and 15.3 (queryClinicStatus). Queue figures are
 * shown to patients waiting in a corridor: a figure that is not a whole number is never guessed at.
 */

const wholeNumber = z.string({ error: 'required' }).transform((v, ctx) => {
  const s = v.trim();
  if (!/^\d{1,9}$/.test(s)) {
    ctx.addIssue({ code: 'custom', message: 'not a non-negative whole number' });
    return z.NEVER;
  }
  return Number(s);
});

const QueueRow = z.object({
  departmentName: optional,
  departmentCode: optional,
  doctorName: optional,
  doctorCode: optional,
  queueNownum: wholeNumber,
  queueWaitnum: wholeNumber,
});

/** `9`, ` 9 `, `9号`, `第9号` → 9; empty or absent → null. */
const orderNumber = optional.transform((v, ctx) => {
  if (v === null) return null;
  const m = /^第?\s*(\d{1,9})\s*号?$/u.exec(v.trim());
  if (!m) {
    ctx.addIssue({ code: 'custom', message: 'not a queue number' });
    return z.NEVER;
  }
  return Number(m[1]);
});

const OrderNumReply = z.object({ hisOrderNum: orderNumber });

const visitStatus = z.string({ error: 'required' }).transform((v, ctx): VisitStatus => {
  const s = v.trim();
  if (s === '0') return 'not_seen';
  if (s === '1') return 'seen';
  ctx.addIssue({ code: 'custom', message: 'expected 0 or 1' });
  return z.NEVER;
});

const VisitRow = z.object({ registerId: required, status: visitStatus });

const QUEUE_FIELDS = ['queueNownum', 'queueWaitnum'];
const hasQueueFields = (f: FlatFields) => QUEUE_FIELDS.some((k) => f[k] !== undefined);

export class HisQueueAdapter implements HisQueuePort {
  constructor(
    private readonly his: Pick<HisClient, 'call'>,
    private readonly logger?: HisRowLogger,
  ) {}

  /**
   * 12.1. The sample answers one line at the top of `<response>` (and no `<result>`); HIS with
   * several doctors in a department answer `<content><data>` rows. A list either way. Any line whose
   * figures are not whole numbers makes the reply HIS_BAD_REPLY: skipping one doctor would look
   * like "no queue" to that doctor's patients.
   */
  async departmentQueue(departmentCode: string, departmentName: string): Promise<QueueStatus[]> {
    const method = 'findQueueUp';
    const reply = await this.his.call(method, { departmentName, departmentCode }, { resultOptional: true });
    const body = reply.body;
    const top = flatFields(body);
    let lines: FlatFields[];
    if (hasQueueFields(top)) lines = [top];
    else
      lines = replyRows(method, body).map((r) => {
        if (typeof r !== 'object') throw hisBadReply(method, 'content is not a list of <data>');
        return flatFields(r);
      });
    // No line at all is "no queue now" only when HIS said success; a bare document says nothing.
    if (lines.length === 0 && reply.result === '') throw hisBadReply(method, 'reply without result or queue fields');
    return lines.map((f) => {
      const r = parseReply(method, QueueRow, f);
      return {
        departmentCode: r.departmentCode?.trim() || departmentCode,
        departmentName: r.departmentName?.trim() || departmentName,
        doctorCode: r.doctorCode?.trim() || null,
        doctorName: r.doctorName?.trim() || null,
        nowServing: r.queueNownum,
        waiting: r.queueWaitnum,
      };
    });
  }

  /** 12.2; an empty hisOrderNum is "no number" (null). */
  async patientNumber(q: PatientNumberQuery): Promise<number | null> {
    const method = 'getOutPatientOrderNum';
    const reply = await this.his.call(method, {
      realName: q.realName,
      patientCard: q.patientCard,
      patientId: q.hisPatientId ?? undefined,
      doctorCode: q.doctorCode ?? undefined,
      doctorName: q.doctorName ?? undefined,
      departmentName: q.departmentName,
      departmentCode: q.departmentCode,
    });
    return parseReply(method, OrderNumReply, replyFields(reply.body)).hisOrderNum;
  }

  /** 15.3 by registerId: null when HIS lists no such registration. */
  async visitStatus(registerId: string): Promise<VisitStatus | null> {
    const rows = await this.visits({ registerId });
    const mine = rows.find((r) => r.registerId.trim() === registerId.trim());
    return mine?.status ?? null;
  }

  /** 15.3 by date: every registration of that day, by HIS registerId. */
  async visitStatusesOn(date: string): Promise<Map<string, VisitStatus>> {
    const rows = await this.visits({ clinicDate: date });
    return new Map(rows.map((r) => [r.registerId.trim(), r.status]));
  }

  private async visits(fields: { registerId?: string; clinicDate?: string }): Promise<Array<z.output<typeof VisitRow>>> {
    const method = 'queryClinicStatus';
    const reply = await this.his.call(method, fields);
    const rows = replyRows(method, reply.body);
    // Tolerated variant: one registration answered at the top of <response>, without <content>.
    if (rows.length === 0 && flatFields(reply.body).status !== undefined) {
      const top = flatFields(reply.body);
      return [parseReply(method, VisitRow, { ...top, registerId: top.registerId ?? fields.registerId ?? null })];
    }
    return parseRows(method, VisitRow, rows, this.logger);
  }
}
