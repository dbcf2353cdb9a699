import type { Config } from '@hosp/config';
import { createAlipayProvider, createAlipaySimulator } from './adapters/alipay';
import { createHisClient, createHisSimulator, HisBookingAdapter, HisCatalogueAdapter, HisPatientAdapter, type HisClient, type HisSimulator } from './adapters/his';
import { bridgeDepositSims, createHisDeposit, depositSeed, type DepositSimulator } from './adapters/his-deposit';
import type { DepositAccountPort } from './domain/deposit/account';
import type { HisDepositPort } from './domain/deposit/ports';
import { createPaymentSimulator, PaymentPlatformAdapter, type PaymentSimulator } from './adapters/payment';
import type { HisBookingPort } from './domain/booking/ports';
import type { HisCataloguePort } from './domain/catalogue/ports';
import type { PaymentPort } from './domain/payments/ports';
import { HisECardAdapter, HisInpatientAdapter, HisLedgerAdapter, HisOutpatientAdapter, HisQueueAdapter, HisReportsAdapter } from './adapters/his';
import type { HisLedgerPort } from './domain/finance/ledger';
import type { HisECardPort } from './domain/ecard/ports';
import type { HisInpatientPort } from './domain/inpatient/ports';
import type { HisOutpatientPort } from './domain/outpatient/ports';
import { createLabSimulator, LabAdapter, type LabSimulator } from './adapters/lab';
import {
  createAlipayTemplateChannel, createAlipayTemplateSimulator, createAppPushChannel, createAppPushSimulator,
  createWechatSubscribeChannel, createWechatSubscribeSimulator,
  type AlipayTemplateSimulator, type AppPushSimulator, type WechatSubscribeSimulator,
} from './adapters/channels';
import type { LabPort } from './domain/lab/ports';
import type { ChannelName, NoticeChannel } from './domain/notices/ports';
import type { HisQueuePort } from './domain/queue/ports';
import type { HisReportsPort } from './domain/reports/ports';
import { createHospitalAppProvider, createHospitalAppSimulator } from './adapters/hospital-app';
import { createWechatProvider, createWechatSimulator } from './adapters/wechat';
import type { IdentityProvider, LoginPlatform } from './domain/auth/ports';
import type { HisPatientPort } from './domain/patients/ports';
import type { Logger } from './logger';
import type { SmsSender } from './domain/binding/ports';
import { AliyunSmsAdapter, createSmsSimulator, SMS_SIM_CREDENTIALS, type SmsSimulator } from './adapters/sms';
import { SimStateFile, simStatePathFor } from './adapters/shared/sim-state-file';
import { listenLocal } from './adapters/shared/sim-kit';

/** Running in-process simulators (sim mode only), exposed for the demo and tests. */
export interface Simulators {
  his?: HisSimulator & { baseUrl: string };
  wechat?: ReturnType<typeof createWechatSimulator>;
  alipay?: ReturnType<typeof createAlipaySimulator>;
  hospitalApp?: ReturnType<typeof createHospitalAppSimulator>;
  payment?: PaymentSimulator & { baseUrl: string };
  hisDeposit?: DepositSimulator & { baseUrl: string };
  lab?: LabSimulator;
  wechatMessages?: WechatSubscribeSimulator;
  alipayMessages?: AlipayTemplateSimulator;
  appPush?: AppPushSimulator;
  sms?: SmsSimulator & { baseUrl: string; inboxUrl: string };
  /** The demo's simulator state file (demo.persistSimulators on SQLite). */
  stateFile?: SimStateFile;
}

export interface Outside {
  hisClient: HisClient;
  his: HisPatientPort;
  hisCatalogue: HisCataloguePort;
  hisBooking: HisBookingPort;
  hisReports: HisReportsPort;
  hisQueue: HisQueuePort;
  hisInpatient: HisInpatientPort;
  hisOutpatient: HisOutpatientPort;
  hisECard: HisECardPort;
  hisLedger: HisLedgerPort;
  lab: LabPort | null;
  channels: Partial<Record<ChannelName, NoticeChannel>>;
  payment: PaymentPort;
  /** hop.account.info of the same platform. */
  depositAccounts: DepositAccountPort;
  /** The HIS outpatient deposit dialect (records, refund freeze / confirm / roll back). */
  hisDeposit: HisDepositPort;
  /** The platform secret that signs payment notices to us. */
  paymentSecret: string;
  /** Called once the BFF listens: simulators learn where to send notices. */
  listening(publicBaseUrl: string): void;
  identity: Record<LoginPlatform, IdentityProvider>;
  sms: SmsSender;
  sims: Simulators;
  close(): Promise<void>;
}

/**
 * Builds one adapter per outside system. In `sim` mode the simulator runs in this process on an
 * ephemeral loopback port and the adapter talks to it over real HTTP, exactly as to the real thing.
 */
export async function connectOutside(config: Config, log: Logger): Promise<Outside> {
  const closers: (() => Promise<void>)[] = [];
  const sims: Simulators = {};
  // The demo's simulators remember what they were told across restarts (issue 9).
  const stateFile = config.demo.persistSimulators && !config.database.url ? new SimStateFile(simStatePathFor(config.database.sqlitePath), log) : undefined;
  if (stateFile) sims.stateFile = stateFile;

  let hisBase: string;
  if (config.his.mode === 'sim') {
    const sim = createHisSimulator({ signKey: config.his.signKey, hospitalId: config.his.hospitalId, eCardSignsRealName: config.ecard.signRealName, soapNamespace: config.his.soap.namespace, soapParam: config.his.soap.param });
    stateFile?.add({ name: 'his', target: sim.state, app: sim.app });
    const running = await sim.listen();
    closers.push(running.close);
    hisBase = config.his.transport === 'soap' ? running.soapUrl : running.baseUrl;
    sims.his = Object.assign(sim, { baseUrl: running.baseUrl });
  } else {
    hisBase = config.his.baseUrl;
  }
  const hisClient = createHisClient(
    { transport: config.his.transport, baseUrl: hisBase, timeoutMs: config.his.timeoutMs, maxReplyBytes: config.his.maxReplyBytes, soap: config.his.soap, signKey: config.his.signKey },
    log.child({ system: 'his' }),
  );

  const providerOpts = { logger: log.child({ system: 'login' }) };
  const simUrl: SimUrl = async (sim) => {
    const running = await sim.listen();
    closers.push(running.close);
    return running.baseUrl;
  };
  if (config.wechat.mode === 'sim') sims.wechat = createWechatSimulator();
  if (config.alipay.mode === 'sim') sims.alipay = createAlipaySimulator();
  if (config.hospitalApp.mode === 'sim') sims.hospitalApp = createHospitalAppSimulator();
  const identity: Record<LoginPlatform, IdentityProvider> = {
    weapp: createWechatProvider(config.wechat, sims.wechat && (await simUrl(sims.wechat)), providerOpts),
    alipay: createAlipayProvider(config.alipay, sims.alipay && (await simUrl(sims.alipay)), providerOpts),
    h5: createHospitalAppProvider(config.hospitalApp, sims.hospitalApp && (await simUrl(sims.hospitalApp)), providerOpts),
  };

  const payCfg = config.payment;
  let payment: { serverAddr: string; appId: string; appSecret: string };
  if (payCfg.mode === 'sim') {
    const creds = { appId: 'sim-pay-app', appSecret: 'sim-pay-secret-not-real' };
    const cashierPort = config.demo.cashierPort;
    const sim = createPaymentSimulator({ ...creds, ...(cashierPort ? { publicBaseUrl: `http://127.0.0.1:${cashierPort}` } : {}) });
    stateFile?.add({ name: 'payment', target: sim.ledger, app: sim.app });
    const running = await sim.listen();
    closers.push(running.close);
    // The cashier page a person opens sits on a fixed port (demo.cashierPort), the same app as the API.
    if (cashierPort) closers.push((await listenLocal(sim.app, cashierPort)).close);
    sims.payment = Object.assign(sim, { baseUrl: running.baseUrl });
    payment = { serverAddr: running.baseUrl, ...creds };
  } else {
    payment = { serverAddr: payCfg.serverAddr, appId: payCfg.appId, appSecret: payCfg.appSecret };
  }
  const paymentAdapter = new PaymentPlatformAdapter({
    ...payment,
    timeoutMs: payCfg.timeoutMs,
    operator: payCfg.operator,
    refundDeskMode: payCfg.refundDeskMode,
    ...(config.publicBaseUrl ? { notifyUrl: `${config.publicBaseUrl}/pay/notify` } : {}),
  });

  const deposit = await createHisDeposit(config.hisDeposit, log.child({ system: 'his-deposit' }));
  closers.push(deposit.close);
  if (deposit.sim) {
    sims.hisDeposit = deposit.sim;
    if (sims.payment) bridgeDepositSims(sims.payment, deposit.sim, [depositSeed.lostCard.cardNo]);
  }

  const { lab, channels } = await connectNoticeSystems(config, log, sims, simUrl);
  const sms = await connectSms(config, log, sims, simUrl);

  return {
    hisClient,
    hisReports: new HisReportsAdapter(hisClient, log.child({ system: 'his' })),
    hisQueue: new HisQueueAdapter(hisClient, log.child({ system: 'his' })),
    hisOutpatient: new HisOutpatientAdapter(hisClient, log.child({ system: 'his' })),
    hisECard: new HisECardAdapter(hisClient, { signRealName: config.ecard.signRealName }),
    hisLedger: new HisLedgerAdapter(hisClient),
    lab,
    channels,
    his: new HisPatientAdapter(hisClient),
    hisCatalogue: new HisCatalogueAdapter(hisClient, log.child({ system: 'his' })),
    hisBooking: new HisBookingAdapter(hisClient),
    hisInpatient: new HisInpatientAdapter(hisClient),
    payment: paymentAdapter,
    depositAccounts: paymentAdapter,
    hisDeposit: deposit.port,
    paymentSecret: payment.appSecret,
    listening(publicBaseUrl) {
      sims.payment?.setNotifyUrl(`${publicBaseUrl}/pay/notify`);
    },
    identity,
    sms,
    sims,
    async close() {
      await Promise.allSettled(closers.map((c) => c()));
      stateFile?.flush();
    },
  };
}

type SimUrl = <S extends { listen(): Promise<{ baseUrl: string; close(): Promise<void> }> }>(sim: S) => Promise<string>;

/** The lab and the notice delivery channels (WeChat, Alipay, hospital app), simulated in demo. */
async function connectNoticeSystems(config: Config, log: Logger, sims: Simulators, simUrl: SimUrl) {
  let lab: LabPort | null = null;
  const labCfg = config.lab;
  if (labCfg.mode === 'sim') {
    const creds = { token: 'sim-lab-token-0001', appId: '1001', orgId: '2001' };
    sims.lab = createLabSimulator(creds);
    lab = new LabAdapter({ baseUrl: await simUrl(sims.lab), ...creds, timeoutMs: labCfg.timeoutMs, logger: log.child({ system: 'lab' }) });
  } else if (labCfg.mode === 'remote') {
    lab = new LabAdapter({ baseUrl: labCfg.baseUrl, token: labCfg.token, appId: labCfg.appId, orgId: labCfg.orgId, timeoutMs: labCfg.timeoutMs, logger: log.child({ system: 'lab' }) });
  }
  const n = config.notices;
  const opts = { logger: log.child({ system: 'notices' }) };
  const channels: Partial<Record<ChannelName, NoticeChannel>> = {};
  if (n.wechat.enabled) {
    if (config.wechat.mode === 'sim') sims.wechatMessages = createWechatSubscribeSimulator();
    channels.wechat = createWechatSubscribeChannel(config.wechat, n, sims.wechatMessages && (await simUrl(sims.wechatMessages)), opts);
  }
  if (n.alipay.enabled) {
    if (config.alipay.mode === 'sim') sims.alipayMessages = createAlipayTemplateSimulator();
    channels.alipay = createAlipayTemplateChannel(config.alipay, n, sims.alipayMessages && (await simUrl(sims.alipayMessages)), opts);
  }
  if (n.app.enabled) {
    if (config.hospitalApp.mode === 'sim') sims.appPush = createAppPushSimulator();
    channels.app = createAppPushChannel(config.hospitalApp, n, sims.appPush && (await simUrl(sims.appPush)), opts);
  }
  return { lab, channels };
}

/** The SMS channel for binding codes: Alibaba Cloud SMS, or its simulator (whose inbox the demo shows). */
async function connectSms(config: Config, log: Logger, sims: Simulators, simUrl: SimUrl): Promise<SmsSender> {
  const cfg = config.sms;
  const logger = log.child({ system: 'sms' });
  if (cfg.mode === 'remote') {
    return new AliyunSmsAdapter({ endpoint: cfg.endpoint, accessKeyId: cfg.accessKeyId, accessKeySecret: cfg.accessKeySecret, signName: cfg.signName, templateCode: cfg.templateCode, regionId: cfg.regionId, timeoutMs: cfg.timeoutMs, logger });
  }
  const sim = createSmsSimulator({ flowControl: cfg.flowControl });
  sims.stateFile?.add({ name: 'sms', target: sim.state, app: sim.app });
  const baseUrl = await simUrl(sim);
  sims.sms = Object.assign(sim, { baseUrl, inboxUrl: `${baseUrl}/inbox` });
  return new AliyunSmsAdapter({ endpoint: baseUrl, ...SMS_SIM_CREDENTIALS, timeoutMs: cfg.timeoutMs, logger });
}
