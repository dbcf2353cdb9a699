import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';

/**
 * Alipay's own builder cannot run here (its CLI downloads it at run time), so the Alipay output is
 * held to the structure that builder and the review expect: app.json and its pages, each page's
 * four files with Alipay's own keys, every import and require resolving, the project file.
 * Needs `npm run build:alipay -w client` (npm test builds first).
 */
const DIST = resolve(__dirname, '../../client/dist/alipay');
const read = (rel: string) => readFileSync(join(DIST, rel), 'utf8');
const json = (rel: string) => JSON.parse(read(rel)) as Record<string, any>;

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [relative(DIST, join(dir, e.name)).split(sep).join('/')]));
}

interface AppJson {
  pages: string[];
  subPackages?: { root: string; pages: string[] }[];
  window?: Record<string, unknown>;
  [key: string]: unknown;
}

describe('the Alipay build’s structure', () => {
  let app: AppJson;
  let pages: string[];
  beforeAll(() => {
    if (!existsSync(join(DIST, 'app.json'))) throw new Error(`No alipay build at ${DIST}: run \`npm run build:alipay -w client\` (npm test does) first.`);
    app = json('app.json') as AppJson;
    pages = [...app.pages, ...(app.subPackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/+$/, '')}/${p}`))];
  });

  it('declares every page once, the home page first, in the same journeys as the source', () => {
    expect(app.pages[0]).toBe('pages/home/index');
    expect(new Set(pages).size).toBe(pages.length);
    const roots = (app.subPackages ?? []).map((s) => s.root);
    expect(roots).toEqual(expect.arrayContaining(['journeys/patients', 'journeys/booking', 'journeys/orders', 'journeys/reports', 'journeys/queue', 'journeys/legal']));
    for (const p of app.pages) expect(roots.some((r) => p.startsWith(`${r}/`))).toBe(false);
  });

  it('uses Alipay’s keys, not WeChat’s', () => {
    expect(app.window?.defaultTitle).toEqual(expect.any(String));
    for (const key of ['sitemapLocation', '__usePrivacyCheck__', 'requiredPrivateInfos', 'permission']) expect(app).not.toHaveProperty(key);
    for (const p of pages) {
      const page = json(`${p}.json`);
      expect(page).not.toHaveProperty('navigationBarTitleText');
      expect(page.defaultTitle ?? app.window?.defaultTitle).toEqual(expect.any(String));
    }
    expect(walk(DIST).filter((f) => /\.(wxml|wxss|wxs)$/.test(f))).toEqual([]);
  });

  it('has the four files of every page, and every import, sjs and require resolves', () => {
    const missing: string[] = [];
    const check = (from: string, target: string) => {
      const file = posix.normalize(posix.join(posix.dirname(from), target));
      if (!existsSync(join(DIST, file))) missing.push(`${from} → ${target}`);
    };
    for (const p of pages) {
      for (const ext of ['axml', 'js', 'json']) if (!existsSync(join(DIST, `${p}.${ext}`))) missing.push(`${p}.${ext}`);
      const axml = read(`${p}.axml`);
      expect(axml).toMatch(/<template is="taro_tmpl"/);
      for (const m of axml.matchAll(/<import src="([^"]+)"/g)) check(`${p}.axml`, m[1]!);
    }
    for (const file of walk(DIST).filter((f) => f.endsWith('.axml'))) {
      for (const m of read(file).matchAll(/<import-sjs [^>]*from="([^"]+)"/g)) check(file, m[1]!);
    }
    for (const file of ['app.js', ...pages.map((p) => `${p}.js`)]) {
      for (const m of read(file).matchAll(/require\("(\.{1,2}\/[^"]+)"\)/g)) check(file, m[1]!.endsWith('.js') ? m[1]! : `${m[1]}.js`);
    }
    expect(missing).toEqual([]);
  });

  it('ships the Alipay project file (component2, as Taro’s runtime needs)', () => {
    const project = json('mini.project.json');
    expect(project).toMatchObject({ format: 2, compileType: 'mini', compileOptions: { component2: true } });
    expect(dirname(join(DIST, 'mini.project.json'))).toBe(DIST);
  });
});
