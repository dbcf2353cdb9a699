import { hashPasswordSync } from '@hosp/config';
import { startTestBff, type TestBff } from '../../../../../test/support/bff';
import { FAST_ORDERS } from '../../../../../test/support/booking-flow';
import { ConsoleClient } from '../../../../../test/support/console-client';
import { runReconciliation } from '../../../workflows/finance/reconciliation.workflow';

const PASSWORDS = { fin: 'fin-pass-8Wq3zK2m', view: 'view-pass-4Tr9xB7n' };
const DAY = '2024-10-13';

describe('console: the daily reconciliation page', () => {
  let bff: TestBff;
  beforeAll(async () => {
    bff = await startTestBff({
      name: 'console-recon',
      config: {
        ...FAST_ORDERS,
        server: { host: '127.0.0.1', port: 0, publicDir: '', shutdownTimeoutMs: 3_000, proxyHops: 1 },
        admin: {
          token: 'operator-token-0123456789abcdef',
          operators: [
            { username: 'fin', displayName: '财务甲', role: 'finance', passwordHash: hashPasswordSync(PASSWORDS.fin) },
            { username: 'view', displayName: '值班乙', role: 'viewer', passwordHash: hashPasswordSync(PASSWORDS.view) },
          ],
        },
      } as never,
    });
    bff.sims.his!.ledger.seedRow({ date: DAY, transactionType: '2', tradeNo: 'EH9000000000000000077', amount: '12.30', channel: '0', hisPayId: 'HP77' });
    bff.sims.his!.ledger.seedRow({ date: DAY, transactionType: '4', tradeNo: 'EH9000000000000000078', amount: '50', channel: '0', hisPayId: 'HP78' });
    await runReconciliation(bff.deps, DAY);
  });
  afterAll(() => bff.close());

  it('shows the day with labelled filters; a finance operator exports it as CSV, audited', async () => {
    const c = new ConsoleClient(bff.url, '198.51.100.201');
    expect((await c.login('fin', PASSWORDS.fin)).status).toBe(302);
    const page = await c.get(`/admin/reconciliation?date=${DAY}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('EH9000000000000000077');
    expect(page.text).toContain('我方无此订单');
    expect(page.text).toContain('¥12.30');
    for (const id of ['rc-date', 'rc-type', 'rc-category', 'rc-status']) expect(page.text).toContain(`<label for="${id}">`);
    const filtered = await c.get(`/admin/reconciliation?date=${DAY}&transactionType=4`);
    expect(filtered.text).toContain('EH9000000000000000078');
    expect(filtered.text).not.toContain('EH9000000000000000077');
    const csv = await c.get(`/admin/reconciliation?date=${DAY}&transactionType=2&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = csv.text.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('EH9000000000000000077');
    const audit = await bff.deps.store.db.selectFrom('operator_audit').selectAll().where('action', '=', 'export').where('target', '=', `reconciliation:${DAY}`).execute();
    expect(audit).toHaveLength(1);
  });

  it('a viewer reads the day but cannot export it', async () => {
    const c = new ConsoleClient(bff.url, '198.51.100.202');
    await c.login('view', PASSWORDS.view);
    const page = await c.get(`/admin/reconciliation?date=${DAY}`);
    expect(page.text).toContain('EH9000000000000000077');
    expect(page.text).not.toContain('reconciliation-export');
    expect((await c.get(`/admin/reconciliation?date=${DAY}&format=csv`)).status).toBe(403);
  });

  it('a day not yet reconciled says so', async () => {
    const c = new ConsoleClient(bff.url, '198.51.100.203');
    await c.login('fin', PASSWORDS.fin);
    expect((await c.get('/admin/reconciliation?date=2024-10-01')).text).toContain('该日尚未对账。');
  });
});
