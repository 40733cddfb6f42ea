// The last step of `npm run build` (scripts/build.mjs): the new build (dist.next-<pid>) takes the place of the one a running server may be
// serving (dist) in two renames, instead of being written into it for the seconds a build takes — during which every
// page of that server answered 404. The previous build's own hashed assets are kept beside the new ones (they are
// immutable and named by their content), so a page loaded before the swap still finds the scripts it asks for; one
// generation only, listed in .own-assets.json, so nothing piles up.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// KZT_WEB_DIR: another folder laid out as apps/web (the test's).
const web = process.env.KZT_WEB_DIR ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const next = path.join(web, process.argv[2] ?? 'dist.next');
const dist = path.join(web, 'dist');
const old = path.join(web, `dist.old-${process.pid}`);
const OWN = '.own-assets.json';

const assetsOf = (dir) => (fs.existsSync(path.join(dir, 'assets')) ? fs.readdirSync(path.join(dir, 'assets')) : []);
const own = assetsOf(next);
fs.writeFileSync(path.join(next, OWN), JSON.stringify(own));

if (fs.existsSync(dist)) {
  let previous = [];
  try {
    previous = JSON.parse(fs.readFileSync(path.join(dist, OWN), 'utf8'));
  } catch {
    previous = assetsOf(dist);
  }
  const have = new Set(own);
  fs.mkdirSync(path.join(next, 'assets'), { recursive: true });
  for (const name of previous) {
    const from = path.join(dist, 'assets', name);
    if (!have.has(name) && fs.existsSync(from)) fs.copyFileSync(from, path.join(next, 'assets', name));
  }
  fs.rmSync(old, { recursive: true, force: true });
  fs.renameSync(dist, old);
}
fs.renameSync(next, dist);
fs.rmSync(old, { recursive: true, force: true });
console.log(`web build in place: ${own.length} assets of its own`);
