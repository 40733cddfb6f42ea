import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/testApp.ts';
import { unique } from '../../../test/factories.ts';
import { demandBody, publishedAchievement } from '../../../test/catalogueFixtures.ts';
import { JOBS } from '../../jobs.ts';
import { auditEvents, jobs, matchBatches } from '../../db/schema/index.ts';
import { JobRunner } from '../../platform/jobs.ts';
import { runMatchBatch } from './matchBatches.job.ts';
import { batchRows } from './matchBatches.export.ts';

const t = useTestApp();
const quiet = { error: () => {} };

/** Runs every due job the way the server does, after the match indexes have caught up with the database. */
async function runJobs() {
  await t.app.deps.matching.catchUp();
  return new JobRunner(t.database.db, JOBS, quiet, t.app.deps).runDue();
}

/**
 * 晋中 (140700): an enterprise with published demands, a university with
 * published achievements (one of them secret), their administrator, and a
 * published demand list of the demands.
 */
async function world() {
  const admin = await t.factories.admin('140700');
  const researcher = await t.factories.user();
  const university = await t.factories.organization(researcher, { type: 'university', name: `太行理工大学${unique()}` });
  const tag = unique();
  const vision = await publishedAchievement(t, researcher, admin, {
    title: `铸件气孔缺陷机器视觉在线检测系统${tag}`,
    summary: '基于机器视觉与深度学习的铸件气孔缺陷在线检测系统，检出率 99.5%，单件节拍 6 秒。',
    keywords: ['机器视觉', '缺陷检测', '铸件', '气孔'],
    industryTags: ['智能制造'],
  });
  const secret = await publishedAchievement(t, researcher, admin, {
    title: `保密的铸件气孔机器视觉检测方法${tag}`,
    summary: '一种铸件气孔缺陷的机器视觉检测方法，用于液压阀体铸件在线检测。',
    keywords: ['机器视觉', '缺陷检测', '铸件', '气孔'],
    confidentiality: 'secret',
  });
  const steel = await publishedAchievement(t, researcher, admin, { title: `特种钢材连续轧制工艺${tag}` });

  const buyer = await t.factories.user();
  await t.factories.organization(buyer, { type: 'enterprise', name: `晋中液压件厂${unique()}` });
  const demand = async (body: Record<string, unknown>) => {
    const created = await t.api('POST', '/api/demands', { token: buyer.token, body: demandBody(body) });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    await t.api('POST', `/api/demands/${id}/submit`, { token: buyer.token });
    expect((await t.api('POST', `/api/demands/${id}/review`, { token: admin.token, body: { decision: 'approve' } })).statusCode).toBe(200);
    return id;
  };
  const castings = await demand({ title: `液压阀体铸件气孔缺陷在线检测${tag}`, keywords: ['机器视觉', '缺陷检测', '铸件'] });
  const rolling = await demand({ title: `高强度特种钢材轧制工艺改进${tag}`, description: '需要改进特种钢材连续轧制工艺，提高屈服强度。', keywords: ['特种钢材', '连续轧制'] });

  const list = await t.api('POST', '/api/demand-lists', { token: admin.token, body: { title: `晋中市技术需求清单${tag}`, jurisdictionCode: '140700' } });
  const listId = list.json().id as string;
  expect((await t.api('PUT', `/api/demand-lists/${listId}/items`, { token: admin.token, body: { demandIds: [castings, rolling] } })).json().accepted).toHaveLength(2);
  expect((await t.api('POST', `/api/demand-lists/${listId}/publish`, { token: admin.token })).statusCode).toBe(200);
  return { admin, buyer, university, vision, secret, steel, castings, rolling, listId, listTitle: `晋中市技术需求清单${tag}` };
}

describe('batch matching of a demand list (批量匹配)', () => {
  it('matches each demand of a published list as a job, leaves secret achievements out, and exports the result', async () => {
    const w = await world();
    const start = await t.api('POST', `/api/demand-lists/${w.listId}/match-batches`, { token: w.admin.token, body: { top: 5 } });
    expect(start.statusCode, start.body).toBe(201);
    const batch = start.json();
    expect(batch).toMatchObject({ demandList: { id: w.listId, title: w.listTitle }, status: 'pending', total: 2, done: 0, top: 5, results: [], allowedActions: ['start'] });
    const [job] = await t.database.db.select().from(jobs).where(eq(jobs.key, `match.batch:${batch.id}`));
    expect(job).toMatchObject({ name: 'match.batch', status: 'pending' });

    // Not finished: nothing to export yet.
    expect((await t.api('GET', `/api/match-batches/${batch.id}/export.xlsx`, { token: w.admin.token })).json().detail).toBe('批量匹配尚未完成，完成后才能导出');

    await runJobs();
    const done = await t.api('GET', `/api/match-batches/${batch.id}`, { token: w.admin.token });
    expect(done.statusCode).toBe(200);
    const result = done.json();
    expect(result).toMatchObject({ status: 'done', total: 2, done: 2, finishedAt: expect.any(String), allowedActions: ['start', 'export'] });
    expect(result.results.map((r: { demandId: string; position: number }) => [r.demandId, r.position])).toEqual([
      [w.castings, 1],
      [w.rolling, 2],
    ]);
    const castings = result.results[0];
    expect(castings.title).toMatch(/^液压阀体铸件气孔缺陷在线检测/);
    const ids = castings.matches.map((m: { achievementId: string }) => m.achievementId);
    expect(ids[0]).toBe(w.vision);
    expect(ids).not.toContain(w.secret);
    expect(JSON.stringify(result)).not.toContain('保密的铸件气孔');
    expect(castings.matches.length).toBeLessThanOrEqual(5);
    const best = castings.matches[0];
    expect(best).toMatchObject({ title: expect.stringMatching(/^铸件气孔缺陷机器视觉在线检测系统/), organization: expect.stringMatching(/^太行理工大学/) });
    expect(best.score).toBeGreaterThanOrEqual(1);
    expect(best.score).toBeLessThanOrEqual(99);
    expect(best.reasons.length).toBeGreaterThan(0);
    expect(best.reasons[0]).toMatchObject({ kind: expect.any(String), text: expect.stringMatching(/[\u4e00-\u9fff]/) });
    expect(result.results[1].matches.map((m: { achievementId: string }) => m.achievementId)).toContain(w.steel);

    const xlsx = await t.api('GET', `/api/match-batches/${batch.id}/export.xlsx`, { token: w.admin.token });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(`${w.listTitle}-匹配结果.xlsx`)}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('匹配结果')!;
    const values = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
    expect(values(1)[0]).toBe(`${w.listTitle} · 批量匹配结果`);
    expect(values(3)).toEqual(['需求', '排名', '成果', '单位', '匹配度', '匹配理由']);
    expect(values(4).slice(0, 5)).toEqual([castings.title, 1, best.title, best.organization, best.score]);
    expect(String(values(4)[5])).toBe(best.reasons.map((r: { text: string }) => r.text).join('；'));
    const rows = castings.matches.length + result.results[1].matches.length;
    expect(ws.rowCount).toBe(3 + rows);

    const [event] = await t.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, batch.id));
    expect(event).toMatchObject({ action: 'matchBatch.create', actorId: w.admin.id, jurisdictionCode: '140700' });
  });

  it('lists a list’s batches latest first, for its administrators only', async () => {
    const w = await world();
    const first = (await t.api('POST', `/api/demand-lists/${w.listId}/match-batches`, { token: w.admin.token })).json();
    expect(first.top, JSON.stringify(first)).toBe(10);
    const second = (await t.api('POST', `/api/demand-lists/${w.listId}/match-batches`, { token: w.admin.token, body: { top: 3 } })).json();
    const listed = await t.api('GET', `/api/match-batches?demandListId=${w.listId}`, { token: w.admin.token });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items.map((b: { id: string }) => b.id)).toEqual([second.id, first.id]);
    expect(listed.json().items[0]).not.toHaveProperty('results');

    const province = await t.factories.admin('140000');
    expect((await t.api('GET', `/api/match-batches/${first.id}`, { token: province.token })).statusCode).toBe(200);
    const foreign = await t.factories.admin('371000');
    // The list is published: others see it but may not match it; batches are not theirs to see.
    expect((await t.api('POST', `/api/demand-lists/${w.listId}/match-batches`, { token: foreign.token })).statusCode).toBe(403);
    expect((await t.api('POST', `/api/demand-lists/${w.listId}/match-batches`, { token: w.buyer.token })).statusCode).toBe(403);
    expect((await t.api('GET', `/api/match-batches?demandListId=${w.listId}`, { token: foreign.token })).statusCode).toBe(403);
    expect((await t.api('GET', `/api/match-batches/${first.id}`, { token: foreign.token })).statusCode).toBe(404);
    expect((await t.api('GET', `/api/match-batches/${first.id}/export.xlsx`, { token: w.buyer.token })).statusCode).toBe(404);
    expect((await t.api('GET', `/api/match-batches/${first.id}`)).statusCode).toBe(401);

    expect((await t.api('POST', `/api/demand-lists/${w.listId}/match-batches`, { token: w.admin.token, body: { top: 51 } })).statusCode).toBe(400);
    expect((await t.api('POST', `/api/demand-lists/${w.listId}/match-batches`, { token: w.admin.token, body: { top: 0 } })).statusCode).toBe(400);
    const empty = (await t.api('POST', '/api/demand-lists', { token: w.admin.token, body: { title: '空清单', jurisdictionCode: '140700' } })).json();
    expect((await t.api('POST', `/api/demand-lists/${empty.id}/match-batches`, { token: w.admin.token })).json()).toMatchObject({ status: 409, detail: '清单中还没有需求，无法批量匹配' });
    // A draft list is its administrators' own.
    expect((await t.api('POST', `/api/demand-lists/${empty.id}/match-batches`, { token: foreign.token })).statusCode).toBe(404);
  });

  it('marks a batch failed when matching fails, and starts over on the retry', async () => {
    const w = await world();
    const batch = (await t.api('POST', `/api/demand-lists/${w.listId}/match-batches`, { token: w.admin.token, body: { top: 2 } })).json();
    const broken = { ...t.app.deps.matching, catchUp: () => Promise.reject(new Error('匹配索引不可用')) };
    await expect(runMatchBatch(t.database.db, { db: t.database.db, matching: broken }, batch.id)).rejects.toThrow('匹配索引不可用');
    const [failed] = await t.database.db.select().from(matchBatches).where(eq(matchBatches.id, batch.id));
    expect(failed).toMatchObject({ status: 'failed', error: '处理时发生系统错误，详情已记录；请稍后重试，或联系平台管理员。', done: 0 });

    await runMatchBatch(t.database.db, t.app.deps, batch.id);
    const again = (await t.api('GET', `/api/match-batches/${batch.id}`, { token: w.admin.token })).json();
    expect(again).toMatchObject({ status: 'done', done: 2, error: null });
    expect(again.results).toHaveLength(2);
    expect(again.results.every((r: { matches: unknown[] }) => r.matches.length <= 2)).toBe(true);
  });

  it('writes a row saying so for a demand without matches', () => {
    expect(batchRows({ title: '某需求', matches: [] })).toEqual([['某需求', '', '（未找到匹配的成果）', '', '', '']]);
  });
});
