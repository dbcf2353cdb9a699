import type { Db } from './db';

/** Which version of each privacy document an account accepted (a history: every version kept). */
export function consentsRepo(db: Db) {
  return {
    async accepted(accountId: string): Promise<{ document: string; version: string; acceptedAt: string }[]> {
      const rows = await db.selectFrom('account_consents').selectAll().where('account_id', '=', accountId).orderBy('accepted_at', 'desc').execute();
      return rows.map((r) => ({ document: r.document, version: r.version, acceptedAt: r.accepted_at }));
    },
    async record(accountId: string, docs: { document: string; version: string }[], at: Date): Promise<void> {
      if (docs.length === 0) return;
      await db
        .insertInto('account_consents')
        .values(docs.map((d) => ({ account_id: accountId, document: d.document, version: d.version, accepted_at: at.toISOString() })))
        .onConflict((oc) => oc.columns(['account_id', 'document', 'version']).doNothing())
        .execute();
    },
  };
}
export type ConsentsRepo = ReturnType<typeof consentsRepo>;
