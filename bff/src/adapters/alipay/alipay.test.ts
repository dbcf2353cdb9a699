import { createPublicKey } from 'node:crypto';
import { ConfigSchema } from '@hosp/config';
import type { RunningSimulator } from '../shared/sim-kit';
import { capturingLogger, codeOf, fixedReplyServer, reasonOf } from '../shared/test-support';
import { openGatewayReply, rawTopLevelValue, replySignMatches } from './alipay-reply';
import { alipaySignContent, alipayTimestamp, parseAlipayTimestamp, rsa2Sign, rsa2Verify } from './alipay-sign';
import { alipayProvider, createAlipayProvider } from './alipay-provider';
import { ALIPAY_SIM_APP_ID, alipaySimAppKeys, createAlipaySimulator } from './alipay-simulator';
import { alipaySimPlatformKeys, generateRsa2KeyPair } from './sim-keys';

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

  async function postText(body: string): Promise<string> {
    const res = await fetch(gateway, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
      body,
    });
    return res.text();
  }

  it('the raw reply has the documented shape and a platform signature over the node text as sent', async () => {
    const text = await postText(signedForm(sim.issueCode('alice')));
    const json = JSON.parse(text) as Record<string, unknown>;
    const node = json.alipay_system_oauth_token_response as Record<string, unknown>;
    expect(node).toMatchObject({ user_id: sim.subjectOf('alice'), expires_in: expect.any(Number), re_expires_in: expect.any(Number) });
    expect(node.access_token).toEqual(expect.any(String));
    // The signed content is the node's raw text, a substring of the body exactly as sent.
    const raw = rawTopLevelValue(text, 'alipay_system_oauth_token_response')!;
    expect(text).toContain(raw);
    expect(raw.startsWith('{') && raw.endsWith('}')).toBe(true);
    expect(rsa2Verify(raw, json.sign as string, sim.platformPublicKeyPem)).toBe(true);
    expect(sim.platformPublicKeyPem).toBe(alipaySimPlatformKeys().publicKeyPem);
    // error_response is signed the same way.
    const errText = await postText(signedForm('nope'));
    const errSign = (JSON.parse(errText) as { sign: string }).sign;
    expect(rsa2Verify(rawTopLevelValue(errText, 'error_response')!, errSign, sim.platformPublicKeyPem)).toBe(true);
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

describe('Alipay gateway reply signatures', () => {
  const sim = createAlipaySimulator();
  let running: RunningSimulator;
  let gateway: string;
  const platformPem = () => sim.platformPublicKeyPem;
  const KEY = 'alipay_system_oauth_token_response';

  beforeAll(async () => {
    running = await sim.listen();
    gateway = `${running.baseUrl}/gateway.do`;
  });
  afterAll(async () => {
    await running.close();
  });
  beforeEach(() => sim.faults.clear());

  /** A genuine signed reply body for `user`, straight from the simulator. */
  async function genuineReply(user: string): Promise<string> {
    const params: Record<string, string> = {
      app_id: ALIPAY_SIM_APP_ID,
      method: 'alipay.system.oauth.token',
      format: 'JSON',
      charset: 'utf-8',
      sign_type: 'RSA2',
      timestamp: alipayTimestamp(Date.now()),
      version: '1.0',
      grant_type: 'authorization_code',
      code: sim.issueCode(user),
    };
    params.sign = rsa2Sign(alipaySignContent(params), alipaySimAppKeys().privateKeyPem);
    const res = await fetch(gateway, { method: 'POST', body: new URLSearchParams(params) });
    return res.text();
  }
  /** A provider (with the platform key unless told otherwise) pointed at a server replying `body`. */
  async function against<T>(body: string, run: (gw: string) => Promise<T>): Promise<T> {
    const server = await fixedReplyServer(body, 'text/html;charset=utf-8');
    try {
      return await run(`${server.baseUrl}/gateway.do`);
    } finally {
      await server.close();
    }
  }
  const keyed = (gw: string, pem: string = platformPem()) =>
    alipayProvider({ gateway: gw, appId: ALIPAY_SIM_APP_ID, privateKeyPem: alipaySimAppKeys().privateKeyPem, alipayPublicKeyPem: pem });

  it('a valid signed reply is accepted (sim mode always verifies, with the simulator key)', async () => {
    const p = createAlipayProvider({ mode: 'sim' }, running.baseUrl);
    await expect(p.exchange(sim.issueCode('alice'))).resolves.toEqual({ subject: sim.subjectOf('alice') });
    // The same genuine body replayed from elsewhere still verifies: only the content is signed.
    const body = await genuineReply('alice');
    await expect(against(body, (gw) => keyed(gw).exchange('any-code'))).resolves.toEqual({ subject: sim.subjectOf('alice') });
  });

  it('a tampered body (another user_id) → UPSTREAM_UNAVAILABLE bad-reply-sign', async () => {
    const body = await genuineReply('alice');
    const tampered = body.replace(sim.subjectOf('alice'), '2088000000000001');
    expect(tampered).not.toBe(body);
    expect(await against(tampered, (gw) => codeOf(keyed(gw).exchange('any-code')))).toBe('UPSTREAM_UNAVAILABLE');
    expect(await against(tampered, (gw) => reasonOf(keyed(gw).exchange('any-code')))).toBe('bad-reply-sign');
    // Re-spacing the node (same JSON value, other text) breaks it too: the raw text is what is signed.
    const respaced = body.replace(`{"user_id":`, `{ "user_id" :`);
    expect(await against(respaced, (gw) => reasonOf(keyed(gw).exchange('any-code')))).toBe('bad-reply-sign');
  });

  it.each(['bad-sign', 'no-sign'] as const)('simulator fault %s → UPSTREAM_UNAVAILABLE bad-reply-sign', async (fault) => {
    const logger = capturingLogger();
    const p = createAlipayProvider({ mode: 'sim' }, running.baseUrl, { logger });
    sim.faults.next(fault);
    expect(await reasonOf(p.exchange(sim.issueCode('alice')))).toBe('bad-reply-sign');
    expect(logger.lines.join('\n')).toContain('"reason":"bad-reply-sign"');
    // An error reply with a bad sign is not believed either: not LOGIN_FAILED.
    sim.faults.next(fault);
    expect(await codeOf(p.exchange('f'.repeat(32)))).toBe('UPSTREAM_UNAVAILABLE');
  });

  it('a reply signed with another key → refused', async () => {
    const body = await genuineReply('alice');
    const other = generateRsa2KeyPair();
    expect(await against(body, (gw) => reasonOf(keyed(gw, other.publicKeyPem).exchange('any-code')))).toBe('bad-reply-sign');
    const raw = rawTopLevelValue(body, KEY)!;
    const forged = `{"${KEY}":${raw},"sign":"${rsa2Sign(raw, other.privateKeyPem)}"}`;
    expect(await against(forged, (gw) => reasonOf(keyed(gw).exchange('any-code')))).toBe('bad-reply-sign');
  });

  it('ambiguous replies are refused: duplicate keys, both nodes, sign not a string', async () => {
    const body = await genuineReply('alice');
    const raw = rawTopLevelValue(body, KEY)!;
    const sign = (JSON.parse(body) as { sign: string }).sign;
    // JSON.parse keeps the last duplicate: a verified first node must not hide a second one.
    const dup = `{"${KEY}":${raw},"sign":"${sign}","${KEY}":{"user_id":"2088000000000001"}}`;
    expect(await against(dup, (gw) => reasonOf(keyed(gw).exchange('x')))).toBe('bad-reply-shape');
    const both = `{"${KEY}":${raw},"error_response":{"code":"40002"},"sign":"${sign}"}`;
    expect(await against(both, (gw) => reasonOf(keyed(gw).exchange('x')))).toBe('bad-reply-shape');
    const numSign = `{"${KEY}":${raw},"sign":12345}`;
    expect(await against(numSign, (gw) => reasonOf(keyed(gw).exchange('x')))).toBe('bad-reply-sign');
  });

  it('remote mode with alipayPublicKeyPem verifies; without it replies are accepted and a warning is logged once', async () => {
    const remote = { mode: 'remote' as const, appId: ALIPAY_SIM_APP_ID, privateKeyPem: alipaySimAppKeys().privateKeyPem, gateway };
    const withKey = createAlipayProvider({ ...remote, alipayPublicKeyPem: platformPem() });
    await expect(withKey.exchange(sim.issueCode('dave'))).resolves.toEqual({ subject: sim.subjectOf('dave') });
    sim.faults.next('bad-sign');
    expect(await reasonOf(withKey.exchange(sim.issueCode('dave')))).toBe('bad-reply-sign');

    const logger = capturingLogger();
    const noKey = createAlipayProvider(remote, undefined, { logger });
    const warnings = () => logger.lines.filter((l) => l.includes('not-verified'));
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toContain('alipayPublicKeyPem');
    // Documented behaviour without the key: replies are taken as before, bad sign or not.
    sim.faults.next('bad-sign');
    await expect(noKey.exchange(sim.issueCode('dave'))).resolves.toEqual({ subject: sim.subjectOf('dave') });
    await expect(noKey.exchange(sim.issueCode('dave'))).resolves.toEqual({ subject: sim.subjectOf('dave') });
    const tampered = (await genuineReply('alice')).replace(sim.subjectOf('alice'), '2088000000000001');
    const noKeyThere = await against(tampered, (gw) =>
      createAlipayProvider({ ...remote, gateway: gw }).exchange('any-code'),
    );
    expect(noKeyThere).toEqual({ subject: '2088000000000001' });
    expect(warnings()).toHaveLength(1); // once, at start-up, not per call
    // Sim mode never warns: it always verifies.
    const simLogger = capturingLogger();
    createAlipayProvider({ mode: 'sim' }, running.baseUrl, { logger: simLogger });
    expect(simLogger.lines).toEqual([]);
  });

  it('an unusable alipayPublicKeyPem is a startup error', () => {
    expect(() => keyed(gateway, '-----BEGIN PUBLIC KEY-----\nxx\n-----END PUBLIC KEY-----')).toThrow(/usable public key/);
  });

  it('config: alipayPublicKeyPem is optional and must be a PEM public key', () => {
    const base = { mode: 'remote', appId: '2021', privateKeyPem: '-----BEGIN PRIVATE KEY-----' };
    expect(ConfigSchema.parse({ alipay: base }).alipay).not.toHaveProperty('alipayPublicKeyPem');
    const pem = alipaySimPlatformKeys().publicKeyPem;
    expect(ConfigSchema.parse({ alipay: { ...base, alipayPublicKeyPem: pem } }).alipay).toMatchObject({ alipayPublicKeyPem: pem });
    expect(ConfigSchema.safeParse({ alipay: { ...base, alipayPublicKeyPem: 'MIIBIjANBgkq' } }).success).toBe(false);
  });
});

describe('openGatewayReply / replySignMatches', () => {
  const { privateKeyPem, publicKeyPem } = generateRsa2KeyPair();
  const pub = createPublicKey(publicKeyPem);
  const K = 'alipay_x_response';

  it('extracts the raw node text even with braces, quotes and escapes inside strings', () => {
    const raw = '{"msg":"a}b{\\"c\\"","n":[1,{"x":"]"}],"u":"\\u4e2d"}';
    const body = ` { "${K}" : ${raw} , "sign" : "${rsa2Sign(raw, privateKeyPem)}" } `;
    expect(rawTopLevelValue(body, K)).toBe(raw);
    const r = openGatewayReply(body, K, pub);
    expect(r).toEqual({ ok: true, key: K, node: JSON.parse(raw) });
  });

  it('without a key the node is returned unverified; malformed JSON and non-objects are refused', () => {
    expect(openGatewayReply(`{"${K}":{"a":1}}`, K, undefined)).toEqual({ ok: true, key: K, node: { a: 1 } });
    expect(openGatewayReply('{"x', K, pub)).toEqual({ ok: false, reason: 'malformed-json' });
    expect(openGatewayReply('[]', K, pub)).toEqual({ ok: false, reason: 'bad-reply-shape' });
    expect(openGatewayReply('{"other":1}', K, pub)).toEqual({ ok: false, reason: 'bad-reply-shape' });
  });

  it('accepts a signature over the "\\/"-escaped text, as the SDK does, but only when that cannot change the value', () => {
    const raw = '{"url":"https://qr.alipay.com/x"}';
    const escapedSign = rsa2Sign(raw.replace(/\//g, '\\/'), privateKeyPem);
    expect(replySignMatches(raw, escapedSign, pub)).toBe(true);
    // A text with a backslash before a "/" is not rewritten (the rewrite could drop a backslash).
    const signedOther = '{"p":"a\\\\/b"}'; // value a\/b, escaped form
    const presented = '{"p":"a\\/b"}'; // value a/b
    expect(presented.replace(/\//g, '\\/')).toBe(signedOther);
    expect(replySignMatches(presented, rsa2Sign(signedOther, privateKeyPem), pub)).toBe(false);
  });
});
