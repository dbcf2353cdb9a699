import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * One scratch folder per test run (set by the global setup, inherited by the workers), removed by
 * the global teardown: tests leave no SQLite files or configs behind in /tmp.
 */
export function scratchDir(prefix: string): string {
  const root = process.env.TEST_SCRATCH_DIR ?? tmpdir();
  mkdirSync(root, { recursive: true });
  return mkdtempSync(join(root, prefix));
}
