/** Prints the functions with the most self time in V8 .cpuprofile files: npx tsx bench/lib/cpuprofile-top.ts <file|dir> [n] */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

const [target = '.', n = '25'] = process.argv.slice(2);
const files = statSync(target).isDirectory() ? readdirSync(target).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(target, f)) : [target];
for (const file of files) {
  const prof = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[] };
  const byId = new Map(prof.nodes.map((x) => [x.id, x]));
  const self = new Map<string, number>();
  for (const id of prof.samples) {
    const node = byId.get(id);
    if (!node) continue;
    const f = node.callFrame;
    const where = f.url.replace(/^.*\/node_modules\//, 'nm:').replace(/^.*\/work\/main\//, '');
    const key = `${f.functionName || '(anonymous)'} ${where}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + 1);
  }
  const total = prof.samples.length;
  const byPkg = new Map<string, number>();
  for (const [k, v] of self) {
    const m = /nm:((?:@[^/]+\/)?[^/]+)/.exec(k);
    const pkg = m ? m[1]! : k.includes('bff/src') ? 'bff/src' : k.startsWith('(') ? k.split(' ')[0]! : 'node internals/other';
    byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + v);
  }
  console.log(`\n${file}: ${total} samples`);
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(n))) console.log(`${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`);
  console.log('-- by package');
  for (const [k, v] of [...byPkg].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`);
}
