import { randomBytes } from 'node:crypto';
import type { OutboundMessage } from '../../domain/notices/ports';
import { HOSPITAL_APP_SIM_APP_KEY, HOSPITAL_APP_SIM_APP_SECRET } from '../hospital-app/sim-credentials';
import type { RunningSimulator } from '../shared/sim-kit';
import {
  APP_PUSH_CODES,
  APP_PUSH_PATH,
  AppPushChannel,
  appPushSign,
  appPushSignContent,
  appPushSignMatches,
  createAppPushChannel,
} from './app-push.channel';
import { createAppPushSimulator } from './app-push.sim';
import { NOTICES_DEMO_DEFAULTS } from '@hosp/config';
import { capturingLogger, fixedReplyServer } from './test-support';

const USER = 'hospapp-user-1001';

const msg = (over: Partial<OutboundMessage> = {}): OutboundMessage => ({
  recipient: USER,
  kind: 'report_ready',
  title: '报告已出',
  fields: { 报告: '检查检验报告', 领取地点: '门诊二楼' },
  link: '/journeys/reports/pages/detail/index?reportId=r1&x=1',
  ...over,
});

describe('hospital-app push channel + simulator', () => {
  let clock = Date.now();
  const sim = createAppPushSimulator({ now: () => clock });
  let running: RunningSimulator;
  const logger = capturingLogger();
  let channel: AppPushChannel;
  const fresh = (over: Partial<ConstructorParameters<typeof AppPushChannel>[0]> = {}) =>
    new AppPushChannel({
      baseUrl: running.baseUrl,
      appKey: HOSPITAL_APP_SIM_APP_KEY,
      appSecret: HOSPITAL_APP_SIM_APP_SECRET,
      timeoutMs: 200,
      now: () => clock,
      ...over,
    });
  const post = (body: unknown) =>
    fetch(`${running.baseUrl}${APP_PUSH_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(
      (r) => r.json() as Promise<{ code: number }>,
    );
  const signed = (over: Record<string, string | number> = {}) => {
    const fields = {
      appKey: HOSPITAL_APP_SIM_APP_KEY,
      userId: USER,
      title: 't',
      body: 'a=1&b=2',
      link: '',
      timestamp: Math.floor(clock / 1000),
      nonce: randomBytes(16).toString('hex'),
      ...over,
    };
    return { ...fields, sign: appPushSign(HOSPITAL_APP_SIM_APP_SECRET, fields) };
  };

  beforeAll(async () => {
    running = await sim.listen();
    sim.registerUser(USER);
    channel = createAppPushChannel({ mode: 'sim' }, NOTICES_DEMO_DEFAULTS, running.baseUrl, { timeoutMs: 200, logger, now: () => clock });
  });
  afterAll(async () => {
    await running.close();
  });
  beforeEach(() => {
    clock = Date.now();
    sim.faults.clear();
  });

  it('sends a signed push: title, body lines, link; messageId from the app', async () => {
    expect(channel.name).toBe('app');
    const r = await channel.send(msg());
    const got = sim.sent.at(-1)!;
    expect(r).toEqual({ outcome: 'sent', messageId: got.messageId });
    expect(got).toMatchObject({
      userId: USER,
      title: '报告已出',
      body: '报告：检查检验报告\n领取地点：门诊二楼',
      link: '/journeys/reports/pages/detail/index?reportId=r1&x=1',
    });
  });

  it('cuts title to 64 and body to 512 characters', async () => {
    const r = await channel.send(msg({ title: '题'.repeat(100), fields: { 长: '字'.repeat(600) } }));
    expect(r.outcome).toBe('sent');
    const got = sim.sent.at(-1)!;
    expect(Array.from(got.title)).toHaveLength(64);
    expect(Array.from(got.body)).toHaveLength(512);
  });

  it('unknown user (40401) → rejected', async () => {
    expect(await channel.send(msg({ recipient: 'nobody' }))).toEqual({ outcome: 'rejected', reason: 'app:40401' });
  });

  it.each([
    ['error', 'app:50000'],
    ['rate-limit', 'app:42900'],
    ['malformed', 'malformed-json'],
    ['http500', 'http-status:500'],
    ['hang', 'timeout'],
  ] as const)('fault %s → retry (%s), nothing sent', async (kind, reason) => {
    const before = sim.sent.length;
    sim.faults.next(kind);
    const started = Date.now();
    expect(await channel.send(msg())).toEqual({ outcome: 'retry', reason });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(sim.sent.length).toBe(before);
  });

  it('reply of the wrong shape → retry: code not a number, code 0 without data', async () => {
    for (const body of ['{"code":"0"}', '{"code":0,"message":"ok"}', 'null']) {
      const odd = await fixedReplyServer(body);
      try {
        expect(await fresh({ baseUrl: odd.baseUrl }).send(msg())).toEqual({ outcome: 'retry', reason: 'bad-reply-shape' });
      } finally {
        await odd.close();
      }
    }
    expect(await fresh({ maxReplyBytes: 20 }).send(msg())).toEqual({ outcome: 'retry', reason: 'reply-too-large' });
  });

  it('the simulator verifies the sign: a wrong secret → 40101 → retry, nothing sent', async () => {
    const before = sim.sent.length;
    const bad = sim.badSignatures;
    expect(await fresh({ appSecret: 'not-the-app-secret' }).send(msg())).toEqual({ outcome: 'retry', reason: 'app:40101' });
    expect(sim.badSignatures).toBe(bad + 1);
    expect(sim.sent.length).toBe(before);
  });

  it('a signed request altered in any field is refused; the untouched one is accepted', async () => {
    expect((await post(signed())).code).toBe(APP_PUSH_CODES.OK);
    for (const change of [{ title: 'T' }, { userId: 'someone-else' }, { link: '/evil' }, { timestamp: Math.floor(clock / 1000) + 1 }]) {
      expect((await post({ ...signed(), ...change })).code).toBe(APP_PUSH_CODES.BAD_SIGN);
    }
  });

  it('sign content percent-encodes values, so text cannot move between fields', () => {
    const a = { appKey: 'k', body: 'x&link=evil', link: '', nonce: 'n', timestamp: 1, title: 't', userId: 'u' };
    const b = { ...a, body: 'x', link: 'evil&link=' };
    expect(appPushSignContent(a)).toBe('appKey=k&body=x%26link%3Devil&link=&nonce=n&timestamp=1&title=t&userId=u');
    expect(appPushSignContent(a)).not.toBe(appPushSignContent(b));
    const req = { ...a, sign: appPushSign('secret-123', a) };
    expect(appPushSignMatches('secret-123', req)).toBe(true);
    expect(appPushSignMatches('secret-123', { ...req, body: 'x', link: 'evil&link=' })).toBe(false);
    expect(appPushSignMatches('secret-124', req)).toBe(false);
  });

  it('a replayed nonce (40103) and a stale timestamp (40102) are refused → retry', async () => {
    const once = signed();
    expect((await post(once)).code).toBe(APP_PUSH_CODES.OK);
    expect((await post(once)).code).toBe(APP_PUSH_CODES.NONCE_REUSED);
    expect((await post(signed({ timestamp: Math.floor(clock / 1000) - 600 }))).code).toBe(APP_PUSH_CODES.BAD_TIMESTAMP);
    expect(await fresh({ now: () => clock - 10 * 60_000 }).send(msg())).toEqual({ outcome: 'retry', reason: 'app:40102' });
  });

  it('a wrong app key → 40100 → retry; a malformed request → 40000', async () => {
    expect(await fresh({ appKey: 'other-app' }).send(msg())).toEqual({ outcome: 'retry', reason: 'app:40100' });
    expect((await post({ hello: 1 })).code).toBe(APP_PUSH_CODES.BAD_REQUEST);
  });

  it('unreachable app → retry, never a throw; a malformed message → rejected', async () => {
    const dead = createAppPushSimulator();
    const r = await dead.listen();
    await r.close();
    expect(await fresh({ baseUrl: r.baseUrl }).send(msg())).toEqual({ outcome: 'retry', reason: 'network' });
    expect((await channel.send(undefined as unknown as OutboundMessage)).outcome).toBe('rejected');
  });

  it('remote mode uses the hospitalApp credentials (notices.app.baseUrl when set)', async () => {
    const remote = createAppPushChannel(
      { mode: 'remote', baseUrl: 'http://127.0.0.1:9/', appKey: HOSPITAL_APP_SIM_APP_KEY, appSecret: HOSPITAL_APP_SIM_APP_SECRET },
      { ...NOTICES_DEMO_DEFAULTS, app: { enabled: true, baseUrl: running.baseUrl } },
    );
    expect((await remote.send(msg())).outcome).toBe('sent');
    expect(() => createAppPushChannel({ mode: 'sim' }, NOTICES_DEMO_DEFAULTS)).toThrow(/simulator/);
  });

  it('logs kind, channel, outcome and duration only: no user id, secret or field values', async () => {
    await channel.send(msg());
    await channel.send(msg({ recipient: 'nobody' }));
    const all = logger.lines.join('\n');
    expect(all).toContain('"channel":"app"');
    expect(all).toContain('"kind":"report_ready"');
    expect(all).toContain('"outcome":"sent"');
    expect(all).toContain('"outcome":"rejected"');
    for (const secret of [USER, 'nobody', HOSPITAL_APP_SIM_APP_SECRET, '检查检验报告', '门诊二楼', 'reportId']) {
      expect(all).not.toContain(secret);
    }
  });
});
