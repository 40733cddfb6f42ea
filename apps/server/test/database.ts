import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../src/db/client.ts';

/**
 * A fresh, migrated database for one test file: PGlite in memory by default,
 * or a new database on the PostgreSQL server named by DATABASE_URL (dropped
 * when the file is done). Tests never share state through the database. Each
 * starts as a copy of the run's migrated template (test/globalSetup.ts); the
 * migrations are checked again, which finds nothing left to apply.
 */
export async function freshDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const template = inject('pgliteTemplate');
    const database = await openDatabase(template ? { loadDataDir: new Blob([fs.readFileSync(template)]) } : {});
    await database.migrate();
    return database;
  }
  const scratch = await scratchDatabase(url, inject('postgresTemplate') || undefined);
  const database = await openDatabase({ url: scratch.url });
  await database.migrate();
  return {
    ...database,
    close: async () => {
      await database.close();
      await scratch.drop();
    },
  };
}

/** A new database on the server of `url` (empty, or a copy of `template`), and how to drop it. */
export async function scratchDatabase(url: string, template?: string) {
  const name = `kzt_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(url, template ? `create database ${name} template ${template}` : `create database ${name}`);
  const testUrl = new URL(url);
  testUrl.pathname = `/${name}`;
  return { url: testUrl.toString(), drop: () => adminQuery(url, `drop database if exists ${name} with (force)`) };
}

async function adminQuery(url: string, statement: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}
