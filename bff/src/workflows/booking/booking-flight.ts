import type { Deps } from '../../deps';
import type { Order } from '../../domain/orders/order';

/**
 * One in-flight booking per (account, requestId). Within a process the second caller shares the
 * first's promise (and so its result or error); across instances it waits on the order row.
 */
const flights = new WeakMap<Deps, Map<string, Promise<unknown>>>();

export function singleFlight<T>(deps: Deps, key: string, run: () => Promise<T>): Promise<T> {
  let mine = flights.get(deps);
  if (!mine) flights.set(deps, (mine = new Map()));
  const running = mine.get(key) as Promise<T> | undefined;
  if (running) return running;
  const p = run().finally(() => mine!.delete(key));
  mine.set(key, p);
  return p;
}

/** Polls the first try's order until HIS has answered it (or our own HIS deadline has passed). */
export async function awaitFirstTry(deps: Deps, tradeNo: string): Promise<Order> {
  const deadline = Date.now() + deps.config.his.timeoutMs + 2_000;
  for (;;) {
    const order = (await deps.orders.get(tradeNo))!;
    if (order.state !== 'created' || order.hisRef || Date.now() >= deadline) return order;
    await new Promise((r) => setTimeout(r, 100));
  }
}
