import { accessSync, chmodSync, constants, readdirSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

/**
 * WeChat's own WXML and WXSS compilers (`wcc`, `wcsc`, the binaries the developer tools and the
 * upload service run), through the `miniprogram-compiler` package. Its Linux binaries may arrive
 * without their run bit (npm does not keep modes from every publisher's tarball): set it here.
 */
const pkgDir = dirname(require.resolve('miniprogram-compiler/package.json'));
const platformDir = process.platform === 'darwin' ? 'mac' : process.platform === 'linux' ? 'linux' : 'windows';

function ensureRunnable(name: 'wcc' | 'wcsc'): void {
  const bin = join(pkgDir, 'bin', platformDir, process.platform === 'win32' ? `${name}.exe` : name);
  try {
    accessSync(bin, constants.X_OK);
  } catch {
    chmodSync(bin, 0o755);
  }
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const wcc = require('miniprogram-compiler/src/wcc') as (root: string, files: string[], wxs: string[], opts: { maxBuffer: number }) => string;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const wcsc = require('miniprogram-compiler/src/wcsc') as (root: string, files: string[], opts: { maxBuffer: number }) => Record<string, string> | Error;

function filesWith(root: string, ext: string): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith(ext) ? [join(dir, e.name)] : []));
  return walk(root).map((f) => relative(root, f).split(sep).join('/'));
}

export interface CompileResult {
  ok: boolean;
  /** The compiler's own words, e.g. "pages/me/index.wxml:4:1: unexpected end". */
  errors: string[];
  wxmlFiles: number;
  wxssFiles: number;
  /** Size of the generated JavaScript (a sanity check that something was compiled). */
  outputBytes: number;
}

/** Compiles every .wxml (with the .wxs modules) and every .wxss of a built mini-program. */
export function compileWeapp(root: string): CompileResult {
  ensureRunnable('wcc');
  ensureRunnable('wcsc');
  const wxml = filesWith(root, '.wxml');
  const wxs = filesWith(root, '.wxs');
  const wxss = filesWith(root, '.wxss');
  const errors: string[] = [];
  let outputBytes = 0;
  try {
    outputBytes += wcc(root, wxml.map((f) => f.slice(0, -'.wxml'.length)), wxs, { maxBuffer: 256 * 1024 * 1024 }).length;
  } catch (e) {
    errors.push((e as Error).message.trim());
  }
  const css = wcsc(root, wxss.map((f) => f.slice(0, -'.wxss'.length)), { maxBuffer: 256 * 1024 * 1024 });
  if (css instanceof Error) errors.push(css.message.trim());
  else outputBytes += Object.values(css).reduce((n, v) => n + v.length, 0);
  return { ok: errors.length === 0, errors, wxmlFiles: wxml.length, wxssFiles: wxss.length, outputBytes };
}
