import { encodeHisPush, hisSeed as seed } from '../../adapters/his';
import { startTestBff } from '../../../../test/support/bff';
import { clientAddress } from './client-address';

const none = { hops: 0, proxies: [] };

describe('the client address behind proxies', () => {
  it('ignores X-Forwarded-For when no proxy is configured', () => {
    expect(clientAddress('::ffff:203.0.113.9', '10.0.0.21', none)).toBe('203.0.113.9');
  });

  it('takes the address the configured number of hops from the right: the leftmost is the client\'s own say', () => {
    // The client wrote "10.0.0.21"; our one proxy appended the address it saw.
    expect(clientAddress('127.0.0.1', '10.0.0.21, 203.0.113.9', { hops: 1, proxies: [] })).toBe('203.0.113.9');
    expect(clientAddress('127.0.0.1', '10.0.0.21, 203.0.113.9, 192.0.2.1', { hops: 2, proxies: [] })).toBe('203.0.113.9');
    // Reached us directly, header absent: the peer.
    expect(clientAddress('203.0.113.9', undefined, { hops: 1, proxies: [] })).toBe('203.0.113.9');
  });

  it('honours the header only from listed proxies, reading right to left past them', () => {
    const trust = { hops: 0, proxies: ['127.0.0.1', '192.0.2.1'] };
    expect(clientAddress('127.0.0.1', '10.0.0.21, 203.0.113.9, 192.0.2.1', trust)).toBe('203.0.113.9');
    expect(clientAddress('198.51.100.7', '10.0.0.21', trust)).toBe('198.51.100.7');
    // A proxy that wrote garbage does not make the garbage an address.
    expect(clientAddress('127.0.0.1', 'not-an-ip', trust)).toBe('127.0.0.1');
  });
});

describe('allowlist and rate limits use that address (tests spoof the header both ways)', () => {
  const li = seed.virtualCard;
  const push = encodeHisPush('ReplacePatientCard', { hospitalId: 'demoyyadmin', idCard: li.idCard, realName: li.realName, oldPatientCard: 'none-such', newPatientCard: 'st1' }, 'demo-his-sign-key-change-me');
  const server = (extra: Record<string, unknown>) => ({ host: '127.0.0.1', port: 0, publicDir: '', ...extra });

  it('without proxy config, a spoofed header neither opens the HIS allowlist nor spreads logins over addresses', async () => {
    const bff = await startTestBff({ name: 'xff-none', config: { server: server({}) as never, his: { mode: 'sim', pushIpAllowlist: ['10.0.0.21'] } as never, rateLimits: { loginPerMinute: 5, bindPerHour: 20 } } });
    try {
      const r = await bff.request('POST', '/his/pushHisData', { body: push, headers: { 'content-type': 'application/xml', 'x-forwarded-for': '10.0.0.21' } });
      expect(r.status).toBe(403);
      expect(r.body).toContain('<result>error</result>');
      const statuses = [];
      for (let i = 0; i < 10; i += 1) {
        statuses.push((await bff.request('POST', '/api/auth/login', { body: { platform: 'demo', code: `u${i}` }, headers: { 'x-forwarded-for': `198.51.100.${i}` } })).status);
      }
      expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(6); // 5, or 6 if the minute turned
      expect(statuses).toContain(429);
    } finally {
      await bff.close();
    }
  });

  it('behind one proxy hop, the address the proxy saw counts and the client\'s own prefix does not', async () => {
    const bff = await startTestBff({ name: 'xff-hop', config: { server: server({ proxyHops: 1 }) as never, his: { mode: 'sim', pushIpAllowlist: ['10.0.0.21'] } as never, rateLimits: { loginPerMinute: 5, bindPerHour: 20 } } });
    try {
      const spoofed = await bff.request('POST', '/his/pushHisData', { body: push, headers: { 'content-type': 'application/xml', 'x-forwarded-for': '10.0.0.21, 203.0.113.9' } });
      expect(spoofed.status).toBe(403);
      const real = await bff.request('POST', '/his/pushHisData', { body: push, headers: { 'content-type': 'application/xml', 'x-forwarded-for': '10.0.0.21' } });
      expect(real.status).toBe(200);
      expect(real.body).toContain('<result>success</result>');
      // One real address behind many spoofed prefixes: one window.
      const one = [];
      for (let i = 0; i < 8; i += 1) one.push((await bff.request('POST', '/api/auth/login', { body: { platform: 'demo', code: `v${i}` }, headers: { 'x-forwarded-for': `198.51.100.${i}, 203.0.113.50` } })).status);
      expect(one).toContain(429);
      // A different real address has its own window.
      const other = await bff.request('POST', '/api/auth/login', { body: { platform: 'demo', code: 'w1' }, headers: { 'x-forwarded-for': '203.0.113.51' } });
      expect(other.status).toBe(200);
    } finally {
      await bff.close();
    }
  });

  it('with listed proxies, the header counts only when a listed proxy sent it', async () => {
    const bff = await startTestBff({ name: 'xff-list', config: { server: server({ trustedProxies: ['127.0.0.1'] }) as never, his: { mode: 'sim', pushIpAllowlist: ['10.0.0.21'] } as never } });
    try {
      const viaProxy = await bff.request('POST', '/his/pushHisData', { body: push, headers: { 'content-type': 'application/xml', 'x-forwarded-for': '10.0.0.21' } });
      expect(viaProxy.status).toBe(200);
      const spoofed = await bff.request('POST', '/his/pushHisData', { body: push, headers: { 'content-type': 'application/xml', 'x-forwarded-for': '10.0.0.21, 198.51.100.3' } });
      expect(spoofed.status).toBe(403);
    } finally {
      await bff.close();
    }
  });
});
