// `npm run build`: the web app built into a folder of its own (two builds at once — `npm start` and the browser
// tests — never write into each other's), precompressed there, then put in place of apps/web/dist in one step
// (scripts/publish-build.mjs), so a server serving the old build keeps answering throughout.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const web = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = `dist.next-${process.pid}`;
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: web, stdio: 'inherit' });
  if (r.status !== 0) {
    fs.rmSync(path.join(web, out), { recursive: true, force: true });
    process.exit(r.status ?? 1);
  }
};
run('npx', ['--no-install', 'vite', 'build', '--outDir', out]);
run(process.execPath, [path.join(web, 'scripts/precompress.mjs'), out]);
run(process.execPath, [path.join(web, 'scripts/publish-build.mjs'), out]);
