import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scratchDir } from '../../test/support/scratch';
import { ConfigError, loadConfig } from './load';

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
    expect(() => loadConfig({ CONFIG_FILE: path })).toThrow(/security.fieldKey: the demo key/);
    expect(() => loadConfig({ CONFIG_FILE: path, HIS_DEPOSIT_MODE: 'sim' })).toThrow(/hisDeposit.mode.*simulators are not allowed/);
    const ok = loadConfig({ CONFIG_FILE: path, FIELD_KEY: Buffer.alloc(32, 7).toString('base64') });
    expect(ok.his).toMatchObject({ mode: 'remote', transport: 'soap' });
  });
});

describe('example hospital profiles', () => {
  it.each(['production.example.json', 'fixed-schedule-http.example.json'])('%s is a valid configuration', (name) => {
    const c = loadConfig({ CONFIG_FILE: join(__dirname, '..', 'examples', name) });
    expect(c.patients.maxPerAccount).toBe(5);
  });
});
