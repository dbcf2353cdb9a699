import type { Migration, MigrationProvider } from 'kysely';
import * as m001 from './001-initial';
import * as m002 from './002-orders';
import * as m003 from './003-notices';
import * as m005 from './005-rate-limits';

/** Migrations are listed in code (not read from disk) so they ship with any bundle or runner. */
export const migrationProvider: MigrationProvider = {
  async getMigrations(): Promise<Record<string, Migration>> {
    return { '001-initial': m001, '002-orders': m002, '003-notices': m003, '005-rate-limits': m005 };
  },
};
