import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isValidIdNumber } from '@hosp/shared';
import { encodeHisReply, parseHisPush, verifyHisPushSign, type HisPush } from '../his-push.codec';
import { createHisSimulator } from './his-simulator';
import { createSeedState, seed } from './seed';
import { simMethods } from './sim-methods';

const KEY = 'sim-test-sign-key';

describe('HIS simulator seed', () => {
  it('uses valid GB 11643 ID numbers, one ending in X, and cards with leading zeros', () => {
    const state = createSeedState();
    const ids = [...state.patients.values()].map((p) => p.idCard).concat(seed.newcomer.idCard);
    for (const id of ids) expect(isValidIdNumber(id)).toBe(true);
    expect(ids.some((id) => id.endsWith('X'))).toBe(true);
    expect([...state.patients.keys()].some((c) => c.startsWith('0'))).toBe(true);
    expect(state.stays.get(seed.inpatient.serialNumber)?.status).toBe('1');
    expect(state.stays.get(seed.discharged.serialNumber)?.status).toBe('0');
  });

  it('gives each simulator its own copy of the hospital', () => {
    const a = createHisSimulator({ signKey: KEY, hospitalId: 'h' });
    a.state.patients.clear();
    expect(createHisSimulator({ signKey: KEY, hospitalId: 'h' }).state.patients.size).toBeGreaterThan(0);
  });
});

describe('HIS simulator checkPatientCard (4.2)', () => {
  const check = simMethods.checkPatientCard!;
  const p = seed.lostCard;
  const full = { patientCard: p.patientCard, realName: p.realName, idCard: p.idCard, phone: p.phone };

  it('refuses a request missing any field the document marks 是', () => {
    for (const field of Object.keys(full)) {
      expect(check(createSeedState(), { ...full, [field]: '' })).toEqual({ result: 'error', message: '就诊卡号、姓名、身份证号、联系方式均不能为空' });
    }
  });

  it('answers the owner of a lost card 该卡已挂失, anyone else a mismatch, with exactly result and message', () => {
    expect(check(createSeedState(), full)).toEqual({ result: 'error', message: '该卡已挂失' });
    expect(check(createSeedState(), { ...full, realName: '张三' })).toEqual({ result: 'error', message: '就诊人信息与卡号不匹配' });
    const o = seed.outpatient;
    expect(check(createSeedState(), { patientCard: o.patientCard, realName: o.realName, idCard: o.idCard, phone: o.phone })).toEqual({ result: 'success', message: '成功' });
  });
});

describe('HIS simulator card replacement push (4.5)', () => {
  let receiver: Server;
  let url = '';
  const received: HisPush[] = [];
  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const push = parseHisPush(Buffer.concat(chunks), req.headers['content-type']);
        received.push(push);
        const ok = verifyHisPushSign(push, KEY);
        res.setHeader('content-type', 'application/xml; charset=utf-8');
        res.end(encodeHisReply(ok ? 'success' : 'error', ok ? '' : '签名错误'));
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/his/pushHisData`;
  });
  afterAll(() => new Promise<void>((r) => receiver.close(() => r())));

  it('sends a correctly signed push and moves the card in its own state', async () => {
    const sim = createHisSimulator({ signKey: KEY, hospitalId: 'demoyyadmin' });
    const p = seed.virtualCard;
    const reply = await sim.pushReplaceCard(url, { idCard: p.idCard, realName: p.realName, oldPatientCard: p.patientCard, newPatientCard: '0008800001' });
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('<result>success</result>');
    expect(received.at(-1)).toMatchObject({
      dataType: 'ReplacePatientCard',
      fields: { hospitalId: 'demoyyadmin', idCard: p.idCard, realName: p.realName, oldPatientCard: p.patientCard, newPatientCard: '0008800001' },
    });
    expect(sim.state.patients.has(p.patientCard)).toBe(false);
    expect(sim.state.patients.get('0008800001')?.realName).toBe(p.realName);
  });

  it('signs with its own key (a receiver with another key refuses it)', async () => {
    const sim = createHisSimulator({ signKey: 'not-the-receiver-key', hospitalId: 'demoyyadmin' });
    const p = seed.outpatient;
    const reply = await sim.pushReplaceCard(url, { idCard: p.idCard, realName: p.realName, oldPatientCard: p.patientCard, newPatientCard: 'st1' });
    expect(reply.body).toContain('<result>error</result>');
  });
});
