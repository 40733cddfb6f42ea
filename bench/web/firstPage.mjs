// The JavaScript a browser fetches before the first page paints: the entry of
// apps/web/dist/index.html and every chunk it imports statically, plus the
// chunk of the page drawn first (home, and login for comparison) with its own
// static imports. Sizes gzipped at level 9, as a server or CDN would send them.
// The 300 KB target (issue 13) is the home page's; the other pages are reported.
// Usage: npm run build && node bench/web/firstPage.mjs [--dist DIR] [--chunks]
//   --dist DIR  another build (default apps/web/dist)
//   --chunks    also list the home page's chunks with their sizes
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const dist = path.resolve(arg('--dist') ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '../../apps/web/dist'));
const assets = path.join(dist, 'assets');
const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
const gz = (f) => zlib.gzipSync(fs.readFileSync(path.join(assets, f)), { level: 9 }).length;

function closure(start) {
  const seen = new Set();
  const todo = [...start];
  while (todo.length) {
    const f = todo.pop();
    if (seen.has(f)) continue;
    seen.add(f);
    const src = fs.readFileSync(path.join(assets, f), 'utf8');
    // Static imports only ("import{a}from"./x.js"", "import"./x.js""); import() is loaded later.
    for (const m of src.matchAll(/(?:^|[;}\s])import\s*(?:[\w${},\s*]+from\s*)?["']\.\/([^"']+\.js)["']/g)) todo.push(m[1]);
    for (const m of src.matchAll(/export\s*\{[^}]*\}\s*from\s*["']\.\/([^"']+\.js)["']/g)) todo.push(m[1]);
  }
  return seen;
}

const entry = [...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.js)"/g)].map((m) => m[1]);
const shell = closure(entry);
const files = fs.readdirSync(assets);
const report = { shellKB: 0, pages: {} };
report.shellKB = [...shell].reduce((s, f) => s + gz(f), 0) / 1024;
for (const name of ['HomePage', 'LoginPage', 'AchievementListPage', 'WorkbenchPage']) {
  const chunk = files.find((f) => f.startsWith(`${name}-`) && f.endsWith('.js'));
  if (!chunk) continue;
  const all = closure([...shell, chunk]);
  report.pages[name] = Math.round(([...all].reduce((s, f) => s + gz(f), 0) / 1024) * 10) / 10;
}
report.shellKB = Math.round(report.shellKB * 10) / 10;
const home = files.find((f) => f.startsWith('HomePage-') && f.endsWith('.js'));
if (process.argv.includes('--chunks') && home) {
  report.homeChunks = Object.fromEntries(
    [...closure([...shell, home])]
      .map((f) => [`${shell.has(f) ? 'shell' : 'page'} ${f}`, Math.round((gz(f) / 1024) * 10) / 10])
      .sort((a, b) => b[1] - a[1]),
  );
}
console.log(JSON.stringify(report, null, 2));
const limit = 300;
if (!(report.pages.HomePage <= limit)) {
  console.error(`the home page is over ${limit} KB gzipped: ${report.pages.HomePage} KB`);
  process.exitCode = 1;
}
