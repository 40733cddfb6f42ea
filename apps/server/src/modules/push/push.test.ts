import { and, eq, inArray, isNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/testApp.ts';
import { unique, type TestUser } from '../../../test/factories.ts';
import { achievementBody, demandBody } from '../../../test/catalogueFixtures.ts';
import { domainEvents, jobs, matchFeedback, matchPushes, notifications, outboxMessages, pushSettings, users } from '../../db/schema/index.ts';
import { platformRunner } from '../../runner.ts';
import { nextDigestAt, scheduleMatchDigest, sendDigests, SMS_MAX_CHARS } from './push.digest.ts';
import { keywordFinder } from './push.job.ts';

const t = useTestApp();
const quiet = { error: () => {} };

/** Runs the jobs due a little later (a push waits two seconds for the replicas). */
const runJobs = () => platformRunner(t.database.db, quiet, t.app.deps).runDue(new Date(Date.now() + 5000));

/** A verified organisation of `type` in `code` with its owner and one more member. */
async function organization(type: 'university' | 'enterprise', code = '140700') {
  const owner = await t.factories.user({ name: `${type}负责人` });
  const org = await t.factories.organization(owner, { type, jurisdictionCode: code, name: `${type === 'university' ? '理工大学' : '制造企业'}${unique()}` });
  const member = await t.factories.member(org.id);
  return { owner, member, org };
}

async function publish(kind: 'achievements' | 'demands', owner: TestUser, admin: TestUser, body: Record<string, unknown>) {
  const created = await t.api('POST', `/api/${kind}`, { token: owner.token, body });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  expect((await t.api('POST', `/api/${kind}/${id}/submit`, { token: owner.token })).statusCode).toBe(200);
  const reviewed = await t.api('POST', `/api/${kind}/${id}/review`, { token: admin.token, body: { decision: 'approve' } });
  expect(reviewed.statusCode, reviewed.body).toBe(200);
  return id;
}

/** An achievement and a demand about the same thing: the engine scores the pair well above 60. */
const castingAchievement = (overrides: Record<string, unknown> = {}) =>
  achievementBody({
    title: '基于机器视觉的铸件气孔缺陷在线检测系统',
    summary: '采用机器视觉与深度学习，对液压阀体等铸件的气孔缺陷进行在线检测，检出率 99.5%，检测节拍 8 秒。',
    keywords: ['机器视觉', '缺陷检测', '铸件', '气孔'],
    industry: 'C',
    industryTags: ['智能制造'],
    maturity: 7,
    transferModes: ['licence', 'joint_development'],
    price: 30_000_000,
    ...overrides,
  });
const castingDemand = (overrides: Record<string, unknown> = {}) =>
  demandBody({
    title: '液压阀体铸件气孔缺陷机器视觉在线检测',
    description: '需要一套基于机器视觉的液压阀体铸件气孔缺陷在线检测方案，检出率不低于 99%，检测节拍 10 秒以内。',
    keywords: ['机器视觉', '缺陷检测', '铸件', '气孔'],
    ...overrides,
  });

const pushesOf = async (user: TestUser) => {
  const res = await t.api('GET', '/api/pushes?pageSize=100', { token: user.token });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as {
    id: string;
    score: number | null;
    reasons: { kind: string; text: string; terms?: string[] }[];
    source: { type: string; id: string; title: string | null };
    record: { type: string; id: string; title: string; organization: { id: string; name: string }; link: string };
    feedback: { verdict: string } | null;
  }[];
};

const matchNotices = async (userId: string) =>
  t.database.db.select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.kind, 'match')));

describe('subscriptions', () => {
  it('are validated field by field, in Chinese, as problem+json', async () => {
    const u = await t.factories.user();
    const post = (body: Record<string, unknown>) => t.api('POST', '/api/subscriptions', { token: u.token, body: { name: '订阅', recordType: 'achievement', ...body } });

    const none = await post({});
    expect(none.statusCode).toBe(400);
    expect(none.headers['content-type']).toContain('application/problem+json');
    expect(none.json().errors).toEqual([{ path: 'keywords', message: '请至少填写一个关键词、行业或地区' }]);

    expect((await post({ keywords: ['新'.repeat(41)] })).json().errors).toEqual([{ path: 'keywords.0', message: '关键词不能为空，且不能超过 40 个字符' }]);
    expect((await post({ keywords: ['  '] })).json().errors).toEqual([{ path: 'keywords.0', message: '关键词不能为空，且不能超过 40 个字符' }]);
    expect((await post({ keywords: Array.from({ length: 21 }, (_, i) => `词${i}`) })).json().errors).toEqual([{ path: 'keywords', message: '不能超过 20 项' }]);
    expect((await post({ keywords: ['电池', '电池'] })).json().errors).toEqual([{ path: 'keywords', message: '同一项不能重复填写' }]);
    expect((await post({ industries: ['Z'] })).json().errors[0].path).toBe('industries.0');
    expect((await post({ regions: ['14070'] })).json().errors).toEqual([{ path: 'regions.0', message: '行政区划代码应为 6 位数字' }]);
    const unknownRegion = await post({ regions: ['140700', '999999'] });
    expect(unknownRegion.statusCode).toBe(400);
    expect(unknownRegion.json().errors).toEqual([{ path: 'regions.1', message: '行政区划不存在' }]);
    expect((await post({ recordType: 'patent', keywords: ['x'] })).json().errors[0].path).toBe('recordType');
    expect((await post({ name: '', keywords: ['x'] })).json().errors).toEqual([{ path: 'name', message: '此项为必填项' }]);
    expect((await t.api('GET', '/api/subscriptions', { token: u.token })).json().total).toBe(0);
  });

  it('belong to their subscriber: created, listed, changed and deleted by them only', async () => {
    const u = await t.factories.user();
    const other = await t.factories.user();
    const created = await t.api('POST', '/api/subscriptions', { token: u.token, body: { name: '晋中锂电池', recordType: 'achievement', keywords: ['锂电池'], regions: ['140700'] } });
    expect(created.statusCode, created.body).toBe(201);
    const s = created.json();
    expect(s).toMatchObject({ name: '晋中锂电池', recordType: 'achievement', keywords: ['锂电池'], industries: [], regions: ['140700'], active: true });

    expect((await t.api('GET', '/api/subscriptions', { token: u.token })).json().items.map((x: { id: string }) => x.id)).toEqual([s.id]);
    expect((await t.api('GET', '/api/subscriptions', { token: other.token })).json().items).toEqual([]);

    const changed = await t.api('PATCH', `/api/subscriptions/${s.id}`, { token: u.token, body: { industries: ['C'], active: false } });
    expect(changed.json()).toMatchObject({ industries: ['C'], active: false, keywords: ['锂电池'] });
    // Clearing every criterion is refused; an unknown field too.
    const empty = await t.api('PATCH', `/api/subscriptions/${s.id}`, { token: u.token, body: { keywords: [], industries: [], regions: [] } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors).toEqual([{ path: 'keywords', message: '请至少填写一个关键词、行业或地区' }]);
    expect((await t.api('PATCH', `/api/subscriptions/${s.id}`, { token: u.token, body: { userId: other.id } })).statusCode).toBe(400);

    // Someone else's subscription does not exist for them.
    const foreign = await t.api('PATCH', `/api/subscriptions/${s.id}`, { token: other.token, body: { name: '改名' } });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().detail).toBe('订阅不存在或您无权查看。');
    expect((await t.api('DELETE', `/api/subscriptions/${s.id}`, { token: other.token })).statusCode).toBe(404);

    expect((await t.api('DELETE', `/api/subscriptions/${s.id}`, { token: u.token })).statusCode).toBe(204);
    expect((await t.api('DELETE', `/api/subscriptions/${s.id}`, { token: u.token })).statusCode).toBe(404);
    expect((await t.api('GET', '/api/subscriptions', { token: u.token })).json().total).toBe(0);
  });

  it('match keywords on normalised text: traditional is simplified, full-width is half-width', () => {
    const record = { title: '锂离子电池健康状态估计', keywords: ['BMS'], text: '基于卡尔曼滤波' };
    expect(keywordFinder(record)(['鋰離子電池', 'ｂｍｓ', '燃料电池', '卡爾曼'])).toEqual(['鋰離子電池', 'ｂｍｓ', '卡爾曼']);
  });
});

describe('the push job', () => {
  it('pushes a new demand to the matching achievement’s organisation and the matches back, and to subscribers — once', async () => {
    const admin = await t.factories.admin('140700');
    const uni = await organization('university');
    const ent = await organization('enterprise');
    const achievementId = await publish('achievements', uni.owner, admin, castingAchievement());
    await runJobs();

    const subscriber = await t.factories.user({ name: '订阅人' });
    const sub = (body: Record<string, unknown>) => t.api('POST', '/api/subscriptions', { token: subscriber.token, body: { name: '山西铸件检测需求', recordType: 'demand', ...body } });
    // Traditional characters find the simplified text.
    const fitting = (await sub({ keywords: ['氣孔', '无关词'], industries: ['C'], regions: ['140000'] })).json();
    await sub({ name: '农业', keywords: ['气孔'], industries: ['A'] });
    await sub({ name: '威海', keywords: ['气孔'], regions: ['371000'] });
    await sub({ name: '成果', recordType: 'achievement', keywords: ['气孔'] });
    await sub({ name: '停用', keywords: ['气孔'], active: false });
    // A member of the enterprise subscribes too: their own organisation's demand is not pushed to them.
    await t.api('POST', '/api/subscriptions', { token: ent.member.token, body: { name: '自己的', recordType: 'demand', keywords: ['气孔'] } });

    const demandId = await publish('demands', ent.owner, admin, castingDemand());
    // Publishing announces the demand; the push reacts by scheduling its matching (one runner pass dispatches and runs it).
    const announced = await t.database.db.select().from(domainEvents).where(eq(domainEvents.type, 'demand.published'));
    expect(announced.map((e) => (e.payload as { recordId: string }).recordId)).toContain(demandId);
    await runJobs();
    const scheduled = await t.database.db.select().from(jobs).where(eq(jobs.name, 'match.push'));
    expect(scheduled.map((j) => j.payload)).toContainEqual({ recordType: 'demand', recordId: demandId });

    // Both members of the university get the new demand, because of their achievement.
    for (const person of [uni.owner, uni.member]) {
      const items = await pushesOf(person);
      const item = items.find((i) => i.record.id === demandId)!;
      expect(item, 'pushed to the university').toBeDefined();
      expect(item.score).toBeGreaterThanOrEqual(60);
      expect(item).toMatchObject({
        source: { type: 'achievement', id: achievementId, title: castingAchievement().title },
        record: { type: 'demand', id: demandId, title: castingDemand().title, organization: { id: ent.org.id, name: ent.org.name }, link: `/demands/${demandId}` },
        feedback: null,
      });
      expect(item.reasons.length).toBeGreaterThan(0);
      expect(item.reasons[0]).toMatchObject({ kind: expect.any(String), text: expect.any(String) });
      expect(items.some((i) => i.record.id === achievementId)).toBe(false);
      const notices = await matchNotices(person.id);
      expect(notices).toEqual([expect.objectContaining({ title: `新匹配：技术需求「${castingDemand().title}」`, link: `/demands/${demandId}` })]);
    }
    // The enterprise's members get the achievement back, because of their demand.
    for (const person of [ent.owner, ent.member]) {
      const items = await pushesOf(person);
      expect(items.map((i) => [i.source.id, i.record.id])).toEqual([[demandId, achievementId]]);
      expect(items[0]!.record.organization.id).toBe(uni.org.id);
      expect((await matchNotices(person.id)).map((n) => n.link)).toEqual([`/achievements/${achievementId}`]);
    }
    // The subscriber gets the demand through the one subscription it fits.
    const subscribed = await pushesOf(subscriber);
    expect(subscribed).toHaveLength(1);
    expect(subscribed[0]).toMatchObject({ score: null, source: { type: 'subscription', id: fitting.id, title: '山西铸件检测需求' }, record: { id: demandId } });
    expect(subscribed[0]!.reasons.map((r) => r.kind)).toEqual(['terms', 'industry', 'region']);
    expect(subscribed[0]!.reasons[0]).toMatchObject({ terms: ['氣孔'], text: '订阅关键词：氣孔' });
    expect(subscribed[0]!.reasons[2]!.text).toBe('订阅地区：山西省');
    expect((await matchNotices(subscriber.id))[0]).toMatchObject({ title: `新匹配：技术需求「${castingDemand().title}」`, body: '符合您的订阅「山西铸件检测需求」' });

    // A change to the published demand runs the job again: nothing is pushed twice.
    const count = async () => (await t.database.db.select().from(matchPushes)).length;
    const before = await count();
    const edited = await t.api('PATCH', `/api/demands/${demandId}`, { token: ent.owner.token, body: { deadline: '2099-06-30' } });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(await runJobs()).toBeGreaterThan(0);
    expect(await count()).toBe(before);
    expect(await matchNotices(uni.owner.id)).toHaveLength(1);

    // The person's own verdict on the pair comes with the push (match_feedback is the matching module's).
    await t.database.db.insert(matchFeedback).values({ sourceType: 'achievement', sourceId: achievementId, targetType: 'demand', targetId: demandId, verdict: 'interested', userId: uni.owner.id, organizationId: uni.org.id });
    expect((await pushesOf(uni.owner)).find((i) => i.record.id === demandId)!.feedback).toMatchObject({ verdict: 'interested' });
    expect((await pushesOf(uni.member)).find((i) => i.record.id === demandId)!.feedback).toBeNull();

    // A withdrawn record leaves the lists.
    expect((await t.api('POST', `/api/demands/${demandId}/withdraw`, { token: ent.owner.token, body: {} })).statusCode).toBe(200);
    expect((await pushesOf(uni.owner)).some((i) => i.record.id === demandId)).toBe(false);
    expect(await pushesOf(subscriber)).toEqual([]);
  });

  it('tells a person of several matches found at once for their own new record in one notice, naming the best, not one notice each', async () => {
    const admin = await t.factories.admin('140700');
    const uni = await organization('university');
    const ent = await organization('enterprise');
    await publish('achievements', uni.owner, admin, castingAchievement({ title: `铸件气孔在线检测装置${unique()}` }));
    await publish('achievements', uni.owner, admin, castingAchievement({ title: `液压阀体铸件气孔视觉检测方法${unique()}` }));
    await runJobs();
    const demandId = await publish('demands', ent.owner, admin, castingDemand());
    await runJobs();
    const found = (await pushesOf(ent.owner)).filter((i) => i.source.id === demandId);
    expect(found.length).toBeGreaterThanOrEqual(2);
    const notices = await matchNotices(ent.owner.id);
    expect(notices).toHaveLength(1);
    const best = [...found].sort((a, b) => (b.score ?? 0) - (a.score ?? 0))[0]!;
    expect(notices[0]).toMatchObject({ title: `新匹配：本单位的技术需求「${castingDemand().title}」匹配到 ${found.length} 项科技成果`, link: `/demands/${demandId}` });
    expect(notices[0]!.body).toMatch(new RegExp(`^「${best.record.title.replace(/[()（）]/g, '.')}」匹配度 ${best.score}`));
    // The university is told of the demand once per person: one record, one notice.
    expect((await matchNotices(uni.owner.id)).filter((n) => n.link === `/demands/${demandId}`)).toHaveLength(1);
  });

  it('never pushes a secret record to anyone else', async () => {
    const admin = await t.factories.admin('140700');
    const uni = await organization('university');
    const ent = await organization('enterprise');
    const title = '高炉煤气余热梯级利用发电技术';
    const achievementId = await publish('achievements', uni.owner, admin, castingAchievement({ title, summary: '高炉煤气余热梯级回收利用，发电效率提高 12%。', keywords: ['高炉煤气', '余热发电'] }));
    const subscriber = await t.factories.user();
    await t.api('POST', '/api/subscriptions', { token: subscriber.token, body: { name: '余热', recordType: 'demand', keywords: ['余热发电'] } });
    await runJobs();
    const secretId = await publish('demands', ent.owner, admin, castingDemand({ title: '高炉煤气余热梯级利用发电', description: '寻求高炉煤气余热梯级回收利用发电技术，提高发电效率。', keywords: ['高炉煤气', '余热发电'], confidentiality: 'secret' }));
    await runJobs();
    const toSecret = await t.database.db.select().from(matchPushes).where(eq(matchPushes.recordId, secretId));
    expect(toSecret).toEqual([]);
    expect(await pushesOf(uni.owner)).toEqual([]);
    expect(await pushesOf(subscriber)).toEqual([]);
    // Its owners may still be told of public records that fit it.
    expect((await pushesOf(ent.owner)).map((i) => i.record.id)).toEqual([achievementId]);
  });
});

describe('push settings and the daily digest', () => {
  /** A person with `n` pushed matches of published achievements of another organisation. */
  async function withPushes(n: number, opts: { phone?: string } = {}) {
    const admin = await t.factories.admin('140700');
    const uni = await organization('university');
    const person = await t.factories.user({ name: '张经理' });
    if (opts.phone) await t.database.db.update(users).set({ phone: opts.phone }).where(eq(users.id, person.id));
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push(await publish('achievements', uni.owner, admin, castingAchievement({ title: `摘要推送成果${i}号${unique()}` })));
    const sub = (await t.api('POST', '/api/subscriptions', { token: person.token, body: { name: '铸件', recordType: 'achievement', keywords: ['铸件'] } })).json();
    const add = (recordId: string, i: number) =>
      t.database.db.insert(matchPushes).values({ userId: person.id, sourceType: 'subscription', sourceId: sub.id, recordType: 'achievement', recordId, score: 0, reasons: [], createdAt: new Date(Date.now() - 60_000 * (n - i)) });
    for (const [i, id] of ids.entries()) await add(id, i);
    return { person, ids, add };
  }
  const messagesOf = (userId: string) => t.database.db.select().from(outboxMessages).where(eq(outboxMessages.userId, userId));
  const undigested = async (userId: string) => (await t.database.db.select().from(matchPushes).where(and(eq(matchPushes.userId, userId), isNull(matchPushes.digestedAt)))).length;

  it('settings have defaults, are validated and saved', async () => {
    const u = await t.factories.user();
    expect((await t.api('GET', '/api/push-settings', { token: u.token })).json()).toEqual({ email: true, sms: false, dailyLimit: 20, unsubscribedAt: null });
    const bad = await t.api('PUT', '/api/push-settings', { token: u.token, body: { email: true, sms: false, dailyLimit: 0 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ path: 'dailyLimit', message: '每日推送上限应为 1–100 的整数' }]);
    expect((await t.api('PUT', '/api/push-settings', { token: u.token, body: { email: true, sms: false, dailyLimit: 101 } })).statusCode).toBe(400);
    const saved = await t.api('PUT', '/api/push-settings', { token: u.token, body: { email: false, sms: true, dailyLimit: 5 } });
    expect(saved.json()).toEqual({ email: false, sms: true, dailyLimit: 5, unsubscribedAt: null });
    expect((await t.api('GET', '/api/push-settings', { token: u.token })).json()).toMatchObject({ email: false, sms: true, dailyLimit: 5 });
  });

  it('writes one e-mail per person and day, at most dailyLimit matches, with the unsubscribe link', async () => {
    const { person, ids, add } = await withPushes(3);
    await t.api('PUT', '/api/push-settings', { token: person.token, body: { email: true, sms: false, dailyLimit: 2 } });
    const now = new Date('2031-03-04T00:00:00Z'); // 08:00 in Shanghai
    await sendDigests(t.database.db, now);

    const [mail, ...more] = await messagesOf(person.id);
    expect(more).toEqual([]);
    const [settings] = await t.database.db.select().from(pushSettings).where(eq(pushSettings.userId, person.id));
    expect(mail).toMatchObject({ channel: 'email', address: person.email, kind: 'match.digest', status: 'pending', dedupeKey: `digest:${person.id}:2031-03-04`, subject: '科转通：3 条新的技术匹配' });
    expect(mail!.body).toContain('张经理，您好');
    // Newest first: the third and second achievements are listed, the first is counted.
    expect(mail!.body).toContain(`/achievements/${ids[2]}`);
    expect(mail!.body).toContain(`/achievements/${ids[1]}`);
    expect(mail!.body).not.toContain(`/achievements/${ids[0]}`);
    expect(mail!.body).toContain('另有 1 条匹配');
    expect(mail!.body).toContain('符合您的订阅「铸件」');
    expect(mail!.body).toContain(`/unsubscribe?token=${encodeURIComponent(settings!.unsubscribeToken)}`);
    expect(await undigested(person.id)).toBe(0);

    // The same day again: nothing new is written; a push made since waits for tomorrow's digest.
    const admin = await t.factories.admin('140700');
    const uni = await organization('university');
    await add(await publish('achievements', uni.owner, admin, castingAchievement({ title: `次日成果${unique()}` })), 3);
    await sendDigests(t.database.db, new Date(now.getTime() + 3600_000));
    expect(await messagesOf(person.id)).toHaveLength(1);
    expect(await undigested(person.id)).toBe(1);
    await sendDigests(t.database.db, new Date(now.getTime() + 86400_000));
    expect(await messagesOf(person.id)).toHaveLength(2);
    expect(await undigested(person.id)).toBe(0);
  });

  it('sends an SMS too when chosen, short enough for one message', async () => {
    const { person } = await withPushes(2, { phone: `139${String(Date.now()).slice(-8)}` });
    await t.api('PUT', '/api/push-settings', { token: person.token, body: { email: true, sms: true, dailyLimit: 20 } });
    await sendDigests(t.database.db, new Date('2031-05-06T00:00:00Z'));
    const sms = (await messagesOf(person.id)).find((m) => m.channel === 'sms')!;
    expect(sms.dedupeKey).toBe(`digest:${person.id}:2031-05-06:sms`);
    expect(sms.body).toMatch(/^【科转通】您有2条新匹配，如「摘要推送成果1号/);
    expect([...sms.body].length).toBeLessThanOrEqual(SMS_MAX_CHARS);
  });

  it('the unsubscribe link stops e-mail and SMS; an unknown token is a 404 problem', async () => {
    const { person, ids } = await withPushes(1);
    await t.api('PUT', '/api/push-settings', { token: person.token, body: { email: true, sms: true, dailyLimit: 20 } });
    const [settings] = await t.database.db.select().from(pushSettings).where(eq(pushSettings.userId, person.id));
    const res = await t.api('POST', '/api/push/unsubscribe', { body: { token: settings!.unsubscribeToken } });
    expect(res.statusCode).toBe(204);
    expect((await t.api('GET', '/api/push-settings', { token: person.token })).json()).toMatchObject({ email: false, sms: false, unsubscribedAt: expect.any(String) });

    await sendDigests(t.database.db, new Date('2031-07-08T00:00:00Z'));
    expect(await messagesOf(person.id)).toEqual([]);
    expect(await undigested(person.id)).toBe(0);
    // In-app pushes go on.
    expect((await pushesOf(person)).map((p) => p.record.id)).toEqual(ids);

    const unknown = await t.api('POST', '/api/push/unsubscribe', { body: { token: 'no-such-token' } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(unknown.json().detail).toBe('退订链接无效或已失效');

    // Switching a channel on again ends the unsubscribe.
    const back = await t.api('PUT', '/api/push-settings', { token: person.token, body: { email: true, sms: false, dailyLimit: 20 } });
    expect(back.json()).toMatchObject({ email: true, unsubscribedAt: null });
  });

  it('schedules itself daily at 08:00 Asia/Shanghai', async () => {
    expect(nextDigestAt(new Date('2031-01-01T23:59:00Z')).toISOString()).toBe('2031-01-02T00:00:00.000Z');
    expect(nextDigestAt(new Date('2031-01-02T00:00:00Z')).toISOString()).toBe('2031-01-03T00:00:00.000Z');
    expect(nextDigestAt(new Date('2031-01-02T03:00:00Z')).toISOString()).toBe('2031-01-03T00:00:00.000Z');
    await scheduleMatchDigest(t.database.db, new Date('2031-01-01T10:00:00Z'));
    await scheduleMatchDigest(t.database.db, new Date('2031-01-01T11:00:00Z'));
    const scheduled = await t.database.db.select().from(jobs).where(and(eq(jobs.name, 'match.digest'), eq(jobs.key, 'match.digest:2031-01-02')));
    expect(scheduled.map((j) => j.runAt.toISOString())).toEqual(['2031-01-02T00:00:00.000Z']);
  });
});

describe('the outbox', () => {
  it('is read and reported on by the platform administrator only', async () => {
    const root = await t.factories.user({ platformAdmin: true });
    const u = await t.factories.user();
    const localAdmin = await t.factories.admin('140700');
    const [a, b] = await t.database.db
      .insert(outboxMessages)
      .values([
        { userId: u.id, channel: 'email', address: u.email, kind: 'match.digest', subject: 's', body: 'a', dedupeKey: `test:${unique()}` },
        { userId: u.id, channel: 'email', address: u.email, kind: 'match.digest', subject: 's', body: 'b', dedupeKey: `test:${unique()}` },
      ])
      .returning();
    for (const who of [u, localAdmin]) {
      expect((await t.api('GET', '/api/outbox', { token: who.token })).statusCode).toBe(403);
      expect((await t.api('POST', `/api/outbox/${a!.id}/sent`, { token: who.token })).statusCode).toBe(403);
    }
    expect((await t.api('GET', '/api/outbox')).statusCode).toBe(401);

    const pending = (await t.api('GET', '/api/outbox?status=pending&pageSize=100', { token: root.token })).json();
    expect(pending.items.map((m: { id: string }) => m.id)).toEqual(expect.arrayContaining([a!.id, b!.id]));

    const sent = await t.api('POST', `/api/outbox/${a!.id}/sent`, { token: root.token });
    expect(sent.json()).toMatchObject({ status: 'sent', attempts: 1, sentAt: expect.any(String) });
    expect((await t.api('POST', `/api/outbox/${a!.id}/sent`, { token: root.token })).statusCode).toBe(409);
    expect((await t.api('POST', `/api/outbox/${a!.id}/failed`, { token: root.token, body: { error: 'x' } })).statusCode).toBe(409);

    const failed = await t.api('POST', `/api/outbox/${b!.id}/failed`, { token: root.token, body: { error: 'SMTP 550 mailbox unavailable' } });
    expect(failed.json()).toMatchObject({ status: 'failed', attempts: 1, lastError: 'SMTP 550 mailbox unavailable' });
    const failedList = (await t.api('GET', '/api/outbox?status=failed', { token: root.token })).json();
    expect(failedList.items.map((m: { id: string }) => m.id)).toContain(b!.id);
    expect((await t.api('GET', '/api/outbox?status=sent', { token: root.token })).json().items.map((m: { id: string }) => m.id)).toContain(a!.id);
    expect((await t.api('GET', '/api/outbox?status=lost', { token: root.token })).statusCode).toBe(400);
    expect((await t.api('POST', `/api/outbox/00000000-0000-4000-8000-000000000000/sent`, { token: root.token })).statusCode).toBe(404);
    const rows = await t.database.db.select().from(outboxMessages).where(inArray(outboxMessages.id, [a!.id, b!.id]));
    expect(rows.map((r) => r.status).sort()).toEqual(['failed', 'sent']);
  });
});
