import type { Kysely } from 'kysely';

/** Notices and their delivery, unmatched inbound messages, withdrawn reports, stopped schedules. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('notices')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('account_id', 'varchar(40)', (c) => c.notNull().references('accounts.id'))
    .addColumn('patient_id', 'varchar(40)')
    .addColumn('kind', 'varchar(40)', (c) => c.notNull())
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('link', 'varchar(300)', (c) => c.notNull())
    // A pushed message sent twice shows once: unique per account.
    .addColumn('dedupe_key', 'varchar(200)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('read_at', 'varchar(32)')
    .addUniqueConstraint('notices_account_dedupe', ['account_id', 'dedupe_key'])
    .execute();
  await db.schema.createIndex('notices_account_created').on('notices').columns(['account_id', 'created_at']).execute();

  await db.schema
    .createTable('notice_deliveries')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('notice_id', 'varchar(40)', (c) => c.notNull().references('notices.id'))
    .addColumn('channel', 'varchar(16)', (c) => c.notNull())
    .addColumn('state', 'varchar(16)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('message_id', 'varchar(100)')
    .addColumn('log', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('notice_deliveries_channel', ['notice_id', 'channel'])
    .execute();

  await db.schema
    .createTable('unmatched_messages')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('source', 'varchar(32)', (c) => c.notNull())
    .addColumn('kind', 'varchar(64)', (c) => c.notNull())
    .addColumn('dedupe_key', 'varchar(200)', (c) => c.notNull())
    // Encrypted: it may carry names and ID numbers.
    .addColumn('payload_enc', 'text', (c) => c.notNull())
    .addColumn('reason', 'varchar(200)', (c) => c.notNull())
    .addColumn('received_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('resolved_at', 'varchar(32)')
    .addUniqueConstraint('unmatched_dedupe', ['source', 'dedupe_key'])
    .execute();

  await db.schema
    .createTable('withdrawn_reports')
    .addColumn('lab_id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('report_id', 'varchar(64)')
    .addColumn('marked_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('acknowledged_at', 'varchar(32)')
    .execute();
  await db.schema.createIndex('withdrawn_reports_report').on('withdrawn_reports').column('report_id').execute();

  await db.schema
    .createTable('stopped_schedules')
    .addColumn('schedule_id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('clinic_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('department_code', 'varchar(40)')
    .addColumn('doctor_code', 'varchar(40)')
    .addColumn('stopped_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  // Bookings are found by schedule when HIS stops a clinic; details are encrypted, so a plain column.
  await db.schema.alterTable('orders').addColumn('schedule_id', 'varchar(64)').execute();
  await db.schema.alterTable('orders').addColumn('visit_date', 'varchar(10)').execute();
  await db.schema.createIndex('orders_visit_date').on('orders').columns(['visit_date', 'state']).execute();
  await db.schema.createIndex('orders_schedule').on('orders').column('schedule_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['stopped_schedules', 'withdrawn_reports', 'unmatched_messages', 'notice_deliveries', 'notices']) await db.schema.dropTable(t).execute();
}
