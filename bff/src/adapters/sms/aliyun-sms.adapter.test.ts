import { AppError } from '@hosp/shared';
import { AliyunSmsAdapter, createSmsSimulator, SMS_SIM_CREDENTIALS, type SmsSimulator } from '.';
import { canonicalQuery, rpcSignature } from './aliyun-sign';

describe('Alibaba Cloud SMS signing', () => {
  it('reproduces the signature of the platform document’s own SendSms example', () => {
    const params = {
      AccessKeyId: 'testId', Action: 'SendSms', Format: 'XML', OutId: '123', PhoneNumbers: '15300000001', RegionId: 'cn-hangzhou',
      SignName: '阿里云短信测试专用', SignatureMethod: 'HMAC-SHA1', SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466', SignatureVersion: '1.0',
      TemplateCode: 'SMS_71390007', TemplateParam: '{"customer":"test"}', Timestamp: '2017-07-12T02:42:19Z', Version: '2017-05-25',
    };
    expect(rpcSignature('GET', params, 'testSecret')).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
    expect(canonicalQuery({ b: "a b*~!'()", a: '1' })).toBe('a=1&b=a%20b%2A~%21%27%28%29');
  });
});

describe('the SMS adapter against the simulator', () => {
  let sim: SmsSimulator;
  let base: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    sim = createSmsSimulator({ flowControl: true });
    ({ baseUrl: base, close } = await sim.listen());
  });
  afterAll(() => close());
  const adapter = (over: Partial<ConstructorParameters<typeof AliyunSmsAdapter>[0]> = {}) =>
    new AliyunSmsAdapter({ endpoint: base, ...SMS_SIM_CREDENTIALS, timeoutMs: 500, ...over });
  const failure = async (p: Promise<unknown>) => {
    const err = await p.then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  };

  it('delivers the code with the approved signature and template', async () => {
    await adapter().sendCode('13800001111', '042137');
    expect(sim.inbox('13800001111')).toHaveLength(1);
    expect(sim.latestCode('13800001111')).toBe('042137');
    expect(sim.inbox('13800001111')[0]!.text).toContain('【演示医院】验证码 042137');
  });

  it('maps the platform’s per-phone flow control to RATE_LIMITED', async () => {
    await adapter().sendCode('13800002222', '111111');
    const err = await failure(adapter().sendCode('13800002222', '222222'));
    expect(err.code).toBe('RATE_LIMITED');
    expect(err.detail).toMatchObject({ platformCode: 'isv.BUSINESS_LIMIT_CONTROL' });
    expect(sim.inbox('13800002222')).toHaveLength(1);
  });

  it('is refused by the simulator when signed with the wrong secret, or for an unknown template', async () => {
    expect((await failure(adapter({ accessKeySecret: 'not-the-secret-0001' }).sendCode('13800003333', '123456'))).detail).toMatchObject({ reason: 'http-400', platformCode: 'SignatureDoesNotMatch' });
    expect((await failure(adapter({ accessKeyId: 'nobody' }).sendCode('13800003333', '123456'))).detail).toMatchObject({ platformCode: 'InvalidAccessKeyId.NotFound' });
    expect((await failure(adapter({ templateCode: 'SMS_999' }).sendCode('13800003333', '123456'))).detail).toMatchObject({ reason: 'refused', platformCode: 'isv.SMS_TEMPLATE_ILLEGAL' });
    expect(sim.inbox('13800003333')).toEqual([]);
  });

  it('turns an outage, garbage or silence into UPSTREAM_UNAVAILABLE', async () => {
    for (const [fault, reason] of [['http500', 'http-500-not-json'], ['malformed', 'http-200-not-json'], ['hang', 'timeout'], ['error', 'refused']] as const) {
      sim.faults.next(fault);
      const err = await failure(adapter().sendCode('13800004444', '123456'));
      expect(err.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(err.detail).toMatchObject({ reason });
    }
    expect(sim.inbox('13800004444')).toEqual([]);
  });

  it('the simulator refuses a replayed request (same nonce) and a missing parameter with the platform’s codes', async () => {
    const params: Record<string, string> = {
      AccessKeyId: SMS_SIM_CREDENTIALS.accessKeyId, Action: 'SendSms', Format: 'JSON', RegionId: 'cn-hangzhou', SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: 'nonce-0001', SignatureVersion: '1.0', Timestamp: `${new Date().toISOString().slice(0, 19)}Z`, Version: '2017-05-25',
      PhoneNumbers: '13800005555', SignName: SMS_SIM_CREDENTIALS.signName, TemplateCode: SMS_SIM_CREDENTIALS.templateCode, TemplateParam: '{"code":"123456"}',
    };
    const post = async (p: Record<string, string>) => {
      const body = new URLSearchParams({ ...p, Signature: rpcSignature('POST', p, SMS_SIM_CREDENTIALS.accessKeySecret) });
      const res = await fetch(`${base}/`, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      return { status: res.status, body: (await res.json()) as { Code: string } };
    };
    expect((await post(params)).body.Code).toBe('OK');
    expect(await post(params)).toMatchObject({ status: 400, body: { Code: 'SignatureNonceUsed' } });
    const noPhone: Record<string, string> = { ...params, SignatureNonce: 'nonce-0002' };
    delete noPhone.PhoneNumbers;
    expect(await post(noPhone)).toMatchObject({ status: 400, body: { Code: 'MissingPhoneNumbers' } });
    expect((await post({ ...params, SignatureNonce: 'nonce-0003', PhoneNumbers: '13800006666', TemplateParam: '{"code":123456}' })).body.Code).toBe('isv.INVALID_JSON_PARAM');
  });
});
