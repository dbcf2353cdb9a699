import type { QueueView } from '@hosp/shared';
import { SingleFlightCache } from '../../cache/single-flight-cache';
import type { Deps } from '../../deps';
import { beijingDate } from '../../domain/clock';
import { isHisError } from '../../domain/his-errors';
import type { Order } from '../../domain/orders/order';
import type { QueueStatus } from '../../domain/queue/ports';
import { positionLabel, queuePosition } from '../../domain/queue/queue-position';
import { bookingDetails } from '../booking/booking-kind';

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

export async function visitSeen(deps: Deps, order: Order): Promise<boolean> {
  const ids = [order.receipt?.registerId, order.hisRef].filter((x): x is string => Boolean(x));
  if (ids.length === 0) return false;
  const row = await deps.store.db.selectFrom('inbound_messages').select('id').where('source', '=', 'visit').where('dedupe_key', 'in', ids).executeTakeFirst();
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
