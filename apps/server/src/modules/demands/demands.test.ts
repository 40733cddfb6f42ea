import { describe, expect, it } from 'vitest';
import { shanghaiToday } from '@kzt/shared';
import { useTestApp } from '../../../test/testApp.ts';
import { unique } from '../../../test/factories.ts';
import { demandBody } from '../../../test/catalogueFixtures.ts';

const t = useTestApp();

async function enterprise(jurisdictionCode = '140700', type: 'enterprise' | 'university' | 'government' = 'enterprise') {
  const owner = await t.factories.user();
  const org = await t.factories.organization(owner, { type, jurisdictionCode });
  const admin = await t.factories.admin(jurisdictionCode);
  return { owner, org, admin };
}

async function published(owner: { token: string }, admin: { token: string }, overrides: Record<string, unknown> = {}) {
  const created = await t.api('POST', '/api/demands', { token: owner.token, body: demandBody(overrides) });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  await t.api('POST', `/api/demands/${id}/submit`, { token: owner.token });
  expect((await t.api('POST', `/api/demands/${id}/review`, { token: admin.token, body: { decision: 'approve' } })).statusCode).toBe(200);
  return id;
}

describe('demands', () => {
  it('go through the same lifecycle and are searchable in Chinese, traditional included', async () => {
    const { owner, admin } = await enterprise();
    const tag = unique();
    const id = await published(owner, admin, { title: `液压阀体铸件气孔缺陷在线检测${tag}` });
    const detail = (await t.api('GET', `/api/demands/${id}`)).json();
    expect(detail).toMatchObject({ status: 'published', budgetMin: 20_000_000, budgetMax: 50_000_000, deadline: '2099-12-31', cooperationModes: ['joint_development', 'licence'] });
    const found = (await t.api('GET', `/api/demands?q=${encodeURIComponent('液壓閥體鑄件')}`)).json();
    expect(found.items[0].id).toBe(id);
    expect(found.facets.cooperationMode).toEqual(expect.arrayContaining([{ value: 'licence', count: expect.any(Number) }]));
    const byBudget = (await t.api('GET', `/api/demands?q=${tag}&budgetMin=60000000`)).json();
    expect(byBudget.total).toBe(0);
    expect((await t.api('GET', `/api/demands?q=${tag}&budgetMin=30000000&budgetMax=40000000`)).json().total).toBe(1);
  });

  it('refuses min budget above max, a deadline in the past, and negative budgets, at the field', async () => {
    const { owner } = await enterprise();
    const post = (o: Record<string, unknown>) => t.api('POST', '/api/demands', { token: owner.token, body: demandBody(o) });
    const order = await post({ budgetMin: 50_000_000, budgetMax: 10_000_000 });
    expect(order.statusCode).toBe(400);
    expect(order.json().errors).toEqual([{ path: 'budgetMax', message: '预算下限不能高于上限' }]);
    const past = await post({ deadline: '2020-01-01' });
    expect(past.json().errors).toEqual([{ path: 'deadline', message: '截止日期不能早于今天' }]);
    expect((await post({ deadline: shanghaiToday() })).statusCode).toBe(201);
    expect((await post({ budgetMin: -5 })).json().errors[0].path).toBe('budgetMin');
    expect((await post({ deadline: '2026-13-45' })).json().errors[0].path).toBe('deadline');
  });

  it('a partial edit cannot invert the stored budget range, and keeps other fields', async () => {
    const { owner } = await enterprise();
    const id = (await t.api('POST', '/api/demands', { token: owner.token, body: demandBody() })).json().id;
    const bad = await t.api('PATCH', `/api/demands/${id}`, { token: owner.token, body: { budgetMin: 90_000_000 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('budgetMax');
    const ok = (await t.api('PATCH', `/api/demands/${id}`, { token: owner.token, body: { budgetMin: 30_000_000 } })).json();
    expect(ok).toMatchObject({ budgetMin: 30_000_000, budgetMax: 50_000_000, keywords: demandBody().keywords });
  });

  it('common industry problems come from enterprises or government bodies', async () => {
    const uni = await enterprise('140700', 'university');
    const res = await t.api('POST', '/api/demands', { token: uni.owner.token, body: demandBody({ commonProblem: true }) });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('commonProblem');
    const gov = await enterprise('140700', 'government');
    const id = await published(gov.owner, gov.admin, { commonProblem: true });
    const list = (await t.api('GET', '/api/demands?commonProblem=true&pageSize=100')).json();
    expect(list.items.map((x: { id: string }) => x.id)).toContain(id);
    expect(list.items.every((x: { commonProblem: boolean }) => x.commonProblem)).toBe(true);
  });

  it('abstract demands hide budget and keywords from outsiders until access is granted', async () => {
    const { owner, admin } = await enterprise();
    const id = await published(owner, admin, { confidentiality: 'abstract' });
    const anon = (await t.api('GET', `/api/demands/${id}`)).json();
    expect(anon.restricted).toBe(true);
    expect(anon.budgetMin).toBeUndefined();
    const uni = await t.factories.user();
    await t.factories.organization(uni, { type: 'university' });
    const req = (await t.api('POST', `/api/demands/${id}/access-requests`, { token: uni.token, body: { reason: '有相关成果' } })).json();
    await t.api('POST', `/api/demands/access-requests/${req.id}/decision`, { token: owner.token, body: { decision: 'approve' } });
    expect((await t.api('GET', `/api/demands/${id}`, { token: uni.token })).json()).toMatchObject({ restricted: false, budgetMin: 20_000_000 });
  });

  it('a reviewer from another jurisdiction cannot publish', async () => {
    const { owner } = await enterprise();
    const id = (await t.api('POST', '/api/demands', { token: owner.token, body: demandBody() })).json().id;
    await t.api('POST', `/api/demands/${id}/submit`, { token: owner.token });
    const weihai = await t.factories.admin('371000');
    expect((await t.api('POST', `/api/demands/${id}/review`, { token: weihai.token, body: { decision: 'approve' } })).statusCode).toBe(404);
    expect((await t.api('GET', `/api/demands/${id}`, { token: owner.token })).json().status).toBe('submitted');
  });
});
