import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/testApp.ts';
import { demandBody, publishedAchievement, university } from '../../../test/catalogueFixtures.ts';
import { multipartFile, tinyPdf, tinyPng } from '../../../test/matrix/attachments.rows.ts';
import { attachments, auditEvents } from '../../db/schema/index.ts';
import { contentDisposition } from '../../platform/files.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kzt-attachments-'));
const t = useTestApp({ dataDir });
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const upload = (url: string, token: string, fileName: string, content: Buffer) => {
  const { body, headers } = multipartFile(fileName, content);
  return t.api('POST', url, { token, body, headers });
};
const storedFiles = () => {
  const root = path.join(dataDir, 'attachments');
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
};

describe('attachments', () => {
  it('stores a PDF by its content hash once, lists it and streams it back with safe headers', async () => {
    const { owner } = await university(t);
    const id = (await t.api('POST', '/api/achievements', { token: owner.token, body: { title: '附件测试成果', type: 'development', industry: 'C', maturity: 5 } })).json().id;
    const pdf = tinyPdf('once');
    const res = await upload(`/api/achievements/${id}/attachments`, owner.token, '检测报告 (终版).pdf', pdf);
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({ fileName: '检测报告 (终版).pdf', mime: 'application/pdf', size: pdf.length, sha256: sha(pdf), allowedActions: ['delete'] });
    const file = path.join(dataDir, 'attachments', sha(pdf).slice(0, 2), sha(pdf));
    expect(fs.readFileSync(file).equals(pdf)).toBe(true);

    // The same bytes again: a second attachment, one stored file.
    expect((await upload(`/api/achievements/${id}/attachments`, owner.token, 'copy.pdf', pdf)).statusCode).toBe(201);
    expect(storedFiles().filter((n) => n === sha(pdf))).toHaveLength(1);
    expect(fs.readdirSync(path.join(dataDir, 'attachments', 'tmp'))).toEqual([]);

    const list = (await t.api('GET', `/api/achievements/${id}/attachments`, { token: owner.token })).json();
    expect(list.total).toBe(2);
    expect(list.allowedActions).toEqual(['upload']);
    expect(list.items[0]).toMatchObject({ id: a.id, fileName: '检测报告 (终版).pdf', size: pdf.length, url: `/api/attachments/${a.id}/content` });

    const got = await t.api('GET', `/api/attachments/${a.id}/content`, { token: owner.token });
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(pdf)).toBe(true);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers.etag).toBe(`"${sha(pdf)}"`);
    expect(got.headers['content-disposition']).toBe(contentDisposition('检测报告 (终版).pdf'));
    expect(got.headers['content-disposition']).toContain("filename*=UTF-8''%E6%A3%80%E6%B5%8B%E6%8A%A5%E5%91%8A%20%28%E7%BB%88%E7%89%88%29.pdf");
    const again = await t.api('GET', `/api/attachments/${a.id}/content`, { token: owner.token, headers: { 'if-none-match': `"${sha(pdf)}"` } });
    expect(again.statusCode).toBe(304);

    const audit = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, 'achievement.attachment.add')));
    expect(audit).toHaveLength(2);
    expect(audit[0]!.after).toMatchObject({ attachmentId: a.id, sha256: sha(pdf) });
  });

  it('refuses a 21 MB file with 413 in Chinese and stores nothing', async () => {
    const { owner } = await university(t);
    const id = (await t.api('POST', '/api/achievements', { token: owner.token, body: { title: '大文件成果', type: 'development', industry: 'C', maturity: 5 } })).json().id;
    const before = storedFiles().length;
    const big = Buffer.concat([tinyPdf(), Buffer.alloc(21 * 1024 * 1024, 0x20)]);
    const res = await upload(`/api/achievements/${id}/attachments`, owner.token, 'big.pdf', big);
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ type: '/api/problems/payload-too-large', title: '请求内容过大', detail: '单个附件不能超过 20 MB，请压缩后重试。' });
    expect(storedFiles().length).toBe(before);
    expect(await t.database.db.select().from(attachments).where(eq(attachments.recordId, id))).toEqual([]);
  });

  it('checks the type by content: a PNG named .pdf, a text file and an unknown extension are refused at the field `file`', async () => {
    const { owner } = await university(t);
    const id = (await t.api('POST', '/api/achievements', { token: owner.token, body: { title: '类型测试成果', type: 'development', industry: 'C', maturity: 5 } })).json().id;
    const url = `/api/achievements/${id}/attachments`;
    const fake = await upload(url, owner.token, 'report.pdf', tinyPng());
    expect(fake.statusCode).toBe(400);
    expect(fake.json().errors).toEqual([{ path: 'file', message: '文件内容与扩展名不符' }]);
    const text = await upload(url, owner.token, 'notes.pdf', Buffer.from('just some text, not a pdf'));
    expect(text.json().errors).toEqual([{ path: 'file', message: '文件内容不是 PDF、PNG、JPEG 或 WebP' }]);
    const exe = await upload(url, owner.token, 'setup.exe', tinyPdf());
    expect(exe.json().errors).toEqual([{ path: 'file', message: '只接受 .pdf、.png、.jpg、.jpeg、.webp 文件' }]);
    const png = await upload(url, owner.token, '照片.PNG', tinyPng());
    expect(png.statusCode, png.body).toBe(201);
    expect(png.json().mime).toBe('image/png');
    const notMultipart = await t.api('POST', url, { token: owner.token, body: { file: 'x' } });
    expect(notMultipart.statusCode).toBe(415);
    expect(fs.readdirSync(path.join(dataDir, 'attachments', 'tmp'))).toEqual([]);
  });

  it('hides the attachments of an abstract record from outsiders, shows those of a public one to everyone', async () => {
    const { owner, admin } = await university(t);
    const secretive = await publishedAchievement(t, owner, admin, { confidentiality: 'abstract' });
    const open = await publishedAchievement(t, owner, admin);
    const a = (await upload(`/api/achievements/${secretive}/attachments`, owner.token, 'a.pdf', tinyPdf('abstract'))).json();
    const b = (await upload(`/api/achievements/${open}/attachments`, owner.token, 'b.png', tinyPng([1, 2, 3]))).json();
    const outsider = await t.factories.user();
    await t.factories.organization(outsider);
    expect((await t.api('GET', `/api/achievements/${secretive}`, { token: outsider.token })).statusCode).toBe(200);
    expect((await t.api('GET', `/api/achievements/${secretive}/attachments`, { token: outsider.token })).statusCode).toBe(404);
    expect((await t.api('GET', `/api/attachments/${a.id}/content`, { token: outsider.token })).statusCode).toBe(404);
    expect((await t.api('GET', `/api/attachments/${a.id}/content`)).statusCode).toBe(404);
    expect((await t.api('DELETE', `/api/attachments/${a.id}`, { token: outsider.token })).statusCode).toBe(404);
    expect((await t.api('GET', `/api/attachments/${a.id}/content`, { token: admin.token })).statusCode).toBe(200);

    const list = await t.api('GET', `/api/achievements/${open}/attachments`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items[0]).toMatchObject({ id: b.id, allowedActions: [] });
    expect(list.json().allowedActions).toEqual([]);
    expect((await t.api('GET', `/api/attachments/${b.id}/content`)).headers['content-type']).toBe('image/png');
    expect((await t.api('DELETE', `/api/attachments/${b.id}`, { token: outsider.token })).statusCode).toBe(403);
    expect((await t.api('DELETE', `/api/attachments/${b.id}`, { token: admin.token })).statusCode).toBe(403);
  });

  it('lets the owner delete an attachment, with an audit event; demands have attachments too', async () => {
    const { owner } = await university(t);
    const demandId = (await t.api('POST', '/api/demands', { token: owner.token, body: demandBody() })).json().id;
    const a = (await upload(`/api/demands/${demandId}/attachments`, owner.token, '需求说明.pdf', tinyPdf('demand'))).json();
    expect(a.recordType).toBe('demand');
    expect((await t.api('DELETE', `/api/attachments/${a.id}`, { token: owner.token })).statusCode).toBe(204);
    expect((await t.api('GET', `/api/attachments/${a.id}/content`, { token: owner.token })).statusCode).toBe(404);
    expect((await t.api('GET', `/api/demands/${demandId}/attachments`, { token: owner.token })).json().total).toBe(0);
    const audit = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'demand.attachment.delete'));
    expect(audit.map((e) => e.entityId)).toContain(demandId);
  });
});
