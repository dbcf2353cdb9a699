import type { Kysely } from 'kysely';

/**
 * The daily reconciliation: every run is kept (when, who asked, HIS's totals, counts, what failed);
 * the day's report is the items of its current run, replaced whole in one transaction by a re-run.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('reconciliation_runs')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('check_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('trigger', 'varchar(16)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('is_current', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('summary', 'text')
    .addColumn('started_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('finished_at', 'varchar(32)')
    .execute();
  await db.schema.createIndex('reconciliation_runs_date').on('reconciliation_runs').columns(['check_date', 'started_at']).execute();
  await db.schema
    .createTable('reconciliation_items')
    .addColumn('run_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('check_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('transaction_type', 'integer', (c) => c.notNull())
    .addColumn('trade_no', 'varchar(64)', (c) => c.notNull())
    .addColumn('category', 'varchar(32)', (c) => c.notNull())
    .addColumn('action', 'varchar(32)', (c) => c.notNull())
    .addColumn('his_fen', 'bigint', (c) => c.notNull())
    .addColumn('our_fen', 'bigint', (c) => c.notNull())
    .addColumn('his_refund_fen', 'bigint', (c) => c.notNull())
    .addColumn('our_refund_fen', 'bigint', (c) => c.notNull())
    .addColumn('out_refund_no', 'varchar(64)')
    .addColumn('his_refund_id', 'varchar(64)')
    .addColumn('our_state', 'varchar(16)')
    .addColumn('platform', 'varchar(16)', (c) => c.notNull())
    .addColumn('note', 'varchar(200)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('outcome', 'varchar(300)')
    .addColumn('outcome_at', 'varchar(32)')
    .addPrimaryKeyConstraint('reconciliation_items_pk', ['run_id', 'seq'])
    .execute();
  await db.schema.createIndex('reconciliation_items_day').on('reconciliation_items').columns(['check_date', 'seq']).execute();
  await db.schema.createIndex('reconciliation_items_trade').on('reconciliation_items').columns(['run_id', 'trade_no']).execute();
  // orders.paid_at and refunds.settled_at are indexed by 012; open refunds are read by when they began.
  await db.schema.createIndex('refunds_created_at').on('refunds').column('created_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('refunds_created_at').execute();
  await db.schema.dropTable('reconciliation_items').execute();
  await db.schema.dropTable('reconciliation_runs').execute();
}
