import type { Kysely } from 'kysely';

/**
 * Inpatient: a prepay order names the stay it pays into (a relative's top-up has no binding of
 * the patient, yet shows in the patient's history); a stay's discharge notice is remembered so
 * the home says 已出院 and stops offering prepay while its bills stay readable.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('orders').addColumn('inpatient_no', 'varchar(64)').execute();
  await db.schema.createIndex('orders_inpatient_no').on('orders').column('inpatient_no').execute();
  await db.schema
    .createTable('inpatient_stays')
    .addColumn('serial_number', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('left_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('reason', 'varchar(32)', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('inpatient_stays').execute();
  await db.schema.dropIndex('orders_inpatient_no').execute();
  await db.schema.alterTable('orders').dropColumn('inpatient_no').execute();
}
