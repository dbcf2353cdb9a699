/** Table types. Times are ISO-8601 UTC strings and booleans 0/1, the same on SQLite and PostgreSQL. */
export interface AccountTable {
  id: string;
  platform: string;
  subject: string;
  elder_mode: number;
  created_at: string;
}

export interface SessionTable {
  token_hash: string;
  account_id: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  /** When the login that began this refresh chain happened (null: created_at). */
  started_at?: string | null;
  /** weapp / alipay / h5 / demo: decides the lifetime of refreshed tokens. */
  platform?: string | null;
}

/** Shared fixed-window counters (rate limits across instances). */
export interface RateLimitTable {
  bucket: string;
  window_start: string;
  window_end: string;
  hits: number;
}

export interface PatientTable {
  id: string;
  account_id: string;
  real_name: string;
  relation: string;
  /** AES-256-GCM ciphertext; the hash (HMAC) serves look-ups without decrypting. */
  id_number_enc: string;
  id_number_hash: string;
  phone_enc: string;
  patient_card: string;
  card_kind: string;
  his_no: string | null;
  inpatient_no: string | null;
  /** A minor's guardian (migration 007); the ID number encrypted. */
  guardian_name?: string | null;
  guardian_id_number_enc?: string | null;
  created_at: string;
  updated_at: string;
}

/** Callbacks from outside systems, one row per distinct message: deduplication and audit. */
export interface InboundMessageTable {
  id: string;
  source: string;
  kind: string;
  dedupe_key: string;
  received_at: string;
  outcome: string;
}

export interface OrderTable {
  trade_no: string;
  kind: string;
  account_id: string;
  patient_id: string;
  client_request_id: string;
  state: string;
  /** bigint in SQL: PostgreSQL returns it as a string, so repositories convert with Number(). */
  amount_fen: number | string;
  subject: string;
  pay_client: string;
  details_enc: string;
  his_ref: string | null;
  charge_no: string | null;
  trace_no: string | null;
  paid_at: string | null;
  post_round: number;
  post_attempts: number;
  /** JSON: invoice / clinic / queue numbers HIS returned. */
  receipt: string | null;
  attention_reason: string | null;
  status_note: string | null;
  expires_at: string;
  created_at: string;
  updated_at: string;
  schedule_id?: string | null;
  /** yyyy-MM-dd of the visit a booking is for (queue following). */
  visit_date?: string | null;
  /** Encrypted JSON PayerAccount: the card, HIS patient id and account every platform request names. */
  payer_enc?: string | null;
  /** The platform channel the charge was made through (depositType); its refunds name it again. */
  pay_channel?: string | null;
  /** The channel the platform reported paying through (tradeMode / extra.paytype). */
  trade_mode?: string | null;
  /** Since when the platform's answer about this unpaid order has been unclear (it may be paid). */
  pay_unknown_since?: string | null;
  /** The stay a prepay order pays into (the patient's history lists a relative's top-up by it). */
  inpatient_no?: string | null;
}

export interface InpatientStayTable {
  serial_number: string;
  left_at: string;
  reason: string;
}

export interface OrderEventTable {
  id: string;
  trade_no: string;
  from_state: string | null;
  to_state: string;
  actor: string;
  reason: string;
  at: string;
}

export interface RefundTable {
  cause?: string | null;
  out_refund_no: string;
  trade_no: string;
  amount_fen: number | string;
  reason: string;
  state: string;
  refund_no: string | null;
  attempts: number;
  last_code: string | null;
  created_at: string;
  settled_at: string | null;
  /** HIS's refund key when HIS started the refund (refundApply); null for ours. */
  his_id?: string | null;
  /** 1: a reversal (冲正), left out of reconciliation. */
  is_reverse?: number;
  /** HIS's cashier_id (the window's operator) for a refund HIS started. */
  his_cashier?: string | null;
}

export interface JobTable {
  id: string;
  kind: string;
  job_key: string;
  payload: string;
  state: string;
  run_at: string;
  attempts: number;
  lease_owner: string | null;
  lease_until: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

export interface NoticeTable {
  id: string;
  account_id: string;
  patient_id: string | null;
  kind: string;
  title: string;
  body: string;
  link: string;
  dedupe_key: string;
  created_at: string;
  read_at: string | null;
}

export interface NoticeDeliveryTable {
  id: string;
  notice_id: string;
  channel: string;
  state: string;
  attempts: number;
  message_id: string | null;
  /** JSON array of {at, outcome, reason}: the delivery log. */
  log: string;
  updated_at: string;
}

export interface UnmatchedMessageTable {
  id: string;
  source: string;
  kind: string;
  dedupe_key: string;
  payload_enc: string;
  reason: string;
  received_at: string;
  resolved_at: string | null;
}

export interface WithdrawnReportTable {
  lab_id: string;
  report_id: string | null;
  marked_at: string;
  acknowledged_at: string | null;
}

export interface StoppedScheduleTable {
  schedule_id: string;
  clinic_date: string;
  department_code: string | null;
  doctor_code: string | null;
  stopped_at: string;
}

/** A one-time code sent to prove a card is the patient's (issue 9). Hashes only. */
export interface BindingChallengeTable {
  id: string;
  account_id: string;
  purpose: string;
  phone_hash: string;
  facts_hash: string;
  code_hash: string;
  ip_hash: string;
  attempts: number;
  created_at: string;
  expires_at: string;
  consumed_at: string | null;
}

/** Which version of each privacy document an account accepted, and when. */
export interface AccountConsentTable {
  account_id: string;
  document: string;
  version: string;
  accepted_at: string;
}

export interface OrderClaimTable {
  claim: string;
  trade_no: string;
  created_at: string;
}

export interface ReconciliationRunTable {
  id: string;
  check_date: string;
  /** job | operator */
  trigger: string;
  /** running | done | failed */
  status: string;
  is_current: number;
  /** JSON: HIS's totals, counts by category, what could not be fetched. */
  summary: string | null;
  started_at: string;
  finished_at: string | null;
}

export interface ReconciliationItemTable {
  run_id: string;
  seq: number;
  check_date: string;
  transaction_type: number;
  trade_no: string;
  category: string;
  action: string;
  his_fen: number | string;
  our_fen: number | string;
  his_refund_fen: number | string;
  our_refund_fen: number | string;
  out_refund_no: string | null;
  his_refund_id: string | null;
  our_state: string | null;
  platform: string;
  note: string;
  /** open (a person) | auto_queued | healed | heal_failed */
  status: string;
  outcome: string | null;
  outcome_at: string | null;
}

/** One row per call to the partner refund detail API (migration 014): audit, no personal data. */
export interface PartnerCallTable {
  id: string;
  partner_id: string | null;
  employee_id: string | null;
  refund_order_id: string | null;
  outcome: string;
  reason: string;
  at: string;
  caller_address: string;
  request_id: string;
}

/** Console operators (015): role viewer / finance / admin; password as an scrypt string. */
export interface OperatorTable {
  id: string;
  username: string;
  display_name: string;
  role: string;
  password_hash: string;
  disabled: number;
  failed_logins: number;
  locked_until: string | null;
  created_at: string;
  updated_at: string;
}

export interface OperatorSessionTable {
  token_hash: string;
  operator_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  revoked_at: string | null;
}

export interface OperatorAuditTable {
  id: string;
  operator_id: string | null;
  operator_name: string;
  action: string;
  target: string | null;
  note: string | null;
  outcome: string;
  address: string;
  at: string;
}

export interface Database {
  accounts: AccountTable;
  sessions: SessionTable;
  patients: PatientTable;
  inbound_messages: InboundMessageTable;
  orders: OrderTable;
  order_events: OrderEventTable;
  refunds: RefundTable;
  jobs: JobTable;
  notices: NoticeTable;
  notice_deliveries: NoticeDeliveryTable;
  unmatched_messages: UnmatchedMessageTable;
  withdrawn_reports: WithdrawnReportTable;
  stopped_schedules: StoppedScheduleTable;
  binding_challenges: BindingChallengeTable;
  account_consents: AccountConsentTable;
  inpatient_stays: InpatientStayTable;
  rate_limits: RateLimitTable;
  order_claims: OrderClaimTable;
  reconciliation_runs: ReconciliationRunTable;
  reconciliation_items: ReconciliationItemTable;
  partner_calls: PartnerCallTable;
  operators: OperatorTable;
  operator_sessions: OperatorSessionTable;
  operator_audit: OperatorAuditTable;
}
