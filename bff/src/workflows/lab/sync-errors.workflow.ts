import type { Deps } from '../../deps';
import { LAB_SYNC_JOB, LabSyncPayload, type LabSyncError } from './withdrawn-sync.job';

export type SyncErrorView = LabSyncError & { source: 'lab'; job: string; nextRunAt: string };

/**
 * The background syncs that are failing now, as their job rows keep them (the error lives in the
 * payload until a run succeeds, so it survives restarts and shows on every instance).
 */
export async function listSyncErrors(deps: Deps): Promise<SyncErrorView[]> {
  const rows = await deps.store.db.selectFrom('jobs').select(['kind', 'payload', 'run_at']).where('kind', '=', LAB_SYNC_JOB).where('state', '=', 'pending').execute();
  return rows.flatMap((r) => {
    const parsed = LabSyncPayload.safeParse(safeJson(r.payload));
    const e = parsed.success ? parsed.data.syncError : undefined;
    return e ? [{ source: 'lab' as const, job: r.kind, ...e, nextRunAt: r.run_at }] : [];
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
