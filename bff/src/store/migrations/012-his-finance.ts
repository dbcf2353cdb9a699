import type { Kysely } from 'kysely';

/**
 * What HIS's calls to us read (checkAccount §13.3, refundApply §14): a day's receipts by the time
 * they were paid and its refunds by the time they settled, each found through an index so a big day
 * is one range scan; and who at the hospital's window started a refund (cashier_id), for audit.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('orders_paid_at').on('orders').column('paid_at').execute();
  await db.schema.createIndex('refunds_settled_at').on('refunds').columns(['settled_at', 'state']).execute();
  await db.schema.alterTable('refunds').addColumn('his_cashier', 'varchar(64)').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('refunds').dropColumn('his_cashier').execute();
  await db.schema.dropIndex('refunds_settled_at').execute();
  await db.schema.dropIndex('orders_paid_at').execute();
}
