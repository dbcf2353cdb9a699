import { SingleFlightCache } from '../../cache/single-flight-cache';
import type { Deps } from '../../deps';
import { isHisError } from '../../domain/his-errors';
import type { LabReport, ReportSummary } from '../../domain/reports/ports';

/** A finished report's items do not change (a withdrawal is shown separately): 10 minutes is safe. */
const TTL_MS = 10 * 60_000;
/** At most this many detail calls to HIS at once for one list. */
const PARALLEL = 4;

const caches = new WeakMap<Deps, SingleFlightCache<number>>();
function cache(deps: Deps): SingleFlightCache<number> {
  let c = caches.get(deps);
  if (!c) caches.set(deps, (c = new SingleFlightCache(TTL_MS, () => deps.now().getTime(), 5_000)));
  return c;
}

/**
 * The list's 「异常」 badge: HIS's report list (7.1) carries no flags, so each finished lab report's
 * detail (7.2) is read — through a cache, a few at a time — and its items flagged as on the detail
 * page. A detail HIS cannot give now leaves that report without a badge (unknown), never fails the list.
 */
export async function abnormalFlags(deps: Deps, reports: ReportSummary[], countAbnormal: (lab: LabReport) => number): Promise<Map<string, boolean>> {
  const labs = reports.filter((r) => r.kind === 'lab' && r.status === 'done');
  const out = new Map<string, boolean>();
  let next = 0;
  const worker = async () => {
    while (next < labs.length) {
      const r = labs[next++]!;
      try {
        const n = await cache(deps).get(r.reportId, async () => countAbnormal(await deps.hisReports.labDetail(r.reportId)));
        out.set(r.reportId, n > 0);
      } catch (err) {
        if (!isHisError(err)) throw err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, labs.length) }, worker));
  return out;
}
