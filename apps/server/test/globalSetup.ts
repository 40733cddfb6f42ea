import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/db/client.ts';
import { scratchDatabase } from './database.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PGlite data directory (tar) with every migration applied, which each test file loads instead of migrating anew. */
    pgliteTemplate: string;
    /** The name of a database on the PostgreSQL server with every migration applied, which each test file copies. */
    postgresTemplate: string;
  }
}

/**
 * Migrates one database for the whole run, so that each test file starts from
 * a copy of it instead of running initdb and every migration again. The
 * migrations themselves are still run from nothing, here, once a run.
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = await scratchDatabase(url);
    const database = await openDatabase({ url: template.url });
    await database.migrate();
    await database.close();
    project.provide('postgresTemplate', new URL(template.url).pathname.slice(1));
    project.provide('pgliteTemplate', '');
    return () => template.drop();
  }
  const database = await openDatabase({});
  await database.migrate();
  const dump = await database.dump!();
  await database.close();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kzt-template-'));
  const file = path.join(dir, 'pglite.tar');
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);
  project.provide('postgresTemplate', '');
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
