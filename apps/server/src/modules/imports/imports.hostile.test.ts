import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/testApp.ts';
import type { TestUser } from '../../../test/factories.ts';
import { auditEvents } from '../../db/schema/index.ts';
import { AppError } from '../../platform/errors.ts';
import { readTableInWorker } from './imports.parse.ts';
import { ACHIEVEMENT_SPEC, shapeOf } from './imports.columns.ts';
import { areaOf, scanSheet } from './imports.zip.ts';
import { ACHIEVEMENT_HEADERS, achievementRow, multipart, workbook, xlsxParts, xmlRow, zipOf } from './imports.testkit.ts';

/**
 * Issue 11, "Denial of service by any new account": files made to exhaust the
 * server (a cell in column XFD, a row bomb, a zip bomb) are refused before a
 * cell is built, in a worker thread, while the server keeps answering; only
 * members of verified organisations may upload; every dry run is audited.
 */

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kzt-hostile-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
const t = useTestApp({ dataDir });

async function verifiedUniversity(status: 'verified' | 'pending' = 'verified') {
  const owner = await t.factories.user({ name: '导入人' });
  const org = await t.factories.organization(owner, { type: 'university', jurisdictionCode: '140700', status });
  return { owner, org };
}

const upload = (user: TestUser, fileName: string, content: Buffer | string, orgId?: string) => {
  const { body, headers } = multipart(fileName, content);
  return t.api('POST', `/api/imports?kind=achievements${orgId ? `&organizationId=${orgId}` : ''}`, { token: user.token, body, headers });
};

const HEADER = xmlRow(1, ['A', '标题'], ['B', '成果类型'], ['C', '行业门类'], ['D', '成熟度(1-9)']);
const dataRow = (r: number) => xmlRow(r, ['A', `成果${r}`], ['B', '应用研究'], ['C', 'C'], ['D', 5]);

/** Sends the upload while GET /api/health is asked every 20 ms; returns the answer, how long it took, and the slowest health answer. */
async function whileHealthAnswers(send: () => ReturnType<typeof upload>) {
  let slowest = 0;
  let done = false;
  const poll = (async () => {
    while (!done) {
      const started = performance.now();
      const res = await t.api('GET', '/api/health');
      expect(res.statusCode).toBe(200);
      slowest = Math.max(slowest, performance.now() - started);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const started = performance.now();
  const res = await send();
  const took = performance.now() - started;
  done = true;
  await poll;
  return { res, took, slowest };
}

describe('hostile files are refused before any cell is built, off the main thread', () => {
  it('a 2,000-row sheet with one cell in column XFD is refused in seconds, naming the cell; the server keeps answering', async () => {
    const { owner } = await verifiedUniversity();
    const rows = [xmlRow(1, ['A', '标题'], ['B', '成果类型'], ['C', '行业门类'], ['D', '成熟度(1-9)'], ['XFD', 'x'])];
    for (let r = 2; r <= 2001; r++) rows.push(dataRow(r));
    const file = zipOf(xlsxParts('成果', rows.join('')));
    expect(file.length).toBeLessThan(40_000);
    const { res, took, slowest } = await whileHealthAnswers(() => upload(owner, 'wide.xlsx', file));
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toBe('表格超出了模板的列数：单元格 XFD1 有内容，导入文件最多 18 列（模板的列之外最多 5 列备注），请删除多余的列后重试');
    expect(res.json().errors[0].path).toBe('file');
    expect(took).toBeLessThan(30_000); // on a loaded 2-core machine; bench/imports/hostile.ts measures it alone
    expect(slowest).toBeLessThan(2_000);
  });

  it('the same width in a CSV is refused at the first field too far right; empty trailing fields are fine', async () => {
    const { owner } = await verifiedUniversity();
    const wide = `标题,成果类型,行业门类,成熟度${','.repeat(16_380)}x\n成果,应用研究,C,5\n`;
    const res = await upload(owner, 'wide.csv', wide);
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toContain('单元格 XFD1 有内容');
    const trailing = await upload(owner, 'ok.csv', `标题,成果类型,行业门类,成熟度${','.repeat(40)}\n成果甲,应用研究,C,5${','.repeat(40)}\n`);
    expect(trailing.statusCode).toBe(201);
    expect(trailing.json()).toMatchObject({ totalRows: 1, validRows: 1 });
  });

  it('a row bomb (more rows than an import takes) is refused from the sheet XML, before it is read', async () => {
    const { owner } = await verifiedUniversity();
    const rows = [HEADER];
    for (let r = 2; r <= 5002; r++) rows.push(dataRow(r));
    const res = await upload(owner, 'rows.xlsx', zipOf(xlsxParts('成果', rows.join(''))));
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toBe('数据行过多：共 5001 行，每次最多导入 5000 行，请拆分成多个文件');
  });

  it('a zip bomb is refused: by the sizes its directory declares, and by the bytes it really inflates to when it lies', async () => {
    const { owner } = await verifiedUniversity();
    const declared = xlsxParts('成果', HEADER + dataRow(2));
    declared[4] = { ...declared[4]!, declaredSize: 200 * 1024 * 1024 };
    const a = await upload(owner, 'declared.xlsx', zipOf(declared));
    expect(a.statusCode).toBe(400);
    expect(a.json().detail).toBe('Excel 文件解压后超过 64 MB，已拒绝（可能是压缩炸弹）；请只保留模板中的工作表后重试');

    // The sheet says it is 2 KB; it inflates to 80 MB of spaces inside the XML.
    const lying = xlsxParts('成果', HEADER + dataRow(2) + ' '.repeat(80 * 1024 * 1024));
    lying[4] = { ...lying[4]!, declaredSize: 2048 };
    const bomb = zipOf(lying);
    expect(bomb.length).toBeLessThan(200_000);
    const { res, slowest } = await whileHealthAnswers(() => upload(owner, 'bomb.xlsx', bomb));
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toContain('解压后超过 64 MB');
    expect(slowest).toBeLessThan(2_000);

    const many = xlsxParts('成果', HEADER + dataRow(2));
    for (let i = 0; i < 250; i++) many.push({ name: `xl/media/x${i}.xml`, data: Buffer.from('<x/>') });
    const c = await upload(owner, 'many.xlsx', zipOf(many));
    expect(c.json().detail).toBe('Excel 文件内部的条目过多（最多 200 个），请使用下载的模板填写');
  });

  it('merged or validated ranges the reader would expand cell by cell are refused', async () => {
    const { owner } = await verifiedUniversity();
    const parts = xlsxParts('成果', HEADER + dataRow(2));
    parts[4] = { name: parts[4]!.name, data: Buffer.from(parts[4]!.data.toString('utf8').replace('</worksheet>', '<dataValidations count="1"><dataValidation type="whole" sqref="A1:XFD1048576"><formula1>1</formula1></dataValidation></dataValidations></worksheet>')) };
    const res = await upload(owner, 'validated.xlsx', zipOf(parts));
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toContain('表格过于复杂');
  });

  it('a hand-made sheet within the limits reads as before', async () => {
    const { owner } = await verifiedUniversity();
    const res = await upload(owner, 'fine.xlsx', zipOf(xlsxParts('成果', HEADER + dataRow(2) + dataRow(3))));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ totalRows: 2, validRows: 2 });
  });

  it('the worker that reads a file is stopped at its time limit and the file refused', async () => {
    const file = await workbook('成果', ACHIEVEMENT_HEADERS, [achievementRow('慢')]);
    const err = await readTableInWorker(file, 'slow.xlsx', shapeOf(ACHIEVEMENT_SPEC), { timeoutMs: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).detailKey).toBe('err.import.timeout');
  });

  it('scans cell references without building cells: areas of ranges, the widest cell with content', () => {
    expect(areaOf('A1:C10')).toBe(30);
    expect(areaOf('A1:A5 C1')).toBe(6);
    expect(areaOf('A1:XFD1048576')).toBe(16_384 * 1_048_576);
    expect(scanSheet(HEADER + dataRow(2) + '<row r="3"><c r="Z3" s="1"/></row>', 10)).toEqual({ dataRows: 1, width: 4, cells: 9 });
  });
});

describe('uploads are for verified organisations, and every dry run is audited', () => {
  it('a member of an unverified organisation is refused with a message saying it must be verified first; nothing is read', async () => {
    const { owner, org } = await verifiedUniversity('pending');
    const res = await upload(owner, 'a.xlsx', await workbook('成果', ACHIEVEMENT_HEADERS, [achievementRow('未认证')]), org.id);
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().detail).toBe(`「${org.name}」尚未通过单位认证：认证通过后才能上传附件或批量导入`);
  });

  it('the dry run leaves an audit event naming the file and what it found; a refused file leaves one with the reason', async () => {
    const { owner, org } = await verifiedUniversity();
    const dry = (await upload(owner, '成果.xlsx', await workbook('成果', ACHIEVEMENT_HEADERS, [achievementRow('审计一'), achievementRow('审计二', { 成熟度: 10 })]))).json();
    const [event] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'achievement.import.dryRun'), eq(auditEvents.entityId, dry.id)));
    expect(event).toMatchObject({ organizationId: org.id, actorId: owner.id, entityType: 'import' });
    expect(event!.after).toMatchObject({ fileName: '成果.xlsx', totalRows: 2, validRows: 1 });

    await upload(owner, 'wide.csv', `标题,成果类型,行业门类,成熟度${','.repeat(100)}x\n`);
    const refused = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'achievement.import.refuse'), eq(auditEvents.organizationId, org.id)));
    expect(refused).toHaveLength(1);
    expect(refused[0]!.after).toMatchObject({ fileName: 'wide.csv', reason: 'err.import.tooWide' });
  });
});
