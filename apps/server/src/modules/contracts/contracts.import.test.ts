import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { JobRunner } from '../../platform/jobs.ts';
import { JOBS } from '../../jobs.ts';
import { shanghaiToday } from '@kzt/shared';
import { auditEvents, contracts, jobs, storedFiles } from '../../db/schema/index.ts';
import { checkQuota } from '../storage/storage.service.ts';
import { sweepStorage } from '../storage/storage.job.ts';
import { useTestApp } from '../../../test/testApp.ts';
import type { TestUser } from '../../../test/factories.ts';
import { multipart, workbook } from '../imports/imports.testkit.ts';
import { importRun } from '../imports/imports.service.ts';
import { addDays } from './contracts.classify.ts';
import { CONTRACT_IMPORT_INLINE_ROWS, CONTRACT_IMPORT_SPEC, contractImportJobWith } from './contracts.import.ts';

const t = useTestApp();
const today = shanghaiToday();

const HEADERS = CONTRACT_IMPORT_SPEC.columns.map((c) => c.header);
/** A row in the template's column order; `over` by header. */
const row = (over: Record<string, ExcelJS.CellValue> = {}): ExcelJS.CellValue[] => {
  const base: Record<string, ExcelJS.CellValue> = {
    合同名称: '煤矸石综合利用技术转让合同',
    合同编号: `HT-${Math.random().toString(36).slice(2, 8)}`,
    合同类别: '技术转让',
    细分类: '专利权',
    签订日期: addDays(today, -5),
    有效期至: addDays(today, 360),
    买方名称: '长治市精工机械有限公司',
    买方统一社会信用代码: '91140400MA0K000001',
    买方所在地区代码: '140403',
    买方主体类型: '企业',
    '合同金额(万元)': 120,
    '非技术性费用(项目:万元，以、分隔)': '设备费:15、材料费:5',
    '技术交易额(万元)': 100,
    '预计新增投资(万元)': 300,
    '预计新增产值(万元)': 800,
    '付款计划(日期:万元，以、分隔)': `${addDays(today, 30)}:60、${addDays(today, 180)}:60`,
    ...over,
  };
  return HEADERS.map((h) => base[h] ?? null);
};

const upload = (user: TestUser, file: Buffer | string, opts: { dryRun?: boolean; orgId?: string; name?: string } = {}) => {
  const { body, headers } = multipart(opts.name ?? '合同.xlsx', file);
  const qs = new URLSearchParams({ dryRun: String(opts.dryRun ?? true), ...(opts.orgId ? { organizationId: opts.orgId } : {}) });
  return t.api('POST', `/api/contracts/import?${qs}`, { token: user.token, body, headers });
};

async function seller() {
  const owner = await t.factories.user();
  const org = await t.factories.organization(owner, { type: 'university', jurisdictionCode: '140700' });
  return { owner, org };
}

const quiet = { error: () => {} };
/** Runs the due jobs (the import's check and run among them); `later` also claims jobs whose retry or lease is due. */
const runJobs = (later = 0) => new JobRunner(t.database.db, JOBS, quiet).runDue(new Date(Date.now() + later));
const status = async (user: TestUser, id: string) => (await t.api('GET', `/api/contracts/imports/${id}`, { token: user.token })).json();

const countOf = async (orgId: string) => (await t.database.db.select({ id: contracts.id }).from(contracts).where(eq(contracts.sellerOrganizationId, orgId))).length;

describe('importing contracts signed off the platform', () => {
  it('downloads a template whose data sheet has the columns, the example row and drop-downs', async () => {
    const res = await t.api('GET', '/api/contracts/import/template');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['填写说明', '合同', '选项']);
    const sheet = wb.getWorksheet('合同')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    expect(sheet.getCell('C2').value).toBe('技术转让');
  });

  it('reports each bad row by row, column and a Chinese sentence, with the rules of POST /api/contracts, and stores nothing in the dry run', async () => {
    const { owner, org } = await seller();
    const file = await workbook('合同', HEADERS, [
      row(),
      // 120 − 20 ≠ 90: the service's own rule and message.
      row({ '技术交易额(万元)': 90 }),
      row({ 签订日期: addDays(today, 3) }),
      row({ 合同类别: '技术买卖' }),
      row({ '合同金额(万元)': 120.0000005 }),
      row({ 买方名称: null }),
      row({ '付款计划(日期:万元，以、分隔)': '下个月付一半' }),
    ]);
    const res = await upload(owner, file);
    expect(res.statusCode).toBe(200);
    const dry = res.json();
    expect(dry).toMatchObject({ status: 'validated', dryRun: true, totalRows: 7, validRows: 1, created: [], allowedActions: ['run'] });
    const at = (r: number) => dry.report.filter((e: { row: number }) => e.row === r);
    expect(at(2)).toEqual([]);
    expect(at(3)).toEqual([{ row: 3, column: '技术交易额(万元)', field: 'technologyAmount', message: expect.stringContaining('减去非技术性费用') }]);
    expect(at(4)[0]).toMatchObject({ column: '签订日期', field: 'signedOn', message: expect.stringContaining('不能晚于今天') });
    expect(at(5)[0]).toMatchObject({ column: '合同类别', message: expect.stringContaining('技术开发') });
    expect(at(6)[0]).toMatchObject({ column: '合同金额(万元)', message: expect.stringContaining('精确到分') });
    expect(at(7)[0]).toMatchObject({ column: '买方名称', field: 'buyer.name' });
    expect(at(8)[0]).toMatchObject({ column: '付款计划(日期:万元，以、分隔)', message: expect.stringContaining('日期:金额') });
    expect(dry.preview).toEqual([expect.objectContaining({ row: 2, seller: org.name, buyer: '长治市精工机械有限公司', contractAmount: 120_000_000, technologyAmount: 100_000_000 })]);
    expect(await countOf(org.id)).toBe(0);
  });

  it('imports the rows that pass as drafts of the importing organisation, and a second import of the same file adds nothing', async () => {
    const { owner, org } = await seller();
    const rows = [row({ 合同编号: 'JZ-IMP-1', 行业门类: '制造业' }), row({ 合同编号: 'JZ-IMP-2', 合同类别: '技术咨询', 细分类: null }), row({ 合同编号: 'JZ-IMP-3', '技术交易额(万元)': 1 })];
    const file = await workbook('合同', HEADERS, rows);
    const res = await upload(owner, file, { dryRun: false });
    // Checked at once, imported by a job.
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ status: 'queued', dryRun: false, totalRows: 3, validRows: 2, created: [] });
    expect(await countOf(org.id)).toBe(0);
    await runJobs();
    const done = await status(owner, res.json().id);
    expect(done).toMatchObject({ status: 'done', createdRows: 2, processedRows: 2, created: [expect.objectContaining({ row: 2 }), expect.objectContaining({ row: 3 })] });
    const id = done.created[0].id as string;
    const c = (await t.api('GET', `/api/contracts/${id}`, { token: owner.token })).json();
    expect(c).toMatchObject({
      status: 'draft',
      kind: 'transfer',
      subkind: 'patent',
      contractNo: 'JZ-IMP-1',
      industry: 'C',
      seller: { organizationId: org.id },
      buyer: { organizationId: null, name: '长治市精工机械有限公司', region: '140403', entityType: 'enterprise' },
      contractAmount: 120_000_000,
      technologyAmount: 100_000_000,
      deductions: [
        { item: '设备费', amount: 15_000_000 },
        { item: '材料费', amount: 5_000_000 },
      ],
      schedule: [{ amount: 60_000_000 }, { amount: 60_000_000 }],
      allowedActions: expect.arrayContaining(['update', 'submit']),
    });
    expect(await countOf(org.id)).toBe(2);
    // Revealed, its entry in the log links to its page.
    const admin = await t.factories.admin('140700');
    const logged = (await t.api('GET', `/api/audit?entityType=contract&entityId=${id}&action=contract.create`, { token: admin.token })).json().items[0];
    expect(logged.entity).toMatchObject({ name: '煤矸石综合利用技术转让合同', link: `/contracts/${id}` });
    expect((await t.api('GET', `/api/contracts/${id}`, { token: admin.token })).statusCode).toBe(200);

    const again = (await upload(owner, file, { dryRun: false })).json();
    expect(again).toMatchObject({ status: 'validated', validRows: 0, created: [], allowedActions: [] });
    expect(again.report.find((e: { row: number }) => e.row === 2)).toMatchObject({ field: 'contractNo', message: expect.stringContaining('JZ-IMP-1') });
    expect(await countOf(org.id)).toBe(2);
  });

  it('reads a CSV too, and reports a contract number repeated in the file', async () => {
    const { owner } = await seller();
    const line = (no: string) => ['CSV 合同', no, '技术咨询', '', addDays(today, -1), addDays(today, 90), '', '', '', '', '某公司', '', '140702', '企业', '5', '', '5'].join(',');
    const csv = `\ufeff${HEADERS.slice(0, 17).join(',')}\n${line('C-1')}\n${line('C-1')}\n`;
    const dry = (await upload(owner, csv, { name: '合同.csv' })).json();
    expect(dry).toMatchObject({ totalRows: 2, validRows: 1 });
    expect(dry.report).toEqual([expect.objectContaining({ row: 3, field: 'contractNo', message: expect.stringContaining('第 2 行') })]);
  });

  it('an administrator imports for a seller of their region, not outside it; a file without the required columns is refused whole', async () => {
    const admin = await t.factories.admin('140700');
    const rowFor = (region: string) =>
      row({ 卖方名称: '晋中市某研究所', 卖方统一社会信用代码: '12140700MB0000001X', 卖方所在地区代码: region, 卖方主体类型: '科研院所' });
    const dry = (await upload(admin, await workbook('合同', HEADERS, [rowFor('140702'), rowFor('371002'), row()]))).json();
    expect(dry).toMatchObject({ totalRows: 3, validRows: 1 });
    expect(dry.report.find((e: { row: number }) => e.row === 3)).toMatchObject({ column: '卖方名称', message: expect.stringContaining('辖区') });
    expect(dry.report.find((e: { row: number }) => e.row === 4)).toMatchObject({ column: '卖方名称', message: expect.stringContaining('卖方不能留空') });

    const { owner } = await seller();
    const bad = await upload(owner, await workbook('合同', ['合同名称', '签订日期'], [['x', today]]));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ path: 'file', message: expect.stringContaining('合同类别') });
  });

  it('refuses the anonymous, and a member naming an organisation that is not theirs', async () => {
    const { owner } = await seller();
    const other = await seller();
    const file = await workbook('合同', HEADERS, [row()]);
    const m = multipart('合同.xlsx', file);
    expect((await t.api('POST', '/api/contracts/import', { body: m.body, headers: m.headers })).statusCode).toBe(401);
    expect((await upload(owner, file, { orgId: other.org.id })).statusCode).toBe(403);
  });
});

describe('a large file of contracts', () => {
  const many = (n: number, prefix: string, over: (i: number) => Record<string, ExcelJS.CellValue> = () => ({})) =>
    Array.from({ length: n }, (_, i) => row({ 合同编号: `${prefix}-${i + 1}`, 合同名称: `批量导入技术转让合同 ${i + 1}`, ...over(i) }));

  it('is kept under data/imports, checked by a job (report, preview), then imported by a job with its progress, and run again after a crash enters nothing twice', async () => {
    const { owner, org } = await seller();
    const n = CONTRACT_IMPORT_INLINE_ROWS + 40;
    // Every 50th row is wrong: its technology amount does not add up.
    const file = await workbook('合同', HEADERS, many(n, 'BIG', (i) => (i % 50 === 0 ? { '技术交易额(万元)': 99 } : {})));
    const res = await upload(owner, file);
    expect(res.statusCode).toBe(200);
    const id = res.json().id as string;
    expect(res.json()).toMatchObject({ status: 'checking', dryRun: true, totalRows: n, report: [] });
    expect(fs.readFileSync(path.join(t.config.dataDir, 'imports', createHash('sha256').update(file).digest('hex'))).equals(file)).toBe(true);
    // Nobody else sees it, nor runs it before its check.
    const stranger = await t.factories.user();
    expect((await t.api('GET', `/api/contracts/imports/${id}`, { token: stranger.token })).statusCode).toBe(404);
    expect((await t.api('POST', `/api/contracts/imports/${id}/run`, { token: owner.token })).statusCode).toBe(409);

    await runJobs();
    const checked = await status(owner, id);
    const bad = Math.ceil(n / 50);
    expect(checked).toMatchObject({ status: 'validated', totalRows: n, validRows: n - bad, allowedActions: ['run'] });
    expect(checked.report).toHaveLength(bad);
    expect(checked.report[0]).toMatchObject({ row: 2, field: 'technologyAmount', message: expect.stringContaining('减去非技术性费用') });
    expect(checked.preview[0]).toMatchObject({ row: 3, title: '批量导入技术转让合同 2', seller: org.name });
    expect(await countOf(org.id)).toBe(0);

    expect((await t.api('POST', `/api/contracts/imports/${id}/run`, { token: stranger.token })).statusCode).toBe(404);
    const queued = await t.api('POST', `/api/contracts/imports/${id}/run`, { token: owner.token });
    expect(queued.statusCode).toBe(202);
    expect(queued.json()).toMatchObject({ status: 'queued', dryRun: false });
    expect((await t.api('POST', `/api/contracts/imports/${id}/run`, { token: owner.token })).statusCode).toBe(409);

    // The server stops after the first batch of 100 (a crash): what was entered stays, and the import says how far it got.
    const crashing = contractImportJobWith({
      batchSize: 100,
      afterBatch: (batch) => {
        if (batch === 1) throw new Error('server stopped');
      },
    });
    await new JobRunner(t.database.db, [crashing], quiet).runDue();
    expect(await countOf(org.id)).toBe(100);
    expect(await status(owner, id)).toMatchObject({ status: 'failed', processedRows: 100, created: [] });
    // …but nobody sees half an import: not in the lists, not by its id.
    const seen = async () => (await t.api('GET', '/api/contracts?pageSize=100', { token: owner.token })).json().total as number;
    expect(await seen()).toBe(0);
    const [hidden] = await t.database.db.select({ id: contracts.id }).from(contracts).where(eq(contracts.sellerOrganizationId, org.id)).limit(1);
    expect((await t.api('GET', `/api/contracts/${hidden!.id}`, { token: owner.token })).statusCode).toBe(404);

    // The runner takes the job up again (its retry is due): the rest is entered, none twice, and all of them appear at once.
    await runJobs(10 * 60_000);
    const done = await status(owner, id);
    expect(done).toMatchObject({ status: 'done', createdRows: n - bad, processedRows: n - bad, error: null });
    expect(await countOf(org.id)).toBe(n - bad);
    expect(await seen()).toBe(n - bad);
    expect((await t.api('GET', `/api/contracts/${hidden!.id}`, { token: owner.token })).json()).toMatchObject({ status: 'draft' });
    const numbers = (await t.database.db.select({ no: contracts.contractNo }).from(contracts).where(eq(contracts.sellerOrganizationId, org.id))).map((r) => r.no);
    expect(new Set(numbers).size).toBe(n - bad);
    // 240 rows checked twice and entered in batches: a busy machine needs more than the default minute.
  }, 180_000);

  it('with dryRun=false is checked and then imported by jobs; an administrator’s import without an organisation is theirs alone', async () => {
    const admin = await t.factories.admin('140700');
    const rows = many(CONTRACT_IMPORT_INLINE_ROWS + 1, 'ADM', () => ({ 卖方名称: '晋中市某研究所', 卖方统一社会信用代码: '12140700MB0000002X', 卖方所在地区代码: '140702', 卖方主体类型: '科研院所' }));
    const res = await upload(admin, await workbook('合同', HEADERS, rows), { dryRun: false });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ status: 'checking', organizationId: null });
    const other = await t.factories.admin('140700');
    expect((await t.api('GET', `/api/contracts/imports/${res.json().id}`, { token: other.token })).statusCode).toBe(404);
    await runJobs();
    await runJobs();
    expect(await status(admin, res.json().id)).toMatchObject({ status: 'done', createdRows: CONTRACT_IMPORT_INLINE_ROWS + 1 });
    // Listed among the administrator's imports.
    const list = (await t.api('GET', '/api/imports?kind=contracts', { token: admin.token })).json();
    expect(list.items.map((i: { id: string }) => i.id)).toContain(res.json().id);
  });

  it('a failed import is given up by its importer: its hidden rows are deleted in one audited transaction, so the same file uploads again; not while it runs, not by another administrator', async () => {
    const { owner, org } = await seller();
    const file = await workbook('合同', HEADERS, many(5, 'GIVEUP'));
    const res = await upload(owner, file, { dryRun: false });
    expect(res.statusCode).toBe(202);
    const id = res.json().id as string;
    const discard = (user: TestUser) => t.api('POST', `/api/contracts/imports/${id}/discard`, { token: user.token });
    const whileRunning: number[] = [];
    // The job stops for good after its first batch of 2, and is asked to be given up while it runs.
    const crashing = contractImportJobWith({
      batchSize: 2,
      afterBatch: async (batch) => {
        whileRunning.push((await discard(owner)).statusCode);
        if (batch === 1) throw new Error('disk full');
      },
    });
    await new JobRunner(t.database.db, [crashing], quiet).runDue();
    expect(whileRunning).toEqual([409]);
    expect(await countOf(org.id)).toBe(2);
    expect(await status(owner, id)).toMatchObject({ status: 'failed', allowedActions: ['discard'] });
    // The hidden rows hold their numbers: the same file again is told they are taken.
    const blocked = (await upload(owner, file)).json();
    expect(blocked).toMatchObject({ validRows: 3 });
    expect(blocked.report.filter((e: { field: string }) => e.field === 'contractNo')).toHaveLength(2);
    // The log names a hidden row and links to its import's history, not to a page that is not found yet.
    const regionAdmin = await t.factories.admin('140700');
    const [hidden] = await t.database.db.select({ id: contracts.id, title: contracts.title }).from(contracts).where(eq(contracts.sellerOrganizationId, org.id)).limit(1);
    const logged = async () => (await t.api('GET', `/api/audit?entityType=contract&entityId=${hidden!.id}`, { token: regionAdmin.token })).json().items[0].entity;
    expect(await logged()).toMatchObject({ name: hidden!.title, link: `/admin/audit?entityType=import&entityId=${id}` });

    // Not the importer (an administrator of its region, of another region, a stranger): not found, nothing deleted.
    for (const other of [await t.factories.admin('140700'), await t.factories.admin('210100'), await t.factories.user()]) expect((await discard(other)).statusCode).toBe(404);
    expect(await countOf(org.id)).toBe(2);

    const given = await discard(owner);
    expect(given.statusCode).toBe(200);
    expect(given.json()).toMatchObject({ status: 'discarded', allowedActions: [], created: [] });
    expect(await countOf(org.id)).toBe(0);
    const [event] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'contract.import.discard'), eq(auditEvents.entityId, id)));
    expect(event).toMatchObject({ entityType: 'import', actorId: owner.id, organizationId: org.id, after: expect.objectContaining({ deleted: 2 }) });
    expect((await discard(owner)).statusCode).toBe(409);
    // A retry that read the import just before it was given up, failing after: it stays given up.
    await importRun.failed(t.database.db, id, new Error('ENOENT'));
    expect(await status(owner, id)).toMatchObject({ status: 'discarded' });
    // A deleted row is not a link.
    expect(await logged()).toMatchObject({ name: null, link: null });

    // The same file passes now; the old job's retry enters nothing.
    expect((await upload(owner, file)).json()).toMatchObject({ validRows: 5, report: [] });
    await runJobs(10 * 60_000);
    expect(await countOf(org.id)).toBe(0);
    expect(await status(owner, id)).toMatchObject({ status: 'discarded' });
  });

  it('an import whose job fails for good deletes its hidden rows by itself (audited), so the same file uploads again', async () => {
    const { owner, org } = await seller();
    const file = await workbook('合同', HEADERS, many(4, 'LAST'));
    const id = (await upload(owner, file, { dryRun: false })).json().id as string;
    // Its fifth attempt, the last: it stops after the first batch.
    await t.database.db.update(jobs).set({ attempts: 4 }).where(eq(jobs.key, `contracts.import:${id}`));
    const crashing = contractImportJobWith({
      batchSize: 2,
      afterBatch: async () => {
        expect(await countOf(org.id)).toBe(2);
        throw new Error('disk full');
      },
    });
    await new JobRunner(t.database.db, [crashing], quiet).runDue();
    expect((await t.database.db.select().from(jobs).where(eq(jobs.key, `contracts.import:${id}`)))[0]).toMatchObject({ status: 'failed', lastError: expect.stringContaining('disk full') });
    expect(await countOf(org.id)).toBe(0);
    expect(await status(owner, id)).toMatchObject({ status: 'failed', error: '处理时发生系统错误，详情已记录；请稍后重试，或联系平台管理员。', allowedActions: ['discard'] });
    const [event] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'contract.import.discard'), eq(auditEvents.entityId, id)));
    expect(event).toMatchObject({ actorId: owner.id, after: expect.objectContaining({ deleted: 2, auto: true }) });
    expect((await upload(owner, file)).json()).toMatchObject({ validRows: 4, report: [] });
  });

  it('an administrator’s import without an organisation is kept for the administrator: counted in their quota, expired and swept like every import file', async () => {
    const admin = await t.factories.admin('140700');
    const rows = [row({ 卖方名称: '晋中市某研究所', 卖方统一社会信用代码: '12140700MB0000003X', 卖方所在地区代码: '140702', 卖方主体类型: '科研院所' })];
    const file = await workbook('合同', HEADERS, rows);
    const sha = createHash('sha256').update(file).digest('hex');
    const res = await upload(admin, file);
    expect(res.json()).toMatchObject({ status: 'validated', organizationId: null, validRows: 1 });
    const id = res.json().id as string;
    const [kept] = await t.database.db.select().from(storedFiles).where(and(eq(storedFiles.kind, 'import'), eq(storedFiles.ref, id)));
    expect(kept).toMatchObject({ organizationId: null, userId: admin.id, sha256: sha, size: file.length });
    expect(kept!.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 6 * 86400_000);
    // Counted: past the quota the next upload is refused with what is used and the limit, on `file`.
    expect(await checkQuota(t.database.db, { userId: admin.id }, 1, file.length + 1)).toMatchObject({ used: file.length });
    await expect(checkQuota(t.database.db, { userId: admin.id }, 2, file.length + 1)).rejects.toMatchObject({ status: 413 });
    // The administrator sees it among their own files, with the quota and when it goes; nobody else does, an organisation's files are not a person's.
    const mine = async (user: TestUser) => (await t.api('GET', '/api/me/files', { token: user.token })).json();
    expect(await mine(admin)).toMatchObject({
      usedBytes: file.length,
      limitBytes: t.config.storageQuotaBytes,
      files: [{ id: kept!.id, kind: 'import', name: '合同.xlsx', sizeBytes: file.length, expiresAt: kept!.expiresAt!.toISOString(), link: `/contracts/import?import=${id}` }],
    });
    const { owner } = await seller();
    expect((await upload(owner, await workbook('合同', HEADERS, [row()]))).statusCode).toBe(200);
    for (const other of [await t.factories.admin('140700'), owner]) expect(await mine(other)).toMatchObject({ usedBytes: 0, files: [] });
    expect((await t.api('GET', '/api/me/files')).statusCode).toBe(401);

    // Imported: the file is let go a day later, then the sweep deletes it.
    expect((await t.api('POST', `/api/contracts/imports/${id}/run`, { token: admin.token })).statusCode).toBe(202);
    await runJobs();
    expect(await status(admin, id)).toMatchObject({ status: 'done', createdRows: 1 });
    const [after] = await t.database.db.select().from(storedFiles).where(and(eq(storedFiles.kind, 'import'), eq(storedFiles.ref, id)));
    expect(after!.expiresAt!.getTime()).toBeLessThan(Date.now() + 2 * 86400_000);
    const file$ = path.join(t.config.dataDir, 'imports', sha);
    expect(fs.existsSync(file$)).toBe(true);
    const later = new Date(Date.now() + 2 * 86400_000);
    fs.utimesSync(file$, new Date(Date.now() - 2 * 3600_000), new Date(Date.now() - 2 * 3600_000));
    await sweepStorage(t.database.db, t.config.dataDir, later);
    expect(fs.existsSync(file$)).toBe(false);
    expect(await t.database.db.select().from(storedFiles).where(eq(storedFiles.ref, id))).toEqual([]);
    expect(await mine(admin)).toMatchObject({ usedBytes: 0, files: [] });
  });

  it('an administrator’s import file that has not run yet is not swept as an orphan', async () => {
    const admin = await t.factories.admin('140700');
    const file = await workbook('合同', HEADERS, [row({ 卖方名称: '晋中市某研究所', 卖方统一社会信用代码: '12140700MB0000004X', 卖方所在地区代码: '140702', 卖方主体类型: '科研院所' })]);
    const sha = createHash('sha256').update(file).digest('hex');
    const id = (await upload(admin, file)).json().id as string;
    const file$ = path.join(t.config.dataDir, 'imports', sha);
    fs.utimesSync(file$, new Date(Date.now() - 2 * 3600_000), new Date(Date.now() - 2 * 3600_000));
    await sweepStorage(t.database.db, t.config.dataDir, new Date(Date.now() + 3 * 86400_000));
    expect(fs.existsSync(file$)).toBe(true);
    expect((await t.api('POST', `/api/contracts/imports/${id}/run`, { token: admin.token })).statusCode).toBe(202);
  });
});
