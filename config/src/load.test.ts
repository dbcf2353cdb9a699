import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scratchDir } from '../../test/support/scratch';
import { ConfigError, loadConfig } from './load';
import { ConfigSchema } from './schema';

function file(content: string): string {
  const path = join(scratchDir('cfg-'), 'config.json');
  writeFileSync(path, content);
  return path;
}

describe('configuration', () => {
  it('runs the embedded demo with no file and no env', () => {
    const c = loadConfig({});
    expect(c.mode).toBe('demo');
    expect(c.his.mode).toBe('sim');
    expect(c.server.port).toBe(8080);
    expect(c.patients.maxPerAccount).toBe(5);
  });

  it('reads CONFIG_FILE and lets documented env vars override it', () => {
    const path = file(JSON.stringify({ server: { port: 9000 }, patients: { maxPerAccount: 3 } }));
    const c = loadConfig({ CONFIG_FILE: path, PORT: '9100' });
    expect(c.server.port).toBe(9100);
    expect(c.patients.maxPerAccount).toBe(3);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ HIS_MODE: 'remote' }, 'his.baseUrl'],
    [{ HIS_MODE: 'remote', HIS_BASE_URL: 'ftp://his' }, 'his.baseUrl'],
    [{ HIS_DEPOSIT_MODE: 'remote' }, 'hisDeposit.baseUrl'],
    [{ HIS_DEPOSIT_MODE: 'sim', HIS_DEPOSIT_TRANSPORT: 'ftp' }, 'hisDeposit.transport'],
    [{ DATABASE_URL: 'mysql://x' }, 'database.url'],
    [{ FIELD_KEY: 'short' }, 'security.fieldKey'],
    [{ LOG_LEVEL: 'loud' }, 'log.level'],
  ])('refuses %p naming the field %s', (env, field) => {
    expect(() => loadConfig(env as Record<string, string>)).toThrow(ConfigError);
    expect(() => loadConfig(env as Record<string, string>)).toThrow(field);
  });

  it('simulates the deposit dialect in the demo and points it elsewhere by env', () => {
    expect(loadConfig({}).hisDeposit).toMatchObject({ mode: 'sim', transport: 'http', cardType: '03', transactionCodes: { OPDRechargeFreeze: '3102' } });
    const c = loadConfig({ HIS_DEPOSIT_MODE: 'remote', HIS_DEPOSIT_TRANSPORT: 'soap', HIS_DEPOSIT_BASE_URL: 'https://his.example/deposit', HIS_DEPOSIT_TIMEOUT_MS: '1500' });
    expect(c.hisDeposit).toMatchObject({ mode: 'remote', transport: 'soap', baseUrl: 'https://his.example/deposit', timeoutMs: 1500 });
    // Kept apart from the HIS core block: pointing one elsewhere leaves the other as it was.
    expect(c.his).toMatchObject({ mode: 'sim', transport: 'http' });
  });

  it('names the file when it is not JSON or missing', () => {
    const path = file('{ not json');
    expect(() => loadConfig({ CONFIG_FILE: path })).toThrow(/CONFIG_FILE .*not valid JSON/);
    expect(() => loadConfig({ CONFIG_FILE: '/nonexistent/x.json' })).toThrow(/cannot read/);
  });

  it('refuses simulators and the demo key in production', () => {
    expect(() => loadConfig({ APP_MODE: 'production' })).toThrow(/his.mode.*simulators are not allowed/);
    const path = file(
      JSON.stringify({
        mode: 'production',
        his: { mode: 'remote', transport: 'soap', baseUrl: 'https://his.example/ws' },
        hisDeposit: { mode: 'remote', transport: 'http', baseUrl: 'https://his.example/deposit' },
        wechat: { mode: 'remote', appId: 'wx1', appSecret: 'secret-secret' },
        alipay: { mode: 'remote', appId: '2021', privateKeyPem: '-----BEGIN PRIVATE KEY-----' },
        hospitalApp: { mode: 'remote', baseUrl: 'https://app.example', appKey: 'k', appSecret: 'secret-secret' },
        payment: { mode: 'remote', serverAddr: 'https://pay.example/oneapi', appId: 'app1', appSecret: 'secret-secret' },
        lab: { mode: 'off' },
        sms: { mode: 'remote', accessKeyId: 'LTAI0000', accessKeySecret: 'secret-secret', signName: '示例医院', templateCode: 'SMS_123456789' },
      }),
    );
    expect(() => loadConfig({ CONFIG_FILE: path })).toThrow(/security.fieldKey: must be set in production/);
    const secrets = {
      FIELD_KEY: Buffer.from(Array.from({ length: 32 }, (_, i) => i * 7)).toString('base64'),
      HIS_SIGN_KEY: 'k7Qm2vX9pL4sR8tW1zY6', ADMIN_TOKEN: 'q8Wm3nR7tY2uI9oP4aS6dF1g', PAYMENT_APP_SECRET: 'p3Lk8Jh2Gf7Ds1Aq',
      WECHAT_APP_SECRET: 'w9Ee4Rr7Tt2Yy5Uu', HOSPITAL_APP_SECRET: 'h6Jj1Kk8Ll3Zz0Xx',
      ALIPAY_PRIVATE_KEY_PEM: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString().replace(/\n/g, '\\n'),
    };
    expect(() => loadConfig({ CONFIG_FILE: path, ...secrets, HIS_DEPOSIT_MODE: 'sim' })).toThrow(/hisDeposit.mode.*simulators are not allowed/);
    const ok = loadConfig({ CONFIG_FILE: path, ...secrets });
    expect(ok.his).toMatchObject({ mode: 'remote', transport: 'soap' });
  });
});

describe('example hospital profiles', () => {
  it('fixed-schedule-http.example.json is a valid configuration', () => {
    const c = loadConfig({ CONFIG_FILE: join(__dirname, '..', 'examples', 'fixed-schedule-http.example.json') });
    expect(c.patients.maxPerAccount).toBe(5);
  });

  it('production.example.json is well-formed, and refused until its placeholders are replaced', () => {
    const file = join(__dirname, '..', 'examples', 'production.example.json');
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(ConfigSchema.safeParse(raw).success).toBe(true);
    expect(() => loadConfig({ CONFIG_FILE: file })).toThrow(/his.signKey: is a placeholder/);
  });
});
