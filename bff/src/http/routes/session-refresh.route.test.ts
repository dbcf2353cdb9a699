import { startTestBff, type TestBff } from '../../../../test/support/bff';

describe('short H5 sessions with refresh', () => {
  let bff: TestBff;
  beforeAll(async () => {
    bff = await startTestBff({ name: 'refresh', config: { security: { fieldKey: Buffer.alloc(32, 3).toString('base64'), sessionTtlHours: 72, sessionMaxHours: 720, h5SessionTtlMinutes: 20, h5SessionMaxHours: 12 } as never } });
  });
  afterAll(async () => {
    await bff.close();
  });
  const loginH5 = async (user: string) => (await bff.request('POST', '/api/auth/login', { body: { platform: 'h5', code: bff.sims.hospitalApp!.issueCode(user) } })).body;

  it('gives H5 a token of the configured short lifetime and mini-programs their longer one', async () => {
    const h5 = await loginH5('h5-user');
    expect(h5.expiresInSeconds).toBeGreaterThan(20 * 60 - 5);
    expect(h5.expiresInSeconds).toBeLessThanOrEqual(20 * 60);
    const weapp = (await bff.request('POST', '/api/auth/login', { body: { platform: 'weapp', code: bff.sims.wechat!.issueCode('w') } })).body;
    expect(weapp.expiresInSeconds).toBeGreaterThan(71 * 3600);
  });

  it('trades a live token for a new one; the old one works a few seconds more, then not', async () => {
    const first = await loginH5('h5-refresh');
    const r = await bff.request('POST', '/api/auth/refresh', { token: first.token });
    expect(r.status).toBe(200);
    expect(r.body.token).not.toBe(first.token);
    expect(r.body.me.accountId).toBe(first.me.accountId);
    expect(r.body.expiresInSeconds).toBeGreaterThan(20 * 60 - 5);
    expect((await bff.request('GET', '/api/me', { token: r.body.token })).status).toBe(200);
    const old = await bff.deps.store.db.selectFrom('sessions').select('expires_at').where('platform', '=', 'h5').orderBy('created_at').execute();
    expect(Date.parse(old[old.length - 2]!.expires_at) - Date.now()).toBeLessThanOrEqual(30_000);
  });

  it('stops extending a session past its maximum age after login: the patient logs in again', async () => {
    const s = await loginH5('h5-old');
    const thirteenHoursAgo = new Date(Date.now() - 13 * 3_600_000).toISOString();
    await bff.deps.store.db.updateTable('sessions').set({ started_at: thirteenHoursAgo }).where('account_id', '=', s.me.accountId).execute();
    const r = await bff.request('POST', '/api/auth/refresh', { token: s.token });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('SESSION_EXPIRED');
  });

  it('refuses to refresh an expired or unknown token', async () => {
    const s = await loginH5('h5-expired');
    await bff.deps.store.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('account_id', '=', s.me.accountId).execute();
    expect((await bff.request('POST', '/api/auth/refresh', { token: s.token })).body.error.code).toBe('SESSION_EXPIRED');
    expect((await bff.request('POST', '/api/auth/refresh', { token: 'x'.repeat(43) })).status).toBe(401);
  });
});
