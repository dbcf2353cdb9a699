import type { Kysely } from 'kysely';

/** Orders, their audit trail, refunds, and the job table (outbox) that drives every side effect. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('orders')
    .addColumn('trade_no', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('kind', 'varchar(24)', (c) => c.notNull())
    .addColumn('account_id', 'varchar(40)', (c) => c.notNull().references('accounts.id'))
    .addColumn('patient_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('client_request_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('state', 'varchar(16)', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('subject', 'varchar(200)', (c) => c.notNull())
    .addColumn('pay_client', 'varchar(16)', (c) => c.notNull())
    // Snapshot of who and what is paid for, so posting never depends on data that may change.
    .addColumn('details_enc', 'text', (c) => c.notNull())
    .addColumn('his_ref', 'varchar(64)')
    .addColumn('charge_no', 'varchar(64)')
    .addColumn('trace_no', 'varchar(64)')
    .addColumn('paid_at', 'varchar(32)')
    .addColumn('post_round', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('post_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('receipt', 'text')
    .addColumn('attention_reason', 'text')
    .addColumn('status_note', 'text')
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('orders_client_request', ['account_id', 'client_request_id'])
    .execute();
  await db.schema.createIndex('orders_account').on('orders').columns(['account_id', 'created_at']).execute();
  await db.schema.createIndex('orders_state').on('orders').column('state').execute();

  await db.schema
    .createTable('order_events')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('trade_no', 'varchar(32)', (c) => c.notNull().references('orders.trade_no'))
    .addColumn('from_state', 'varchar(16)')
    .addColumn('to_state', 'varchar(16)', (c) => c.notNull())
    .addColumn('actor', 'varchar(16)', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('order_events_trade').on('order_events').columns(['trade_no', 'at']).execute();

  await db.schema
    .createTable('refunds')
    .addColumn('out_refund_no', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('trade_no', 'varchar(32)', (c) => c.notNull().references('orders.trade_no'))
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('state', 'varchar(16)', (c) => c.notNull())
    .addColumn('refund_no', 'varchar(64)')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_code', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('settled_at', 'varchar(32)')
    .execute();
  await db.schema.createIndex('refunds_trade').on('refunds').column('trade_no').execute();

  await db.schema
    .createTable('jobs')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('kind', 'varchar(32)', (c) => c.notNull())
    // Idempotency key: enqueueing the same work twice is a no-op.
    .addColumn('job_key', 'varchar(120)', (c) => c.notNull().unique())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('state', 'varchar(12)', (c) => c.notNull())
    .addColumn('run_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lease_owner', 'varchar(64)')
    .addColumn('lease_until', 'varchar(32)')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('jobs_due').on('jobs').columns(['state', 'run_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['jobs', 'refunds', 'order_events', 'orders']) await db.schema.dropTable(t).execute();
}
