import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Koa from 'koa';
import { listenLocal, type RunningSimulator } from '../../adapters/shared/sim-kit';
import { scratchDir } from '../../../../test/support/scratch';
import { pickEncoding, staticAssets } from './static-assets';

describe('the H5 build served compressed and cached', () => {
  const dir = scratchDir('static-');
  const appJs = `/* app */\n${'console.log("医院服务");\n'.repeat(400)}`;
  let server: RunningSimulator;
  beforeAll(async () => {
    mkdirSync(join(dir, 'js'));
    writeFileSync(join(dir, 'index.html'), `<!doctype html><html><head><script src="/js/app.706816b3.js"></script></head><body>${'<p>x</p>'.repeat(200)}</body></html>`);
    writeFileSync(join(dir, 'js/app.706816b3.js'), appJs);
    writeFileSync(join(dir, 'js/tiny.0d813e96.js'), 'x()');
    writeFileSync(join(dir, '..', 'secret.txt'), 'not served');
    const app = new Koa();
    app.use(staticAssets(dir));
    app.use((ctx) => {
      ctx.status = 404;
      ctx.body = 'not found';
    });
    server = await listenLocal(app);
  });
  afterAll(() => server.close());
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.baseUrl}${path}`, { headers });
  const raw = async (res: Response) => Buffer.from(await res.arrayBuffer());

  it('answers brotli to browsers that take it, gzip to those that only take gzip, plain otherwise', async () => {
    // fetch would decode: read the bytes as they come with an explicit header and decode here.
    const br = await get('/js/app.706816b3.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toMatch(/Accept-Encoding/i);
    expect(br.headers.get('content-type')).toMatch(/javascript/);
    const brBytes = Number(br.headers.get('content-length'));
    expect(brBytes).toBeLessThan(Buffer.byteLength(appJs) / 10);
    const gzip = await get('/js/app.706816b3.js', { 'accept-encoding': 'gzip' });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    const plain = await get('/js/app.706816b3.js', { 'accept-encoding': 'identity' });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect((await raw(plain)).toString()).toBe(appJs);
    expect(pickEncoding('gzip;q=1, br;q=0')).toBe('gzip');
    expect(pickEncoding(undefined)).toBeNull();
  });

  it('sends bytes that decode to the file', async () => {
    const { request } = await import('node:http');
    const fetchRaw = (enc: string) =>
      new Promise<Buffer>((resolve, reject) => {
        request(`${server.baseUrl}/js/app.706816b3.js`, { headers: { 'accept-encoding': enc } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve(Buffer.concat(chunks)));
        }).on('error', reject).end();
      });
    expect(brotliDecompressSync(await fetchRaw('br')).toString()).toBe(appJs);
    expect(gunzipSync(await fetchRaw('gzip')).toString()).toBe(appJs);
  });

  it('caches hashed files for a year and revalidates index.html', async () => {
    const hashed = await get('/js/app.706816b3.js');
    expect(hashed.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const index = await get('/', { 'accept-encoding': 'br' });
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(index.headers.get('content-type')).toMatch(/text\/html/);
    const etag = index.headers.get('etag')!;
    const again = await get('/index.html', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    // A new build is seen at once.
    writeFileSync(join(dir, 'index.html'), '<!doctype html><html><body>new build</body></html>');
    const fresh = await get('/', { 'if-none-match': etag });
    expect(fresh.status).toBe(200);
    expect(await fresh.text()).toContain('new build');
  });

  it('leaves small files uncompressed, and serves nothing outside the folder', async () => {
    const tiny = await get('/js/tiny.0d813e96.js', { 'accept-encoding': 'br' });
    expect(tiny.headers.get('content-encoding')).toBeNull();
    expect((await get('/../secret.txt')).status).toBe(404);
    expect((await get('/%2e%2e/secret.txt')).status).toBe(404);
    expect((await get('/js/missing.js')).status).toBe(404);
    const head = await fetch(`${server.baseUrl}/js/app.706816b3.js`, { method: 'HEAD', headers: { 'accept-encoding': 'br' } });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
