import type { Config } from '@hosp/config';
import type { IdentityProvider, LoginPlatform } from './domain/auth/ports';
import type { HisBookingPort } from './domain/booking/ports';
import type { HisCataloguePort } from './domain/catalogue/ports';
import type { HisInpatientPort } from './domain/inpatient/ports';
import type { OrderKinds } from './domain/orders/order-kind';
import type { HisPatientPort } from './domain/patients/ports';
import type { PaymentPort } from './domain/payments/ports';
import type { DepositAccountPort } from './domain/deposit/account';
import type { HisDepositPort } from './domain/deposit/ports';
import type { DepositRefundsRepo } from './store/deposit-refunds.repo';
import type { ChannelName, NoticeChannel } from './domain/notices/ports';
import type { HisReportsPort } from './domain/reports/ports';
import type { HisQueuePort } from './domain/queue/ports';
import type { HisOutpatientPort } from './domain/outpatient/ports';
import type { HisECardPort } from './domain/ecard/ports';
import type { LabPort } from './domain/lab/ports';
import type { HisLedgerPort } from './domain/finance/ledger';
import type { ReconciliationRepo } from './store/reconciliation.repo';
import type { NoticesRepo } from './store/notices.repo';
import type { JobsRepo } from './store/jobs.repo';
import type { OrdersRepo, RefundsRepo } from './store/orders.repo';
import type { Logger } from './logger';
import type { CatalogueService } from './workflows/booking/catalogue.service';
import type { AccountsRepo } from './store/accounts.repo';
import type { Store } from './store/db';
import type { InboundRepo } from './store/inbound.repo';
import type { PatientsRepo } from './store/patients.repo';
import type { SessionsRepo } from './store/sessions.repo';
import type { TrustDeps } from './trust';

/** Everything a workflow may use, built once at start-up (composition root: app.ts). */
export interface Deps {
  config: Config;
  log: Logger;
  store: Store;
  accounts: AccountsRepo;
  sessions: SessionsRepo;
  patients: PatientsRepo;
  inbound: InboundRepo;
  orders: OrdersRepo;
  refunds: RefundsRepo;
  jobs: JobsRepo;
  his: HisPatientPort;
  hisCatalogue: HisCataloguePort;
  hisBooking: HisBookingPort;
  hisInpatient: HisInpatientPort;
  payment: PaymentPort;
  /** The outpatient deposit journey: the platform's account view, HIS's deposit dialect, our refund sagas. */
  depositAccounts: DepositAccountPort;
  hisDeposit: HisDepositPort;
  depositRefunds: DepositRefundsRepo;
  hisReports: HisReportsPort;
  hisQueue: HisQueuePort;
  hisOutpatient: HisOutpatientPort;
  hisECard: HisECardPort;
  /** HIS's daily ledger (13.1 / 13.2) for the reconciliation. */
  hisLedger: HisLedgerPort;
  reconciliation: ReconciliationRepo;
  lab: LabPort | null;
  notices: NoticesRepo;
  /** Outside delivery channels that are configured; the in-app centre needs none. */
  channels: Partial<Record<ChannelName, NoticeChannel>>;
  catalogue: CatalogueService;
  /** The registered order kinds: how each is posted to, queried in and released from HIS. */
  kinds: OrderKinds;
  /** Where the platform notifies us and the H5 cashier returns the patient. */
  publicBaseUrl: string;
  identity: Record<LoginPlatform, IdentityProvider>;
  /** Binding proof (one-time codes by SMS) and privacy consent. */
  trust: TrustDeps;
  now(): Date;
}
