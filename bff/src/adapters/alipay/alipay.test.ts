import type { RunningSimulator } from '../shared/sim-kit';
import { capturingLogger, codeOf } from '../shared/test-support';
import { alipaySignContent, alipayTimestamp, parseAlipayTimestamp, rsa2Sign, rsa2Verify } from './alipay-sign';
import { alipayProvider, createAlipayProvider } from './alipay-provider';
import { ALIPAY_SIM_APP_ID, alipaySimAppKeys, createAlipaySimulator } from './alipay-simulator';
import { generateRsa2KeyPair } from './sim-keys';

describe('Alipay signing helpers', () => {
  it('builds the sorted k=v string without sign and empty values', () => {
    expect(alipaySignContent({ method: 'm', app_id: '1', sign: 'x', empty: '', charset: 'utf-8', sign_type: 'RSA2' })).toBe(
      'app_id=1&charset=utf-8&method=m&sign_type=RSA2',
    );
  });

  it('signs and verifies RSA2, and rejects tampering and garbage', () => {
    const { privateKeyPem, publicKeyPem } = alipaySimAppKeys();
    const sig = rsa2Sign('a=1&b=2', privateKeyPem);
    expect(rsa2Verify('a=1&b=2', sig, publicKeyPem)).toBe(true);
    expect(rsa2Verify('a=1&b=3', sig, publicKeyPem)).toBe(false);
    expect(rsa2Verify('a=1&b=2', 'not-base64!!', publicKeyPem)).toBe(false);
    expect(rsa2Verify('a=1&b=2', sig, 'not a key')).toBe(false);
  });

  it('formats and parses Beijing-time timestamps', () => {
    const ms = Date.UTC(2024, 0, 31, 16, 30, 5);
    expect(alipayTimestamp(ms)).toBe('2024-02-01 00:30:05');
    expect(parseAlipayTimestamp('2024-02-01 00:30:05')).toBe(ms);
    expect(parseAlipayTimestamp('2024-02-30 00:30:05')).toBeNaN();
    expect(parseAlipayTimestamp('2024-02-01T00:30:05')).toBeNaN();
  });
});

describe('Alipay oauth.token adapter + simulator', () => {
  let clock = Date.now();
  const sim = createAlipaySimulator({ now: () => clock });
  let running: RunningSimulator;
  const logger = capturingLogger();
  const { lines } = logger;
  let provider: ReturnType<typeof createAlipayProvider>;
  let gateway: string;

  beforeAll(async () => {
    running = await sim.listen();
    gateway = `${running.baseUrl}/gateway.do`;
    provider = createAlipayProvider({ mode: 'sim' }, running.baseUrl, { timeoutMs: 200, logger });
  });
  afterAll(async () => {
    await running.close();
  });
  beforeEach(() => {
    clock = Date.now();
    sim.faults.clear();
  });

  /** A correctly signed request body, for poking the simulator directly. */
  function signedForm(code: string, overrides: Record<string, string> = {}, privateKeyPem = alipaySimAppKeys().privateKeyPem) {
    const params: Record<string, string> = {
      app_id: ALIPAY_SIM_APP_ID,
      method: 'alipay.system.oauth.token',
      format: 'JSON',
      charset: 'utf-8',
      sign_type: 'RSA2',
      timestamp: alipayTimestamp(Date.now()),
      version: '1.0',
      grant_type: 'authorization_code',
      code,
      ...overrides,
    };
    params.sign = overrides.sign ?? rsa2Sign(alipaySignContent(params), privateKeyPem);
    return new URLSearchParams(params).toString();
  }
  async function post(body: string): Promise<Record<string, unknown>> {
    const res = await fetch(gateway, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
      body,
    });
    return (await res.json()) as Record<string, unknown>;
  }

  it('turns a valid code into a stable user_id subject', async () => {
    const a1 = await provider.exchange(sim.issueCode('alice'));
    const a2 = await provider.exchange(sim.issueCode('alice'));
    const b = await provider.exchange(sim.issueCode('bob'));
    expect(provider.platform).toBe('alipay');
    expect(a1).toEqual({ subject: sim.subjectOf('alice') });
    expect(a1.subject).toMatch(/^2088\d{12}$/);
    expect(a2).toEqual(a1);
    expect(b.subject).not.toBe(a1.subject);
    expect(JSON.stringify(a1)).not.toMatch(/token/);
  });

  it('supports apps in open_id mode', async () => {
    const openSim = createAlipaySimulator({ idMode: 'open_id' });
    const r = await openSim.listen();
    try {
      const p = createAlipayProvider({ mode: 'sim' }, r.baseUrl);
      const id = await p.exchange(openSim.issueCode('carol'));
      expect(id).toEqual({ subject: openSim.subjectOf('carol') });
      expect(id.subject).toMatch(/^0[0-9a-f]{43}$/);
    } finally {
      await r.close();
    }
  });

  it('the raw reply has the documented shape and a platform signature', async () => {
    const json = await post(signedForm(sim.issueCode('alice')));
    const node = json.alipay_system_oauth_token_response as Record<string, unknown>;
    expect(node).toMatchObject({ user_id: sim.subjectOf('alice'), expires_in: expect.any(Number), re_expires_in: expect.any(Number) });
    expect(node.access_token).toEqual(expect.any(String));
    expect(rsa2Verify(JSON.stringify(node), json.sign as string, sim.platformPublicKeyPem)).toBe(true);
  });

  it('used, unknown and expired codes → LOGIN_FAILED', async () => {
    const used = sim.issueCode('alice');
    await provider.exchange(used);
    expect(await codeOf(provider.exchange(used))).toBe('LOGIN_FAILED');
    expect(await codeOf(provider.exchange('f'.repeat(32)))).toBe('LOGIN_FAILED');
    const late = sim.issueCode('alice');
    clock += 5 * 60_000 + 1;
    expect(await codeOf(provider.exchange(late))).toBe('LOGIN_FAILED');
  });

  it('the simulator answers isv.code-invalid the way the gateway does', async () => {
    const json = await post(signedForm('nope'));
    expect(json.error_response).toMatchObject({ code: '40002', sub_code: 'isv.code-invalid' });
  });

  it('the simulator rejects a forged signature without burning the code', async () => {
    const code = sim.issueCode('alice');
    const forger = generateRsa2KeyPair();
    const forged = await post(signedForm(code, {}, forger.privateKeyPem));
    expect(forged.error_response).toMatchObject({ code: '40002', sub_code: 'isv.invalid-signature' });
    // A tampered parameter after signing fails too.
    const good = new URLSearchParams(signedForm(code));
    good.set('grant_type', 'refresh_token');
    expect((await post(good.toString())).error_response).toMatchObject({ sub_code: 'isv.invalid-signature' });
    // No signature at all.
    const unsigned = new URLSearchParams(signedForm(code));
    unsigned.delete('sign');
    expect((await post(unsigned.toString())).error_response).toMatchObject({ code: '40001', sub_code: 'isv.missing-signature' });
    // The genuine request still works.
    await expect(provider.exchange(code)).resolves.toEqual({ subject: sim.subjectOf('alice') });
  });

  it('the simulator rejects a stale timestamp and the wrong sign_type', async () => {
    const stale = alipayTimestamp(Date.now() - 60 * 60_000);
    expect((await post(signedForm(sim.issueCode('alice'), { timestamp: stale }))).error_response).toMatchObject({
      sub_code: 'isv.invalid-timestamp',
    });
    expect((await post(signedForm(sim.issueCode('alice'), { sign_type: 'RSA' }))).error_response).toMatchObject({
      sub_code: 'isv.invalid-signature-type',
    });
  });

  it('a provider signing with the wrong key gets UPSTREAM_UNAVAILABLE (configuration, not the user)', async () => {
    const wrongKey = alipayProvider({ gateway, appId: ALIPAY_SIM_APP_ID, privateKeyPem: generateRsa2KeyPair().privateKeyPem });
    expect(await codeOf(wrongKey.exchange(sim.issueCode('alice')))).toBe('UPSTREAM_UNAVAILABLE');
    const wrongApp = alipayProvider({ gateway, appId: '2021999999999999', privateKeyPem: alipaySimAppKeys().privateKeyPem });
    expect(await codeOf(wrongApp.exchange(sim.issueCode('alice')))).toBe('UPSTREAM_UNAVAILABLE');
  });

  it('a provider whose clock is far off gets UPSTREAM_UNAVAILABLE', async () => {
    const skewed = createAlipayProvider({ mode: 'sim' }, running.baseUrl, { now: () => Date.now() - 3_600_000 });
    expect(await codeOf(skewed.exchange(sim.issueCode('alice')))).toBe('UPSTREAM_UNAVAILABLE');
  });

  it.each(['error', 'malformed', 'http500', 'hang'] as const)('fault %s → UPSTREAM_UNAVAILABLE', async (kind) => {
    sim.faults.next(kind);
    const started = Date.now();
    expect(await codeOf(provider.exchange(sim.issueCode('alice')))).toBe('UPSTREAM_UNAVAILABLE');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('a wrong gateway path (404) and oversize replies → UPSTREAM_UNAVAILABLE', async () => {
    const html = createAlipayProvider({ mode: 'sim' }, `${running.baseUrl}/nowhere`);
    expect(await codeOf(html.exchange(sim.issueCode('alice')))).toBe('UPSTREAM_UNAVAILABLE');
    const tiny = createAlipayProvider({ mode: 'sim' }, running.baseUrl, { maxReplyBytes: 50 });
    expect(await codeOf(tiny.exchange(sim.issueCode('alice')))).toBe('UPSTREAM_UNAVAILABLE');
  });

  it('remote mode uses the configured app id, key and gateway', async () => {
    const p = createAlipayProvider({
      mode: 'remote',
      appId: ALIPAY_SIM_APP_ID,
      privateKeyPem: alipaySimAppKeys().privateKeyPem,
      gateway,
    });
    await expect(p.exchange(sim.issueCode('dave'))).resolves.toEqual({ subject: sim.subjectOf('dave') });
  });

  it('startup errors: sim mode without a URL, unusable private key', () => {
    expect(() => createAlipayProvider({ mode: 'sim' })).toThrow(/simulator/);
    expect(() => alipayProvider({ gateway, appId: 'x', privateKeyPem: '-----BEGIN PRIVATE KEY-----\nxx' })).toThrow(/private key/);
  });

  it('logs carry no user id, code or token', async () => {
    const code = sim.issueCode('erin');
    const id = await provider.exchange(code);
    const all = lines.join('\n');
    expect(all).toContain('"outcome":"ok"');
    expect(all).not.toContain(id.subject);
    expect(all).not.toContain(code);
    expect(all).not.toMatch(/authusr|PRIVATE KEY/);
  });
});
