import type { Kysely } from 'kysely';

/** Issue 9: one-time codes that prove a card is the patient's, and accepted privacy documents. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('binding_challenges')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('account_id', 'varchar(40)', (c) => c.notNull().references('accounts.id'))
    .addColumn('purpose', 'varchar(16)', (c) => c.notNull())
    // Keyed hashes only: the phone, the person and the code never sit here in clear.
    .addColumn('phone_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('facts_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('code_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('ip_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('consumed_at', 'varchar(32)')
    .execute();
  // Rate limits count recent codes per phone, account and address.
  await db.schema.createIndex('binding_challenges_phone').on('binding_challenges').columns(['phone_hash', 'created_at']).execute();
  await db.schema.createIndex('binding_challenges_account').on('binding_challenges').columns(['account_id', 'created_at']).execute();
  await db.schema.createIndex('binding_challenges_ip').on('binding_challenges').columns(['ip_hash', 'created_at']).execute();

  await db.schema
    .createTable('account_consents')
    .addColumn('account_id', 'varchar(40)', (c) => c.notNull().references('accounts.id'))
    .addColumn('document', 'varchar(32)', (c) => c.notNull())
    .addColumn('version', 'varchar(40)', (c) => c.notNull())
    .addColumn('accepted_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('account_consents_pk', ['account_id', 'document', 'version'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['account_consents', 'binding_challenges']) await db.schema.dropTable(t).execute();
}
