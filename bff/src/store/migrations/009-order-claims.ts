import type { Kysely } from 'kysely';

/**
 * What an order holds exclusively (an outpatient prescription): one row per thing, its primary key
 * the rule that two live orders never hold the same one. A claim whose order has ended (closed,
 * refunding, refunded) is taken over by the next order in the same transaction.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('order_claims')
    .addColumn('claim', 'varchar(96)', (c) => c.primaryKey())
    .addColumn('trade_no', 'varchar(32)', (c) => c.notNull().references('orders.trade_no'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('order_claims_trade').on('order_claims').column('trade_no').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('order_claims').execute();
}
