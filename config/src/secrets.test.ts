import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_OPERATOR, hashPasswordSync } from './admin';
import { ConfigError, parseConfig } from './load';

/** Hashing is slow on purpose: made once. */
const OPERATOR_HASH = hashPasswordSync(randomBytes(12).toString('base64url'));
const DEMO_HASH = hashPasswordSync(DEMO_OPERATOR.password);
const random = (bytes = 24) => randomBytes(bytes).toString('hex');
const pem = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey;

/** A production configuration whose every secret is real enough. */
function production(): Record<string, any> {
  return {
    mode: 'production',
    security: { fieldKey: randomBytes(32).toString('base64') },
    admin: { token: random(), operators: [{ username: 'finance-lead', role: 'admin', passwordHash: OPERATOR_HASH }] },
    his: { mode: 'remote', transport: 'soap', baseUrl: 'https://his.internal/ws', signKey: random() },
    payment: { mode: 'remote', serverAddr: 'https://pay.internal/oneapi', appId: 'app1', appSecret: random() },
    wechat: { mode: 'remote', appId: 'wx1', appSecret: random(16) },
    alipay: { mode: 'remote', appId: '2021', privateKeyPem: pem },
    hospitalApp: { mode: 'remote', baseUrl: 'https://app.internal', appKey: 'k', appSecret: random() },
    lab: { mode: 'remote', baseUrl: 'https://lab.internal', token: random(), appId: '1', orgId: '2' },
    hisDeposit: { mode: 'remote', transport: 'http', baseUrl: 'https://his.internal/deposit' },
    sms: { mode: 'remote', accessKeyId: 'LTAI-key', accessKeySecret: random(), signName: '医院', templateCode: 'SMS_123456789' },
    partners: { list: [{ id: 'finance', name: '财务', companyId: 'c1', accessToken: random(), secret: random(), entitlement: { orderKinds: ['register'], patientCards: 'all' } }] },
  };
}

const example = JSON.parse(readFileSync(join(__dirname, '..', 'examples', 'production.example.json'), 'utf8')) as Record<string, any>;

/** [field, how to break it] for every secret production uses. */
const SECRETS: [string, (c: Record<string, any>) => void][] = [
  ['his.signKey', (c) => delete c.his.signKey],
  ['his.signKey', (c) => (c.his.signKey = 'demo-his-sign-key-change-me')],
  ['his.signKey', (c) => (c.his.signKey = example.his.signKey)],
  ['his.signKey', (c) => (c.his.signKey = '192006250b4c09247ec02edce69f6a2d')], // the document's sample
  ['his.signKey', (c) => (c.his.signKey = 'a1b2c3d4e5f6')], // too short
  ['payment.appSecret', (c) => delete c.payment.appSecret],
  ['payment.appSecret', (c) => (c.payment.appSecret = example.payment.appSecret)],
  ['payment.appSecret', (c) => (c.payment.appSecret = 'sim-pay-secret-not-real')],
  ['security.fieldKey', (c) => delete c.security.fieldKey],
  ['security.fieldKey', (c) => (c.security.fieldKey = example.security.fieldKey)], // all zero bytes
  ['admin.token', (c) => delete c.admin.token],
  ['admin.token', (c) => (c.admin.token = example.admin.token)],
  ['admin.token', (c) => (c.admin.token = 'x'.repeat(30))],
  ['admin.operators[0] (finance-lead)', (c) => (c.admin.operators[0].passwordHash = DEMO_HASH)], // the demo operator's password
  ['admin.operators[0] (finance-lead)', (c) => (c.admin.operators[0].passwordHash = example.admin.operators[0].passwordHash)],
  ['admin.operators[0] (finance-lead)', (c) => (c.admin.operators[0].passwordHash = OPERATOR_HASH.replace('scrypt$16384$', 'scrypt$1024$'))], // too cheap
  ['lab.token', (c) => delete c.lab.token],
  ['lab.token', (c) => (c.lab.token = example.lab.token)],
  ['lab.token', (c) => (c.lab.token = 'sim-lab-token-0001')],
  ['wechat.appSecret', (c) => delete c.wechat.appSecret],
  ['wechat.appSecret', (c) => (c.wechat.appSecret = example.wechat.appSecret)],
  ['wechat.appSecret', (c) => (c.wechat.appSecret = 'sim0wechat0app0secret0not0real00')],
  ['alipay.privateKeyPem', (c) => delete c.alipay.privateKeyPem],
  ['alipay.privateKeyPem', (c) => (c.alipay.privateKeyPem = example.alipay.privateKeyPem)],
  ['hospitalApp.appSecret', (c) => delete c.hospitalApp.appSecret],
  ['hospitalApp.appSecret', (c) => (c.hospitalApp.appSecret = example.hospitalApp.appSecret)],
  ['hospitalApp.appSecret', (c) => (c.hospitalApp.appSecret = 'sim0hospital0app0secret0not0real')],
  ['partners.list.0.secret', (c) => (c.partners.list[0].secret = example.partners.list[0].secret)],
  ['partners.list.0.secret', (c) => (c.partners.list[0].secret = 'example-partner-secret-0001')],
  ['partners.list.0.secret', (c) => (c.partners.list[0].secret = 'a1b2c3d4e5f6')], // too short
  ['partners.list.0.secret', (c) => (c.partners.list[0].secret = 'demo-partner-secret')],
  ['partners.list.0.accessToken', (c) => (c.partners.list[0].accessToken = example.partners.list[0].accessToken)],
  ['partners.list.0.accessToken', (c) => (c.partners.list[0].accessToken = 'example-partner-token-0001')],
];

describe('production refuses to start with a secret anyone can read', () => {
  it('starts with every secret set to a real value', () => {
    expect(parseConfig(production()).mode).toBe('production');
  });

  it.each(SECRETS.map(([field, breakIt], i) => [field, i, breakIt] as const))('refuses %s (case %i) naming the field', (field, _i, breakIt) => {
    const config = production();
    breakIt(config);
    expect(() => parseConfig(config)).toThrow(ConfigError);
    expect(() => parseConfig(config)).toThrow(field);
  });

  it('names every placeholder of the example profile at once', () => {
    let message = '';
    try {
      parseConfig(example);
    } catch (err) {
      message = (err as Error).message;
    }
    for (const field of ['his.signKey', 'payment.appSecret', 'security.fieldKey', 'admin.token', 'lab.token', 'wechat.appSecret', 'alipay.privateKeyPem', 'hospitalApp.appSecret', 'database.url', 'admin.operators[0]', 'partners.list.0.accessToken', 'partners.list.0.secret']) {
      expect(message).toContain(field);
    }
  });

  it('does not ask for the secret of a system that is off', () => {
    const config = production();
    config.lab = { mode: 'off' };
    expect(parseConfig(config).lab.mode).toBe('off');
  });

  it('a second partner is checked too, and two partners never share a secret', () => {
    const config = production();
    config.partners.list.push({ id: 'acme', name: 'ACME', companyId: 'c2', accessToken: random(), secret: 'change-me-partner-secret' });
    expect(() => parseConfig(config)).toThrow('partners.list.1.secret');
    config.partners.list[1].secret = config.partners.list[0].secret;
    expect(() => parseConfig(config)).toThrow(/partners.list.1.secret: two partners share/);
  });

  it('leaves the demo its built-in values', () => {
    expect(parseConfig({}).his.signKey).toBe('demo-his-sign-key-change-me');
  });
});

describe('client address settings', () => {
  it('refuses the old blanket trustProxy: the number of hops or the proxies must be named', () => {
    expect(() => parseConfig({ server: { trustProxy: true } })).toThrow(/server.trustProxy: replaced by server.proxyHops/);
    expect(parseConfig({ server: { trustProxy: true, proxyHops: 1 } }).server.proxyHops).toBe(1);
  });
});
