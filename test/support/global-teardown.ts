import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

export default async function globalTeardown(): Promise<void> {
  const pg = (globalThis as { __pg?: { stop(): Promise<void> } }).__pg;
  if (pg) await pg.stop();
  const scratch = process.env.TEST_SCRATCH_DIR;
  if (scratch && scratch.startsWith(tmpdir())) rmSync(scratch, { recursive: true, force: true });
}
