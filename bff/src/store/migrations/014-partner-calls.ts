import type { Kysely } from 'kysely';

/**
 * Every call a partner makes to the refund detail open API, answered or refused: who (our partner
 * id, or null for an unknown token), which operator and refund order they named, the outcome and
 * why, when, and from where. No personal data and no secrets: the answer itself is not kept.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('partner_calls')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('partner_id', 'varchar(32)')
    .addColumn('employee_id', 'varchar(64)')
    .addColumn('refund_order_id', 'varchar(64)')
    // ok | refused
    .addColumn('outcome', 'varchar(16)', (c) => c.notNull())
    .addColumn('reason', 'varchar(40)', (c) => c.notNull())
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .addColumn('caller_address', 'varchar(64)', (c) => c.notNull())
    .addColumn('request_id', 'varchar(64)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('partner_calls_partner_at').on('partner_calls').columns(['partner_id', 'at']).execute();
  await db.schema.createIndex('partner_calls_refund').on('partner_calls').column('refund_order_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('partner_calls').execute();
}
