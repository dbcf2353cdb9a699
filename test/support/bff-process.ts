import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? res(addr.port) : rej(new Error('no port'))));
    });
  });
}

/**
 * The BFF as a real child process (`node --import tsx bff/src/main.ts`), on a fixed port so the
 * platform's notices find it again after a restart. `kill()` is SIGKILL: no cleanup runs.
 */
export class BffProcess {
  private child: ChildProcess | null = null;
  readonly url: string;
  starts = 0;
  stderr = '';

  constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
    private readonly configFile: string,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  static async create(dir: string, env: Record<string, string>, config: Record<string, unknown>): Promise<BffProcess> {
    const port = await freePort();
    const file = join(dir, 'bff-config.json');
    writeFileSync(file, JSON.stringify(config));
    return new BffProcess(port, { ...env, PORT: String(port), PUBLIC_BASE_URL: `http://127.0.0.1:${port}`, PUBLIC_DIR: '' }, file);
  }

  async start(timeoutMs = 120_000): Promise<void> {
    this.starts += 1;
    const child = spawn(process.execPath, ['--import', 'tsx', 'bff/src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...this.env, CONFIG_FILE: this.configFile, LOG_LEVEL: process.env.TEST_LOG ?? 'error' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr!.on('data', (d: Buffer) => {
      this.stderr = (this.stderr + d.toString()).slice(-20_000);
    });
    this.child = child;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`BFF exited with ${child.exitCode}: ${this.stderr}`);
      try {
        const r = await fetch(`${this.url}/readyz`, { signal: AbortSignal.timeout(500) });
        if (r.ok) return;
      } catch {
        /* not up yet */
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`BFF did not become ready: ${this.stderr}`);
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Sends `signal` and resolves with the exit code once the process has ended. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null;
    const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
    child.kill(signal);
    return exited;
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((res) => child.once('exit', () => res()));
    child.kill(signal);
    await exited;
  }
}
