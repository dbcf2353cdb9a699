// Compiles the BFF to one JavaScript file for plain `node`: bff/dist/main.js (+ source map).
// The workspace packages (@hosp/shared, @hosp/config) are TypeScript sources: they are bundled in,
// as is every pure-JS dependency. Native and optional-native modules stay outside and are loaded
// from node_modules at run time: better-sqlite3 (its compiled binding) and pg (its optional pg-native).
import { build } from 'esbuild';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RUNTIME_EXTERNALS = ['better-sqlite3', 'pg', 'pg-native'];

export async function buildBff(outdir = join(root, 'bff', 'dist')) {
  const result = await build({
    entryPoints: [join(root, 'bff', 'src', 'main.ts')],
    outfile: join(outdir, 'main.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    external: RUNTIME_EXTERNALS,
    tsconfig: join(root, 'tsconfig.json'),
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
  });
  return result;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const result = await buildBff(process.argv[2] ? resolve(process.argv[2]) : undefined);
  const out = Object.entries(result.metafile.outputs).find(([file]) => file.endsWith('main.js'));
  console.log(`bff: ${out?.[0]} ${(out?.[1].bytes / 1024).toFixed(0)} KiB in ${Date.now() - started} ms`);
}
