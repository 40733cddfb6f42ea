import { shanghaiToday } from '@kzt/shared';
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { publish } from '../../platform/events.ts';
import { contractRegistered } from '../contracts/contracts.events.ts';
import { yearBefore } from './statistics.service.ts';
import { useTestApp } from '../../../test/testApp.ts';
import { demandBody } from '../../../test/catalogueFixtures.ts';
import { fixedBody, liveListing, tradingWorld } from '../../../test/tradingFixtures.ts';
import { platformRunner } from '../../runner.ts';

const t = useTestApp();
const quiet = { error: () => {} };
const deliver = () => platformRunner(t.database.db, quiet, t.app.deps).runDue(new Date(Date.now() + 5000));
const today = shanghaiToday();

type Item = { sourceType: string; sourceId: string; label: string; detail: string; seller: string; buyer: string; kind: string; amount: number; link: { type: string; id: string } | null };

/**
 * The records behind a figure as an administrator opens them: each named and
 * linked by the module that owns it — a deal by trading (its listing, its
 * contract number, its parties), an achievement or a demand by its module
 * (its title, its owner), a push by the push module (the record it was for,
 * to whom), a verdict by matching (the pair, who answered), a challenge by
 * its module (its title, who posted it).
 */
describe('the records behind a figure', () => {
  it('name and link deals, achievements, demands, pushes, verdicts and challenges through their owners; only the jurisdiction’s administrators see them', async () => {
    // A subscriber to 晋中's achievements: the achievement the world publishes is pushed to them.
    const subscriber = await t.factories.user({ name: '订阅人张三' });
    expect((await t.api('POST', '/api/subscriptions', { token: subscriber.token, body: { name: '晋中成果', recordType: 'achievement', regions: ['140700'] } })).statusCode).toBe(201);
    const w = await tradingWorld(t, { buyers: 1 });
    const buyer = w.buyers[0]!;
    // A deal through the trading module: listed, bought, confirmed by both, signed with its contract number.
    const listingId = await liveListing(t, w.owner, w.admin, fixedBody(w.achievementId));
    await t.api('POST', `/api/listings/${listingId}/offers`, { token: buyer.user.token, body: {} });
    const dealId = (await t.api('GET', `/api/listings/${listingId}`, { token: w.owner.token })).json().deal.id as string;
    for (const token of [w.owner.token, buyer.user.token]) expect((await t.api('POST', `/api/deals/${dealId}/confirm`, { token })).statusCode).toBe(200);
    expect((await t.api('POST', `/api/deals/${dealId}/sign`, { token: buyer.user.token, body: { signedOn: today, contractNo: 'HT-STATS-1' } })).statusCode).toBe(200);
    // The buyer posts a demand and answers its match with the achievement.
    const demand = (await t.api('POST', '/api/demands', { token: buyer.user.token, body: demandBody({ organizationId: buyer.orgId, title: '特种钢材轧制工艺需求' }) })).json();
    expect((await t.api('POST', `/api/demands/${demand.id}/submit`, { token: buyer.user.token })).statusCode).toBe(200);
    expect((await t.api('POST', `/api/demands/${demand.id}/review`, { token: w.admin.token, body: { decision: 'approve' } })).statusCode).toBe(200);
    const answered = await t.api('POST', '/api/match-feedback', { token: buyer.user.token, body: { sourceType: 'demand', sourceId: demand.id, targetId: w.achievementId, verdict: 'interested' } });
    expect(answered.statusCode, answered.body).toBe(200);
    // A challenge the buyer posts, approved by the administrator.
    const challenge = await t.api('POST', '/api/challenges', {
      token: buyer.user.token,
      body: { scheme: 'jiebang_guashuai', title: '特种钢材寿命提升攻关', description: '现有钢材寿命不足，需提升一倍。', organizationId: buyer.orgId, bounty: 300_000_000, deadline: new Date(Date.now() + 20 * 86_400_000).toISOString(), requirements: '三年内完成' },
    });
    expect(challenge.statusCode, challenge.body).toBe(201);
    const challengeId = challenge.json().id as string;
    expect((await t.api('POST', `/api/challenges/${challengeId}/review`, { token: w.admin.token, body: { decision: 'approve' } })).statusCode).toBe(200);
    await deliver();
    await deliver();

    const period = `jurisdiction=140700&from=${today.slice(0, 4)}-01-01&to=${today}`;
    const records = async (metric: string, token = w.admin.token) => {
      const res = await t.api('GET', `/api/stats/records?${period}&metric=${metric}&pageSize=100`, { token });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items as Item[];
    };
    const deal = (await records('deal')).find((r) => r.sourceId === dealId);
    expect(deal).toMatchObject({ label: expect.stringContaining('HT-STATS-1'), seller: expect.any(String), buyer: expect.stringContaining('晋中竞买企业1'), amount: 30_000_000, link: { type: 'deal', id: dealId } });
    expect(deal!.seller).not.toBe('');
    const achievement = (await records('achievement.published')).find((r) => r.sourceId === w.achievementId);
    expect(achievement).toMatchObject({ label: '高强度耐腐蚀特种钢材连续轧制工艺', detail: expect.stringMatching(/\S/), link: { type: 'achievement', id: w.achievementId } });
    expect((await records('demand.published')).find((r) => r.sourceId === demand.id)).toMatchObject({ label: '特种钢材轧制工艺需求', detail: expect.stringContaining('晋中竞买企业1'), link: { type: 'demand', id: demand.id } });
    // The verdict: the demand and the achievement it was matched with, who answered, the demand's page.
    const verdict = (await records('match.answered')).find((r) => r.link?.id === demand.id);
    expect(verdict).toMatchObject({ kind: 'interested', label: '特种钢材轧制工艺需求 ↔ 高强度耐腐蚀特种钢材连续轧制工艺', detail: expect.stringContaining(buyer.user.name) });
    // The push: the achievement it was for (its page, not the push's id), and to whom.
    const pushed = (await records('match.pushed')).filter((r) => r.link?.id === w.achievementId);
    expect(pushed.length).toBeGreaterThan(0);
    expect(pushed.map((r) => r.detail)).toContainEqual(expect.stringContaining('推送给 订阅人张三'));
    expect(pushed[0]).toMatchObject({ label: '高强度耐腐蚀特种钢材连续轧制工艺', link: { type: 'achievement' } });
    // In the reader's language: the words around the names in English for an English reader.
    const en = (await t.api('GET', `/api/stats/records?${period}&metric=match.pushed&pageSize=100`, { token: w.admin.token, headers: { 'accept-language': 'en' } })).json().items as Item[];
    expect(en.map((r) => r.detail)).toContainEqual(expect.stringContaining('pushed to 订阅人张三'));

    expect((await records('challenge.posted')).find((r) => r.sourceId === challengeId)).toMatchObject({ label: '特种钢材寿命提升攻关', detail: expect.stringContaining('晋中竞买企业1'), link: { type: 'challenge', id: challengeId } });

    // The Excel of the records says the same, with the detail beside each.
    const sheet = await t.api('GET', `/api/stats/records.xlsx?${period}&metric=deal`, { token: w.admin.token });
    expect(sheet.statusCode).toBe(200);

    // Refusals: a visitor, another jurisdiction's administrator, an unknown jurisdiction, a bad metric, a period backwards.
    expect((await t.api('GET', `/api/stats/records?${period}&metric=deal`)).statusCode).toBe(401);
    const other = await t.factories.admin('370000');
    expect((await t.api('GET', `/api/stats/records?${period}&metric=deal`, { token: other.token })).statusCode).toBe(403);
    expect((await t.api('GET', `/api/stats/records?jurisdiction=149999&metric=deal`, { token: w.admin.token })).statusCode).toBe(404);
    expect((await t.api('GET', `/api/stats/records?${period}&metric=deal.parties`, { token: w.admin.token })).statusCode).toBe(400);
    const backwards = await t.api('GET', `/api/stats/records?jurisdiction=140700&from=${today}&to=2000-01-01&metric=deal`, { token: w.admin.token });
    expect(backwards.statusCode).toBe(422);
    expect(backwards.json().errors[0]).toMatchObject({ path: 'from' });
    // The province's administrator sees the city's records too.
    const province = await t.factories.admin('140000');
    expect((await records('deal', province.token)).map((r) => r.sourceId)).toContain(dealId);
  });
});

describe('the same period a year before (同比)', () => {
  const registered = (at: string, on: string, amount: number) => {
    const contractId = randomUUID();
    const party = (region: string, name: string) => ({ organizationId: null, name, region, entityType: 'enterprise' });
    return publish(t.database.db, contractRegistered, {
      contractId, kind: 'development', subkind: null, title: '同比合同', signedOn: on, seller: party(at, '卖方'), buyer: party(at, '买方'), agency: null, achievementIds: [], dealId: null,
      registrationNumber: `R${contractId.slice(0, 8)}`, registeredOn: on, jurisdictionCode: at, contractAmount: amount, technologyAmount: amount, certifiedAmount: amount,
    });
  };

  it('answers the figures of the same period a year before beside them when asked, on the public page too; refuses an unknown comparison', async () => {
    // 威海 (371000): one contract in March 2024, two in March 2025.
    await registered('371000', '2024-03-10', 100_000_00);
    await registered('371000', '2025-03-05', 100_000_00);
    await registered('371000', '2025-03-20', 200_000_00);
    await deliver();
    const admin = await t.factories.admin('371000');
    const q = 'jurisdiction=371000&from=2025-01-01&to=2025-06-30&compare=previousYear';
    const s = (await t.api('GET', `/api/stats?${q}`, { token: admin.token })).json();
    expect(s.figures.contracts).toMatchObject({ count: 2, contractAmount: 300_000_00 });
    expect(s.previous).toMatchObject({ from: '2024-01-01', to: '2024-06-30', figures: { contracts: { count: 1, contractAmount: 100_000_00 }, localAbsorbed: { count: 1 } } });
    // Asked for nothing, nothing more is answered (nor read).
    expect((await t.api('GET', '/api/stats?jurisdiction=371000&from=2025-01-01&to=2025-06-30', { token: admin.token })).json().previous).toBeUndefined();
    // The public page compares counts and amounts too.
    expect((await t.api('GET', `/api/stats/public?${q}`)).json().previous.figures.contracts.count).toBe(1);
    // The workbook carries the same period a year before under the total.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await t.api('GET', `/api/stats/export.xlsx?${q}`, { token: admin.token })).rawPayload as unknown as ArrayBuffer);
    const rows = (wb.getWorksheet('统计')!.getSheetValues() as unknown[][]).filter(Boolean).map((r) => [r[1], r[2]]);
    expect(rows.slice(-2)).toEqual([['合计', 2], ['去年同期（2024-01-01 至 2024-06-30）', 1]]);
    const bad = await t.api('GET', '/api/stats/public?jurisdiction=371000&compare=lastWeek');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ path: 'compare' });
    // A period longer than a year overlaps the year before it: refused, naming the field.
    const long = await t.api('GET', '/api/stats/public?jurisdiction=371000&from=2024-01-01&to=2025-01-01&compare=previousYear');
    expect(long.statusCode).toBe(422);
    expect(long.json().errors[0]).toMatchObject({ path: 'to', message: '同比只适用于一年以内的期间，请缩短期间' });
    expect((await t.api('GET', '/api/stats/public?jurisdiction=371000&from=2024-01-02&to=2025-01-01&compare=previousYear')).statusCode).toBe(200);
    // Another jurisdiction's non-public figures stay refused, compared or not.
    expect((await t.api('GET', `/api/stats?${q}`, { token: (await t.factories.admin('140700')).token })).statusCode).toBe(403);
    expect((await t.api('GET', `/api/stats?${q}`)).statusCode).toBe(401);
    // 29 February a year before is the 28th.
    expect(yearBefore('2024-02-29')).toBe('2023-02-28');
    expect(yearBefore('2026-12-31')).toBe('2025-12-31');
  });
});
