import type { Migration, MigrationProvider } from 'kysely';
import * as m001 from './001-initial';
import * as m002 from './002-orders';
import * as m003 from './003-notices';
import * as m004 from './004-order-payment';
import * as m005 from './005-rate-limits';
import * as m006 from './006-binding-proof';
import * as m007 from './007-patient-guardian';
import * as m008 from './008-deposit-refunds';
import * as m009 from './009-order-claims';
import * as m010 from './010-inpatient';
import * as m011 from './011-his-refunds';
import * as m012 from './012-his-finance';
import * as m014 from './014-partner-calls';
import * as m015 from './015-operator-console';
import * as m013 from './013-reconciliation';

/** Migrations are listed in code (not read from disk) so they ship with any bundle or runner. One a line, in order. */
export const migrationProvider: MigrationProvider = {
  async getMigrations(): Promise<Record<string, Migration>> {
    return {
      '001-initial': m001,
      '002-orders': m002,
      '003-notices': m003,
      '004-order-payment': m004,
      '005-rate-limits': m005,
      '006-binding-proof': m006,
      '007-patient-guardian': m007,
      '008-deposit-refunds': m008,
      '009-order-claims': m009,
      '010-inpatient': m010,
      '011-his-refunds': m011,
      '012-his-finance': m012,
      '013-reconciliation': m013,
      '014-partner-calls': m014,
      '015-operator-console': m015,
    };
  },
};
