import { AppError } from '@hosp/shared';

/**
 * The third-party lab's withdrawn ("rebacked") reports. Its document fixes only the envelope
 * (`{success, errorCode, errorMsg, data}`, `daan_api_token`, `appId`, `orgId`); the shape of `data`
 * is agreed per integration and mapped by the adapter into these types.
 */
export interface WithdrawnSummary {
  /** The lab's id of the withdrawal record (what detail and acknowledge take). */
  id: string;
  /** The HIS report it withdraws (section 7 reportId), when the lab knows it. */
  reportId: string | null;
}

export interface WithdrawnReport extends WithdrawnSummary {
  reportName: string | null;
  patientName: string;
  idNumber: string | null;
  patientCard: string | null;
  reason: string | null;
  withdrawnAt: string | null;
}

/**
 * Failures: AppError('UPSTREAM_UNAVAILABLE') for transport trouble and unreadable answers, its
 * detail readable with `labFailureOf`.
 */
export interface LabPort {
  listWithdrawn(): Promise<WithdrawnSummary[]>;
  detail(id: string): Promise<WithdrawnReport>;
  /** Tell the lab we have it: after this it no longer lists the record. */
  acknowledge(id: string): Promise<void>;
}

/** Why a lab call failed, as much as may be shown to an operator: codes and key names, no values. */
export interface LabFailure {
  op: string;
  /** e.g. network, timeout, http-status, lab-error, unknown-shape, bad-data, id-mismatch. */
  reason: string;
  errorCode: string | null;
  status: number | null;
  /** For a `data` we could not read: its JSON type and key names. */
  shape: { type: string; keys: string[]; hiddenKeys: number } | null;
}

/** The lab failure an error describes; null for anything else (a bug, the database…). */
export function labFailureOf(err: unknown): LabFailure | null {
  if (!(err instanceof AppError) || err.detail?.upstream !== 'lab') return null;
  const d = err.detail;
  const shape = d.shape as LabFailure['shape'] | undefined;
  return {
    op: typeof d.op === 'string' ? d.op : 'unknown',
    reason: typeof d.reason === 'string' ? d.reason : 'unknown',
    errorCode: typeof d.errorCode === 'string' ? d.errorCode : null,
    status: typeof d.status === 'number' ? d.status : null,
    shape: shape && Array.isArray(shape.keys) ? { type: String(shape.type), keys: shape.keys.map(String), hiddenKeys: Number(shape.hiddenKeys) || 0 } : null,
  };
}

/** Reasons that say the lab answered in a shape we do not read: a person must agree it. */
export const LAB_SHAPE_REASONS: ReadonlySet<string> = new Set(['unknown-shape', 'bad-data', 'empty-data', 'id-mismatch']);
