import type { Kysely } from 'kysely';

/** A minor's card names a guardian (监护人): kept with the binding, the ID number encrypted like the patient's. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('patients').addColumn('guardian_name', 'varchar(64)').execute();
  await db.schema.alterTable('patients').addColumn('guardian_id_number_enc', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('patients').dropColumn('guardian_id_number_enc').execute();
  await db.schema.alterTable('patients').dropColumn('guardian_name').execute();
}
