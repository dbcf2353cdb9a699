import { sql, type Kysely } from 'kysely';

/**
 * Refunds HIS starts (refundApply, §14): HIS's refund key `hisId` is unique (the same `hisId` always
 * gets the same refund), and a reversal (`is_reverse` = 1) is kept out of reconciliation. Shared by
 * the refundApply / queryRefundStatus service and the daily reconciliation.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('refunds').addColumn('his_id', 'varchar(64)').execute();
  await db.schema.alterTable('refunds').addColumn('is_reverse', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.createIndex('refunds_his_id').on('refunds').column('his_id').unique().where(sql.ref('his_id'), 'is not', null).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('refunds_his_id').execute();
  await db.schema.alterTable('refunds').dropColumn('is_reverse').execute();
  await db.schema.alterTable('refunds').dropColumn('his_id').execute();
}
