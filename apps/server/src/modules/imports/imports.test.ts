import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/testApp.ts';
import { unique, type TestUser } from '../../../test/factories.ts';
import { achievements, auditEvents, demands, jobs } from '../../db/schema/index.ts';
import { JOBS } from '../../jobs.ts';
import { JobRunner } from '../../platform/jobs.ts';
import { achievementRepository } from '../achievements/achievements.repository.ts';
import { importJobWith } from './imports.job.ts';
import { ACHIEVEMENT_HEADERS, achievementRow, multipart, workbook } from './imports.testkit.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kzt-imports-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
const t = useTestApp({ dataDir });
const quiet = { error: () => {} };

async function university() {
  const owner = await t.factories.user({ name: '导入人' });
  const org = await t.factories.organization(owner, { type: 'university', jurisdictionCode: '140700' });
  return { owner, org };
}

const upload = (user: TestUser, kind: string, fileName: string, content: Buffer | string, orgId?: string) => {
  const { body, headers } = multipart(fileName, content);
  return t.api('POST', `/api/imports?kind=${kind}${orgId ? `&organizationId=${orgId}` : ''}`, { token: user.token, body, headers });
};

const mine = async (user: TestUser, kind = 'achievements') =>
  ((await t.api('GET', `/api/${kind}?scope=mine&pageSize=100`, { token: user.token })).json().items as { title: string; status: string }[]);

const runJobs = (now = new Date()) => new JobRunner(t.database.db, JOBS, quiet).runDue(now);

describe('templates', () => {
  it('downloads an achievements template that parses back: instructions, data sheet, drop-downs, an example row', async () => {
    const res = await t.api('GET', '/api/imports/templates/achievements.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain('attachment');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['填写说明', '成果', '选项']);
    const ws = wb.getWorksheet('成果')!;
    const headers = (ws.getRow(1).values as string[]).slice(1);
    expect(headers).toEqual(expect.arrayContaining(['标题', '摘要', '关键词(以、或,分隔)', '成果类型', '行业门类', '成熟度(1-9)', '价格(万元，空为面议)', '保密级别', '外部编号']));
    expect(ws.getCell('A2').value).toBe('高强度耐腐蚀特种钢材连续轧制工艺');
    expect(ws.getCell('D2').dataValidation).toMatchObject({ type: 'list' });
    expect(ws.getCell('G500').dataValidation).toMatchObject({ type: 'whole', formulae: [1, 9] });
  });

  it('the demands template has its own sheet and headers; its example row passes the dry run as is', async () => {
    const res = await t.api('GET', '/api/imports/templates/demands.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const headers = (wb.getWorksheet('需求')!.getRow(1).values as string[]).slice(1);
    expect(headers).toEqual(expect.arrayContaining(['需求名称', '需求描述', '预算下限(万元)', '预算上限(万元)', '截止日期', '共性技术难题(是/否)']));
    const { owner } = await university();
    const dry = await upload(owner, 'demands', 'template.xlsx', res.rawPayload);
    expect(dry.statusCode).toBe(201);
    expect(dry.json()).toMatchObject({ totalRows: 1, validRows: 1, report: [] });
    expect(dry.json().preview[0]).toMatchObject({ row: 2, industry: 'C', budgetMin: 20_000_000, budgetMax: 50_000_000, cooperationModes: ['joint_development', 'licence'] });
    expect((await t.api('GET', '/api/imports/templates/patents.xlsx')).statusCode).toBe(400);
  });
});

describe('dry run', () => {
  it('reports broken rows with the Excel row, the column and the API’s own message; formulas use their cached result', async () => {
    const { owner } = await university();
    const file = await workbook('成果', ACHIEVEMENT_HEADERS, [
      achievementRow('好的成果一'),
      achievementRow('好的成果二', { 成果类型: 'applied_research', 行业门类: 'C', 转化方式: 'licence', 价格: null, 外部编号: 'X-1' }),
      achievementRow('份额不对', { 完成人: '甲:60、乙:30' }),
      achievementRow('成熟度过高', { 成熟度: 10 }),
      achievementRow('行业不存在', { 行业门类: 'Z 外星产业' }),
      achievementRow('负价格', { 价格: -5 }),
      achievementRow(null as unknown as string),
      achievementRow('公式没有结果', { 成熟度: { formula: '3+3' } as ExcelJS.CellValue }),
      achievementRow('公式有结果', { 成熟度: { formula: '2*3', result: 6 } as ExcelJS.CellValue, 价格: { formula: '10*2', result: 20 } as ExcelJS.CellValue }),
    ]);
    const res = await upload(owner, 'achievements', '成果.xlsx', file);
    expect(res.statusCode).toBe(201);
    const dry = res.json();
    expect(dry).toMatchObject({ status: 'validated', kind: 'achievements', totalRows: 9, validRows: 3, invalidRows: 6, allowedActions: ['run'] });
    expect(dry.report).toEqual([
      { row: 4, column: '完成人(姓名:份额，以、分隔)', message: '完成人份额合计必须为 100%' },
      { row: 5, column: '成熟度(1-9)', message: '成熟度应为 1–9 的整数' },
      { row: 6, column: '行业门类', message: expect.stringContaining('无法识别“Z 外星产业”') },
      { row: 7, column: '价格(万元，空为面议)', message: expect.stringContaining('金额应为不小于 0 的数字') },
      { row: 8, column: '标题', message: '此项为必填项' },
      { row: 9, column: '成熟度(1-9)', message: expect.stringContaining('公式没有保存计算结果') },
    ]);
    expect(dry.preview.map((p: { row: number }) => p.row)).toEqual([2, 3, 10]);
    expect(dry.preview[0]).toMatchObject({ title: '好的成果一', type: 'applied_research', industry: 'C', maturity: 6, price: 50_000_000, transferModes: ['transfer', 'licence'] });
    expect(dry.preview[0].completers).toEqual([{ name: '李慧', organization: '太行理工大学', share: 60 }, { name: '王强', share: 40 }]);
    expect(dry.preview[1]).toMatchObject({ price: null, externalId: 'X-1', transferModes: ['licence'] });
    expect(dry.preview[2]).toMatchObject({ maturity: 6, price: 20_000_000 });
    // The dry run imports nothing.
    expect(await mine(owner)).toEqual([]);
    expect((await t.api('GET', `/api/imports/${dry.id}`, { token: owner.token })).json()).toMatchObject({ status: 'validated', report: dry.report });
  });

  it('reads traditional characters and full-width forms in every choice column (and header) as the simplified labels', async () => {
    const { owner } = await university();
    const headers = [...ACHIEVEMENT_HEADERS, '保密級別', '知識產權(編號:類型:狀態，以、分隔)'];
    const file = await workbook('成果', headers, [
      [...achievementRow('繁體成果', { 成果类型: '技術開發與產業化', 行业门类: '製造業', 转化方式: '轉讓、許可、作價入股', 成熟度: '６' }), '公開', 'ZL202310123456.7:發明專利:已授權'],
      [...achievementRow('摘要公開的成果', { 成果类型: '應用研究', 行业门类: 'Ｃ　製造業', 转化方式: '先使用後付費' }), '摘要公開', null],
      [...achievementRow('仍然不認識', { 成果类型: '技術開發' }), '保密', null],
    ]);
    const dry = (await upload(owner, 'achievements', '成果.xlsx', file)).json();
    expect(dry).toMatchObject({ totalRows: 3, validRows: 2 });
    expect(dry.preview[0]).toMatchObject({ title: '繁體成果', type: 'development', industry: 'C', maturity: 6, transferModes: ['transfer', 'licence', 'equity'], confidentiality: 'public' });
    expect(dry.preview[0].ip).toEqual([expect.objectContaining({ number: 'ZL202310123456.7', kind: 'invention_patent' })]);
    expect(dry.preview[1]).toMatchObject({ type: 'applied_research', industry: 'C', transferModes: ['use_first_pay_later'], confidentiality: 'abstract' });
    // A value that is no label in either script is still refused, with the simplified labels offered.
    expect(dry.report).toEqual([{ row: 4, column: '成果类型', message: expect.stringContaining('无法识别“技術開發”') }]);

    const demands = await workbook('需求', ['需求名稱', '行業門類', '合作方式(以、分隔)'], [['繁體需求', '信息傳輸、軟件和信息技術服務業', '合作開發、轉讓']]);
    const d = (await upload(owner, 'demands', 'demands.xlsx', demands)).json();
    expect(d.report).toEqual([]);
    expect(d.preview[0]).toMatchObject({ title: '繁體需求', industry: 'I', cooperationModes: ['joint_development', 'transfer'] });
  });

  it('checks demands with the service’s own rules: deadline not past, budget order, common problems, dates', async () => {
    const { owner } = await university();
    const headers = ['需求名称', '行业门类', '预算下限(万元)', '预算上限(万元)', '截止日期', '共性技术难题(是/否)', '合作方式(以、分隔)'];
    const file = await workbook('需求', headers, [
      ['好需求', '制造业', 20, 50, new Date(Date.UTC(2099, 11, 31)), '否', '合作开发'],
      ['过期需求', 'C', null, null, '2020-01-01', null, null],
      ['预算倒挂', 'C', 80, 50, null, null, null],
      ['共性难题', 'C', null, null, null, '是', null],
      ['日期不对', 'C', null, null, '明年', null, null],
    ]);
    const dry = (await upload(owner, 'demands', 'demands.xlsx', file)).json();
    expect(dry).toMatchObject({ totalRows: 5, validRows: 1 });
    expect(dry.report).toEqual([
      { row: 3, column: '截止日期', message: '截止日期不能早于今天' },
      { row: 4, column: '预算上限(万元)', message: '预算下限不能高于上限' },
      { row: 5, column: '共性技术难题(是/否)', message: '共性技术难题只能由企业或政府部门发布' },
      { row: 6, column: '截止日期', message: '日期应为 YYYY-MM-DD 格式或 Excel 日期' },
    ]);
    expect(dry.preview[0]).toMatchObject({ title: '好需求', deadline: '2099-12-31', budgetMin: 20_000_000, commonProblem: false, cooperationModes: ['joint_development'] });
  });

  it('refuses a wrong sheet, a missing header, a file that is not what its name says, an empty file, too many rows, too large', async () => {
    const { owner } = await university();
    const wrongSheet = await upload(owner, 'achievements', 'a.xlsx', await workbook('Sheet1', ACHIEVEMENT_HEADERS, [achievementRow('x')]));
    expect(wrongSheet.statusCode).toBe(400);
    expect(wrongSheet.headers['content-type']).toContain('application/problem+json');
    expect(wrongSheet.json().detail).toBe('找不到名为“成果”的工作表（文件中的工作表：“填写说明”、“Sheet1”），请使用下载的模板填写');
    // The demands template uploaded as achievements names the sheet it wanted.
    expect((await upload(owner, 'achievements', 'a.xlsx', await workbook('需求', ['需求名称'], [['x']]))).json().detail).toContain('“成果”');

    const noTitle = await upload(owner, 'achievements', 'a.xlsx', await workbook('成果', ['摘要', '行业门类'], [['x', 'C']]));
    expect(noTitle.statusCode).toBe(400);
    expect(noTitle.json().detail).toBe('第 1 行缺少必填列：“标题”、“成果类型”、“成熟度(1-9)”，请使用下载的模板，不要修改表头');

    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4e00000000049454e44ae426082', 'hex');
    const fake = await upload(owner, 'achievements', '成果.xlsx', png);
    expect(fake.statusCode).toBe(400);
    expect(fake.json().detail).toBe('文件内容与扩展名不符：文件名是 .xlsx，内容却是 PNG（image/png）');
    expect((await upload(owner, 'achievements', '成果.csv', png)).json().detail).toContain('内容却是 PNG');
    expect((await upload(owner, 'achievements', '成果.xlsx', 'title,maturity\nx,1\n')).json().detail).toContain('内容却是 文本');
    expect((await upload(owner, 'achievements', '成果.txt', 'x')).json().detail).toBe('只支持 .xlsx 或 .csv 文件，收到的是“成果.txt”');
    expect((await upload(owner, 'achievements', '成果.xlsx', Buffer.alloc(0))).json().detail).toBe('文件是空的');
    expect((await upload(owner, 'achievements', '成果.csv', '标题,成果类型,行业门类,成熟度\n')).json().detail).toBe('文件中没有数据行');
    expect((await upload(owner, 'achievements', 'utf16.csv', Buffer.from('\ufeff标题', 'utf16le'))).json().detail).toContain('不是 UTF-8');

    const many = ['标题,成果类型,行业门类,成熟度', ...Array.from({ length: 5_001 }, (_, i) => `成果${i},应用研究,C,5`)].join('\n');
    const tooMany = await upload(owner, 'achievements', 'many.csv', many);
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().detail).toBe('数据行过多：每次最多导入 5000 行，本文件超过了这个数，请拆分成多个文件');

    const huge = await upload(owner, 'achievements', 'huge.csv', Buffer.alloc(10 * 1024 * 1024 + 1, 0x41));
    expect(huge.statusCode).toBe(413);
    expect(huge.json().detail).toBe('文件不能超过 10 MB');

    const notMultipart = await t.api('POST', '/api/imports?kind=achievements', { token: owner.token, body: { file: 'x' } });
    expect(notMultipart.statusCode).toBe(400);
    expect(notMultipart.json().errors[0].path).toBe('file');
  });

  it('reads CSV in UTF-8 with a BOM, quoted fields and labels, and GB18030 as Chinese Excel saves it', async () => {
    const { owner } = await university();
    const csv = '\ufeff需求名称,需求描述,行业门类,预算下限(万元),截止日期,合作方式(以、分隔)\r\n"检测方案","含逗号,和""引号""的描述",制造业,12.5,2099/1/5,"合作开发、许可"\r\n';
    const dry = (await upload(owner, 'demands', '需求.csv', Buffer.from(csv, 'utf8'))).json();
    expect(dry).toMatchObject({ totalRows: 1, validRows: 1, report: [] });
    expect(dry.preview[0]).toMatchObject({ title: '检测方案', description: '含逗号,和"引号"的描述', budgetMin: 12_500_000, deadline: '2099-01-05', cooperationModes: ['joint_development', 'licence'] });

    // 需求名称,行业门类 / 国产替代,C in GB18030 (GBK) bytes.
    const gbk = Buffer.from('d0e8c7f3c3fbb3c62cd0d0d2b5c3c5c0e00d0ab9fab2facce6b4fa2c430d0a', 'hex');
    const gb = (await upload(owner, 'demands', 'gbk.csv', gbk)).json();
    expect(gb).toMatchObject({ totalRows: 1, validRows: 1 });
    expect(gb.preview[0].title).toBe('国产替代');
  });
});

describe('import', () => {
  it('imports the valid rows as drafts, visible in 我的成果 only once all are in; counts and audit are right; a re-import creates no duplicates', async () => {
    const { owner, org } = await university();
    const tag = unique();
    const file = await workbook('成果', ACHIEVEMENT_HEADERS, [
      achievementRow(`导入成果甲${tag}`, { 外部编号: `A-${tag}` }),
      achievementRow(`导入成果乙${tag}`),
      achievementRow(`坏行${tag}`, { 成熟度: 0 }),
      achievementRow(`导入成果丙${tag}`, { 外部编号: `C-${tag}` }),
    ]);
    const dry = (await upload(owner, 'achievements', '成果.xlsx', file, org.id)).json();
    expect(dry).toMatchObject({ totalRows: 4, validRows: 3 });
    const run = await t.api('POST', `/api/imports/${dry.id}/run`, { token: owner.token });
    expect(run.statusCode).toBe(202);
    expect(run.json()).toMatchObject({ status: 'queued', allowedActions: [] });
    expect((await t.api('POST', `/api/imports/${dry.id}/run`, { token: owner.token })).statusCode).toBe(409);

    expect(await runJobs()).toBeGreaterThanOrEqual(1);
    const done = (await t.api('GET', `/api/imports/${dry.id}`, { token: owner.token })).json();
    expect(done).toMatchObject({ status: 'done', totalRows: 4, validRows: 3, processedRows: 3, createdRows: 3, duplicateRows: 0 });
    expect(done.finishedAt).toBeTruthy();
    const drafts = await mine(owner);
    expect(drafts.map((d) => d.title).sort()).toEqual([`导入成果丙${tag}`, `导入成果乙${tag}`, `导入成果甲${tag}`].sort());
    expect(drafts.every((d) => d.status === 'draft')).toBe(true);
    // Drafts are not in the public catalogue.
    expect((await t.api('GET', `/api/achievements?q=${encodeURIComponent(`导入成果甲${tag}`)}`)).json().items).toEqual([]);
    const events = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'achievement.import'), eq(auditEvents.entityId, dry.id)));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: owner.id, organizationId: org.id, after: { importId: dry.id, created: 3, duplicates: 0 } });

    // The same file again: nothing new (by external id, and by title without one).
    const again = (await upload(owner, 'achievements', '成果.xlsx', file)).json();
    await t.api('POST', `/api/imports/${again.id}/run`, { token: owner.token });
    await runJobs();
    expect((await t.api('GET', `/api/imports/${again.id}`, { token: owner.token })).json()).toMatchObject({ status: 'done', createdRows: 0, duplicateRows: 3, processedRows: 3 });
    expect(await mine(owner)).toHaveLength(3);

    const list = (await t.api('GET', '/api/imports?kind=achievements', { token: owner.token })).json();
    expect(list).toMatchObject({ total: 2, page: 1 });
    expect(list.items[0]).toMatchObject({ id: again.id, status: 'done' });
    expect(list.items[0].report).toBeUndefined();
  });

  it('a crash mid-import leaves nothing visible; the re-claimed job removes the leftovers and completes', async () => {
    const { owner, org } = await university();
    const tag = unique();
    const titles = Array.from({ length: 5 }, (_, i) => `断电测试${i}${tag}`);
    const dry = (await upload(owner, 'achievements', 'crash.xlsx', await workbook('成果', ACHIEVEMENT_HEADERS, titles.map((x) => achievementRow(x))))).json();
    await t.api('POST', `/api/imports/${dry.id}/run`, { token: owner.token });

    // The first attempt dies after its first batch of two was committed.
    const crashing = importJobWith({
      batchSize: 2,
      afterBatch: async (n) => {
        const leftovers = await t.database.db.select().from(achievements).where(eq(achievements.importId, dry.id));
        expect(leftovers.map((r) => r.status)).toEqual(['importing', 'importing']);
        expect(await mine(owner)).toEqual([]);
        expect((await t.api('GET', `/api/achievements/${leftovers[0]!.id}`, { token: owner.token })).statusCode).toBe(404);
        if (n === 1) throw new Error('断电');
      },
    });
    await new JobRunner(t.database.db, [crashing], quiet).runDue();
    expect(await mine(owner)).toEqual([]);
    expect((await t.api('GET', `/api/imports/${dry.id}`, { token: owner.token })).json()).toMatchObject({ status: 'failed', error: '处理时发生系统错误，详情已记录；请稍后重试，或联系平台管理员。' }); // the person sees no internals; the job keeps the error

    // A harder death (no chance to clean up): rows of the attempt are still there, and the job's lease runs out.
    await achievementRepository.insert(t.database.db, {
      title: titles[0]!, type: 'applied_research', industry: 'C', maturity: 5, organizationId: org.id, jurisdictionCode: '140700', jurisdictionPath: '140000/140700',
      ownerType: 'university', createdBy: owner.id, status: 'importing', importId: dry.id,
    });
    await t.database.db.update(jobs).set({ status: 'running', lockedUntil: new Date(Date.now() - 1000) }).where(eq(jobs.key, `imports.run:${dry.id}`));
    await runJobs();
    expect((await t.api('GET', `/api/imports/${dry.id}`, { token: owner.token })).json()).toMatchObject({ status: 'done', createdRows: 5, duplicateRows: 0, processedRows: 5, error: null });
    expect((await mine(owner)).map((d) => d.title).sort()).toEqual([...titles].sort());
    const rows = await t.database.db.select().from(achievements).where(eq(achievements.importId, dry.id));
    expect(rows).toHaveLength(5);
    expect(rows.every((r) => r.status === 'draft')).toBe(true);
  });

  it('gives a completer the account of the one member of the organisation bearing that name', async () => {
    const { owner, org } = await university();
    const wang = await t.factories.member(org.id, 'member', { name: '王强' });
    await t.factories.member(org.id, 'member', { name: '赵敏' });
    await t.factories.member(org.id, 'member', { name: '赵敏' });
    const tag = unique();
    const file = await workbook('成果', ACHIEVEMENT_HEADERS, [achievementRow(`关联完成人${tag}`, { 完成人: '李慧(太行理工大学):40、王 强:30、赵敏:30' })]);
    const dry = (await upload(owner, 'achievements', '成果.xlsx', file, org.id)).json();
    await t.api('POST', `/api/imports/${dry.id}/run`, { token: owner.token });
    await runJobs();
    const [row] = await t.database.db.select().from(achievements).where(eq(achievements.title, `关联完成人${tag}`));
    // 李慧 states another organisation, 赵敏 is two members: both stay names only.
    expect(row!.completers).toEqual([
      { name: '李慧', organization: '太行理工大学', share: 40 },
      { name: '王 强', share: 30, userId: wang.id },
      { name: '赵敏', share: 30 },
    ]);
  });

  it('imports demands from CSV', async () => {
    const { owner } = await university();
    const tag = unique();
    const csv = `\ufeff需求名称,行业门类,外部编号\n需求一${tag},C,D1-${tag}\n需求二${tag},I,\n`;
    const dry = (await upload(owner, 'demands', 'd.csv', csv)).json();
    await t.api('POST', `/api/imports/${dry.id}/run`, { token: owner.token });
    await runJobs();
    expect((await t.api('GET', `/api/imports/${dry.id}`, { token: owner.token })).json()).toMatchObject({ status: 'done', createdRows: 2 });
    expect((await mine(owner, 'demands')).map((d) => d.title).sort()).toEqual([`需求一${tag}`, `需求二${tag}`]);
    const [row] = await t.database.db.select().from(demands).where(eq(demands.externalId, `D1-${tag}`));
    expect(row).toMatchObject({ status: 'draft', importId: dry.id, industry: 'C' });
  });
});

describe('who may', () => {
  it('members only: others are refused, anonymous callers must sign in', async () => {
    const { owner, org } = await university();
    const member = await t.factories.member(org.id);
    const stranger = await t.factories.user();
    const file = await workbook('成果', ACHIEVEMENT_HEADERS, [achievementRow(`权限${unique()}`)]);
    expect((await upload(stranger, 'achievements', 'a.xlsx', file, org.id)).statusCode).toBe(403);
    const lonely = await upload(stranger, 'achievements', 'a.xlsx', file);
    expect(lonely.statusCode).toBe(400);
    expect(lonely.json().errors).toEqual([{ path: 'organizationId', message: '请先加入或申请一个单位' }]);
    const { body, headers } = multipart('a.xlsx', file);
    expect((await t.api('POST', '/api/imports?kind=achievements', { body, headers })).statusCode).toBe(401);

    const dry = (await upload(member, 'achievements', 'a.xlsx', file, org.id)).json();
    expect((await t.api('GET', `/api/imports/${dry.id}`, { token: owner.token })).statusCode).toBe(200);
    expect((await t.api('GET', `/api/imports/${dry.id}`, { token: stranger.token })).statusCode).toBe(404);
    expect((await t.api('POST', `/api/imports/${dry.id}/run`, { token: stranger.token })).statusCode).toBe(404);
    expect((await t.api('GET', '/api/imports', { token: stranger.token })).json().total).toBe(0);
    expect((await t.api('GET', `/api/imports/${dry.id}`)).statusCode).toBe(401);
  });
});
