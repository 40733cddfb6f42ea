import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/testApp.ts';
import { unique } from '../../../test/factories.ts';
import { demandBody } from '../../../test/catalogueFixtures.ts';
import { auditEvents } from '../../db/schema/index.ts';
import { budgetText } from './demandLists.export.ts';

const t = useTestApp();

/** An enterprise in `code` with its administrator, and a way to publish its demands. */
async function region(code = '140700') {
  const owner = await t.factories.user();
  const org = await t.factories.organization(owner, { type: 'enterprise', jurisdictionCode: code, name: `需求企业${unique()}` });
  const admin = await t.factories.admin(code);
  const demand = async (overrides: Record<string, unknown> = {}, publish = true) => {
    const created = await t.api('POST', '/api/demands', { token: owner.token, body: demandBody(overrides) });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    if (publish) {
      await t.api('POST', `/api/demands/${id}/submit`, { token: owner.token });
      expect((await t.api('POST', `/api/demands/${id}/review`, { token: admin.token, body: { decision: 'approve' } })).statusCode).toBe(200);
    }
    return id;
  };
  return { owner, org, admin, demand };
}

const newList = async (token: string, body: Record<string, unknown> = {}) => {
  const res = await t.api('POST', '/api/demand-lists', { token, body: { title: `晋中市技术需求清单${unique()}`, jurisdictionCode: '140700', ...body } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
};

describe('demand lists (需求清单)', () => {
  it('an administrator compiles a list by industry, common problems first, publishes it, and everyone sees it', async () => {
    const { admin, demand } = await region();
    const plain = await demand({ title: `普通需求${unique()}`, industry: 'I' });
    const common = await demand({ title: `共性难题${unique()}`, industry: 'I', commonProblem: true });
    const other = await demand({ title: `农业需求${unique()}`, industry: 'A' });
    const list = await newList(admin.token, { industry: 'I', description: '信息技术' });
    expect(list).toMatchObject({ status: 'draft', industry: 'I', itemCount: 0, jurisdiction: { code: '140700' }, allowedActions: ['update', 'compile', 'publish', 'export'] });

    // A draft is the administrators' own.
    expect((await t.api('GET', `/api/demand-lists/${list.id}`)).statusCode).toBe(404);
    expect((await t.api('GET', '/api/demand-lists')).json().items.map((l: { id: string }) => l.id)).not.toContain(list.id);

    const compiled = await t.api('POST', `/api/demand-lists/${list.id}/compile`, { token: admin.token, body: {} });
    expect(compiled.statusCode, compiled.body).toBe(200);
    const ids = compiled.json().list.items.map((d: { id: string }) => d.id);
    expect(ids).toContain(plain);
    expect(ids).not.toContain(other);
    expect(ids.indexOf(common)).toBeLessThan(ids.indexOf(plain));
    expect(compiled.json().list.items.every((d: { industry: string }) => d.industry === 'I')).toBe(true);

    const published = await t.api('POST', `/api/demand-lists/${list.id}/publish`, { token: admin.token });
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', publishedAt: expect.any(String) });
    expect((await t.api('POST', `/api/demand-lists/${list.id}/publish`, { token: admin.token })).statusCode).toBe(409);

    const seen = await t.api('GET', `/api/demand-lists/${list.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().allowedActions).toEqual(['export']);
    expect(seen.json().items.find((d: { id: string }) => d.id === plain)).toMatchObject({ budgetMin: 20_000_000, restricted: false });
    const page = (await t.api('GET', '/api/demand-lists?industry=I&jurisdictionCode=140000&pageSize=100')).json();
    expect(page.items.map((l: { id: string }) => l.id)).toContain(list.id);
    expect((await t.api('GET', '/api/demand-lists?industry=A&pageSize=100')).json().items.map((l: { id: string }) => l.id)).not.toContain(list.id);

    const actions = (await t.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, list.id))).map((e) => e.action);
    expect(actions).toEqual(['demandList.create', 'demandList.compile', 'demandList.publish']);
  });

  it('checks each demand put on a list and says why the refused ones are refused', async () => {
    const { admin, demand } = await region();
    const ok = await demand();
    const abstract = await demand({ confidentiality: 'abstract' });
    const secret = await demand({ confidentiality: 'secret' });
    const draft = await demand({}, false);
    const elsewhere = await region('371000');
    const foreign = await elsewhere.demand();
    const missing = '00000000-0000-4000-8000-000000000000';
    const list = await newList(admin.token);
    const res = await t.api('PUT', `/api/demand-lists/${list.id}/items`, { token: admin.token, body: { demandIds: [ok, secret, draft, foreign, missing, abstract, ok] } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().accepted).toEqual([ok, abstract]);
    expect(res.json().refused).toEqual([
      { id: secret, reason: 'secret', message: '保密需求不能列入清单' },
      { id: draft, reason: 'notPublished', message: '需求尚未发布' },
      { id: foreign, reason: 'outside', message: '需求不在本清单的辖区内' },
      { id: missing, reason: 'notFound', message: '需求不存在' },
      { id: ok, reason: 'duplicate', message: '重复的需求' },
    ]);
    expect(res.json().list.itemCount).toBe(2);
    // An empty list cannot be published.
    const empty = await newList(admin.token);
    expect((await t.api('POST', `/api/demand-lists/${empty.id}/publish`, { token: admin.token })).json()).toMatchObject({ status: 409, detail: '清单中还没有需求，不能发布' });
  });

  it('refuses administrators of another jurisdiction and everyone else', async () => {
    const { admin } = await region();
    const foreignAdmin = await t.factories.admin('371000');
    const create = await t.api('POST', '/api/demand-lists', { token: foreignAdmin.token, body: { title: '越权清单', jurisdictionCode: '140700' } });
    expect(create.statusCode).toBe(403);
    const list = await newList(admin.token);
    expect((await t.api('GET', `/api/demand-lists/${list.id}`, { token: foreignAdmin.token })).statusCode).toBe(404);
    expect((await t.api('PATCH', `/api/demand-lists/${list.id}`, { token: foreignAdmin.token, body: { title: 'x' } })).statusCode).toBe(404);
    const province = await t.factories.admin('140000');
    expect((await t.api('PATCH', `/api/demand-lists/${list.id}`, { token: province.token, body: { title: '省级修改' } })).json().title).toBe('省级修改');
    const unknown = await t.api('POST', '/api/demand-lists', { token: admin.token, body: { title: '未知区划', jurisdictionCode: '999999' } });
    expect(unknown.json().errors).toEqual([{ path: 'jurisdictionCode', message: '行政区划不存在' }]);
  });

  it('exports an Excel workbook that reads back, abstract demands showing only their open fields', async () => {
    const { admin, demand } = await region();
    const open = await demand({ title: `公开需求${unique()}`, cooperationModes: ['licence', 'joint_development'], commonProblem: true });
    const abstract = await demand({ title: `摘要需求${unique()}`, confidentiality: 'abstract' });
    const list = await newList(admin.token, { title: '晋中市 2026 年技术需求清单' });
    await t.api('PUT', `/api/demand-lists/${list.id}/items`, { token: admin.token, body: { demandIds: [open, abstract] } });
    await t.api('POST', `/api/demand-lists/${list.id}/publish`, { token: admin.token });

    const res = await t.api('GET', `/api/demand-lists/${list.id}/export.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('晋中市 2026 年技术需求清单.xlsx')}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('需求清单')!;
    const values = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
    expect(values(1)[0]).toBe('晋中市 2026 年技术需求清单');
    expect(values(3)).toEqual(['序号', '需求名称', '需求单位', '行业门类', '预算（万元）', '截止日期', '合作方式', '共性技术难题', '联系方式提示']);
    const first = values(4);
    expect(first.slice(0, 8)).toEqual([1, expect.stringMatching(/^公开需求/), expect.stringMatching(/^需求企业/), '制造业', '20–50', '2099-12-31', '许可、合作开发', '是']);
    const second = values(5);
    expect(second[1]).toMatch(/^摘要需求/);
    expect(second[4] ?? '').toBe('');
    expect(second[6] ?? '').toBe('');
    expect(String(second[8])).toContain('摘要公开');
    expect(ws.rowCount).toBe(5);

    // The administrators see the abstract demand in full in their own export.
    const mine = new ExcelJS.Workbook();
    await mine.xlsx.load((await t.api('GET', `/api/demand-lists/${list.id}/export.xlsx`, { token: admin.token })).rawPayload as unknown as ArrayBuffer);
    expect((mine.getWorksheet('需求清单')!.getRow(5).values as unknown[])[5]).toBe('20–50');
  });

  it('writes budgets in 万元', () => {
    expect(budgetText(null, null)).toBe('面议');
    expect(budgetText(20_000_000, 50_000_000)).toBe('20–50');
    expect(budgetText(1_250_000, null)).toBe('1.25 以上');
    expect(budgetText(null, 3_000_000)).toBe('3 以内');
  });
});
