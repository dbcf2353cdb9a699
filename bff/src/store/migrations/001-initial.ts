import type { Kysely } from 'kysely';

/** Written once for both dialects: only portable column types. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('accounts')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('platform', 'varchar(16)', (c) => c.notNull())
    .addColumn('subject', 'varchar(128)', (c) => c.notNull())
    .addColumn('elder_mode', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('accounts_platform_subject', ['platform', 'subject'])
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('account_id', 'varchar(40)', (c) => c.notNull().references('accounts.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('revoked_at', 'varchar(32)')
    .execute();
  await db.schema.createIndex('sessions_account').on('sessions').column('account_id').execute();

  await db.schema
    .createTable('patients')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('account_id', 'varchar(40)', (c) => c.notNull().references('accounts.id'))
    .addColumn('real_name', 'varchar(64)', (c) => c.notNull())
    .addColumn('relation', 'varchar(16)', (c) => c.notNull())
    .addColumn('id_number_enc', 'text', (c) => c.notNull())
    .addColumn('id_number_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('phone_enc', 'text', (c) => c.notNull())
    .addColumn('patient_card', 'varchar(64)', (c) => c.notNull())
    .addColumn('card_kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('his_no', 'varchar(64)')
    .addColumn('inpatient_no', 'varchar(64)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('patients_account_person', ['account_id', 'id_number_hash'])
    .execute();
  await db.schema.createIndex('patients_card').on('patients').column('patient_card').execute();
  await db.schema.createIndex('patients_id_hash').on('patients').column('id_number_hash').execute();

  await db.schema
    .createTable('inbound_messages')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('source', 'varchar(32)', (c) => c.notNull())
    .addColumn('kind', 'varchar(64)', (c) => c.notNull())
    .addColumn('dedupe_key', 'varchar(200)', (c) => c.notNull())
    .addColumn('received_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('outcome', 'varchar(200)', (c) => c.notNull())
    .addUniqueConstraint('inbound_messages_dedupe', ['source', 'dedupe_key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['inbound_messages', 'patients', 'sessions', 'accounts']) await db.schema.dropTable(t).execute();
}
