import type { Kysely } from 'kysely';

/**
 * Rate-limit counters shared by every instance (one fixed window per key), the start of a session's
 * refresh chain (its absolute lifetime), and an index for the on-call metrics of recent order events.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rate_limits')
    .addColumn('bucket', 'varchar(200)', (c) => c.notNull())
    // Windows start at multiples of their length, so every instance counts into the same row.
    .addColumn('window_start', 'varchar(32)', (c) => c.notNull())
    .addColumn('window_end', 'varchar(32)', (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_limits_pk', ['bucket', 'window_start'])
    .execute();
  await db.schema.createIndex('rate_limits_end').on('rate_limits').column('window_end').execute();

  // Null for sessions made before refresh existed: their created_at is their start.
  await db.schema.alterTable('sessions').addColumn('started_at', 'varchar(32)').execute();
  await db.schema.alterTable('sessions').addColumn('platform', 'varchar(16)').execute();

  await db.schema.createIndex('order_events_at').on('order_events').columns(['at', 'to_state']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('order_events_at').execute();
  await db.schema.alterTable('sessions').dropColumn('platform').execute();
  await db.schema.alterTable('sessions').dropColumn('started_at').execute();
  await db.schema.dropTable('rate_limits').execute();
}
