// Sums the JS and CSS that client/dist/h5/index.html loads (raw and gzip level 9).
// Usage (after `npm run build:h5 -w client`): node client/scripts/h5-first-load.mjs
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/h5');
const htmlPath = path.join(dist, 'index.html');
if (!fs.existsSync(htmlPath)) {
  console.error(`No H5 build at ${dist}: run \`npm run build:h5 -w client\` first.`);
  process.exit(1);
}
const html = fs.readFileSync(htmlPath, 'utf8');
const refs = [...html.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
const gz = (buf) => zlib.gzipSync(buf, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

let raw = 0;
let gzip = 0;
for (const ref of ['index.html', ...refs]) {
  const buf = fs.readFileSync(path.join(dist, ref));
  raw += buf.length;
  gzip += gz(buf);
  console.log(`${ref.padEnd(44)} ${String(buf.length).padStart(8)} B  gzip ${String(gz(buf)).padStart(7)} B`);
}
console.log(`first load (index.html + ${refs.length} assets): raw ${raw} B (${kb(raw)}), gzip ${gzip} B (${kb(gzip)})`);
