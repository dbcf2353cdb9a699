// Copies what the compiled BFF loads from node_modules at run time (the modules the bundle leaves
// outside, and what they depend on) into one folder, for a runtime image without the dev toolchain.
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RUNTIME_EXTERNALS } from './build.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
// Needed only to install better-sqlite3, never to run it.
const INSTALL_ONLY = new Set(['prebuild-install']);

const target = resolve(process.argv[2] ?? join(root, 'bff', 'dist', 'node_modules'));
const seen = new Set();
function copy(name, from) {
  if (seen.has(name) || INSTALL_ONLY.has(name)) return;
  let manifest;
  try {
    manifest = createRequire(join(from, 'noop.js')).resolve(`${name}/package.json`);
  } catch {
    return; // an optional dependency that is not installed (pg-native)
  }
  seen.add(name);
  const dir = dirname(manifest);
  // Sources and build intermediates of the native module are not loaded at run time.
  const skip = /[\\/](deps|src|obj|obj\.target|\.deps)([\\/]|$)/;
  cpSync(dir, join(target, name), { recursive: true, dereference: true, filter: (p) => !(name === 'better-sqlite3' && skip.test(p.slice(dir.length))) });
  const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
  for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) copy(dep, dir);
}
for (const name of RUNTIME_EXTERNALS) copy(name, join(root, 'bff'));
if (!existsSync(join(target, 'better-sqlite3'))) throw new Error('better-sqlite3 was not found');
console.log(`runtime modules: ${[...seen].sort().join(', ')} → ${target}`);
