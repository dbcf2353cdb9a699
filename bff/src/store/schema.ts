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

export interface Database {
  accounts: AccountTable;
  sessions: SessionTable;
  patients: PatientTable;
  inbound_messages: InboundMessageTable;
}
