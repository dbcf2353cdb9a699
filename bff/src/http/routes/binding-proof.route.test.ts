import { parseConfig } from '@hosp/config';
import { hisSeed as seed } from '../../adapters/his';
import { startTestBff, type TestBff } from '../../../../test/support/bff';
import { acceptTerms, bindVia, readCode } from '../../../../test/support/binding';

const zhang = seed.outpatient;
const bindBody = { realName: zhang.realName, idNumber: zhang.idCard, phone: zhang.phone, patientCard: zhang.patientCard, relation: 'self' };

describe('binding needs proof: an SMS code to the phone HIS has on file', () => {
  let bff: TestBff;
  let token: string;
  let realNow: () => Date;
  beforeAll(async () => {
    bff = await startTestBff({ name: 'binding-proof' });
    realNow = bff.deps.now;
  });
  afterAll(async () => {
    await bff.close();
  });
  beforeEach(async () => {
    bff.deps.now = realNow;
    token = await bff.login(`proof${Math.random().toString(36).slice(2, 10)}`);
    await acceptTerms(bindVia(bff), token);
  });

  const patients = async (t = token) => (await bff.request('GET', '/api/patients', { token: t })).body.patients;
  const challenges = () => bff.deps.store.db.selectFrom('binding_challenges').selectAll().execute();
  const askCode = (body: object = bindBody, t = token) => bff.request('POST', '/api/patients/bind/code', { token: t, body });
  const bindWith = (verificationId: string, code: string, body: object = bindBody, t = token) =>
    bff.request('POST', '/api/patients/bind', { token: t, body: { ...body, proof: { kind: 'sms', verificationId, code } } });
  const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

  it('sends the code only to the phone on file, masked in the answer, hashed at rest', async () => {
    const sent = await askCode();
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ phoneMasked: '138****8000', resendAfterSeconds: 0 });
    expect(Date.parse(sent.body.expiresAt) - Date.now()).toBeGreaterThan(290_000);
    expect(Date.parse(sent.body.expiresAt) - Date.now()).toBeLessThanOrEqual(300_000);
    const code = await readCode(sent.body.simInboxUrl, zhang.phone);
    expect(code).toMatch(/^\d{6}$/);
    expect(JSON.stringify(sent.body)).not.toContain(code);
    expect(JSON.stringify(sent.body)).not.toContain(zhang.phone);
    const row = (await challenges()).find((c) => c.id === sent.body.verificationId)!;
    expect(JSON.stringify(row)).not.toContain(code);
    expect(JSON.stringify(row)).not.toContain(zhang.phone);
    expect((await bindWith(sent.body.verificationId, code)).status).toBe(200);
    expect(await patients()).toHaveLength(1);
  });

  it('refuses a phone that is not the one HIS holds for the card, and sends nothing', async () => {
    const inboxBefore = bff.sims.sms!.state.messages.length;
    const rowsBefore = (await challenges()).length;
    const r = await askCode({ ...bindBody, phone: '13900001111' });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('PHONE_MISMATCH');
    expect(bff.sims.sms!.state.messages.length).toBe(inboxBefore);
    expect((await challenges()).length).toBe(rowsBefore);
    // Binding straight away with a made-up proof gets nowhere either.
    const forged = await bindWith('01ARZ3NDEKTSV4RRFFQ69G5FAV', '123456', { ...bindBody, phone: '13900001111' });
    expect(forged.body.error.code).toBe('CODE_EXPIRED');
    expect(await patients()).toEqual([]);
  });

  it('refuses a card HIS holds no phone for', async () => {
    const p = bff.sims.his!.state.patients.get(zhang.patientCard)!;
    const phone = p.phone;
    p.phone = '';
    try {
      const r = await askCode();
      expect(r.body.error.code).toBe('PHONE_NOT_ON_FILE');
    } finally {
      p.phone = phone;
    }
  });

  it('counts wrong codes, and a code is dead after five of them; nothing is saved', async () => {
    const sent = await askCode();
    const code = await readCode(sent.body.simInboxUrl, zhang.phone);
    const first = await bindWith(sent.body.verificationId, wrong(code));
    expect(first.status).toBe(422);
    expect(first.body.error).toMatchObject({ code: 'CODE_INVALID', message: '验证码不正确，还可再试 4 次' });
    for (let i = 0; i < 3; i++) expect((await bindWith(sent.body.verificationId, wrong(code))).body.error.code).toBe('CODE_INVALID');
    expect((await bindWith(sent.body.verificationId, wrong(code))).body.error.code).toBe('CODE_EXPIRED');
    const right = await bindWith(sent.body.verificationId, code);
    expect(right.body.error).toMatchObject({ code: 'CODE_EXPIRED', message: '验证码错误次数过多，请重新获取' });
    expect(await patients()).toEqual([]);
  });

  it('refuses an expired code (5 minutes)', async () => {
    const sent = await askCode();
    const code = await readCode(sent.body.simInboxUrl, zhang.phone);
    bff.deps.now = () => new Date(realNow().getTime() + 300_001);
    const r = await bindWith(sent.body.verificationId, code);
    expect(r.body.error).toMatchObject({ code: 'CODE_EXPIRED', message: '验证码已过期，请重新获取' });
    expect(await patients()).toEqual([]);
  });

  it('uses a code once: not again after unbinding, not from another account', async () => {
    const sent = await askCode();
    const code = await readCode(sent.body.simInboxUrl, zhang.phone);
    const other = await bff.login(`other${Math.random().toString(36).slice(2, 8)}`);
    await acceptTerms(bindVia(bff), other);
    expect((await bindWith(sent.body.verificationId, code, bindBody, other)).body.error.code).toBe('CODE_EXPIRED');
    expect(await patients(other)).toEqual([]);
    const bound = await bindWith(sent.body.verificationId, code);
    expect(bound.status).toBe(200);
    await bff.request('DELETE', `/api/patients/${bound.body.id}`, { token });
    const again = await bindWith(sent.body.verificationId, code);
    expect(again.body.error).toMatchObject({ code: 'CODE_EXPIRED', message: '验证码已使用，请重新获取' });
    expect(await patients()).toEqual([]);
  });

  it('binds the code to what it was sent for: another card with the same code is refused', async () => {
    const sent = await askCode();
    const code = await readCode(sent.body.simInboxUrl, zhang.phone);
    const w = seed.inpatient;
    const r = await bindWith(sent.body.verificationId, code, { realName: w.realName, idNumber: w.idCard, phone: w.phone, patientCard: w.patientCard, relation: 'parent' });
    expect(r.body.error.code).toBe('CODE_EXPIRED');
    expect(await patients()).toEqual([]);
  });

  it('refuses the card when HIS changed the phone on file since the code was sent', async () => {
    const sent = await askCode();
    const code = await readCode(sent.body.simInboxUrl, zhang.phone);
    const p = bff.sims.his!.state.patients.get(zhang.patientCard)!;
    p.phone = '13900002222';
    try {
      const r = await bindWith(sent.body.verificationId, code);
      expect(r.body.error.code).toBe('PHONE_MISMATCH');
      expect(await patients()).toEqual([]);
    } finally {
      p.phone = zhang.phone;
    }
  });

  it('keeps nothing when the SMS platform fails, and says so plainly', async () => {
    const rowsBefore = (await challenges()).length;
    bff.sims.sms!.faults.next('error');
    const r = await askCode();
    expect(r.status).toBe(503);
    expect(r.body.error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect((await challenges()).length).toBe(rowsBefore);
    bff.sims.sms!.faults.next('malformed');
    expect((await askCode()).body.error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect((await challenges()).length).toBe(rowsBefore);
  });

  it('does not let 建卡 bind someone else’s existing record: HIS answers their card, whose phone was not proven', async () => {
    const body = { realName: zhang.realName, idNumber: zhang.idCard, phone: '13900003333', relation: 'self' };
    const sent = await bff.request('POST', '/api/patients/create-card/code', { token, body });
    expect(sent.status).toBe(200);
    const code = await readCode(sent.body.simInboxUrl, '13900003333');
    const r = await bff.request('POST', '/api/patients/create-card', { token, body: { ...body, proof: { kind: 'sms', verificationId: sent.body.verificationId, code } } });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('PHONE_MISMATCH');
    expect(await patients()).toEqual([]);
  });
});

describe('privacy documents are accepted before the first card', () => {
  let bff: TestBff;
  beforeAll(async () => {
    bff = await startTestBff({ name: 'consent' });
  });
  afterAll(async () => {
    await bff.close();
  });

  it('serves both documents without login, with their versions', async () => {
    const policy = await bff.request('GET', '/api/legal/privacy-policy');
    expect(policy.status).toBe(200);
    expect(policy.body).toMatchObject({ kind: 'privacy-policy', version: bff.deps.config.legal.privacyPolicyVersion });
    expect(JSON.stringify(policy.body.sections)).toContain('身份证号');
    expect((await bff.request('GET', '/api/legal/user-agreement')).body.kind).toBe('user-agreement');
    expect((await bff.request('GET', '/api/legal/cookies')).status).toBe(400);
  });

  it('refuses a code and a binding before acceptance, without asking HIS or sending anything', async () => {
    const token = await bff.login('noconsent');
    const before = { his: bff.sims.his!.calls.length, sms: bff.sims.sms!.state.messages.length };
    const status = await bff.request('GET', '/api/me/consent', { token });
    expect(status.body).toMatchObject({ required: true, changed: false });
    const r = await bff.request('POST', '/api/patients/bind/code', { token, body: bindBody });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('CONSENT_REQUIRED');
    const b = await bff.request('POST', '/api/patients/bind', { token, body: { ...bindBody, proof: { kind: 'sms', verificationId: '01ARZ3NDEKTSV4RRFFQ69G5FAV', code: '123456' } } });
    expect(b.body.error.code).toBe('CONSENT_REQUIRED');
    expect(bff.sims.his!.calls.length).toBe(before.his);
    expect(bff.sims.sms!.state.messages.length).toBe(before.sms);
  });

  it('records the versions per account, and asks again when a document changes', async () => {
    const token = await bff.login('consenting');
    await acceptTerms(bindVia(bff), token);
    const rows = await bff.deps.store.db.selectFrom('account_consents').selectAll().execute();
    expect(rows.filter((r) => r.version === '2025-01-01').map((r) => r.document).sort()).toEqual(['privacy-policy', 'user-agreement']);
    expect((await bff.bind(token, zhang)).status).toBe(200);

    const legal = bff.deps.config.legal;
    const old = legal.privacyPolicyVersion;
    legal.privacyPolicyVersion = '2026-02-01';
    try {
      const status = await bff.request('GET', '/api/me/consent', { token });
      expect(status.body).toMatchObject({ required: true, changed: true });
      expect(status.body.documents.find((d: { kind: string }) => d.kind === 'privacy-policy')).toMatchObject({ version: '2026-02-01', acceptedVersion: old });
      const w = seed.inpatient;
      const refused = await bff.request('POST', '/api/patients/bind/code', { token, body: { realName: w.realName, idNumber: w.idCard, phone: w.phone, patientCard: w.patientCard, relation: 'parent' } });
      expect(refused.body.error.code).toBe('CONSENT_REQUIRED');
      // Accepting what the page showed before the change is not accepting the new text.
      const stale = await bff.request('POST', '/api/me/consent', { token, body: { privacyPolicy: old, userAgreement: legal.userAgreementVersion } });
      expect(stale.status).toBe(409);
      expect(stale.body.error.code).toBe('CONFLICT');
      const ok = await bff.request('POST', '/api/me/consent', { token, body: { privacyPolicy: '2026-02-01', userAgreement: legal.userAgreementVersion } });
      expect(ok.body).toMatchObject({ required: false, changed: false });
      expect((await bff.bind(token, w, 'parent')).status).toBe(200);
    } finally {
      legal.privacyPolicyVersion = old;
    }
  });
});

describe('SMS rate limits (the defaults: 60 s apart, 5 an hour, 10 a day per phone; per account; per address)', () => {
  let bff: TestBff;
  let clock: number;
  beforeAll(async () => {
    bff = await startTestBff({ name: 'sms-limits', config: { binding: { limits: { accountPerHour: 8, ipPerHour: 11 } }, sms: { mode: 'sim', flowControl: false } } as never });
    clock = Date.now();
    bff.deps.now = () => new Date(clock);
  });
  afterAll(async () => {
    await bff.close();
  });
  const login = async (name: string) => {
    const t = await bff.login(name);
    await acceptTerms(bindVia(bff), t);
    return t;
  };
  const ask = (t: string, p: { realName: string; idCard: string; phone: string; patientCard: string }) =>
    bff.request('POST', '/api/patients/bind/code', { token: t, body: { realName: p.realName, idNumber: p.idCard, phone: p.phone.replace('+86', ''), patientCard: p.patientCard, relation: 'other' } });

  it('limits codes per phone, per account and per address', async () => {
    const a = await login('limit-a');
    expect((await ask(a, zhang)).status).toBe(200);
    const soon = await ask(a, zhang);
    expect(soon.status).toBe(429);
    expect(soon.body.error).toMatchObject({ code: 'RATE_LIMITED', message: '验证码已发送，请 60 秒后再获取' });
    for (let i = 0; i < 4; i++) {
      clock += 61_000;
      expect((await ask(a, zhang)).status).toBe(200);
    }
    clock += 61_000;
    expect((await ask(a, zhang)).body.error.message).toBe('该手机号获取验证码次数过多，请 1 小时后再试');
    clock += 3_600_000;
    const b = await login('limit-b');
    for (let i = 0; i < 5; i++) {
      expect((await ask(b, zhang)).status).toBe(200);
      clock += 61_000;
    }
    clock += 3_600_000;
    expect((await ask(b, zhang)).body.error.message).toBe('该手机号今日获取验证码次数已达上限，请明天再试');

    // Per account: 8 an hour, whatever the phones.
    clock += 86_400_000;
    const c = await login('limit-c');
    const people = [seed.virtualCard, seed.inpatient, seed.discharged, seed.longCard];
    let sent = 0;
    for (let round = 0; round < 2; round++) {
      for (const p of people) {
        expect((await ask(c, p)).status).toBe(200);
        sent += 1;
      }
      clock += 61_000;
    }
    expect(sent).toBe(8);
    expect((await ask(c, zhang)).body.error.message).toBe('获取验证码次数过多，请 1 小时后再试');

    // Per address (11 an hour here): every test request comes from 127.0.0.1; c's 8 and 3 from d fill the hour.
    const d = await login('limit-d');
    for (const p of [zhang, seed.virtualCard, seed.inpatient, seed.discharged]) {
      const r = await ask(d, p);
      if (p === seed.discharged) expect(r.body.error.code).toBe('RATE_LIMITED');
      else expect(r.status).toBe(200);
    }
  });

  it('passes on the SMS platform’s own flow control as a rate limit', async () => {
    const own = await startTestBff({ name: 'sms-flow', config: { sms: { mode: 'sim', flowControl: true } } as never });
    try {
      const t = await own.login('flow');
      await acceptTerms(bindVia(own), t);
      expect((await own.request('POST', '/api/patients/bind/code', { token: t, body: bindBody })).status).toBe(200);
      const r = await own.request('POST', '/api/patients/bind/code', { token: t, body: bindBody });
      expect(r.status).toBe(429);
      expect(r.body.error.message).toBe('该手机号接收验证码过于频繁，请稍后再试');
      expect(await own.deps.store.db.selectFrom('binding_challenges').selectAll().execute()).toHaveLength(1);
    } finally {
      await own.close();
    }
  });

  it('has no configuration without proof', () => {
    expect(() => parseConfig({ binding: { proofs: [] } })).toThrow(/binding\.proofs: at least one proof/);
    expect(() => parseConfig({ binding: { proofs: ['none'] } })).toThrow(/binding\.proofs/);
  });
});
