import Koa from 'koa';
import { AppError } from '@hosp/shared';
import { listenLocal, readRawBody, type RunningSimulator } from '../shared/sim-kit';
import { formatCompact as formatBeijingTime } from '../../domain/time';
import { PUSH_ACK, PlatformPushError, parsePlatformPush, pushErrorReply, type PlatformPush } from './payment-push.codec';
import { withSign } from './payment-sign';
import { buildPlatformPush, sendPlatformPush } from './sim/push-sender';

const SECRET = 'push-secret';
const APP_ID = 'app1';
const NOW = new Date('2024-03-01T02:03:04Z'); // 10:03:04 Beijing
const now = () => NOW;
const opts = { appId: APP_ID, now };

const patient = { userName: '蔡少辉', idNo: '350203199001011234', contactNumber: '13800138000' };
const stay = { inpatientNo: 'ZY123', cardType: '03', cardNo: 'C0001', accountType: '02', wardName: '急诊内科', wardCode: 'W01', inpatientDate: '2024-02-25' };

const PARAMS = {
  'hop.inpatient.msg.overpay': { ...patient, ...stay, bcbxf0: '11.00', grzfe0: '11', bcfyze: '22.0', balance: '11.18', complementMoney: '0.98' },
  'hop.inpatient.msg.bill': {
    ...patient, ...stay, admissTimes: '2', patientType: '01', beginDate: '2024-02-29', endDate: '2024-02-29',
    bcbxf0: '100.50', grzfe0: '20.10', bcfyze: '120.60', balance: '-5.00',
  },
  'hop.inpatient.msg.outDepart': { ...patient, ...stay, patientType: '00' },
  'hop.inpatient.msg.outHosp': { ...patient, ...stay, bcbxf0: '800.00', grzfe0: '200.00', bcfyze: '1000.00', balance: '0.00' },
  'hop.inpatient.msg.common': { ...patient, inpatientNo: 'ZY123', cardType: '03', keyword: '请于明日上午到护士站领取出院小结', first: '出院小结已备好', remark: '带上身份证' },
  'hop.mmpay.msg.push': {
    ...patient, cardType: '03', cardNo: 'C0001', accountType: '01', feeType: '00', userNo: 'P0009', voucherNo: 'V20240301001',
    applyDepaName: '内科门诊', applyDoctorName: '王医生', recipeTime: '20240301093000', fee: '35.5', recipeNum: '2', notes: 'n',
  },
  'hop.mmpay.push.drug': {
    ...patient, cardNo: 'C0001', userNo: 'P0009', voucherNo: 'V20240301001', hisReceiptNo: 'FP778899', applyDepaName: '内科门诊',
    applyDoctorName: '王医生', recipeTime: '20240301093000', fee: '35.50', drugState: 'init',
    first: '您的药品已经配发好,请及时到窗口排队领药品', remark: '请携带就诊卡', drugWindowNo: '9号',
  },
} as const satisfies Record<string, Record<string, string>>;

type TransType = keyof typeof PARAMS;

function push(transType: string, param: Record<string, unknown>, extra: { timestamp?: string; nonce?: string; sign?: 'valid' | 'bad' | 'none' } = {}) {
  return buildPlatformPush(transType, param, { appId: APP_ID, appSecret: SECRET, timestamp: extra.timestamp ?? '20240301100300', nonce: extra.nonce ?? 'nonce-1', sign: extra.sign });
}

function rejection(fn: () => unknown): PlatformPushError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(PlatformPushError);
    expect(err).toBeInstanceOf(AppError);
    return err as PlatformPushError;
  }
  throw new Error('expected a rejection');
}

function without(transType: TransType, field: string): Record<string, unknown> {
  const { [field]: _drop, ...rest } = PARAMS[transType] as Record<string, unknown>;
  return rest;
}

const VENDOR_NAMES = ['bcbxf0', 'grzfe0', 'bcfyze', 'complementMoney', 'userName', 'idNo', 'contactNumber', 'wardName', 'recipeTime', 'drugState', 'hisReceiptNo'];

describe('parsePlatformPush: each transType', () => {
  const parse = (t: TransType, p: Record<string, unknown> = PARAMS[t]) => parsePlatformPush(JSON.stringify(push(t, p)), SECRET, opts);

  it('arrears (hop.inpatient.msg.overpay)', () => {
    const m = parse('hop.inpatient.msg.overpay');
    expect(m).toMatchObject({
      kind: 'inpatient-arrears', transType: 'hop.inpatient.msg.overpay', nonce: 'nonce-1', sentAt: new Date('2024-03-01T02:03:00Z'),
      patient: { name: '蔡少辉', idNumber: '350203199001011234', cardNo: 'C0001', inpatientNo: 'ZY123', phone: '13800138000', patientNo: null },
      stay: { inpatientNo: 'ZY123', ward: '急诊内科', wardCode: 'W01', admittedOn: '2024-02-25', admissionCount: null },
      amounts: { arrearsFen: 98, balanceFen: 1118, totalFen: 2200, insuranceFen: 1100, selfPayFen: 1100 },
      title: '住院押金不足，请及时补缴',
      dedupeKey: 'hop.inpatient.msg.overpay|ZY123|2200|98',
    });
    expect(m.lines).toEqual({
      姓名: '蔡*辉', 住院科室: '急诊内科', 住院号: 'ZY123', 住院日期: '2024-02-25',
      费用总额: '¥22.00', 医保支付: '¥11.00', 个人支付: '¥11.00', 院内余额: '¥11.18', 需补缴金额: '¥0.98',
    });
  });

  it('daily bill (hop.inpatient.msg.bill), negative balance allowed, cardNo optional for self-pay', () => {
    const m = parse('hop.inpatient.msg.bill');
    expect(m).toMatchObject({
      kind: 'inpatient-daily-bill', date: '2024-02-29', endDate: '2024-02-29', settlement: 'local-insurance',
      stay: { admissionCount: '2' },
      amounts: { dailyTotalFen: 12060, insuranceFen: 10050, selfPayFen: 2010, balanceFen: -500 },
      dedupeKey: 'hop.inpatient.msg.bill|ZY123|2024-02-29',
    });
    expect(m.lines).toMatchObject({ 清单日期: '2024-02-29', 费用类型: '本地医保', 当日费用: '¥120.60', 院内余额: '¥-5.00' });
    const selfPay = parse('hop.inpatient.msg.bill', { ...without('hop.inpatient.msg.bill', 'cardNo'), patientType: '00', beginDate: '20240229', endDate: '2024-02-29 23:59:59' });
    expect(selfPay).toMatchObject({ kind: 'inpatient-daily-bill', settlement: 'self-pay', date: '2024-02-29', patient: { cardNo: null } });
    expect(selfPay.dedupeKey).toBe(m.dedupeKey);
  });

  it('left ward (hop.inpatient.msg.outDepart), with the sample amounts when sent', () => {
    const m = parse('hop.inpatient.msg.outDepart');
    expect(m).toMatchObject({
      kind: 'inpatient-left-ward', settlement: 'self-pay', title: '出科通知',
      amounts: { balanceFen: null, totalFen: null, arrearsFen: null },
      dedupeKey: 'hop.inpatient.msg.outDepart|ZY123|2024-02-25|W01',
    });
    expect(m.lines['通知内容']).toContain('在线自费结算');
    const withAmounts = parse('hop.inpatient.msg.outDepart', { ...PARAMS['hop.inpatient.msg.outDepart'], balance: '11.18', bcfyze: '12.16', complementMoney: '0.98' });
    expect(withAmounts).toMatchObject({ amounts: { balanceFen: 1118, totalFen: 1216, arrearsFen: 98 } });
    expect(withAmounts.lines).toMatchObject({ 院内余额: '¥11.18', 费用总计: '¥12.16', 需补缴金额: '¥0.98' });
  });

  it('discharged (hop.inpatient.msg.outHosp)', () => {
    expect(parse('hop.inpatient.msg.outHosp')).toMatchObject({
      kind: 'inpatient-discharged', title: '出院通知',
      amounts: { totalFen: 100000, insuranceFen: 80000, selfPayFen: 20000, balanceFen: 0 },
      lines: { 费用总额: '¥1000.00', 院内余额: '¥0.00' },
      dedupeKey: 'hop.inpatient.msg.outHosp|ZY123|2024-02-25',
    });
  });

  it('general notice (hop.inpatient.msg.common): title from `first`, cardNo optional', () => {
    const m = parse('hop.inpatient.msg.common');
    expect(m).toMatchObject({
      kind: 'inpatient-notice', title: '出院小结已备好', text: '请于明日上午到护士站领取出院小结', remark: '带上身份证',
      patient: { cardNo: null, inpatientNo: 'ZY123' },
      lines: { 通知内容: '请于明日上午到护士站领取出院小结', 备注: '带上身份证', 住院号: 'ZY123' },
    });
    expect(m.dedupeKey).toMatch(/^hop\.inpatient\.msg\.common\|ZY123\|[0-9a-f]{16}$/);
    expect(parse('hop.inpatient.msg.common').dedupeKey).toBe(m.dedupeKey);
    expect(parse('hop.inpatient.msg.common', { ...PARAMS['hop.inpatient.msg.common'], keyword: '另一条' }).dedupeKey).not.toBe(m.dedupeKey);
  });

  it('bills to settle (hop.mmpay.msg.push): voucherNo, fee and recipeNum may be empty', () => {
    const m = parse('hop.mmpay.msg.push');
    expect(m).toMatchObject({
      kind: 'bills-to-settle', title: '您有待结算的费用', settlement: 'self-pay', prescriptionCount: 2,
      patient: { cardNo: 'C0001', inpatientNo: null, patientNo: 'P0009' },
      prescription: { voucherNo: 'V20240301001', department: '内科门诊', doctor: '王医生', prescribedAt: new Date('2024-03-01T01:30:00Z') },
      amounts: { totalFen: 3550 },
      lines: { 申请科室: '内科门诊', 处方时间: '2024-03-01 09:30', 单据号: 'V20240301001', 处方数: '2', 总费用: '¥35.50', 费用类型: '自费' },
      dedupeKey: 'hop.mmpay.msg.push|P0009|V20240301001|20240301093000',
    });
    const bare = parse('hop.mmpay.msg.push', { ...PARAMS['hop.mmpay.msg.push'], voucherNo: '', fee: null, recipeNum: undefined });
    expect(bare).toMatchObject({ prescription: { voucherNo: null }, amounts: { totalFen: null }, prescriptionCount: null });
    expect(bare.lines).not.toHaveProperty('总费用');
  });

  it('medicine status (hop.mmpay.push.drug): init, succ, cancel (refund note required)', () => {
    const m = parse('hop.mmpay.push.drug');
    expect(m).toMatchObject({
      kind: 'medicine-status', state: 'waiting', window: '9号', title: '您的药品已经配发好,请及时到窗口排队领药品',
      prescription: { voucherNo: 'V20240301001', receiptNo: 'FP778899' }, amounts: { feeFen: 3550 },
      lines: { 取药状态: '待取药', 取药窗口: '9号', 费用: '¥35.50', 备注: '请携带就诊卡' },
      dedupeKey: 'hop.mmpay.push.drug|V20240301001|FP778899|init',
    });
    expect(parse('hop.mmpay.push.drug', { ...PARAMS['hop.mmpay.push.drug'], drugState: 'succ' })).toMatchObject({ state: 'collected' });
    const cancel = { ...PARAMS['hop.mmpay.push.drug'], drugState: 'cancel', fee: '10.00' };
    expect(rejection(() => parse('hop.mmpay.push.drug', cancel)).field).toBe('cancelDesc');
    const returned = parse('hop.mmpay.push.drug', { ...cancel, cancelDesc: '药品退费' });
    expect(returned).toMatchObject({ state: 'returned', refundNote: '药品退费', lines: { 取药状态: '已退药', 退费金额: '¥10.00', 退费说明: '药品退费' } });
    expect(returned.dedupeKey).toBe('hop.mmpay.push.drug|V20240301001|FP778899|cancel');
    expect(rejection(() => parse('hop.mmpay.push.drug', { ...cancel, drugState: 'lost' })).field).toBe('drugState');
  });

  it('never leaks vendor field names or unmasked id/phone into the domain object', () => {
    for (const t of Object.keys(PARAMS) as TransType[]) {
      const m: PlatformPush = parse(t);
      const { patient: _p, ...rest } = m;
      const text = JSON.stringify(rest);
      for (const name of VENDOR_NAMES) expect(text).not.toContain(`"${name}"`);
      expect(text).not.toContain('350203199001011234');
      expect(text).not.toContain('13800138000');
      expect(text).not.toContain('蔡少辉');
    }
  });
});

describe('parsePlatformPush: refusals', () => {
  const valid = () => push('hop.inpatient.msg.overpay', PARAMS['hop.inpatient.msg.overpay']);

  it('accepts text, Buffer or object; PUSH_ACK is the success reply', () => {
    const env = valid();
    expect(parsePlatformPush(Buffer.from(JSON.stringify(env)), SECRET, opts).kind).toBe('inpatient-arrears');
    expect(parsePlatformPush(env, SECRET, opts).kind).toBe('inpatient-arrears');
    // param as a JSON string is signed as sent
    const asString = withSign({ ...env, sign: undefined, param: JSON.stringify(PARAMS['hop.inpatient.msg.overpay']) }, SECRET);
    expect(parsePlatformPush(asString, SECRET, opts).kind).toBe('inpatient-arrears');
    expect(PUSH_ACK).toEqual({ respCode: '000000', respMsg: '成功' });
  });

  it('a forged, unsigned or tampered push is SIGNATURE_INVALID (bad-sign); a foreign app is wrong-app', () => {
    const bad = rejection(() => parsePlatformPush(push('hop.inpatient.msg.overpay', PARAMS['hop.inpatient.msg.overpay'], { sign: 'bad' }), SECRET, opts));
    expect([bad.code, bad.reason]).toEqual(['SIGNATURE_INVALID', 'bad-sign']);
    expect(rejection(() => parsePlatformPush(push('hop.inpatient.msg.overpay', PARAMS['hop.inpatient.msg.overpay'], { sign: 'none' }), SECRET, opts)).reason).toBe('bad-sign');
    const tampered = { ...valid(), param: { ...PARAMS['hop.inpatient.msg.overpay'], complementMoney: '998.00' } };
    expect(rejection(() => parsePlatformPush(tampered, SECRET, opts)).reason).toBe('bad-sign');
    const replayedNonce = { ...valid(), nonce: 'other' };
    expect(rejection(() => parsePlatformPush(replayedNonce, SECRET, opts)).reason).toBe('bad-sign');
    const foreign = rejection(() => parsePlatformPush(valid(), SECRET, { ...opts, appId: 'other' }));
    expect([foreign.code, foreign.reason]).toEqual(['SIGNATURE_INVALID', 'wrong-app']);
  });

  it('a timestamp outside ±maxSkewMs (or missing/garbled) is SIGNATURE_INVALID (stale)', () => {
    const at = (ts: string, maxSkewMs?: number) => () =>
      parsePlatformPush(push('hop.inpatient.msg.overpay', PARAMS['hop.inpatient.msg.overpay'], { timestamp: ts }), SECRET, { ...opts, maxSkewMs });
    expect(at('20240301095805')()).toBeTruthy(); // 4 min 59 s early
    expect(at('20240301100804')()).toBeTruthy(); // exactly 5 min late
    const stale = rejection(at('20240301095803'));
    expect([stale.code, stale.reason]).toEqual(['SIGNATURE_INVALID', 'stale']);
    expect(rejection(at('20240301100805')).reason).toBe('stale');
    expect(rejection(at('20240301100300', 1_000)).reason).toBe('stale');
    expect(rejection(at('2024-03-01 10:03:04')).reason).toBe('stale');
    expect(rejection(at('')).reason).toBe('stale');
  });

  it('returns the nonce for the caller and refuses a missing one', () => {
    expect(parsePlatformPush(push('hop.inpatient.msg.overpay', PARAMS['hop.inpatient.msg.overpay'], { nonce: 'abc-123' }), SECRET, opts).nonce).toBe('abc-123');
    const noNonce = withSign({ transType: 'hop.inpatient.msg.overpay', param: PARAMS['hop.inpatient.msg.overpay'], appId: APP_ID, timestamp: '20240301100300' }, SECRET);
    const err = rejection(() => parsePlatformPush(noNonce, SECRET, opts));
    expect([err.code, err.reason]).toEqual(['SIGNATURE_INVALID', 'no-nonce']);
  });

  it.each([
    ['hop.inpatient.msg.overpay', 'complementMoney'],
    ['hop.inpatient.msg.overpay', 'inpatientDate'],
    ['hop.inpatient.msg.overpay', 'cardNo'],
    ['hop.inpatient.msg.bill', 'beginDate'],
    ['hop.inpatient.msg.bill', 'patientType'],
    ['hop.inpatient.msg.outDepart', 'wardName'],
    ['hop.inpatient.msg.outHosp', 'balance'],
    ['hop.inpatient.msg.common', 'keyword'],
    ['hop.inpatient.msg.common', 'first'],
    ['hop.mmpay.msg.push', 'userNo'],
    ['hop.mmpay.msg.push', 'recipeTime'],
    ['hop.mmpay.push.drug', 'hisReceiptNo'],
    ['hop.mmpay.push.drug', 'drugWindowNo'],
  ] as const)('%s without %s is VALIDATION_FAILED naming the field', (t, field) => {
    const err = rejection(() => parsePlatformPush(push(t, without(t, field)), SECRET, opts));
    expect([err.code, err.reason, err.field, err.detail]).toEqual(['VALIDATION_FAILED', 'invalid', field, { reason: 'invalid', field }]);
    // blank counts as missing
    expect(rejection(() => parsePlatformPush(push(t, { ...PARAMS[t], [field]: '  ' }), SECRET, opts)).field).toBe(field);
  });

  it('unreadable money and dates name the field', () => {
    const t = 'hop.inpatient.msg.overpay';
    for (const [field, value] of [['bcfyze', '12.345'], ['complementMoney', '-1.00'], ['bcbxf0', '11元'], ['inpatientDate', '2024-02-30'], ['userName', { a: 1 }]] as const) {
      expect(rejection(() => parsePlatformPush(push(t, { ...PARAMS[t], [field]: value }), SECRET, opts)).field).toBe(field);
    }
    expect(rejection(() => parsePlatformPush(push('hop.mmpay.msg.push', { ...PARAMS['hop.mmpay.msg.push'], recipeTime: '20240301253000' }), SECRET, opts)).field).toBe('recipeTime');
    expect(rejection(() => parsePlatformPush(push('hop.mmpay.msg.push', { ...PARAMS['hop.mmpay.msg.push'], recipeNum: 'two' }), SECRET, opts)).field).toBe('recipeNum');
    // numbers for money are read as the platform wrote them
    expect(parsePlatformPush(push(t, { ...PARAMS[t], complementMoney: 0.98 }), SECRET, opts)).toMatchObject({ amounts: { arrearsFen: 98 } });
  });

  it('malformed JSON and non-objects are VALIDATION_FAILED (malformed)', () => {
    for (const body of ['{"transType":', '[]', 'null', 42, Buffer.from('\u0000')]) {
      const err = rejection(() => parsePlatformPush(body, SECRET, opts));
      expect([err.code, err.reason]).toEqual(['VALIDATION_FAILED', 'malformed']);
    }
    const emptyParam = push('hop.inpatient.msg.overpay', {});
    expect(rejection(() => parsePlatformPush(emptyParam, SECRET, opts)).field).toBe('param');
    const badParam = withSign({ ...push('hop.inpatient.msg.overpay', {}), sign: undefined, param: '{"a":' }, SECRET);
    expect(rejection(() => parsePlatformPush(badParam, SECRET, opts)).field).toBe('param');
  });

  it('an unknown (signed) transType is a clear VALIDATION_FAILED (unknown-type)', () => {
    const err = rejection(() => parsePlatformPush(push('hop.trade.notify', { a: '1' }), SECRET, opts));
    expect([err.code, err.reason, err.field]).toEqual(['VALIDATION_FAILED', 'unknown-type', 'transType']);
    expect(err.message).toBe('platform push rejected: unknown-type (transType)');
    expect(pushErrorReply(err)).toEqual({ respCode: '010002', respMsg: '未知交易类型' });
  });

  it('pushErrorReply maps each refusal to a platform return code', () => {
    expect(pushErrorReply(new PlatformPushError('bad-sign'))).toEqual({ respCode: '000002', respMsg: '验签失败' });
    expect(pushErrorReply(new PlatformPushError('stale')).respCode).toBe('010006');
    expect(pushErrorReply(new PlatformPushError('invalid', 'fee'))).toEqual({ respCode: '020000', respMsg: '参数不合法: fee' });
    expect(pushErrorReply(new PlatformPushError('malformed')).respCode).toBe('000004');
    expect(pushErrorReply(new Error('db down'))).toEqual({ respCode: '999999', respMsg: '未知错误' });
  });
});

describe('sendPlatformPush against a receiver on 127.0.0.1', () => {
  let server: RunningSimulator;
  const received: PlatformPush[] = [];
  const seenNonces = new Set<string>();

  beforeAll(async () => {
    const app = new Koa();
    app.use(async (ctx) => {
      const raw = await readRawBody(ctx);
      ctx.type = 'application/json';
      try {
        const msg = parsePlatformPush(raw ?? '', SECRET, { appId: APP_ID });
        if (!seenNonces.has(msg.nonce)) {
          seenNonces.add(msg.nonce);
          received.push(msg);
        }
        ctx.body = PUSH_ACK;
      } catch (err) {
        ctx.body = pushErrorReply(err);
      }
    });
    server = await listenLocal(app);
  });

  afterAll(async () => {
    await server.close();
  });

  it('delivers every transType signed; refuses forged and unsigned; a replayed nonce is taken once', async () => {
    const url = `${server.baseUrl}/pay/push`;
    for (const t of Object.keys(PARAMS) as TransType[]) {
      const res = await sendPlatformPush(url, t, PARAMS[t], { appId: APP_ID, appSecret: SECRET });
      expect(res).toMatchObject({ status: 200, body: PUSH_ACK });
    }
    expect(received.map((m) => m.kind)).toEqual([
      'inpatient-arrears', 'inpatient-daily-bill', 'inpatient-left-ward', 'inpatient-discharged', 'inpatient-notice', 'bills-to-settle', 'medicine-status',
    ]);
    const p = PARAMS['hop.inpatient.msg.overpay'];
    expect((await sendPlatformPush(url, 'hop.inpatient.msg.overpay', p, { appId: APP_ID, appSecret: SECRET, sign: 'bad' })).body).toMatchObject({ respCode: '000002' });
    expect((await sendPlatformPush(url, 'hop.inpatient.msg.overpay', p, { appId: APP_ID, appSecret: SECRET, sign: 'none' })).body).toMatchObject({ respCode: '000002' });
    const old = new Date(Date.now() - 10 * 60_000);
    expect((await sendPlatformPush(url, 'hop.inpatient.msg.overpay', p, { appId: APP_ID, appSecret: SECRET, timestamp: old })).body).toMatchObject({ respCode: '010006' });
    const first = await sendPlatformPush(url, 'hop.inpatient.msg.overpay', p, { appId: APP_ID, appSecret: SECRET, nonce: 'once', timestamp: formatBeijingTime(new Date()) });
    const count = received.length;
    const replay = await fetch(url, { method: 'POST', body: first.sent });
    expect(await replay.json()).toEqual(PUSH_ACK);
    expect(received.length).toBe(count);
  });
});

describe('transType look-up', () => {
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])('refuses a signed push whose transType is %p', (t) => {
    expect(rejection(() => parsePlatformPush(push(t, PARAMS['hop.mmpay.push.drug']), SECRET, opts)).reason).toBe('unknown-type');
  });
});
