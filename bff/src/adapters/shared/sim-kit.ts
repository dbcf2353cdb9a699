/**
 * Shared pieces of the platform simulators (login, notice channels, lab, payment, HIS): one-time
 * codes with a clock, stable per-user ids, fault switches, raw body reading, a silent router app
 * and a 127.0.0.1 listener.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import type { Router } from '@koa/router';

/** Faults every simulator understands; a simulator may add its own kinds. */
export type FaultKind = 'error' | 'malformed' | 'hang' | 'http500';

/** A queue of faults: each `next(kind)` makes exactly one following request misbehave. */
export class FaultSwitch<K extends string = FaultKind> {
  private readonly queue: K[] = [];
  next(kind: K): void {
    this.queue.push(kind);
  }
  /** Takes the fault for the current request, if any. */
  take(): K | undefined {
    return this.queue.shift();
  }
  clear(): void {
    this.queue.length = 0;
  }
}

export type ConsumeResult = { ok: true; user: string } | { ok: false; reason: 'unknown' | 'used' | 'expired' };

/**
 * One-time codes like the platforms hand out: valid for `ttlMs` (5 min), usable once. Used and
 * expired codes are remembered for a while so the simulator can tell "used" from "unknown".
 */
export class CodeStore {
  private readonly codes = new Map<string, { user: string; issuedAt: number; used: boolean }>();
  constructor(
    private readonly now: () => number,
    private readonly ttlMs = 5 * 60_000,
    private readonly mint: () => string = () => randomBytes(16).toString('hex'),
  ) {}

  issue(user: string): string {
    this.prune();
    let code = this.mint();
    while (this.codes.has(code)) code = this.mint();
    this.codes.set(code, { user, issuedAt: this.now(), used: false });
    return code;
  }

  consume(code: string): ConsumeResult {
    const entry = this.codes.get(code);
    if (!entry) return { ok: false, reason: 'unknown' };
    if (entry.used) return { ok: false, reason: 'used' };
    const age = this.now() - entry.issuedAt;
    if (age > this.ttlMs || age < -this.ttlMs) return { ok: false, reason: 'expired' };
    entry.used = true;
    return { ok: true, user: entry.user };
  }

  /** Forget codes well past their lifetime so a long-running demo does not grow without bound. */
  private prune(): void {
    if (this.codes.size < 10_000) return;
    const cutoff = this.now() - 4 * this.ttlMs;
    for (const [code, entry] of this.codes) if (entry.issuedAt < cutoff) this.codes.delete(code);
  }
}

/** A deterministic id for (namespace, user): the same simulated user always gets the same id. */
export function stableDigest(seed: string, namespace: string, user: string): Buffer {
  return createHmac('sha256', seed).update(namespace).update('\0').update(user).digest();
}

/** Reads the request body as UTF-8, refusing more than `limit` bytes (null when too large). */
export async function readRawBody(ctx: Koa.Context, limit = 64 * 1024): Promise<string | null> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of ctx.req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    total += buf.byteLength;
    if (total > limit) return null;
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Handles the generic faults. Returns true when the request has been dealt with (the route must
 * stop). 'error' is platform-specific and left to the caller.
 */
export function applyTransportFault(ctx: Koa.Context, fault: string | undefined, malformedBody: string): boolean {
  switch (fault) {
    case 'hang':
      // Never answer; the socket is destroyed when the simulator closes.
      ctx.respond = false;
      return true;
    case 'http500':
      ctx.status = 500;
      ctx.type = 'text/html';
      ctx.body = '<html><body>500 Internal Server Error</body></html>';
      return true;
    case 'malformed':
      ctx.status = 200;
      ctx.type = 'text/plain';
      ctx.body = malformedBody;
      return true;
    default:
      return false;
  }
}

export interface RunningSimulator {
  baseUrl: string;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1, port 0 unless given. close() drops open (also hanging) connections. */
export function listenLocal(app: Koa, port = 0): Promise<RunningSimulator> {
  return new Promise((resolve, reject) => {
    const server: Server = app.listen(port, '127.0.0.1');
    server.once('error', reject);
    server.once('listening', () => {
      const { port: bound } = server.address() as AddressInfo;
      resolve({
        baseUrl: `http://127.0.0.1:${bound}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

/** A simulator's Koa app and how to start it; spread into each simulator's returned object. */
export interface SimApp {
  app: Koa;
  listen(port?: number): Promise<RunningSimulator>;
}

/** A silent Koa app serving `router` (simulated failures must not spam the log), listened on via listenLocal. */
export function routerApp(router: Router): SimApp {
  const app = new Koa();
  app.silent = true;
  app.use(router.routes());
  app.use(router.allowedMethods());
  return { app, listen: (port?: number) => listenLocal(app, port) };
}
