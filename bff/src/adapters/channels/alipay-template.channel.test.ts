import type { OutboundMessage } from '../../domain/notices/ports';
import { alipaySignContent, alipayTimestamp, rsa2Sign, rsa2Verify } from '../alipay/alipay-sign';
import { rawTopLevelValue } from '../alipay/alipay-reply';
import { ALIPAY_SIM_APP_ID, alipaySimAppKeys, alipaySimPlatformKeys, generateRsa2KeyPair } from '../alipay/sim-keys';
import type { RunningSimulator } from '../shared/sim-kit';
import { ALIPAY_TEMPLATE_METHOD, ALIPAY_TEMPLATE_RESPONSE_KEY, AlipayTemplateChannel, createAlipayTemplateChannel } from './alipay-template.channel';
import { createAlipayTemplateSimulator } from './alipay-template.sim';
import { NOTICES_DEMO_DEFAULTS } from '@hosp/config';
import { capturingLogger, fixedReplyServer } from './test-support';

const USER = '2088102150477652';
const TPL = NOTICES_DEMO_DEFAULTS.alipay.templates.fee_due!.templateId;

const feeDue = (over: Partial<OutboundMessage> = {}): OutboundMessage => ({
  recipient: USER,
  kind: 'fee_due',
  title: '门诊缴费提醒',
  fields: { 费用类型: '西药费', 金额: '¥15.00', 就诊卡: '6222****1234' },
  link: 'journeys/fees/pages/list/index?patientId=p1',
  ...over,
});

describe('Alipay template message channel + simulator', () => {
  let clock = Date.now();
  const sim = createAlipayTemplateSimulator({ now: () => clock });
  let running: RunningSimulator;
  const logger = capturingLogger();
  let channel: AlipayTemplateChannel;
  const fresh = (over: Partial<ConstructorParameters<typeof AlipayTemplateChannel>[0]> = {}) =>
    new AlipayTemplateChannel({
      gateway: `${running.baseUrl}/gateway.do`,
      appId: ALIPAY_SIM_APP_ID,
      privateKeyPem: alipaySimAppKeys().privateKeyPem,
      templates: NOTICES_DEMO_DEFAULTS.alipay.templates,
      timeoutMs: 200,
      now: () => clock,
      ...over,
    });

  beforeAll(async () => {
    running = await sim.listen();
    channel = createAlipayTemplateChannel({ mode: 'sim' }, NOTICES_DEMO_DEFAULTS, running.baseUrl, { timeoutMs: 200, logger, now: () => clock });
  });
  afterAll(async () => {
    await running.close();
  });
  beforeEach(() => {
    clock = Date.now();
    sim.faults.clear();
  });

  it('sends a signed template message (10000 → sent, no message id)', async () => {
    const before = sim.sent.length;
    expect(channel.name).toBe('alipay');
    expect(await channel.send(feeDue())).toEqual({ outcome: 'sent', messageId: null });
    expect(sim.sent.length).toBe(before + 1);
    expect(sim.sent.at(-1)).toEqual({
      toUserId: USER,
      userTemplateId: TPL,
      page: 'journeys/fees/pages/list/index?patientId=p1',
      formId: undefined,
      data: { keyword1: '西药费', keyword2: '¥15.00', keyword3: '6222****1234' },
    });
  });

  it('passes a form_id when the caller supplies one; cuts values to maxValueChars', async () => {
    const c = fresh({ formIdOf: () => '2017010100000000580012345678', maxValueChars: 4 });
    expect((await c.send(feeDue())).outcome).toBe('sent');
    expect(sim.sent.at(-1)).toMatchObject({ formId: '2017010100000000580012345678', data: { keyword1: '西药费', keyword2: '¥15.' } });
  });

  it.each([
    ['an unknown template', () => fresh({ templates: { fee_due: { templateId: 'nope', fields: { 费用类型: 'keyword1' } } } }), feeDue(), 'alipay:40004:USER_TEMPLATE_ILLEGAL'],
    ['a recipient that is not an Alipay user id', () => channel, feeDue({ recipient: 'someone' }), 'alipay:40004:USER_NOT_EXIST'],
    ['template data missing a keyword', () => channel, feeDue({ fields: { 费用类型: '西药费' } }), 'alipay:40004:INVALID_PARAMETER'],
  ] as const)('business failure 40004 for %s → rejected', async (_what, make, msg, reason) => {
    expect(await make().send(msg)).toEqual({ outcome: 'rejected', reason });
  });

  it('a user who turned messages off → rejected', async () => {
    const blocked = '2088000000000009';
    sim.blockUser(blocked);
    expect(await channel.send(feeDue({ recipient: blocked }))).toEqual({ outcome: 'rejected', reason: 'alipay:40004:USER_REFUSED' });
  });

  it('a kind without a configured template → rejected without a call', async () => {
    expect(await channel.send(feeDue({ kind: 'no_such_kind' }))).toEqual({ outcome: 'rejected', reason: 'no-template' });
  });

  it.each([
    ['error', 'alipay:20000:isp.unknow-error'],
    ['malformed', 'malformed-json'],
    ['http500', 'http-status:500'],
    ['hang', 'timeout'],
  ] as const)('fault %s → retry (%s), nothing sent', async (kind, reason) => {
    const before = sim.sent.length;
    sim.faults.next(kind);
    const started = Date.now();
    expect(await channel.send(feeDue())).toEqual({ outcome: 'retry', reason });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(sim.sent.length).toBe(before);
  });

  it('reply of the wrong shape → retry; oversize reply → retry', async () => {
    for (const body of ['[]', '{"alipay_open_app_mini_templatemessage_send_response":{"msg":"no code"}}', '{"unrelated":1}']) {
      const odd = await fixedReplyServer(body);
      try {
        expect(await fresh({ gateway: `${odd.baseUrl}/gateway.do` }).send(feeDue())).toEqual({ outcome: 'retry', reason: 'bad-reply-shape' });
      } finally {
        await odd.close();
      }
    }
    expect(await fresh({ maxReplyBytes: 50 }).send(feeDue())).toEqual({ outcome: 'retry', reason: 'reply-too-large' });
  });

  it('a request signed with another key is refused by the simulator (40002 invalid-signature) → retry', async () => {
    const forged = fresh({ privateKeyPem: generateRsa2KeyPair().privateKeyPem });
    const before = sim.sent.length;
    const bad = sim.badSignatures;
    expect(await forged.send(feeDue())).toEqual({ outcome: 'retry', reason: 'alipay:40002:isv.invalid-signature' });
    expect(sim.badSignatures).toBe(bad + 1);
    expect(sim.sent.length).toBe(before);
  });

  it('a correctly signed request altered in transit is refused', async () => {
    const params: Record<string, string> = {
      app_id: ALIPAY_SIM_APP_ID,
      method: ALIPAY_TEMPLATE_METHOD,
      format: 'JSON',
      charset: 'utf-8',
      sign_type: 'RSA2',
      timestamp: alipayTimestamp(clock),
      version: '1.0',
      biz_content: JSON.stringify({ to_user_id: USER, user_template_id: TPL, data: '{"keyword1":{"value":"a"},"keyword2":{"value":"b"},"keyword3":{"value":"c"}}' }),
    };
    params.sign = rsa2Sign(alipaySignContent(params), alipaySimAppKeys().privateKeyPem);
    const post = (p: Record<string, string>) =>
      fetch(`${running.baseUrl}/gateway.do`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(p).toString() }).then((r) => r.json() as Promise<Record<string, { code: string; sub_code?: string }>>);
    const good = await post(params);
    expect(good.alipay_open_app_mini_templatemessage_send_response?.code).toBe('10000');
    const tampered = await post({ ...params, biz_content: params.biz_content!.replace(USER, '2088999999999999') });
    expect(tampered.error_response).toMatchObject({ code: '40002', sub_code: 'isv.invalid-signature' });
  });

  it('replies are signed over the node text as sent, error replies included', async () => {
    expect(sim.platformPublicKeyPem).toBe(alipaySimPlatformKeys().publicKeyPem);
    const reply = await fetch(`${running.baseUrl}/gateway.do`, { method: 'POST', body: 'method=nope' }).then((r) => r.text());
    const raw = rawTopLevelValue(reply, 'error_response')!;
    expect(reply).toContain(raw);
    expect(rsa2Verify(raw, (JSON.parse(reply) as { sign: string }).sign, sim.platformPublicKeyPem)).toBe(true);
  });

  it.each(['bad-sign', 'no-sign'] as const)('simulator fault %s → retry bad-reply-sign (the sim-mode channel always verifies)', async (fault) => {
    const before = sim.sent.length;
    sim.faults.next(fault);
    expect(await channel.send(feeDue())).toEqual({ outcome: 'retry', reason: 'bad-reply-sign' });
    // The platform did take the message; only its answer could not be trusted.
    expect(sim.sent.length).toBe(before + 1);
    // A business refusal with a bad sign is not believed either: retry, not rejected.
    sim.faults.next(fault);
    expect(await channel.send(feeDue({ recipient: 'someone' }))).toEqual({ outcome: 'retry', reason: 'bad-reply-sign' });
  });

  it('a tampered reply (40004 turned into 10000) is refused by a channel holding the key', async () => {
    const genuine = `{"${ALIPAY_TEMPLATE_RESPONSE_KEY}":{"code":"40004","msg":"Business Failed","sub_code":"USER_NOT_EXIST","sub_msg":"x"},"sign":"${rsa2Sign(
      '{"code":"40004","msg":"Business Failed","sub_code":"USER_NOT_EXIST","sub_msg":"x"}',
      alipaySimPlatformKeys().privateKeyPem,
    )}"}`;
    const tampered = genuine.replace('"code":"40004","msg":"Business Failed"', '"code":"10000","msg":"Success"');
    const keyed = (gw: string) => fresh({ gateway: gw, alipayPublicKeyPem: alipaySimPlatformKeys().publicKeyPem });
    for (const [body, expected] of [
      [genuine, { outcome: 'rejected', reason: 'alipay:40004:USER_NOT_EXIST' }],
      [tampered, { outcome: 'retry', reason: 'bad-reply-sign' }],
    ] as const) {
      const odd = await fixedReplyServer(body);
      try {
        expect(await keyed(`${odd.baseUrl}/gateway.do`).send(feeDue())).toEqual(expected);
      } finally {
        await odd.close();
      }
    }
  });

  it('remote mode: verifies with alipayPublicKeyPem; without it accepts replies as before and warns once at start-up', async () => {
    const remote = { mode: 'remote' as const, appId: ALIPAY_SIM_APP_ID, privateKeyPem: alipaySimAppKeys().privateKeyPem, gateway: `${running.baseUrl}/gateway.do` };
    const withKey = createAlipayTemplateChannel({ ...remote, alipayPublicKeyPem: sim.platformPublicKeyPem }, NOTICES_DEMO_DEFAULTS, undefined, { timeoutMs: 500 });
    expect((await withKey.send(feeDue())).outcome).toBe('sent');
    sim.faults.next('bad-sign');
    expect(await withKey.send(feeDue())).toEqual({ outcome: 'retry', reason: 'bad-reply-sign' });

    const log = capturingLogger();
    const noKey = createAlipayTemplateChannel(remote, NOTICES_DEMO_DEFAULTS, undefined, { timeoutMs: 500, logger: log });
    const warnings = () => log.lines.filter((l) => l.includes('not-verified'));
    expect(warnings()).toHaveLength(1);
    sim.faults.next('bad-sign');
    expect(await noKey.send(feeDue())).toEqual({ outcome: 'sent', messageId: null });
    expect(warnings()).toHaveLength(1);
  });

  it('a timestamp outside the window → retry', async () => {
    const c = fresh({ now: () => clock - 20 * 60_000 });
    expect(await c.send(feeDue())).toEqual({ outcome: 'retry', reason: 'alipay:40002:isv.invalid-timestamp' });
  });

  it('a wrong app id → retry (configuration, not the recipient)', async () => {
    expect(await fresh({ appId: '2021000000000999' }).send(feeDue())).toEqual({ outcome: 'retry', reason: 'alipay:40002:isv.invalid-app-id' });
  });

  it('unreachable gateway → retry, never a throw', async () => {
    const dead = createAlipayTemplateSimulator();
    const r = await dead.listen();
    await r.close();
    expect(await fresh({ gateway: `${r.baseUrl}/gateway.do` }).send(feeDue())).toEqual({ outcome: 'retry', reason: 'network' });
  });

  it('a bad private key is a startup error; sim mode needs the simulator URL', () => {
    expect(() => fresh({ privateKeyPem: 'not a key' })).toThrow(/private key/);
    expect(() => createAlipayTemplateChannel({ mode: 'sim' }, NOTICES_DEMO_DEFAULTS)).toThrow(/simulator/);
  });

  it('logs kind, channel, outcome and duration only: no user id, key or field values', async () => {
    await channel.send(feeDue());
    await channel.send(feeDue({ recipient: 'someone' }));
    const all = logger.lines.join('\n');
    expect(all).toContain('"channel":"alipay"');
    expect(all).toContain('"outcome":"sent"');
    expect(all).toContain('"outcome":"rejected"');
    expect(all).toContain('durationMs');
    for (const secret of [USER, 'someone', 'PRIVATE KEY', '西药费', '6222****1234', '¥15.00', 'patientId']) {
      expect(all).not.toContain(secret);
    }
  });
});
