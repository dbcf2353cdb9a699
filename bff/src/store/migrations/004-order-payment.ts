import { sql, type Kysely } from 'kysely';

/**
 * What the payment platform needs on every request about a charge (the payer's card, HIS patient
 * id and account, the channel), the trade mode it reported, and when its answer became unclear.
 * At most one unpaid booking per patient and schedule, enforced by the database.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('orders').addColumn('payer_enc', 'text').execute();
  await db.schema.alterTable('orders').addColumn('pay_channel', 'varchar(16)').execute();
  await db.schema.alterTable('orders').addColumn('trade_mode', 'varchar(32)').execute();
  await db.schema.alterTable('orders').addColumn('pay_unknown_since', 'varchar(32)').execute();
  await db.schema
    .createIndex('orders_one_unpaid_booking')
    .on('orders')
    .columns(['patient_id', 'schedule_id'])
    .unique()
    .where(sql.ref('state'), 'in', ['created', 'paying'])
    .where(sql.ref('schedule_id'), 'is not', null)
    .execute();
  await db.schema.createIndex('orders_account_state').on('orders').columns(['account_id', 'state']).execute();
  // Why money went back, in the patient's terms (see domain/orders/refund-cause.ts).
  await db.schema.alterTable('refunds').addColumn('cause', 'varchar(24)').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('refunds').dropColumn('cause').execute();
  await db.schema.dropIndex('orders_account_state').execute();
  await db.schema.dropIndex('orders_one_unpaid_booking').execute();
  for (const c of ['pay_unknown_since', 'trade_mode', 'pay_channel', 'payer_enc']) await db.schema.alterTable('orders').dropColumn(c).execute();
}
