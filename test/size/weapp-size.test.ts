import fs from 'node:fs';
import path from 'node:path';

/**
 * WeChat refuses a mini-program whose main package is over 2 MB. Walks the built
 * client/dist/weapp, leaves out the subpackage roots declared in app.json, and sums the rest.
 * Needs `npm run build:weapp -w client` (or `npm run build`) first.
 */
const DIST = path.resolve(__dirname, '../../client/dist/weapp');
const LIMIT = 2 * 1024 * 1024;

interface SubPackage {
  root: string;
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

function subpackageRoots(): string[] {
  const appJson = JSON.parse(fs.readFileSync(path.join(DIST, 'app.json'), 'utf8')) as {
    subPackages?: SubPackage[];
    subpackages?: SubPackage[];
  };
  return [...(appJson.subPackages ?? []), ...(appJson.subpackages ?? [])].map((p) => p.root.replace(/^\/+|\/+$/g, ''));
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

describe('weapp package size', () => {
  it('has a build to measure', () => {
    const built = fs.existsSync(path.join(DIST, 'app.json'));
    if (!built) {
      throw new Error(`No weapp build at ${DIST}: run \`npm run build:weapp -w client\` (or \`npm run build\`) before this test.`);
    }
  });

  it('keeps the main package under 2 MB', () => {
    if (!fs.existsSync(path.join(DIST, 'app.json'))) {
      throw new Error(`No weapp build at ${DIST}: run \`npm run build:weapp -w client\` first.`);
    }
    const roots = subpackageRoots();
    const bySub = new Map<string, number>(roots.map((r) => [r, 0]));
    let main = 0;
    for (const file of walk(DIST)) {
      const rel = path.relative(DIST, file).split(path.sep).join('/');
      const size = fs.statSync(file).size;
      const root = roots.find((r) => rel === r || rel.startsWith(`${r}/`));
      if (root) bySub.set(root, (bySub.get(root) ?? 0) + size);
      else main += size;
    }
    const subTotal = [...bySub.values()].reduce((a, b) => a + b, 0);
    const lines = [
      `weapp main package: ${main} bytes (${kb(main)}) of ${LIMIT} allowed (${((main / LIMIT) * 100).toFixed(1)}%)`,
      ...[...bySub].map(([root, size]) => `  subpackage ${root}: ${size} bytes (${kb(size)})`),
      `  total: ${main + subTotal} bytes (${kb(main + subTotal)})`,
    ];
    console.log(lines.join('\n'));
    expect(main).toBeLessThanOrEqual(LIMIT);
  });
});
