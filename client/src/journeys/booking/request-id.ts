import Taro from '@tarojs/taro';

/**
 * The booking's requestId, kept in storage per (patient, schedule, slot) choice so that it survives
 * a reload of the confirm page: on H5 the browser leaves for the cashier, and the back button
 * reloads the page. The same choice within 15 minutes sends the same id, and the BFF answers with
 * the order it already made instead of booking a second slot.
 */
const STORE_KEY = 'hosp.booking.requestIds';

/** As long as an unpaid order can be paid (the BFF's orders.unpaidMinutes default). */
export const REQUEST_ID_TTL_MS = 15 * 60_000;

const ID_CHARS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export interface BookingChoice {
  patientId: string;
  scheduleId: string;
  slot: { visitTime: string; sourceNo: string | null; sourceOrder: string | null } | null;
}

interface StoredId {
  id: string;
  /** Creation time (ms since epoch). */
  at: number;
}

type Store = Record<string, StoredId>;

function newRequestId(): string {
  let id = `bk${Date.now().toString(36)}`;
  while (id.length < 32) id += ID_CHARS[Math.floor(Math.random() * ID_CHARS.length)];
  return id;
}

function choiceKey(c: BookingChoice): string {
  const slot = c.slot ? [c.slot.visitTime, c.slot.sourceNo ?? '', c.slot.sourceOrder ?? ''].join('|') : '-';
  return `${c.patientId}#${c.scheduleId}#${slot}`;
}

function fresh(entry: unknown, now: number): entry is StoredId {
  if (!entry || typeof entry !== 'object') return false;
  const { id, at } = entry as Partial<StoredId>;
  // A clock set back by more than the window counts as stale too.
  return typeof id === 'string' && /^[0-9A-Za-z_-]{8,64}$/.test(id) && typeof at === 'number' && Math.abs(now - at) < REQUEST_ID_TTL_MS;
}

/** The stored ids still within their 15 minutes (older ones are dropped on the way). */
function readStore(now: number): Store {
  let raw: unknown;
  try {
    raw = Taro.getStorageSync(STORE_KEY);
  } catch {
    return {};
  }
  const store: Store = {};
  if (raw && typeof raw === 'object') {
    for (const [key, entry] of Object.entries(raw as Record<string, unknown>)) if (fresh(entry, now)) store[key] = entry;
  }
  return store;
}

function writeStore(store: Store): void {
  try {
    if (Object.keys(store).length === 0) Taro.removeStorageSync(STORE_KEY);
    else Taro.setStorageSync(STORE_KEY, store);
  } catch {
    // Storage full or unavailable: the id still holds for this visit of the page.
  }
}

/** The requestId for this choice: the stored one while it is under 15 minutes old, else a new one (stored). */
export function bookingRequestId(choice: BookingChoice, now: number = Date.now()): string {
  const store = readStore(now);
  const key = choiceKey(choice);
  const kept = store[key];
  if (kept) return kept.id;
  const id = newRequestId();
  store[key] = { id, at: now };
  writeStore(store);
  return id;
}

/** The booking under this choice ended (nothing left to pay, or refused): the next tap makes a new id. */
export function forgetBookingRequestId(choice: BookingChoice, now: number = Date.now()): void {
  const store = readStore(now);
  delete store[choiceKey(choice)];
  writeStore(store);
}
