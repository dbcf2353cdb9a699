import type { Config } from '@hosp/config';
import type { IdentityProvider, LoginPlatform } from './domain/auth/ports';
import type { HisPatientPort } from './domain/patients/ports';
import type { Logger } from './logger';
import type { AccountsRepo } from './store/accounts.repo';
import type { Store } from './store/db';
import type { InboundRepo } from './store/inbound.repo';
import type { PatientsRepo } from './store/patients.repo';
import type { SessionsRepo } from './store/sessions.repo';

/** Everything a workflow may use, built once at start-up (composition root: app.ts). */
export interface Deps {
  config: Config;
  log: Logger;
  store: Store;
  accounts: AccountsRepo;
  sessions: SessionsRepo;
  patients: PatientsRepo;
  inbound: InboundRepo;
  his: HisPatientPort;
  identity: Record<LoginPlatform, IdentityProvider>;
  now(): Date;
}
