import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { scratchDir } from '../support/scratch';
import { compileWeapp } from './wechat-compiler';

/**
 * The weapp build compiled by WeChat's own compilers, as the developer tools and the upload do:
 * any template or style error fails here, with the file and line, instead of at review.
 * Needs `npm run build:weapp -w client` (npm test builds first).
 */
const DIST = resolve(__dirname, '../../client/dist/weapp');

function needBuild(): void {
  if (!existsSync(join(DIST, 'app.json'))) throw new Error(`No weapp build at ${DIST}: run \`npm run build:weapp -w client\` (npm test does) first.`);
}

describe('the weapp build, compiled by WeChat’s wcc and wcsc', () => {
  it('compiles every WXML and WXSS file without an error', () => {
    needBuild();
    const r = compileWeapp(DIST);
    console.log(`wcc/wcsc: ${r.wxmlFiles} .wxml and ${r.wxssFiles} .wxss files → ${r.outputBytes} bytes of generated code`);
    expect(r.errors).toEqual([]);
    expect(r.wxmlFiles).toBeGreaterThan(10);
    expect(r.wxssFiles).toBeGreaterThan(10);
    expect(r.outputBytes).toBeGreaterThan(50_000);
  }, 60_000);

  it('names the file and line of a broken template or style (so the check above can fail)', () => {
    needBuild();
    const copy = join(scratchDir('weapp-broken-'), 'weapp');
    cpSync(DIST, copy, { recursive: true });
    writeFileSync(join(copy, 'pages/me/index.wxml'), '<view>\n  <text>{{a}</text>\n</view>\n<view>\n');
    const page = join(copy, 'pages/home/index.wxss');
    writeFileSync(page, `${readFileSync(page, 'utf8')}\n.broken{color:red`);
    const r = compileWeapp(copy);
    expect(r.ok).toBe(false);
    expect(r.errors.join('\n')).toMatch(/pages\/me\/index\.wxml:\d+:\d+/);
    expect(r.errors.join('\n')).toMatch(/pages\/home\/index\.wxss\(\d+:\d+\)/);
  }, 60_000);

  it('ships what WeChat review expects beside the code: sitemap, project file, privacy check', () => {
    needBuild();
    const app = JSON.parse(readFileSync(join(DIST, 'app.json'), 'utf8')) as Record<string, unknown>;
    expect(app.sitemapLocation).toBe('sitemap.json');
    expect(app.__usePrivacyCheck__).toBe(true);
    const sitemap = JSON.parse(readFileSync(join(DIST, 'sitemap.json'), 'utf8')) as { rules: { action: string; page: string }[] };
    expect(sitemap.rules).toContainEqual({ action: 'disallow', page: '*' });
    const project = JSON.parse(readFileSync(join(DIST, 'project.config.json'), 'utf8')) as { appid: string; miniprogramRoot: string };
    expect(project.miniprogramRoot).toBe('./');
    expect(project.appid).toMatch(/^(touristappid|wx[0-9a-f]{16})$/);
  });
});
