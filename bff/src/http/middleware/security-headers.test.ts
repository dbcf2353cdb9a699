import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestBff, type TestBff } from '../../../../test/support/bff';
import { scratchDir } from '../../../../test/support/scratch';

const INLINE = '!function(){document.documentElement.style.fontSize="20px"}();';

describe('response headers', () => {
  let bff: TestBff;
  const admin = 'operator-token-0123456789abcdef';
  beforeAll(async () => {
    const dir = scratchDir('h5-');
    mkdirSync(join(dir, 'js'));
    writeFileSync(join(dir, 'index.html'), `<!doctype html><html><head><script>${INLINE}</script><script defer src="/js/app.js"></script></head><body></body></html>`);
    writeFileSync(join(dir, 'js', 'app.js'), 'console.log(1)');
    bff = await startTestBff({ name: 'headers', config: { server: { host: '127.0.0.1', port: 0, publicDir: dir } as never, admin: { token: admin } } });
  });
  afterAll(async () => {
    await bff.close();
  });

  it('gives the H5 page a CSP that allows its own scripts (inline ones by hash) and forbids framing', async () => {
    const r = await fetch(`${bff.url}/`);
    expect(r.status).toBe(200);
    const csp = r.headers.get('content-security-policy') ?? '';
    const hash = createHash('sha256').update(INLINE).digest('base64');
    expect(csp).toContain(`script-src 'self' 'sha256-${hash}'`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(r.headers.get('x-frame-options')).toBe('DENY');
    expect(r.headers.get('cache-control')).toBe('no-cache');
  });

  it('lets the hospital app frame the page when configured, without X-Frame-Options', async () => {
    const framed = await startTestBff({ name: 'headers-frame', config: { server: { host: '127.0.0.1', port: 0, publicDir: '', frameAncestors: ['https://app.example-hospital.cn'] } as never } });
    try {
      const r = await fetch(`${framed.url}/healthz`);
      expect(r.headers.get('content-security-policy')).toContain('frame-ancestors https://app.example-hospital.cn');
      expect(r.headers.get('x-frame-options')).toBeNull();
    } finally {
      await framed.close();
    }
  });

  it('marks every personal, operator and callback answer no-store', async () => {
    const token = await bff.login('headers-user');
    const answers = [
      await fetch(`${bff.url}/api/me`, { headers: { authorization: `Bearer ${token}` } }),
      await fetch(`${bff.url}/api/me`),
      await fetch(`${bff.url}/admin/orders/attention`, { headers: { authorization: `Bearer ${admin}` } }),
      await fetch(`${bff.url}/admin/unmatched`),
      await fetch(`${bff.url}/metrics`, { headers: { authorization: `Bearer ${admin}` } }),
      await fetch(`${bff.url}/his/pushHisData`, { method: 'POST', body: '<request/>', headers: { 'content-type': 'application/xml' } }),
      await fetch(`${bff.url}/pay/notify`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } }),
    ];
    for (const r of answers) expect(r.headers.get('cache-control')).toBe('no-store');
    expect(answers.map((r) => r.status)).toEqual([200, 401, 200, 401, 200, 400, 401]);
  });

  it('answers traversal and NUL in static paths 404, not 500', async () => {
    for (const path of ['/..%2f..%2fpackage.json', '/js/%2e%2e/%2e%2e/%2e%2e/package.json', '/%00', '/js/app.js%00.html', '/%E0%A4%A']) {
      const r = await fetch(`${bff.url}${path}`);
      expect([path, r.status]).toEqual([path, 404]);
    }
    expect((await fetch(`${bff.url}/js/app.js`)).status).toBe(200);
  });
});
