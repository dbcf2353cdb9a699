import type { Migration, MigrationProvider } from 'kysely';
import * as m001 from './001-initial';
import * as m002 from './002-orders';
import * as m003 from './003-notices';
import * as m004 from './004-order-payment';
import * as m007 from './007-patient-guardian';
import * as m009 from './009-order-claims';

/** Migrations are listed in code (not read from disk) so they ship with any bundle or runner. */
export const migrationProvider: MigrationProvider = {
  async getMigrations(): Promise<Record<string, Migration>> {
    return { '001-initial': m001, '002-orders': m002, '003-notices': m003, '004-order-payment': m004, '007-patient-guardian': m007, '009-order-claims': m009 };
  },
};
