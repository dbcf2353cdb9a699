import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const node = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, args, { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 120_000 });

/** The production build: the BFF compiled to JavaScript and run with plain node, no tsx. */
describe('the compiled BFF', () => {
  beforeAll(() => {
    const built = node(['bff/scripts/build.mjs']);
    expect(built.stderr).toBe('');
    expect(built.status).toBe(0);
  }, 120_000);

  it('starts with plain node, answers /readyz and stops cleanly on SIGTERM', () => {
    const smoke = node(['bff/scripts/smoke.mjs']);
    expect(smoke.stdout).toContain('stopped cleanly on SIGTERM');
    expect(smoke.status).toBe(0);
  }, 60_000);

  it('refuses production with the example profile, naming every secret still a placeholder', () => {
    const r = node(['bff/dist/main.js'], { CONFIG_FILE: join(ROOT, 'config/examples/production.example.json'), PORT: '0' });
    expect(r.status).toBe(2);
    for (const field of ['his.signKey', 'payment.appSecret', 'security.fieldKey', 'admin.token', 'admin.operators[0]', 'lab.token', 'wechat.appSecret', 'alipay.privateKeyPem', 'hospitalApp.appSecret']) {
      expect(r.stderr).toContain(field);
    }
  });

  it('refuses production when a secret is missing or left at the demo default', () => {
    const env = { APP_MODE: 'production', HIS_MODE: 'remote', HIS_BASE_URL: 'https://his.internal/ws', PORT: '0' };
    const r = node(['bff/dist/main.js'], env);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('his.signKey: must be set in production');
  });
});
