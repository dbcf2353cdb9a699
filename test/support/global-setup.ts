import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestPostgres } from './postgres';

/** Storage tests run on SQLite and PostgreSQL: start a throwaway PostgreSQL unless one is given. */
export default async function globalSetup(): Promise<void> {
  process.env.TEST_SCRATCH_DIR ??= mkdtempSync(join(tmpdir(), 'hosp-tests-'));
  if (process.env.TEST_DATABASE_URL) return;
  const pg = await startTestPostgres();
  process.env.TEST_DATABASE_URL = pg.url;
  (globalThis as { __pg?: typeof pg }).__pg = pg;
}
