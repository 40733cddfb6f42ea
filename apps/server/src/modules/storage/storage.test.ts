import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/testApp.ts';
import { multipartFile, tinyPdf } from '../../../test/matrix/attachments.rows.ts';
import { auditEvents } from '../../db/schema/index.ts';
import { multipart } from '../imports/imports.testkit.ts';
import { sweepStorage } from './storage.job.ts';

/**
 * Issue 11: uploads are for verified organisations and within a per-organisation
 * quota (shown as used/limit); files no record keeps are deleted by the sweep.
 */

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kzt-storage-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
const QUOTA = 100 * 1024;
const t = useTestApp({ dataDir, storageQuotaBytes: QUOTA });

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const attach = (token: string, recordId: string, content: Buffer, fileName = '报告.pdf') => {
  const { body, headers } = multipartFile(fileName, content);
  return t.api('POST', `/api/achievements/${recordId}/attachments`, { token, body, headers });
};

async function organisation(status: 'verified' | 'pending' = 'verified') {
  const owner = await t.factories.user();
  const org = await t.factories.organization(owner, { type: 'university', jurisdictionCode: '140700', status });
  const draft = await t.api('POST', '/api/achievements', { token: owner.token, body: { organizationId: org.id, title: `存储测试成果${Math.random()}`, type: 'development', industry: 'C', maturity: 5 } });
  return { owner, org, recordId: draft.json().id as string };
}

/** A PDF of about `kb` kilobytes. */
const pdfOf = (kb: number, note = '') => tinyPdf(note + 'x'.repeat(kb * 1024));

describe('uploads: verified organisations only, within their quota', () => {
  it('a member of an unverified organisation cannot attach files; the message says it must be verified first', async () => {
    const { owner, org, recordId } = await organisation('pending');
    expect(recordId).toBeTruthy();
    const res = await attach(owner.token, recordId, tinyPdf('pending'));
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toBe(`「${org.name}」尚未通过单位认证：认证通过后才能上传附件或批量导入`);
    expect(fs.existsSync(path.join(dataDir, 'attachments', sha(tinyPdf('pending')).slice(0, 2), sha(tinyPdf('pending'))))).toBe(false);
    // The record's page learns it before a file is picked: no upload offered, and why.
    const list = (await t.api('GET', `/api/achievements/${recordId}/attachments`, { token: owner.token })).json();
    expect(list.allowedActions).toEqual([]);
    expect(list.uploadBlocked).toEqual({ reason: 'unverified', organizationName: org.name });
  });

  it('attachments and import files count against the quota; past it the upload is refused with used and limit; deleting frees it', async () => {
    const { owner, org, recordId } = await organisation();
    const first = await attach(owner.token, recordId, pdfOf(60, 'a'));
    expect(first.statusCode).toBe(201);
    const usage = (await t.api('GET', `/api/organizations/${org.id}/storage`, { token: owner.token })).json();
    expect(usage).toMatchObject({ organizationId: org.id, usedBytes: pdfOf(60, 'a').length, limitBytes: QUOTA, limit: '100 KB' });
    const list = (await t.api('GET', `/api/achievements/${recordId}/attachments`, { token: owner.token })).json();
    expect(list).toMatchObject({ allowedActions: ['upload'], uploadBlocked: null, storage: { usedBytes: usage.usedBytes, limit: '100 KB' } });

    const second = await attach(owner.token, recordId, pdfOf(50, 'b'));
    expect(second.statusCode).toBe(413);
    expect(second.json().detail).toBe(`本单位已用存储 ${usage.used}，上限 100 KB，本文件 50 KB，超出配额；请删除不再需要的附件后再上传`);
    expect(second.json().errors[0].path).toBe('file');

    const csv = `标题,成果类型,行业门类,成熟度\n${'很长的成果标题'.repeat(2500)},应用研究,C,5\n`;
    const { body, headers } = multipart('成果.csv', csv);
    const dry = await t.api('POST', `/api/imports?kind=achievements&organizationId=${org.id}`, { token: owner.token, body, headers });
    expect(dry.statusCode).toBe(413);

    expect((await t.api('DELETE', `/api/attachments/${first.json().id}`, { token: owner.token })).statusCode).toBe(204);
    expect((await t.api('GET', `/api/organizations/${org.id}/storage`, { token: owner.token })).json().usedBytes).toBe(0);
    expect((await attach(owner.token, recordId, pdfOf(50, 'b'))).statusCode).toBe(201);
    // Another organisation's usage is its own, and not for outsiders to read.
    const other = await organisation();
    expect((await t.api('GET', `/api/organizations/${other.org.id}/storage`, { token: other.owner.token })).json().usedBytes).toBe(0);
    expect((await t.api('GET', `/api/organizations/${org.id}/storage`, { token: other.owner.token })).statusCode).toBe(404);
  });
});

describe('the storage sweep', () => {
  it('deletes files no record keeps (a removed attachment, an expired import file) once old enough, keeps the rest, and audits it', async () => {
    const { owner, org, recordId } = await organisation();
    const keptPdf = tinyPdf('kept');
    const gonePdf = tinyPdf('gone');
    expect((await attach(owner.token, recordId, keptPdf)).statusCode).toBe(201);
    const gone = (await attach(owner.token, recordId, gonePdf)).json();
    await t.api('DELETE', `/api/attachments/${gone.id}`, { token: owner.token });
    const fileOf = (b: Buffer) => path.join(dataDir, 'attachments', sha(b).slice(0, 2), sha(b));
    expect(fs.existsSync(fileOf(gonePdf))).toBe(true);

    const csv = Buffer.from(`标题,成果类型,行业门类,成熟度\n清理测试,应用研究,C,5\n`);
    const { body, headers } = multipart('成果.csv', csv);
    const dry = (await t.api('POST', `/api/imports?kind=achievements&organizationId=${org.id}`, { token: owner.token, body, headers })).json();
    const importFile = path.join(dataDir, 'imports', sha(csv));
    expect(fs.existsSync(importFile)).toBe(true);

    // Right away nothing goes: uploads in flight are younger than an hour, the import file is kept a week.
    expect(await sweepStorage(t.database.db, dataDir)).toMatchObject({ deleted: 0, expired: 0 });
    expect(fs.existsSync(fileOf(gonePdf))).toBe(true);

    const later = new Date(Date.now() + 2 * 3600_000);
    const first = await sweepStorage(t.database.db, dataDir, later);
    expect(first.deleted).toBeGreaterThanOrEqual(1);
    expect(fs.existsSync(fileOf(gonePdf))).toBe(false);
    expect(fs.existsSync(fileOf(keptPdf))).toBe(true);
    expect(fs.existsSync(importFile)).toBe(true);

    const week = new Date(Date.now() + 8 * 86400_000);
    const second = await sweepStorage(t.database.db, dataDir, week);
    expect(second.expired).toBeGreaterThanOrEqual(1);
    expect(fs.existsSync(importFile)).toBe(false);
    expect(fs.existsSync(fileOf(keptPdf))).toBe(true);
    const run = await t.api('POST', `/api/imports/${dry.id}/run`, { token: owner.token });
    expect(run.statusCode).toBe(409);
    expect(run.json().detail).toBe('预检文件已超过保留期限（7 天）被清理，请重新上传文件预检');

    const audited = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'storage.sweep'));
    expect(audited.length).toBeGreaterThanOrEqual(2);
    const deletedFiles = audited.flatMap((e) => (e.after as { deleted: { file: string }[] }).deleted.map((d) => d.file));
    expect(deletedFiles).toContain(`attachments/${sha(gonePdf).slice(0, 2)}/${sha(gonePdf)}`);
    expect(deletedFiles).toContain(`imports/${sha(csv)}`);
  });
});
