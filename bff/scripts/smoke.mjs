// Runs the compiled BFF (bff/dist/main.js) once with plain node, as production would, on a
// scratch SQLite database: it must answer /readyz, serve the H5 page when built, and exit 0 on
// SIGTERM. Used by CI when no container tool is available.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bundle = join(root, 'bff', 'dist', 'main.js');
if (!existsSync(bundle)) {
  console.error('smoke: bff/dist/main.js is missing (npm run build:bff)');
  process.exit(1);
}
const port = await new Promise((res) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => res(p));
  });
});
const dir = mkdtempSync(join(tmpdir(), 'bff-smoke-'));
const h5 = join(root, 'client', 'dist', 'h5');
const child = spawn(process.execPath, [bundle], {
  cwd: root,
  env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: String(port), SQLITE_PATH: join(dir, 'smoke.db'), PUBLIC_DIR: existsSync(h5) ? h5 : '', LOG_LEVEL: 'warn', JOBS_ENABLED: 'false' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const exited = new Promise((res) => child.once('exit', (code) => res(code)));
const started = Date.now();
let ready = null;
while (Date.now() - started < 30_000 && child.exitCode === null) {
  try {
    const r = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(1000) });
    if (r.ok) {
      ready = await r.json();
      break;
    }
  } catch {
    /* not up yet */
  }
  await new Promise((r) => setTimeout(r, 100));
}
let failure = null;
if (!ready) failure = 'no ready answer from /readyz within 30 s';
else if (existsSync(h5)) {
  const page = await fetch(`http://127.0.0.1:${port}/`);
  if (page.status !== 200 || !(page.headers.get('content-security-policy') ?? '').includes("frame-ancestors")) failure = `H5 page: ${page.status}`;
}
child.kill('SIGTERM');
const code = await exited;
rmSync(dir, { recursive: true, force: true });
if (!failure && code !== 0) failure = `exit code ${code} after SIGTERM`;
if (failure) {
  console.error(`smoke: FAILED: ${failure}`);
  process.exit(1);
}
console.log(`smoke: compiled BFF ready in ${Date.now() - started} ms (${JSON.stringify(ready)}), stopped cleanly on SIGTERM`);
