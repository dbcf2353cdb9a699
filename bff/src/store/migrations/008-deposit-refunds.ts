import { sql, type Kysely } from 'kysely';

/**
 * Deposit refunds: one row per patient request and one per record it comes from (the saga's
 * steps, written before and after every outside call). At most one running refund per card.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('deposit_refunds')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('account_id', 'varchar(40)', (c) => c.notNull().references('accounts.id'))
    .addColumn('patient_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('client_request_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('card_no', 'varchar(64)', (c) => c.notNull())
    // The payer account sent with every platform call (holds the ID number: encrypted).
    .addColumn('payer_enc', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('state', 'varchar(16)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('deposit_refunds_request', ['account_id', 'client_request_id'])
    .execute();
  await db.schema.createIndex('deposit_refunds_one_running').on('deposit_refunds').column('card_no').unique().where(sql.ref('state'), '=', 'running').execute();
  await db.schema.createIndex('deposit_refunds_patient').on('deposit_refunds').columns(['patient_id', 'created_at']).execute();

  await db.schema
    .createTable('deposit_refund_parts')
    // Our refund id: HIS's TransNo and the platform's outRefundNo, fixed for ever.
    .addColumn('refund_id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('request_id', 'varchar(40)', (c) => c.notNull().references('deposit_refunds.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('record_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('his_record_no', 'varchar(64)', (c) => c.notNull())
    .addColumn('channel', 'varchar(16)', (c) => c.notNull())
    .addColumn('record_paid_at', 'varchar(32)')
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('requested_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('out_charge_no', 'varchar(64)', (c) => c.notNull())
    .addColumn('trace_no', 'varchar(64)', (c) => c.notNull())
    .addColumn('charge_channel', 'varchar(16)', (c) => c.notNull())
    .addColumn('charged_fen', 'bigint', (c) => c.notNull())
    .addColumn('step', 'varchar(16)', (c) => c.notNull())
    .addColumn('maybe_sent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('frozen', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('invoice_no', 'varchar(64)')
    .addColumn('refund_no', 'varchar(64)')
    .addColumn('step_since', 'varchar(32)', (c) => c.notNull())
    .addColumn('overdue', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('note', 'text')
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('deposit_refund_parts_seq', ['request_id', 'seq'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('deposit_refund_parts').execute();
  await db.schema.dropTable('deposit_refunds').execute();
}
