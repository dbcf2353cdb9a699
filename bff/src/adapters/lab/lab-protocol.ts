/**
 * The lab's withdrawn-report API (`lab-reback-report-api.md`) — wire vocabulary only; nothing here
 * leaves this folder except through the adapter, which maps it onto `domain/lab/ports.ts`.
 *
 * The document fixes the envelope and leaves `data` open (its table types it `string`, its samples
 * show `{}`). The shape we agree with the lab, and which the simulator speaks:
 *
 *   request   POST {baseUrl}/v3/api/his/report/reback/{list|detail|success}
 *             header `daan_api_token: <token>`, JSON body `{appId, orgId, data}`
 *             (appId/orgId are bigint(19) in the table: sent as decimal strings so no digit is lost)
 *   reply     `{success, errorCode, errorMsg, data}`
 *
 *   list      data `{}`       → data `[{id, reportId}]` (the default, and what the simulator speaks)
 *                                also accepted, as the labs we know spell it: that array as a JSON
 *                                string; an object `{list|records|rows: [...], total}` (the array
 *                                possibly a JSON string, `total` ignored); the HIS report id under
 *                                `reportId` or `hisReportId`; a row without `id` keyed by its report
 *                                id. `null`, `""`, `{}` or `{total: 0}` mean "nothing withdrawn".
 *                                Anything else is refused as `unknown-shape`, naming the keys it
 *                                had (never their values) so an operator can agree the shape.
 *   detail    data `{id}`     → data `{id, reportId, reportName, patientName, idCard, patientCard,
 *                                reason, rebackTime}` (object or JSON string); `id` may be left out
 *                                (it is the one asked for), `hisReportId` may stand for `reportId`,
 *                                `rebackTime` is `yyyy-MM-dd HH:mm:ss`, `yyyyMMddHHmmss` (Beijing
 *                                time) or epoch milliseconds
 *   success   data `{id}` (or `{ids: [...]}`) → success true; acknowledging twice is not an error;
 *                                an acknowledged record is no longer listed
 *
 * ids are strings or numbers on the wire and strings to us. Unknown fields are ignored.
 */
import { z } from 'zod';

export const LAB_PATHS = {
  list: '/v3/api/his/report/reback/list',
  detail: '/v3/api/his/report/reback/detail',
  success: '/v3/api/his/report/reback/success',
} as const;

export type LabOp = keyof typeof LAB_PATHS;

export const LAB_TOKEN_HEADER = 'daan_api_token';

/** `true`, `"true"`, `1` … — tolerant of how Java and PHP services spell a boolean. */
const flag = z.union([z.boolean(), z.string(), z.number()]).transform((v) => {
  if (typeof v === 'boolean') return v;
  const s = String(v).trim().toLowerCase();
  return s === 'true' || s === '1' || s === 'success' || s === 'y';
});

const optCode = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v == null || String(v).trim() === '' ? null : String(v).trim().slice(0, 64)));

export const labEnvelopeSchema = z.object({
  success: flag,
  errorCode: optCode,
  errorMsg: z.unknown().optional(),
  data: z.unknown().optional(),
});

export type LabEnvelope = z.infer<typeof labEnvelopeSchema>;

const id = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .pipe(z.string().min(1).max(64));

const optText = (max: number) =>
  z
    .union([z.string(), z.number()])
    .nullish()
    .transform((v) => (v == null || String(v).trim() === '' ? null : String(v).trim()))
    .pipe(z.string().max(max).nullable());

/** Where a list reply may keep its rows, in the order they are looked for. */
export const LAB_LIST_FIELDS = ['list', 'records', 'rows'] as const;

const optId = optText(64).optional().transform((v) => v ?? null);

/** One listed withdrawal: its record id (`id`, else its report id) and the HIS report it withdraws. */
export const labSummarySchema = z
  .object({ id: optId, reportId: optId, hisReportId: optId })
  .transform((r, ctx) => {
    const reportId = r.reportId ?? r.hisReportId;
    const key = r.id ?? reportId;
    if (key === null) {
      ctx.addIssue({ code: 'custom', message: 'a row needs id, reportId or hisReportId' });
      return z.NEVER;
    }
    return { id: key, reportId };
  });

export const labSummaryListSchema = z.array(labSummarySchema);

/** What an unreadable `data` looked like: its JSON type and the names of its keys, never a value. */
export interface LabShape {
  type: 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';
  /** Key names (an array's: those of its first rows), when they look like field names. */
  keys: string[];
  /** Keys left out because they could be data (digits, non-ASCII), or past the first 30. */
  hiddenKeys: number;
}

// A field name, not a value used as a key: an ID number, phone or person's name never passes.
const FIELD_NAME = /^[A-Za-z_$][A-Za-z0-9_$.-]{0,63}$/;
const DIGIT_RUN = /\d{5}/;

export function describeShape(value: unknown): LabShape {
  const type = value === null || value === undefined ? 'null' : Array.isArray(value) ? 'array' : (typeof value as LabShape['type']);
  const objects = Array.isArray(value) ? value.slice(0, 5) : [value];
  const names = new Set<string>();
  for (const o of objects) if (o && typeof o === 'object' && !Array.isArray(o)) for (const k of Object.keys(o)) names.add(k);
  const safe = [...names].filter((k) => FIELD_NAME.test(k) && !DIGIT_RUN.test(k));
  const keys = safe.slice(0, 30);
  return { type: ['object', 'array', 'string', 'number', 'boolean'].includes(type) ? type : 'null', keys, hiddenKeys: names.size - keys.length };
}

export const labDetailSchema = z.object({
  id: id.optional(),
  reportId: optText(64).optional(),
  hisReportId: optText(64).optional(),
  reportName: optText(200).optional(),
  patientName: z
    .union([z.string(), z.number()])
    .transform((v) => String(v).trim())
    .pipe(z.string().min(1).max(64)),
  idCard: optText(32).optional(),
  patientCard: optText(64).optional(),
  reason: optText(1000).optional(),
  rebackTime: z.union([z.string(), z.number()]).nullish(),
});

export type LabDetailData = z.infer<typeof labDetailSchema>;

/** `data` as the table types it (a JSON string) or as the samples show it (an object/array). */
export function unwrapData(data: unknown): { ok: true; value: unknown } | { ok: false } {
  if (typeof data !== 'string') return { ok: true, value: data ?? null };
  const text = data.trim();
  if (text === '') return { ok: true, value: null };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/**
 * The lab's withdrawal time as ISO 8601 with the +08:00 offset when we recognise the format,
 * the trimmed text otherwise (never invented), null when absent.
 */
export function normaliseLabTime(value: unknown): string | null {
  if (value == null) return null;
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value <= 0) return null;
    return toBeijingIso(new Date(value));
  }
  const text = String(value).trim();
  if (text === '') return null;
  if (/^\d{13}$/.test(text)) return toBeijingIso(new Date(Number(text)));
  const m = /^(\d{4})-?(\d{2})-?(\d{2})[ T]?(\d{2}):?(\d{2}):?(\d{2})$/.exec(text);
  if (m) {
    const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
    const at = new Date(Date.UTC(y, mo - 1, d, h - 8, mi, s));
    const iso = toBeijingIso(at);
    // Refuse rollovers (2024-02-30): keep the lab's text rather than a different day.
    return iso.startsWith(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}`) ? iso : text.slice(0, 64);
  }
  return text.slice(0, 64);
}

function toBeijingIso(at: Date): string {
  const d = new Date(at.getTime() + 8 * 3600_000);
  return `${d.toISOString().slice(0, 19)}+08:00`;
}
