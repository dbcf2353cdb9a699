import { AppError } from '@hosp/shared';
import { capturingLogger, codeOf } from '../shared/test-support';
import type { RunningSimulator } from '../shared/sim-kit';
import { createWechatProvider, wechatProvider } from './wechat-provider';
import { createWechatSimulator, WECHAT_SIM_APP_ID, WECHAT_SIM_APP_SECRET } from './wechat-simulator';

describe('WeChat code2Session adapter + simulator', () => {
  let clock = Date.now();
  const sim = createWechatSimulator({ now: () => clock });
  let running: RunningSimulator;
  const logger = capturingLogger();
  let provider: ReturnType<typeof createWechatProvider>;

  beforeAll(async () => {
    running = await sim.listen();
    provider = createWechatProvider({ mode: 'sim' }, running.baseUrl, { timeoutMs: 200, logger });
  });
  afterAll(async () => {
    await running.close();
  });
  beforeEach(() => {
    clock = Date.now();
    sim.faults.clear();
  });

  it('listens on 127.0.0.1 only', () => {
    expect(running.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('turns a valid code into a stable openid subject, with unionid, and no session_key', async () => {
    const a1 = await provider.exchange(sim.issueCode('alice'));
    const a2 = await provider.exchange(sim.issueCode('alice'));
    const b = await provider.exchange(sim.issueCode('bob'));
    expect(provider.platform).toBe('weapp');
    expect(a1.subject).toBe(sim.openIdOf('alice'));
    expect(a1.subject).toMatch(/^o[A-Za-z0-9_-]{27}$/);
    expect(a2).toEqual(a1);
    expect(b.subject).not.toBe(a1.subject);
    expect(a1.unionId).toBeDefined();
    expect(Object.keys(a1).sort()).toEqual(['subject', 'unionId']);
    expect(JSON.stringify(a1)).not.toMatch(/session_key|sessionKey/);
  });

  it('omits unionId when the platform gives none', async () => {
    const noUnion = createWechatSimulator({ withUnionId: false });
    const r = await noUnion.listen();
    try {
      const p = createWechatProvider({ mode: 'sim' }, r.baseUrl);
      const id = await p.exchange(noUnion.issueCode('carol'));
      expect(id).toEqual({ subject: noUnion.openIdOf('carol') });
    } finally {
      await r.close();
    }
  });

  it('rejects a used code (40163) with LOGIN_FAILED', async () => {
    const code = sim.issueCode('alice');
    await provider.exchange(code);
    expect(await codeOf(provider.exchange(code))).toBe('LOGIN_FAILED');
  });

  it('rejects an unknown code (40029) with LOGIN_FAILED', async () => {
    expect(await codeOf(provider.exchange('0'.repeat(32)))).toBe('LOGIN_FAILED');
  });

  it('rejects an expired code with LOGIN_FAILED', async () => {
    const code = sim.issueCode('alice');
    clock += 5 * 60_000 + 1;
    expect(await codeOf(provider.exchange(code))).toBe('LOGIN_FAILED');
  });

  it('accepts a code just inside its 5 minutes', async () => {
    const code = sim.issueCode('alice');
    clock += 5 * 60_000 - 1_000;
    await expect(provider.exchange(code)).resolves.toMatchObject({ subject: sim.openIdOf('alice') });
  });

  it('rejects malformed codes without calling WeChat', async () => {
    expect(await codeOf(provider.exchange(''))).toBe('LOGIN_FAILED');
    expect(await codeOf(provider.exchange('has space'))).toBe('LOGIN_FAILED');
    expect(await codeOf(provider.exchange('x'.repeat(300)))).toBe('LOGIN_FAILED');
    expect(await codeOf(provider.exchange(42 as unknown as string))).toBe('LOGIN_FAILED');
  });

  it.each([
    ['error', 'system busy (-1)'],
    ['rate-limit', '45011'],
    ['risk-blocked', '40226'],
    ['malformed', 'truncated JSON'],
    ['http500', 'HTTP 500'],
    ['hang', 'no reply within the timeout'],
  ] as const)('maps fault %s (%s) to UPSTREAM_UNAVAILABLE', async (kind, _why) => {
    sim.faults.next(kind);
    const started = Date.now();
    expect(await codeOf(provider.exchange(sim.issueCode('alice')))).toBe('UPSTREAM_UNAVAILABLE');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('a fault affects one request only', async () => {
    sim.faults.next('error');
    const code = sim.issueCode('alice');
    expect(await codeOf(provider.exchange(code))).toBe('UPSTREAM_UNAVAILABLE');
    // The busy reply did not consume the code.
    await expect(provider.exchange(code)).resolves.toMatchObject({ subject: sim.openIdOf('alice') });
  });

  it('wrong app secret or app id → UPSTREAM_UNAVAILABLE (a configuration problem, not the user)', async () => {
    const badSecret = wechatProvider({ baseUrl: running.baseUrl, appId: WECHAT_SIM_APP_ID, appSecret: 'wrong-secret-123' });
    const badApp = wechatProvider({ baseUrl: running.baseUrl, appId: 'wx-other', appSecret: WECHAT_SIM_APP_SECRET });
    expect(await codeOf(badSecret.exchange(sim.issueCode('alice')))).toBe('UPSTREAM_UNAVAILABLE');
    expect(await codeOf(badApp.exchange(sim.issueCode('alice')))).toBe('UPSTREAM_UNAVAILABLE');
  });

  it('unreachable platform → UPSTREAM_UNAVAILABLE', async () => {
    const dead = createWechatSimulator();
    const r = await dead.listen();
    await r.close();
    const p = createWechatProvider({ mode: 'sim' }, r.baseUrl, { timeoutMs: 500 });
    expect(await codeOf(p.exchange('abc'))).toBe('UPSTREAM_UNAVAILABLE');
  });

  it('oversize reply → UPSTREAM_UNAVAILABLE', async () => {
    const p = createWechatProvider({ mode: 'sim' }, running.baseUrl, { maxReplyBytes: 20 });
    expect(await codeOf(p.exchange(sim.issueCode('alice')))).toBe('UPSTREAM_UNAVAILABLE');
  });

  it('sim mode without a simulator URL is a startup error', () => {
    expect(() => createWechatProvider({ mode: 'sim' })).toThrow(/simulator/);
  });

  it('remote mode uses the configured credentials', async () => {
    const p = createWechatProvider({
      mode: 'remote',
      appId: WECHAT_SIM_APP_ID,
      appSecret: WECHAT_SIM_APP_SECRET,
      baseUrl: running.baseUrl,
    });
    await expect(p.exchange(sim.issueCode('dave'))).resolves.toMatchObject({ subject: sim.openIdOf('dave') });
  });

  it('logs outcome and duration only: never openid, unionid, code, session_key or secret', async () => {
    const code = sim.issueCode('erin');
    const id = await provider.exchange(code);
    const all = logger.lines.join('\n');
    expect(logger.lines.length).toBeGreaterThan(0);
    expect(all).toContain('"outcome":"ok"');
    expect(all).toContain('durationMs');
    for (const secret of [id.subject, id.unionId!, code, WECHAT_SIM_APP_SECRET, 'session_key']) {
      expect(all).not.toContain(secret);
    }
  });

  it('AppError details carry no code or secret', async () => {
    const code = sim.issueCode('frank');
    await provider.exchange(code);
    try {
      await provider.exchange(code);
      throw new Error('expected a rejection');
    } catch (err) {
      const text = JSON.stringify({ m: (err as AppError).message, d: (err as AppError).detail });
      expect(text).not.toContain(code);
      expect(text).not.toContain(WECHAT_SIM_APP_SECRET);
      expect((err as AppError).detail).toMatchObject({ platform: 'weapp', platformCode: 40163 });
    }
  });
});
