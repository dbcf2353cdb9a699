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

/** Failures: AppError('UPSTREAM_UNAVAILABLE') for transport trouble and unreadable answers. */
export interface LabPort {
  listWithdrawn(): Promise<WithdrawnSummary[]>;
  detail(id: string): Promise<WithdrawnReport>;
  /** Tell the lab we have it: after this it no longer lists the record. */
  acknowledge(id: string): Promise<void>;
}
