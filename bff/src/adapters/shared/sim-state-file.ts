/**
 * The demo's in-process simulators (HIS, payment platform, SMS) keep their state in one JSON file
 * beside the demo database, so a restart never forgets a booking HIS took or a payment the platform
 * holds (which would turn a paid booking into a refund). The state is written after every request a
 * simulator answers, before the answer leaves: whatever the BFF was told is on disk. Writes go to a
 * temporary file renamed over the old one, so a crash mid-write keeps the previous state.
 *
 * Snapshots are generic over the simulators' own objects (Maps, Sets, Dates, plain data; functions
 * are skipped), so the simulators need no code for it and their fields may change freely.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type Koa from 'koa';

export interface PersistedSim {
  name: string;
  /** The simulator's state object; restored in place (its Maps and Sets are refilled). */
  target: object;
  /** Requests to this app are followed by a write. */
  app?: Koa;
}

interface Log {
  warn(obj: object, msg?: string): void;
}

const MAP = '$map';
const SET = '$set';
const DATE = '$date';

export function encodeState(value: unknown): string {
  return JSON.stringify(value, function replacer(this: Record<string, unknown>, key: string, v: unknown) {
    const raw = key === '' ? v : this[key];
    if (typeof raw === 'function') return undefined;
    if (raw instanceof Map) return { [MAP]: [...raw.entries()] };
    if (raw instanceof Set) return { [SET]: [...raw.values()] };
    if (raw instanceof Date) return { [DATE]: raw.toISOString() };
    return v;
  });
}

export function decodeState(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o);
      if (keys.length === 1 && keys[0] === MAP && Array.isArray(o[MAP])) return new Map(o[MAP] as [unknown, unknown][]);
      if (keys.length === 1 && keys[0] === SET && Array.isArray(o[SET])) return new Set(o[SET] as unknown[]);
      if (keys.length === 1 && keys[0] === DATE && typeof o[DATE] === 'string') return new Date(o[DATE]);
    }
    return v;
  });
}

/** Own data fields of a simulator's state object (functions left out). */
function snapshot(target: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(target).filter(([, v]) => typeof v !== 'function'));
}

/** Puts saved fields back into the live object: Maps and Sets keep their identity (others hold them). */
function restoreInto(target: object, saved: Record<string, unknown>): void {
  const t = target as Record<string, unknown>;
  for (const [key, value] of Object.entries(saved)) {
    const current = t[key];
    if (typeof current === 'function') continue;
    if (current instanceof Map && value instanceof Map) {
      current.clear();
      for (const [k, v] of value) current.set(k, v);
    } else if (current instanceof Set && value instanceof Set) {
      current.clear();
      for (const v of value) current.add(v);
    } else if (Array.isArray(current) && Array.isArray(value)) {
      current.splice(0, current.length, ...value);
    } else {
      t[key] = value;
    }
  }
}

export class SimStateFile {
  private readonly sims: PersistedSim[] = [];
  private saved: Record<string, Record<string, unknown>> = {};
  private last = '';
  /** Whether an earlier run's state was found. */
  readonly restored: boolean;

  /** Reads the saved state; a missing file is a first start, an unreadable one is set aside. */
  constructor(
    readonly file: string,
    private readonly log?: Log,
  ) {
    this.restored = false;
    if (!existsSync(file)) return;
    try {
      this.saved = decodeState(readFileSync(file, 'utf8')) as Record<string, Record<string, unknown>>;
      this.restored = true;
    } catch (err) {
      const aside = `${file}.unreadable-${Date.now()}`;
      renameSync(file, aside);
      log?.warn({ file, aside, error: (err as Error).message }, 'simulator state unreadable: starting fresh');
    }
  }

  /**
   * Before the simulator listens: puts its saved state back, and follows every request its app
   * answers with a write.
   */
  add(sim: PersistedSim): void {
    const part = this.saved[sim.name];
    if (part && typeof part === 'object') restoreInto(sim.target, part);
    this.sims.push(sim);
    sim.app?.middleware.unshift(async (_ctx: Koa.Context, next: Koa.Next) => {
      try {
        await next();
      } finally {
        this.flush();
      }
    });
  }

  flush(): void {
    const text = encodeState(Object.fromEntries(this.sims.map((s) => [s.name, snapshot(s.target)])));
    if (text === this.last) return;
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, this.file);
    this.last = text;
  }
}

/** The state file of a SQLite demo database: `data/hospital.db` → `data/hospital.sims.json`. */
export function simStatePathFor(sqlitePath: string): string {
  return `${sqlitePath.replace(/\.(db|sqlite3?)$/i, '')}.sims.json`;
}
