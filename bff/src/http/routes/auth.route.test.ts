import { parseConfig } from '@hosp/config';
import { startTestBff, type TestBff } from '../../../../test/support/bff';

describe('login and sessions', () => {
  let bff: TestBff;
  beforeAll(async () => {
    bff = await startTestBff({ name: 'auth' });
  });
  afterAll(async () => {
    await bff.close();
  });

  it('logs in through the WeChat code exchange; the openid never reaches the client', async () => {
    const sim = bff.sims.wechat!;
    const code = sim.issueCode('patient-1');
    const r = await bff.request('POST', '/api/auth/login', { body: { platform: 'weapp', code } });
    expect(r.status).toBe(200);
    expect(r.body.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(JSON.stringify(r.body)).not.toContain(sim.openIdOf('patient-1'));
    const again = await bff.request('POST', '/api/auth/login', { body: { platform: 'weapp', code: sim.issueCode('patient-1') } });
    expect(again.body.me.accountId).toBe(r.body.me.accountId);
  });

  it('logs in through Alipay and the hospital app ticket as separate accounts', async () => {
    const a = await bff.request('POST', '/api/auth/login', { body: { platform: 'alipay', code: bff.sims.alipay!.issueCode('p') } });
    const h = await bff.request('POST', '/api/auth/login', { body: { platform: 'h5', code: bff.sims.hospitalApp!.issueCode('p') } });
    expect(a.status).toBe(200);
    expect(h.status).toBe(200);
    expect(a.body.me.accountId).not.toBe(h.body.me.accountId);
  });

  it('refuses a used or unknown code', async () => {
    const code = bff.sims.wechat!.issueCode('patient-2');
    expect((await bff.request('POST', '/api/auth/login', { body: { platform: 'weapp', code } })).status).toBe(200);
    const reused = await bff.request('POST', '/api/auth/login', { body: { platform: 'weapp', code } });
    expect(reused.status).toBe(401);
    expect(reused.body.error.code).toBe('LOGIN_FAILED');
  });

  it('answers 503 when the platform is down, and creates no session', async () => {
    bff.sims.wechat!.faults.next('http500');
    const before = await bff.deps.store.db.selectFrom('sessions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const r = await bff.request('POST', '/api/auth/login', { body: { platform: 'weapp', code: bff.sims.wechat!.issueCode('patient-3') } });
    expect(r.status).toBe(503);
    expect(r.body.error.code).toBe('UPSTREAM_UNAVAILABLE');
    const after = await bff.deps.store.db.selectFrom('sessions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('requires a session, and a revoked one no longer works', async () => {
    expect((await bff.request('GET', '/api/me')).status).toBe(401);
    expect((await bff.request('GET', '/api/me', { token: 'x'.repeat(43) })).status).toBe(401);
    const token = await bff.login('leaver');
    expect((await bff.request('GET', '/api/me', { token })).status).toBe(200);
    expect((await bff.request('POST', '/api/auth/logout', { token })).status).toBe(200);
    const after = await bff.request('GET', '/api/me', { token });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('keeps the elder-mode preference per account', async () => {
    const token = await bff.login('elder');
    const set = await bff.request('PUT', '/api/me/preferences', { token, body: { elderMode: true } });
    expect(set.body.elderMode).toBe(true);
    const relogin = await bff.login('elder');
    expect((await bff.request('GET', '/api/me', { token: relogin })).body.elderMode).toBe(true);
    expect((await bff.request('GET', '/api/me', { token: await bff.login('other') })).body.elderMode).toBe(false);
  });

  it('refuses oversized and malformed bodies with clear codes', async () => {
    const big = await bff.request('POST', '/api/auth/login', { body: JSON.stringify({ platform: 'demo', code: 'x'.repeat(300_000) }) });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('BODY_TOO_LARGE');
    const bad = await bff.request('POST', '/api/auth/login', { body: '{nope' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('puts a request id on every answer, echoing a sane one', async () => {
    const r = await bff.request('GET', '/healthz', { headers: { 'x-request-id': 'trace-12345678' } });
    expect(r.headers.get('x-request-id')).toBe('trace-12345678');
    const e = await bff.request('GET', '/api/me');
    expect(e.body.error.requestId).toBe(e.headers.get('x-request-id'));
  });

  it('serves an OpenAPI document generated from the shared contract', async () => {
    const r = await bff.request('GET', '/api/openapi.json');
    expect(r.body.openapi).toBe('3.1.0');
    expect(Object.keys(r.body.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/patients', '/api/patients/{id}']));
    const bind = r.body.paths['/api/patients/bind'].post.requestBody.content['application/json'].schema;
    expect(bind.$ref).toBe('#/components/schemas/BindCardWithProof');
    expect(r.body.components.schemas.BindCardRequest.required).toEqual(expect.arrayContaining(['idNumber', 'patientCard']));
    expect(JSON.stringify(r.body.components.schemas.BindCardWithProof)).toContain('#/components/schemas/Proof');
    // Every $ref in the document resolves.
    const refs = JSON.stringify(r.body).match(/#\/components\/schemas\/[A-Za-z]+/g) ?? [];
    for (const ref of refs) expect(r.body.components.schemas[ref.split('/').pop()!]).toBeDefined();
  });

  it('reports readiness from the database', async () => {
    expect((await bff.request('GET', '/readyz')).body).toMatchObject({ status: 'ready' });
  });
});

describe('demo login outside demo mode', () => {
  it('is refused in production mode', async () => {
    expect(() => parseConfig({ mode: 'production' })).toThrow();
    const bff = await startTestBff({ name: 'nodemo' });
    (bff.deps.config as { mode: string }).mode = 'production';
    const r = await bff.request('POST', '/api/auth/login', { body: { platform: 'demo', code: 'x' } });
    expect(r.status).toBe(403);
    await bff.close();
  });
});
