import type { QueueView } from '@hosp/shared';
import { SingleFlightCache } from '../../cache/single-flight-cache';
import type { Deps } from '../../deps';
import { beijingDate } from '../../domain/time';
import { isHisError } from '../../domain/his-errors';
import type { Order } from '../../domain/orders/order';
import type { QueueStatus } from '../../domain/queue/ports';
import type { Db } from '../../store/db';
import { bookingDetails } from '../../domain/booking/booking-details';
import { positionLabel, queuePosition } from '../../domain/queue/queue-position';

/** Department queue reads are shared between every patient asking within a few seconds. */
const caches = new WeakMap<Deps, SingleFlightCache<QueueStatus[]>>();
function cache(deps: Deps): SingleFlightCache<QueueStatus[]> {
  let c = caches.get(deps);
  if (!c) caches.set(deps, (c = new SingleFlightCache(deps.config.queue.cacheSeconds * 1000, () => deps.now().getTime())));
  return c;
}

export function readDepartmentQueue(deps: Deps, departmentCode: string, departmentName: string): Promise<QueueStatus[]> {
  return cache(deps).get(departmentCode, () => deps.hisQueue.departmentQueue(departmentCode, departmentName));
}

export function queueNumberOf(order: Order): number | null {
  const raw = order.receipt?.queueNo ?? bookingDetails(order).queueNo;
  const n = raw ? Number(raw) : NaN;
  return Number.isInteger(n) && n > 0 ? n : null;
}

export function lineFor(lines: QueueStatus[], doctorCode: string | null): QueueStatus | undefined {
  return lines.find((l) => doctorCode && l.doctorCode === doctorCode) ?? lines.find((l) => !l.doctorCode) ?? lines[0];
}

/**
 * Which id said a visit is over: `platform` = the platform's registration id (16.5 `register_id`,
 * our tradeNo), `his` = HIS's registration id (16.5 `his_id`, 15.3 queryClinicStatus). Kept apart
 * in the record so `his.clinicFinishRegisterId` decides at reading time how they match.
 */
export type VisitIdKind = 'platform' | 'his';

/** Notes, on every instance, that this visit is over; a repeat changes nothing. */
export async function recordVisitSeen(deps: Deps, tx: Db, kind: VisitIdKind, id: string, via: string, now: Date): Promise<void> {
  await deps.inbound.claim('visit', 'seen', `${kind}:${id}`, via, now, tx);
}

function seenKeys(deps: Deps, order: Order): string[] {
  const hisIds = [order.receipt?.registerId, order.hisRef].filter((x): x is string => Boolean(x));
  if (deps.config.his.clinicFinishRegisterId === 'any') return [order.tradeNo, ...hisIds].flatMap((id) => [`platform:${id}`, `his:${id}`]);
  return [`platform:${order.tradeNo}`, ...hisIds.map((id) => `his:${id}`)];
}

export async function visitSeen(deps: Deps, order: Order): Promise<boolean> {
  const row = await deps.store.db.selectFrom('inbound_messages').select('id').where('source', '=', 'visit').where('dedupe_key', 'in', seenKeys(deps, order)).executeTakeFirst();
  return Boolean(row);
}

/** Today's visits of the account, each with "N ahead of you". */
export async function myQueue(deps: Deps, accountId: string): Promise<QueueView> {
  const today = beijingDate(deps.now());
  const orders = (await deps.orders.listVisitsOn(today, ['posted'])).filter((o) => o.accountId === accountId);
  const items = await Promise.all(
    orders.map(async (o) => {
      const d = bookingDetails(o);
      // HIS's queue replies (12.1, 12.2) name no room: the department's location (2.1) is where to wait.
      const dept = await deps.catalogue.department(d.target.departmentCode).catch((err: unknown) => {
        if (!isHisError(err)) throw err;
        return deps.catalogue.knownDepartment(d.target.departmentCode);
      });
      const base = { tradeNo: o.tradeNo, patientName: d.patient.realName, departmentName: d.target.departmentName, doctorName: d.target.doctorName, place: dept?.address ?? null };
      const myNumber = queueNumberOf(o);
      if (await visitSeen(deps, o)) return { ...base, myNumber, nowServing: null, waiting: null, ahead: null, state: 'seen' as const, label: '已就诊' };
      let line: QueueStatus | undefined;
      try {
        line = lineFor(await readDepartmentQueue(deps, d.target.departmentCode, d.target.departmentName ?? ''), d.target.doctorCode || null);
      } catch (err) {
        if (!isHisError(err)) throw err;
      }
      if (!line || myNumber === null) return { ...base, myNumber, nowServing: line?.nowServing ?? null, waiting: line?.waiting ?? null, ahead: null, state: 'unknown' as const, label: '暂时无法获取排队信息' };
      const pos = queuePosition(myNumber, line);
      return { ...base, myNumber, nowServing: line.nowServing, waiting: line.waiting, ahead: pos.state === 'called' ? 0 : pos.ahead, state: pos.state, label: positionLabel(pos) };
    }),
  );
  return { items };
}

export async function departmentQueue(deps: Deps, departmentCode: string) {
  const dept = await deps.catalogue.department(departmentCode);
  const lines = await readDepartmentQueue(deps, departmentCode, dept?.name ?? '');
  return { departmentCode, lines: lines.map((l) => ({ doctorName: l.doctorName, nowServing: l.nowServing, waiting: l.waiting })) };
}
