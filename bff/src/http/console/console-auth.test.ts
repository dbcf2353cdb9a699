import { hashPasswordSync } from '@hosp/config';
import { startTestBff, type TestBff } from '../../../../test/support/bff';
import { bookOne, FAST_ORDERS } from '../../../../test/support/booking-flow';
import { ConsoleClient } from '../../../../test/support/console-client';

const PASSWORDS = { fin: 'fin-pass-7Qm2xL9v', view: 'view-pass-3Rk8wZ1c', adm: 'adm-pass-5Tn4yH6b' };
let ipSeq = 10;
const freshIp = () => `198.51.100.${(ipSeq += 1)}`;

describe('operator console: login, sessions, CSRF and roles', () => {
  let bff: TestBff;
  beforeAll(async () => {
    bff = await startTestBff({
      name: 'console-auth',
      config: {
        ...FAST_ORDERS,
        server: { host: '127.0.0.1', port: 0, publicDir: '', shutdownTimeoutMs: 3_000, proxyHops: 1 },
        admin: {
          token: 'operator-token-0123456789abcdef',
          operators: [
            { username: 'fin', displayName: '财务甲', role: 'finance', passwordHash: hashPasswordSync(PASSWORDS.fin) },
            { username: 'view', displayName: '值班乙', role: 'viewer', passwordHash: hashPasswordSync(PASSWORDS.view) },
            { username: 'adm', displayName: '主管丙', role: 'admin', passwordHash: hashPasswordSync(PASSWORDS.adm) },
          ],
          login: { perMinute: 6, maxFailures: 3, lockMinutes: 15 },
        },
      } as never,
    });
  });
  afterAll(async () => {
    await bff.close();
  });

  const db = () => bff.deps.store.db;
  const audit = (action: string) => db().selectFrom('operator_audit').selectAll().where('action', '=', action).orderBy('at', 'desc').orderBy('id', 'desc').execute();
  const sessionsOf = async (username: string) => {
    const op = await db().selectFrom('operators').select('id').where('username', '=', username).executeTakeFirstOrThrow();
    return db().selectFrom('operator_sessions').selectAll().where('operator_id', '=', op.id).execute();
  };
  async function attentionOrder(): Promise<string> {
    const o = await bookOne(bff);
    await db().transaction().execute((tx) => bff.deps.orders.transition(tx, o.tradeNo, 'attention', { actor: 'system', reason: 'HIS lock outcome unknown', patch: { attentionReason: 'HIS lock outcome unknown' } }, new Date()));
    return o.tradeNo;
  }

  it('a right password opens a session in an HttpOnly, SameSite=Strict cookie, audited with the address', async () => {
    const c = new ConsoleClient(bff.url, freshIp());
    const r = await c.login('fin', PASSWORDS.fin);
    expect(r.status).toBe(302);
    expect(r.location).toBe('/admin');
    const cookie = c.lastSetCookies.find((s) => s.startsWith('hosp_op='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/admin/);
    expect(cookie).not.toMatch(/Secure/); // plain http in the test; production always adds it
    const home = await c.get('/admin');
    expect(home.status).toBe(200);
    expect(home.headers.get('cache-control')).toBe('no-store');
    expect(home.text).toContain('财务甲');
    expect(home.text).toContain('lang="zh-CN"');
    expect((await audit('login'))[0]).toMatchObject({ operator_name: 'fin', outcome: 'ok', address: expect.stringMatching(/^198\.51\.100\./) });
    // The stored session is the token's hash, never the token.
    const token = c.cookies.get('hosp_op')!;
    expect((await sessionsOf('fin')).some((s) => s.token_hash === token)).toBe(false);
  });

  it('a wrong password or an unknown name is refused with the same words, no session, and a refused audit row', async () => {
    const c = new ConsoleClient(bff.url, freshIp());
    const before = (await sessionsOf('view')).length;
    const wrong = await c.login('view', 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(c.cookies.has('hosp_op')).toBe(false);
    expect(wrong.text).toContain('用户名或密码不正确');
    expect(wrong.text).toContain('aria-describedby="login-error"');
    const unknown = await c.login('nobody', 'whatever-password');
    expect(unknown.status).toBe(401);
    expect(unknown.text).toContain('用户名或密码不正确');
    expect((await sessionsOf('view')).length).toBe(before);
    const rows = await audit('login');
    expect(rows[0]).toMatchObject({ operator_name: 'nobody', outcome: 'refused', note: 'unknown operator' });
    expect(rows[1]).toMatchObject({ operator_name: 'view', outcome: 'refused', note: 'wrong password' });
    // A failure does not keep counting against a later success.
    expect((await c.login('view', PASSWORDS.view)).status).toBe(302);
  });

  it('locks the account after maxFailures wrong passwords: even the right one is refused until the lock ends', async () => {
    const c = new ConsoleClient(bff.url, freshIp());
    for (let i = 0; i < 3; i++) expect((await c.login('adm', `wrong-${i}-password`)).status).toBe(401);
    const locked = await c.login('adm', PASSWORDS.adm);
    expect(locked.status).toBe(401);
    expect(c.cookies.has('hosp_op')).toBe(false);
    expect((await audit('login'))[0]).toMatchObject({ operator_name: 'adm', outcome: 'refused', note: 'account locked' });
    // The lock ends (moved into the past, as time would): the right password works again.
    await db().updateTable('operators').set({ locked_until: new Date(Date.now() - 1000).toISOString() }).where('username', '=', 'adm').execute();
    const c2 = new ConsoleClient(bff.url, freshIp());
    expect((await c2.login('adm', PASSWORDS.adm)).status).toBe(302);
  });

  it('limits login attempts per address with the shared limiter: past the limit even right credentials are refused', async () => {
    const c = new ConsoleClient(bff.url, freshIp());
    // Windows are fixed minutes: a flood that crosses into the next one is allowed up to 6 more there.
    let allowed = 0;
    for (let status = 0; status !== 429 && allowed <= 12; allowed += status === 401 ? 1 : 0) {
      status = (await c.login('ghost', 'wrong-password')).status;
      expect([401, 429]).toContain(status);
    }
    expect(allowed).toBeGreaterThanOrEqual(6);
    expect(allowed).toBeLessThanOrEqual(12);
    const limited = await c.login('fin', PASSWORDS.fin);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(c.cookies.has('hosp_op')).toBe(false);
    // Another address is not affected.
    expect((await new ConsoleClient(bff.url, freshIp()).login('fin', PASSWORDS.fin)).status).toBe(302);
  });

  it('refuses a form without the session CSRF token (or with another session\'s), changing nothing', async () => {
    const tradeNo = await attentionOrder();
    const fin = new ConsoleClient(bff.url, freshIp());
    await fin.login('fin', PASSWORDS.fin);
    const other = new ConsoleClient(bff.url, freshIp());
    await other.login('fin', PASSWORDS.fin);
    await other.get('/admin');
    await fin.get(`/admin/order/${tradeNo}`);
    const resolvesBefore = (await audit('resolve')).length;
    const form = { action: 'closed', note: '已在HIS释放号源' };
    expect((await fin.post(`/admin/order/${tradeNo}`, { ...form, _csrf: '' })).status).toBe(403);
    expect((await fin.post(`/admin/order/${tradeNo}`, { ...form, _csrf: other.csrf() })).status).toBe(403);
    expect((await bff.deps.orders.get(tradeNo))!.state).toBe('attention');
    expect((await audit('resolve')).length).toBe(resolvesBefore);
    // The login form has its own token (a cookie set with the form): without it, no login.
    const bare = new ConsoleClient(bff.url, freshIp());
    expect((await bare.post('/admin/login', { username: 'fin', password: PASSWORDS.fin, _csrf: 'made-up' })).status).toBe(403);
    expect(bare.cookies.has('hosp_op')).toBe(false);
    // With the token, the same form works and is audited with its note.
    await fin.get(`/admin/order/${tradeNo}`);
    expect((await fin.post(`/admin/order/${tradeNo}`, form)).status).toBe(302);
    expect((await bff.deps.orders.get(tradeNo))!.state).toBe('closed');
    expect((await audit('resolve'))[0]).toMatchObject({ operator_name: 'fin', target: tradeNo, note: 'closed: 已在HIS释放号源', outcome: 'ok' });
    expect((await bff.deps.orders.events(tradeNo)).at(-1)).toMatchObject({ to: 'closed', actor: 'operator', reason: expect.stringContaining('operator fin') });
  });

  it('refuses what a role may not do: a viewer sees orders but cannot resolve or manage operators', async () => {
    const tradeNo = await attentionOrder();
    const v = new ConsoleClient(bff.url, freshIp());
    await v.login('view', PASSWORDS.view);
    const page = await v.get(`/admin/order/${tradeNo}`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('id="resolve-submit"');
    expect(page.text).not.toContain('操作员管理');
    expect((await v.post(`/admin/order/${tradeNo}`, { action: 'closed', note: '查看者不能处理' })).status).toBe(403);
    expect((await bff.deps.orders.get(tradeNo))!.state).toBe('attention');
    expect((await v.get('/admin/operators')).status).toBe(403);
    expect((await v.post('/admin/operators', { intent: 'create', username: 'sneaky', displayName: '某', role: 'admin', password: 'long-enough-password-1' })).status).toBe(403);
    expect(await db().selectFrom('operators').select('id').where('username', '=', 'sneaky').executeTakeFirst()).toBeUndefined();
  });

  it('exports as CSV for finance (audited), never for a viewer', async () => {
    const fin = new ConsoleClient(bff.url, freshIp());
    await fin.login('fin', PASSWORDS.fin);
    const csv = await fin.get('/admin/his-refunds.csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="his-refunds-\d{4}-\d{2}-\d{2}\.csv"/);
    expect(csv.text.split('\r\n')[0]).toContain('HIS退款号');
    expect((await audit('export'))[0]).toMatchObject({ operator_name: 'fin', target: 'his-refunds', outcome: 'ok' });
    const exportsBefore = (await audit('export')).length;
    const v = new ConsoleClient(bff.url, freshIp());
    await v.login('view', PASSWORDS.view);
    expect((await v.get('/admin/his-refunds.csv')).status).toBe(403);
    expect((await v.get('/admin/his-refunds')).text).not.toContain('his-refunds-export');
    expect((await audit('export')).length).toBe(exportsBefore);
  });

  it('a resolve note that is too short is refused on the form, tied to the field, changing nothing', async () => {
    const tradeNo = await attentionOrder();
    const fin = new ConsoleClient(bff.url, freshIp());
    await fin.login('fin', PASSWORDS.fin);
    await fin.get(`/admin/order/${tradeNo}`);
    const r = await fin.post(`/admin/order/${tradeNo}`, { action: 'refund', note: '短' });
    expect(r.status).toBe(400);
    expect(r.text).toContain('aria-describedby="note-error"');
    expect(r.text).toContain('id="note-error"');
    expect((await bff.deps.orders.get(tradeNo))!.state).toBe('attention');
  });

  it('ends a session left idle too long, and one older than the absolute limit however busy', async () => {
    const idle = new ConsoleClient(bff.url, freshIp());
    await idle.login('view', PASSWORDS.view);
    expect((await idle.get('/admin')).status).toBe(200);
    const stale = new Date(Date.now() - 31 * 60_000).toISOString();
    await db().updateTable('operator_sessions').set({ last_seen_at: stale }).where('revoked_at', 'is', null).where('csrf_token', '=', idle.csrf()).execute();
    const gone = await idle.get('/admin/audit');
    expect(gone.status).toBe(302);
    expect(gone.location).toBe(`/admin/login?next=${encodeURIComponent('/admin/audit')}`);
    expect((await idle.get('/admin')).status).toBe(302);

    const old = new ConsoleClient(bff.url, freshIp());
    await old.login('view', PASSWORDS.view);
    expect((await old.get('/admin')).status).toBe(200);
    await db().updateTable('operator_sessions').set({ created_at: new Date(Date.now() - 11 * 3_600_000).toISOString() }).where('csrf_token', '=', old.csrf()).execute();
    expect((await old.get('/admin')).status).toBe(302);
    expect((await old.post('/admin/logout', {})).status).toBe(302);
  });

  it('logs out: the session is revoked, the cookie cleared, and the logout audited', async () => {
    const c = new ConsoleClient(bff.url, freshIp());
    await c.login('fin', PASSWORDS.fin);
    const token = c.cookies.get('hosp_op')!;
    await c.get('/admin');
    expect((await c.post('/admin/logout', {})).location).toBe('/admin/login');
    expect(c.cookies.has('hosp_op')).toBe(false);
    c.cookies.set('hosp_op', token); // a copied cookie no longer works
    expect((await c.get('/admin')).status).toBe(302);
    expect((await audit('logout'))[0]).toMatchObject({ operator_name: 'fin', outcome: 'ok' });
  });

  it('an admin adds an operator who can then log in; disabling them ends their session; both audited', async () => {
    const a = new ConsoleClient(bff.url, freshIp());
    await a.login('adm', PASSWORDS.adm);
    await a.get('/admin/operators');
    expect((await a.post('/admin/operators', { intent: 'create', username: 'night1', displayName: '夜班', role: 'viewer', password: 'demo-operator' })).status).toBe(400); // a public password
    expect((await a.post('/admin/operators', { intent: 'create', username: 'night1', displayName: '夜班', role: 'viewer', password: 'night-shift-pass-81' })).status).toBe(302);
    const n = new ConsoleClient(bff.url, freshIp());
    expect((await n.login('night1', 'night-shift-pass-81')).status).toBe(302);
    expect((await n.get('/admin')).status).toBe(200);
    const id = (await db().selectFrom('operators').select('id').where('username', '=', 'night1').executeTakeFirstOrThrow()).id;
    await a.get('/admin/operators');
    expect((await a.post('/admin/operators', { intent: 'change', id, role: 'viewer', disabled: '1', password: '' })).status).toBe(302);
    expect((await n.get('/admin')).status).toBe(302);
    expect((await n.login('night1', 'night-shift-pass-81')).status).toBe(401);
    expect((await audit('operator_create'))[0]).toMatchObject({ operator_name: 'adm', target: 'night1' });
    expect((await audit('operator_update'))[0]).toMatchObject({ operator_name: 'adm', target: 'night1', note: expect.stringContaining('disabled') });
  });
});
