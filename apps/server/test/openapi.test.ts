import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { compileErrors, validate } from '@readme/openapi-parser';
import openapiTS, { astToString } from 'openapi-typescript';
import type { OpenAPIV3_1 } from 'openapi-types';
import { useTestApp } from './testApp.ts';

/**
 * The OpenAPI document the server serves (`GET /api/openapi.json`) is valid
 * OpenAPI 3.1 by a standard validator, and a client generated from it
 * (openapi-typescript) compiles with the repository's TypeScript.
 */
const t = useTestApp();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

async function document(): Promise<OpenAPIV3_1.Document> {
  const res = await t.api('GET', '/api/openapi.json');
  expect(res.statusCode).toBe(200);
  return res.json();
}

describe('OpenAPI document', () => {
  it('validates as OpenAPI 3.1', async () => {
    const doc = await document();
    expect(doc.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
  });

  it('generates a typed client that compiles', async () => {
    const doc = await document();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kzt-openapi-'));
    try {
      fs.writeFileSync(path.join(dir, 'api.d.ts'), astToString(await openapiTS(doc as never)));
      // A tiny client: the types of a few responses and requests, used as a caller would.
      fs.writeFileSync(
        path.join(dir, 'client.ts'),
        [
          "import type { paths } from './api';",
          "type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;",
          "export type Home = Json<paths['/api/home']['get']['responses'][200]>;",
          "export type Announcement = Json<paths['/api/announcements/{id}']['get']['responses'][200]>;",
          "export type NewAnnouncement = NonNullable<paths['/api/announcements']['post']['requestBody']>['content']['application/json'];",
          'export const counted = (home: Home): number => home.counts.achievements + home.counts.listings;',
          'export const titled = (a: Announcement): string => a.title;',
          "export const draft = (title: string, body: string): Pick<NewAnnouncement, 'title' | 'body'> => ({ title, body });",
          '',
        ].join('\n'),
      );
      const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
      const run = promisify(execFile)(process.execPath, [tsc, '--noEmit', '--strict', '--skipLibCheck', '--target', 'es2022', '--module', 'nodenext', path.join(dir, 'client.ts')], { cwd: dir });
      const out = await run.catch((err: { stdout?: string; message: string }) => ({ stdout: err.stdout ?? err.message }));
      expect(out.stdout).toBe('');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
