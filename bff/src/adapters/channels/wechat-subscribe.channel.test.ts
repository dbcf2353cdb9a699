import type { OutboundMessage } from '../../domain/notices/ports';
import type { RunningSimulator } from '../shared/sim-kit';
import { WECHAT_SIM_APP_ID, WECHAT_SIM_APP_SECRET } from '../wechat/sim-credentials';
import { NOTICES_DEMO_DEFAULTS } from '@hosp/config';
import { capturingLogger, fixedReplyServer } from './test-support';
import {
  WECHAT_STABLE_TOKEN_PATH,
  WECHAT_TOKEN_PATH,
  WechatSubscribeChannel,
  createWechatSubscribeChannel,
  wechatValueLimit,
} from './wechat-subscribe.channel';
import { createWechatSubscribeSimulator } from './wechat-subscribe.sim';

const OPENID = 'oABCDEFGHIJKLMNOPQRSTUVWXYZ1';
const TPL = NOTICES_DEMO_DEFAULTS.wechat.templates.fee_due!.templateId;

const feeDue = (over: Partial<OutboundMessage> = {}): OutboundMessage => ({
  recipient: OPENID,
  kind: 'fee_due',
  title: '门诊缴费提醒',
  fields: { 费用类型: '西药费', 金额: '¥15.00', 就诊卡: '6222****1234' },
  link: 'journeys/fees/pages/list/index?patientId=p1',
  ...over,
});

describe('WeChat subscription message channel + simulator', () => {
  let clock = Date.now();
  const sim = createWechatSubscribeSimulator({ now: () => clock });
  let running: RunningSimulator;
  const logger = capturingLogger();
  let channel: WechatSubscribeChannel;
  const fresh = (over: Partial<ConstructorParameters<typeof WechatSubscribeChannel>[0]> = {}) =>
    new WechatSubscribeChannel({
      baseUrl: running.baseUrl,
      appId: WECHAT_SIM_APP_ID,
      appSecret: WECHAT_SIM_APP_SECRET,
      templates: NOTICES_DEMO_DEFAULTS.wechat.templates,
      timeoutMs: 200,
      now: () => clock,
      ...over,
    });

  beforeAll(async () => {
    running = await sim.listen();
    channel = createWechatSubscribeChannel({ mode: 'sim' }, NOTICES_DEMO_DEFAULTS, running.baseUrl, { timeoutMs: 200, logger, now: () => clock });
  });
  afterAll(async () => {
    await running.close();
  });
  beforeEach(() => {
    sim.faults.clear();
    sim.tokenFaults.clear();
  });

  it('is the wechat channel and listens on 127.0.0.1', () => {
    expect(channel.name).toBe('wechat');
    expect(running.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('sends a granted message: template, mapped keys, page, state; msgid kept exactly', async () => {
    sim.grantSubscription(OPENID, TPL, 1);
    const before = sim.sent.length;
    const r = await channel.send(feeDue());
    expect(sim.sent.length).toBe(before + 1);
    const got = sim.sent.at(-1)!;
    expect(r).toEqual({ outcome: 'sent', messageId: got.msgid });
    expect(got.msgid).toMatch(/^\d{19}$/); // beyond 2^53: must not be rounded by JSON.parse
    expect(got).toMatchObject({
      touser: OPENID,
      templateId: TPL,
      page: 'journeys/fees/pages/list/index?patientId=p1',
      data: { thing1: '西药费', amount2: '¥15.00', character_string3: '6222****1234' },
      miniprogramState: 'formal',
      lang: 'zh_CN',
    });
  });

  it('consumes the one-time subscription: a second send without a new grant is rejected (43101)', async () => {
    const user = 'oQuotaUser0000000000000000001';
    const msg = feeDue({ recipient: user });
    expect(sim.quotaOf(user, TPL)).toBe(0);
    expect(await channel.send(msg)).toEqual({ outcome: 'rejected', reason: 'wechat:43101' });
    sim.grantSubscription(user, TPL, 1);
    expect(sim.quotaOf(user, TPL)).toBe(1);
    expect((await channel.send(msg)).outcome).toBe('sent');
    expect(sim.quotaOf(user, TPL)).toBe(0);
    expect(await channel.send(msg)).toEqual({ outcome: 'rejected', reason: 'wechat:43101' });
    // Quota is per template: a grant for another template does not help.
    sim.grantSubscription(user, NOTICES_DEMO_DEFAULTS.wechat.templates.report_ready!.templateId, 1);
    expect((await channel.send(msg)).outcome).toBe('rejected');
    sim.grantSubscription(user, TPL, 2);
    expect((await channel.send(msg)).outcome).toBe('sent');
    expect((await channel.send(msg)).outcome).toBe('sent');
    expect((await channel.send(msg)).outcome).toBe('rejected');
  });

  it('cuts values to the key type limits (thing 20, phrase 5, character_string 32) by characters', async () => {
    expect(wechatValueLimit('thing12')).toBe(20);
    expect(wechatValueLimit('phrase3')).toBe(5);
    expect(wechatValueLimit('character_string3')).toBe(32);
    expect(wechatValueLimit('amount2')).toBe(20);
    sim.grantSubscription(OPENID, TPL, 1);
    const long = '一二三四五六七八九十一二三四五六七八九十超出的部分';
    const r = await channel.send(feeDue({ fields: { 费用类型: long, 金额: '¥15.00', 就诊卡: 'x'.repeat(40) } }));
    expect(r.outcome).toBe('sent');
    const got = sim.sent.at(-1)!;
    expect(got.data.thing1).toBe(long.slice(0, 20));
    expect(got.data.character_string3).toBe('x'.repeat(32));
  });

  it('maps $title to a key and never splits a surrogate pair', async () => {
    const tpl = NOTICES_DEMO_DEFAULTS.wechat.templates.order_posted!.templateId;
    sim.grantSubscription(OPENID, tpl, 1);
    const r = await channel.send({
      recipient: OPENID,
      kind: 'order_posted',
      title: '缴费成功',
      fields: { 订单: '😀'.repeat(25), 金额: '¥1.00' },
      link: '',
    });
    expect(r.outcome).toBe('sent');
    const got = sim.sent.at(-1)!;
    expect(got.data.phrase3).toBe('缴费成功');
    expect(got.data.thing1).toBe('😀'.repeat(20));
    expect(got.page).toBeUndefined();
  });

  it('invalid openid (40003) → rejected', async () => {
    expect(await channel.send(feeDue({ recipient: 'not an openid!' }))).toEqual({ outcome: 'rejected', reason: 'wechat:40003' });
  });

  it('template data missing a key (47003) → rejected, quota untouched', async () => {
    sim.grantSubscription(OPENID, TPL, 1);
    const quota = sim.quotaOf(OPENID, TPL);
    const r = await channel.send(feeDue({ fields: { 费用类型: '西药费' } }));
    expect(r).toEqual({ outcome: 'rejected', reason: 'wechat:47003' });
    expect(sim.quotaOf(OPENID, TPL)).toBe(quota);
  });

  it('a kind without a configured template → rejected without a call', async () => {
    const sent = sim.sent.length;
    const calls = sim.tokenCalls;
    expect(await fresh().send(feeDue({ kind: 'no_such_kind' }))).toEqual({ outcome: 'rejected', reason: 'no-template' });
    expect(sim.sent.length).toBe(sent);
    expect(sim.tokenCalls).toBe(calls);
  });

  it('a template id the platform does not know (40037) → rejected', async () => {
    const c = fresh({ templates: { fee_due: { templateId: 'unknown-tpl', fields: { 费用类型: 'thing1' } } } });
    expect(await c.send(feeDue())).toEqual({ outcome: 'rejected', reason: 'wechat:40037' });
  });

  it.each([
    ['rate-limit', 'wechat:45009'],
    ['error', 'wechat:-1'],
    ['malformed', 'malformed-json'],
    ['http500', 'http-status:500'],
    ['hang', 'timeout'],
  ] as const)('send fault %s → retry (%s), quota untouched', async (kind, reason) => {
    sim.grantSubscription(OPENID, TPL, 1);
    const quota = sim.quotaOf(OPENID, TPL);
    sim.faults.next(kind);
    const started = Date.now();
    expect(await channel.send(feeDue())).toEqual({ outcome: 'retry', reason });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(sim.quotaOf(OPENID, TPL)).toBe(quota);
  });

  it('reply of the wrong shape → retry bad-reply-shape; oversize reply → retry', async () => {
    const odd = await fixedReplyServer('{"errcode":"zero","msgid":[]}');
    try {
      expect(await fresh({ baseUrl: odd.baseUrl }).send(feeDue())).toEqual({ outcome: 'retry', reason: 'token:bad-reply-shape' });
    } finally {
      await odd.close();
    }
    const tokenOnly = await fixedReplyServer('{"access_token":"t0k3n","expires_in":7200}');
    try {
      // The token is fine; the send gets the same body back, which has no errcode.
      expect(await fresh({ baseUrl: tokenOnly.baseUrl }).send(feeDue())).toEqual({ outcome: 'retry', reason: 'bad-reply-shape' });
    } finally {
      await tokenOnly.close();
    }
    expect(await fresh({ maxReplyBytes: 20 }).send(feeDue())).toEqual({ outcome: 'retry', reason: 'token:reply-too-large' });
  });

  it('fetches one token for several sends, also concurrent ones', async () => {
    const c = fresh();
    sim.grantSubscription(OPENID, TPL, 6);
    const calls = sim.tokenCalls;
    for (let i = 0; i < 3; i++) expect((await c.send(feeDue())).outcome).toBe('sent');
    const parallel = await Promise.all([c.send(feeDue()), c.send(feeDue()), c.send(feeDue())]);
    expect(parallel.map((r) => r.outcome)).toEqual(['sent', 'sent', 'sent']);
    expect(sim.tokenCalls - calls).toBe(1);
  });

  it('concurrent first sends share a single token fetch', async () => {
    const c = fresh();
    sim.grantSubscription(OPENID, TPL, 3);
    const calls = sim.tokenCalls;
    const rs = await Promise.all([c.send(feeDue()), c.send(feeDue()), c.send(feeDue())]);
    expect(rs.every((r) => r.outcome === 'sent')).toBe(true);
    expect(sim.tokenCalls - calls).toBe(1);
  });

  it('refreshes the token once on 40001 and delivers', async () => {
    const c = fresh();
    sim.grantSubscription(OPENID, TPL, 2);
    const calls = sim.tokenCalls;
    const forced = sim.forcedTokenCalls;
    expect((await c.send(feeDue())).outcome).toBe('sent');
    sim.revokeTokens();
    const sent = sim.sent.length;
    expect((await c.send(feeDue())).outcome).toBe('sent');
    expect(sim.sent.length).toBe(sent + 1); // delivered once, not twice
    expect(sim.tokenCalls - calls).toBe(2);
    // The platform already had a new token for us: no forced refresh was needed.
    expect(sim.forcedTokenCalls - forced).toBe(0);
  });

  it('a second 40001 after the refresh → retry (no loop), nothing delivered', async () => {
    const c = fresh();
    sim.grantSubscription(OPENID, TPL, 2);
    const calls = sim.tokenCalls;
    expect((await c.send(feeDue())).outcome).toBe('sent');
    const quota = sim.quotaOf(OPENID, TPL);
    const sent = sim.sent.length;
    const forced = sim.forcedTokenCalls;
    sim.faults.next('token-invalid');
    sim.faults.next('token-invalid');
    expect(await c.send(feeDue())).toEqual({ outcome: 'retry', reason: 'wechat:40001' });
    // First fetch, then one refresh: normal mode (hands back the refused token), then forced.
    expect(sim.tokenCalls - calls).toBe(3);
    expect(sim.forcedTokenCalls - forced).toBe(1);
    expect(sim.faults.take()).toBeUndefined(); // exactly two sends were tried
    expect(sim.quotaOf(OPENID, TPL)).toBe(quota);
    expect(sim.sent.length).toBe(sent);
  });

  it('uses the token until expires_in minus the margin, then fetches a new one', async () => {
    const c = fresh({ tokenMarginSeconds: 300 });
    sim.grantSubscription(OPENID, TPL, 3);
    const calls = sim.tokenCalls;
    await c.send(feeDue());
    clock += (7200 - 301) * 1000;
    await c.send(feeDue());
    expect(sim.tokenCalls - calls).toBe(1);
    clock += 2_000;
    expect((await c.send(feeDue())).outcome).toBe('sent');
    expect(sim.tokenCalls - calls).toBe(2);
  });

  it('a token the platform says expired (42001) is refreshed and the send repeated', async () => {
    // The channel's clock lags the platform's: it still believes its token is good.
    const lag = clock;
    const lagging = fresh({ tokenMarginSeconds: 0, now: () => lag });
    sim.grantSubscription(OPENID, TPL, 2);
    const calls = sim.tokenCalls;
    expect((await lagging.send(feeDue())).outcome).toBe('sent');
    clock += 7200 * 1000 + 1;
    expect((await lagging.send(feeDue())).outcome).toBe('sent');
    expect(sim.tokenCalls - calls).toBe(2);
  });

  it('token failures are retry: wrong secret, busy, hang', async () => {
    expect(await fresh({ appSecret: 'wrong-secret-123' }).send(feeDue())).toEqual({ outcome: 'retry', reason: 'wechat-token:40125' });
    sim.tokenFaults.next('error');
    expect(await fresh().send(feeDue())).toEqual({ outcome: 'retry', reason: 'wechat-token:-1' });
    sim.tokenFaults.next('malformed');
    expect(await fresh().send(feeDue())).toEqual({ outcome: 'retry', reason: 'token:malformed-json' });
    sim.tokenFaults.next('hang');
    expect(await fresh().send(feeDue())).toEqual({ outcome: 'retry', reason: 'token:timeout' });
  });

  it('unreachable platform → retry, never a throw', async () => {
    const dead = createWechatSubscribeSimulator();
    const r = await dead.listen();
    await r.close();
    expect(await fresh({ baseUrl: r.baseUrl }).send(feeDue())).toEqual({ outcome: 'retry', reason: 'token:network' });
  });

  it('a malformed message → rejected, never a throw', async () => {
    expect((await channel.send(null as unknown as OutboundMessage)).outcome).toBe('rejected');
    expect((await channel.send(feeDue({ recipient: '' }))).outcome).toBe('rejected');
    expect((await channel.send(feeDue({ fields: null as unknown as Record<string, string> }))).outcome).toBe('rejected');
  });

  it('sim mode without a simulator URL is a startup error', () => {
    expect(() => createWechatSubscribeChannel({ mode: 'sim' }, NOTICES_DEMO_DEFAULTS)).toThrow(/simulator/);
  });

  it('logs kind, channel, outcome and duration only: no openid, token, secret or field values', async () => {
    sim.grantSubscription(OPENID, TPL, 1);
    await channel.send(feeDue());
    await channel.send(feeDue());
    const all = logger.lines.join('\n');
    expect(all).toContain('"channel":"wechat"');
    expect(all).toContain('"kind":"fee_due"');
    expect(all).toContain('"outcome":"sent"');
    expect(all).toContain('"outcome":"rejected"');
    expect(all).toContain('durationMs');
    for (const secret of [OPENID, WECHAT_SIM_APP_SECRET, 'access_token', '西药费', '6222****1234', '¥15.00', 'patientId']) {
      expect(all).not.toContain(secret);
    }
  });
});

describe('WeChat stable access token (several BFF instances, one app)', () => {
  let clock = Date.now();
  const sim = createWechatSubscribeSimulator({ now: () => clock });
  let running: RunningSimulator;
  const instance = () =>
    new WechatSubscribeChannel({
      baseUrl: running.baseUrl,
      appId: WECHAT_SIM_APP_ID,
      appSecret: WECHAT_SIM_APP_SECRET,
      templates: NOTICES_DEMO_DEFAULTS.wechat.templates,
      timeoutMs: 500,
      now: () => clock,
    });
  const stableToken = (body: Record<string, unknown>) =>
    fetch(`${running.baseUrl}${WECHAT_STABLE_TOKEN_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credential', appid: WECHAT_SIM_APP_ID, secret: WECHAT_SIM_APP_SECRET, ...body }),
    }).then((r) => r.json() as Promise<{ access_token?: string; expires_in?: number; errcode?: number }>);
  const classicToken = () =>
    fetch(`${running.baseUrl}${WECHAT_TOKEN_PATH}?grant_type=client_credential&appid=${WECHAT_SIM_APP_ID}&secret=${WECHAT_SIM_APP_SECRET}`).then(
      (r) => r.json() as Promise<{ access_token?: string; expires_in?: number }>,
    );
  const sendWith = (token: string) =>
    fetch(`${running.baseUrl}/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`, {
      method: 'POST',
      body: JSON.stringify({ touser: 'not an openid!' }),
    }).then((r) => r.json() as Promise<{ errcode: number }>);
  /** 40003 (bad openid) means the token itself was accepted. */
  const tokenWorks = async (token: string) => (await sendWith(token)).errcode === 40003;

  beforeAll(async () => {
    running = await sim.listen();
  });
  afterAll(async () => {
    await running.close();
  });
  beforeEach(() => {
    // Each test starts well clear of the previous one's forced refreshes and tokens.
    clock += 24 * 3_600_000;
    sim.faults.clear();
    sim.tokenFaults.clear();
  });

  it('two channel instances get the same token and both keep sending (no displacement)', async () => {
    const a = instance();
    const b = instance();
    sim.grantSubscription(OPENID, TPL, 4);
    const calls = sim.tokenCalls;
    const issued = sim.tokensIssued;
    expect((await a.send(feeDue())).outcome).toBe('sent');
    expect((await b.send(feeDue())).outcome).toBe('sent');
    expect((await a.send(feeDue())).outcome).toBe('sent');
    expect((await b.send(feeDue())).outcome).toBe('sent');
    expect(sim.tokenCalls - calls).toBe(2); // one fetch per instance
    expect(sim.tokensIssued - issued).toBe(1); // and the platform handed both the same token
    expect(sim.forcedTokenCalls).toBe(0);
  });

  it('after 40001 the instance force-refreshes once; the other instance follows without forcing again', async () => {
    const a = instance();
    const b = instance();
    sim.grantSubscription(OPENID, TPL, 6);
    expect((await a.send(feeDue())).outcome).toBe('sent');
    expect((await b.send(feeDue())).outcome).toBe('sent');
    const first = sim.currentStableToken()!;
    const calls = sim.tokenCalls;
    const forced = sim.forcedTokenCalls;

    // The platform refuses A's (shared) token, e.g. after a leak.
    sim.faults.next('token-invalid');
    const sent = sim.sent.length;
    expect((await a.send(feeDue())).outcome).toBe('sent');
    expect(sim.sent.length).toBe(sent + 1);
    expect(sim.tokenCalls - calls).toBe(2); // normal mode (same token back), then forced
    expect(sim.forcedTokenCalls - forced).toBe(1);
    const second = sim.currentStableToken()!;
    expect(second).not.toBe(first);

    // B still holds the first token: it works during the grace period …
    expect((await b.send(feeDue())).outcome).toBe('sent');
    // … and once it is retired B gets 40001, asks in normal mode and receives A's new token.
    clock += 31_000;
    expect(await tokenWorks(first)).toBe(false);
    expect((await b.send(feeDue())).outcome).toBe('sent');
    expect(sim.forcedTokenCalls - forced).toBe(1); // B did not force: no ping-pong
    expect(sim.currentStableToken()).toBe(second);
    expect((await a.send(feeDue())).outcome).toBe('sent');
  });

  it('normal mode: the same token while valid, with the remaining life as expires_in', async () => {
    const t1 = await stableToken({});
    expect(t1).toEqual({ access_token: expect.any(String), expires_in: 7200 });
    clock += 1_000_000;
    const t2 = await stableToken({ force_refresh: false });
    expect(t2).toEqual({ access_token: t1.access_token, expires_in: 6200 });
    // In the last 5 minutes the platform renews; the old token works until it expires.
    clock += (6200 - 299) * 1000;
    const t3 = await stableToken({});
    expect(t3.access_token).not.toBe(t1.access_token);
    expect(t3.expires_in).toBe(7200);
    expect(await tokenWorks(t1.access_token!)).toBe(true);
    clock += 300_000;
    expect((await sendWith(t1.access_token!)).errcode).toBe(42001);
    expect(await tokenWorks(t3.access_token!)).toBe(true);
  });

  it('forced mode: new token, old one retired after the grace; 30 s spacing; 20 a day', async () => {
    const t1 = (await stableToken({})).access_token!;
    const t2 = (await stableToken({ force_refresh: true })).access_token!;
    expect(t2).not.toBe(t1);
    expect(await tokenWorks(t1)).toBe(true);
    expect((await stableToken({})).access_token).toBe(t2);
    // Less than 30 s after the last forced refresh: no refresh, the current token comes back.
    clock += 10_000;
    expect((await stableToken({ force_refresh: true })).access_token).toBe(t2);
    clock += 21_000;
    expect(await tokenWorks(t1)).toBe(false);
    expect((await sendWith(t1)).errcode).toBe(40001);
    // 20 refreshing forced calls a day, then 45009.
    for (let i = 1; i < 20; i++) {
      clock += 31_000;
      expect((await stableToken({ force_refresh: true })).access_token).toEqual(expect.any(String));
    }
    clock += 31_000;
    expect(await stableToken({ force_refresh: true })).toMatchObject({ errcode: 45009 });
    expect((await stableToken({})).access_token).toEqual(expect.any(String)); // normal mode unaffected
  });

  it('a forced refresh the platform refuses (45009, daily quota) → retry, no second send', async () => {
    for (let i = 0; i < 20; i++) {
      clock += 31_000;
      await stableToken({ force_refresh: true });
    }
    const c = instance();
    sim.grantSubscription(OPENID, TPL, 2);
    expect((await c.send(feeDue())).outcome).toBe('sent');
    const forced = sim.forcedTokenCalls;
    const quota = sim.quotaOf(OPENID, TPL);
    clock += 31_000; // past the 30 s spacing: the forced call now meets the daily limit
    sim.faults.next('token-invalid');
    expect(await c.send(feeDue())).toEqual({ outcome: 'retry', reason: 'wechat-token:45009' });
    expect(sim.forcedTokenCalls - forced).toBe(1);
    expect(sim.quotaOf(OPENID, TPL)).toBe(quota);
  });

  it('when even the forced call hands back the refused token (30 s spacing) → retry, no second send', async () => {
    const c = instance();
    sim.grantSubscription(OPENID, TPL, 2);
    await stableToken({ force_refresh: true }); // someone forced a moment ago
    expect((await c.send(feeDue())).outcome).toBe('sent');
    const quota = sim.quotaOf(OPENID, TPL);
    sim.faults.next('token-invalid');
    sim.faults.next('token-invalid');
    expect(await c.send(feeDue())).toEqual({ outcome: 'retry', reason: 'wechat:40001' });
    expect(sim.faults.take()).toBe('token-invalid'); // the second fault was never reached: one send only
    expect(sim.quotaOf(OPENID, TPL)).toBe(quota);
  });

  it('stable_token checks its request like the platform', async () => {
    expect(await stableToken({ secret: 'wrong-secret-123' })).toMatchObject({ errcode: 40125 });
    expect(await stableToken({ appid: 'wx0000000000000000' })).toMatchObject({ errcode: 40013 });
    expect(await stableToken({ grant_type: 'password' })).toMatchObject({ errcode: 40002 });
    expect(await stableToken({ force_refresh: 'yes' })).toMatchObject({ errcode: 47001 });
    const notJson = await fetch(`${running.baseUrl}${WECHAT_STABLE_TOKEN_PATH}`, { method: 'POST', body: 'grant_type=client_credential' });
    expect(await notJson.json()).toMatchObject({ errcode: 47001 });
    const viaGet = await fetch(`${running.baseUrl}${WECHAT_STABLE_TOKEN_PATH}`);
    expect(viaGet.status).toBe(405);
  });

  it('the classic /cgi-bin/token is still there: a new token per call, the previous one kept 5 minutes', async () => {
    const c1 = (await classicToken()).access_token!;
    const c2 = (await classicToken()).access_token!;
    expect(c2).not.toBe(c1);
    expect(await tokenWorks(c1)).toBe(true);
    clock += 5 * 60_000;
    expect((await sendWith(c1)).errcode).toBe(40001);
    expect(await tokenWorks(c2)).toBe(true);
    // Separate from the stable token: neither displaces the other.
    const s = (await stableToken({})).access_token!;
    await classicToken();
    expect(await tokenWorks(s)).toBe(true);
    expect((await stableToken({})).access_token).toBe(s);
  });
});
