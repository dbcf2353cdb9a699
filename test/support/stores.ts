import { join } from 'node:path';
import { migrate, openStore, type Store } from '../../bff/src/store/db';
import { createTestDatabase } from './postgres';
import { scratchDir } from './scratch';

export type DialectName = 'sqlite' | 'postgres';
export const DIALECTS: DialectName[] = ['sqlite', 'postgres'];

/** Database settings for a fresh, empty database of the given dialect. */
export async function freshDatabase(dialect: DialectName, name: string): Promise<{ url?: string; sqlitePath: string }> {
  if (dialect === 'sqlite') return { sqlitePath: join(scratchDir('sqlite-'), 'test.db') };
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DATABASE_URL is not set: the jest global setup starts PostgreSQL');
  return { url: await createTestDatabase(base, name), sqlitePath: ':unused:' };
}

export async function freshStore(dialect: DialectName, name: string): Promise<Store> {
  const store = openStore(await freshDatabase(dialect, name));
  await migrate(store.db);
  return store;
}
