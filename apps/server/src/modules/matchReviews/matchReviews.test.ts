import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/testApp.ts';
import { unique, type TestUser } from '../../../test/factories.ts';
import { demandBody, publishedAchievement } from '../../../test/catalogueFixtures.ts';
import { auditEvents } from '../../db/schema/index.ts';
import { notificationRepository } from '../notifications/notifications.repository.ts';
import { loadActor } from '../../platform/sessions.ts';
import { accountRepository } from '../accounts/accounts.repository.ts';
import { reviewSummaries } from './matchReviews.service.ts';

const t = useTestApp();

/** The in-app notifications a person reads. */
async function inbox(u: TestUser) {
  const user = (await accountRepository.byId(t.database.db, u.id))!;
  const actor = await loadActor(t.database.db, user, { tokenHash: 'test', via: 'bearer' });
  return (await notificationRepository.list(t.database.db, actor, false, { page: 1, pageSize: 100 })).rows;
}

const expert = async (name = `专家${unique()}`) => {
  const u = await t.factories.user({ name });
  const res = await t.api('PUT', '/api/me/profiles/expert', { token: u.token, body: { title: '研究员', fields: ['智能制造'] } });
  expect(res.statusCode, res.body).toBe(200);
  await t.factories.approvedProfile(u.id, 'expert');
  return u;
};

const broker = async () => {
  const u = await t.factories.user({ name: `经纪人${unique()}` });
  expect((await t.api('PUT', '/api/me/profiles/broker', { token: u.token, body: { fields: [], certificateNo: 'JJR-2026-001' } })).statusCode).toBe(200);
  await t.factories.approvedProfile(u.id, 'broker');
  return u;
};

/**
 * A university in 晋中 with a published achievement, an enterprise in 晋中
 * with a published demand, and their administrator.
 */
async function pair(opts: { achievement?: Record<string, unknown>; demand?: Record<string, unknown> } = {}) {
  const admin = await t.factories.admin('140700');
  const researcher = await t.factories.user({ name: '成果负责人' });
  const university = await t.factories.organization(researcher, { type: 'university', name: `太行理工大学${unique()}` });
  const achievementId = await publishedAchievement(t, researcher, admin, { title: `铸件缺陷机器视觉检测${unique()}`, ...opts.achievement });
  const buyer = await t.factories.user({ name: '需求负责人' });
  const enterprise = await t.factories.organization(buyer, { type: 'enterprise', name: `晋中液压件厂${unique()}` });
  const created = await t.api('POST', '/api/demands', { token: buyer.token, body: demandBody({ title: `阀体气孔检测${unique()}`, ...opts.demand }) });
  expect(created.statusCode, created.body).toBe(201);
  const demandId = created.json().id as string;
  await t.api('POST', `/api/demands/${demandId}/submit`, { token: buyer.token });
  expect((await t.api('POST', `/api/demands/${demandId}/review`, { token: admin.token, body: { decision: 'approve' } })).statusCode).toBe(200);
  return { admin, researcher, university, achievementId, buyer, enterprise, demandId };
}

describe('expert confirmation (专家论证)', () => {
  it('a broker asks experts; one of the university is left out, the others are notified, and the request is audited', async () => {
    const p = await pair();
    const requester = await broker();
    const [e1, e2] = [await expert('张专家'), await expert('李专家')];
    const colleague = await t.factories.member(p.university.id);
    await t.api('PUT', '/api/me/profiles/expert', { token: colleague.token, body: { fields: ['机器视觉'] } });
    await t.factories.approvedProfile(colleague.id, 'expert');

    const res = await t.api('POST', '/api/match-reviews', {
      token: requester.token,
      body: { demandId: p.demandId, achievementId: p.achievementId, expertUserIds: [e1.id, colleague.id, e2.id, e1.id], note: '请评估技术成熟度' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const review = res.json();
    expect(review).toMatchObject({ demandId: p.demandId, achievementId: p.achievementId, status: 'open', note: '请评估技术成熟度', requestedBy: { id: requester.id }, allowedActions: ['close'] });
    expect(review.experts.map((e: { user: { id: string } }) => e.user.id).sort()).toEqual([e1.id, e2.id].sort());
    expect(review.experts[0]).toMatchObject({ status: 'invited', score: null, opinion: null });
    expect(review.excluded).toEqual([{ user: { id: colleague.id, name: '测试用户' }, reason: 'sameOrganization', message: '与成果方/需求方同单位，已回避' }]);

    const invitation = (await inbox(e1)).find((n) => n.kind === 'matchReview.invited');
    expect(invitation).toMatchObject({ title: '邀请您参与专家论证', link: '/reviews' });
    expect(invitation!.body).toContain('请评估技术成熟度');
    expect((await inbox(colleague)).some((n) => n.kind === 'matchReview.invited')).toBe(false);

    const [event] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, review.id), eq(auditEvents.action, 'matchReview.create')));
    expect(event).toMatchObject({ actorId: requester.id, entityType: 'matchReview', jurisdictionCode: '140700' });
    expect(event!.after).toMatchObject({ excluded: [colleague.id] });
  });

  it('refuses non-experts naming the field, a list left empty by the conflict rule, outsiders and unpublished records', async () => {
    const p = await pair();
    const e1 = await expert();
    const plain = await t.factories.user();
    const body = (expertUserIds: string[], over: Record<string, unknown> = {}) => ({ demandId: p.demandId, achievementId: p.achievementId, expertUserIds, note: '', ...over });

    const notExpert = await t.api('POST', '/api/match-reviews', { token: p.admin.token, body: body([e1.id, plain.id]) });
    expect(notExpert.statusCode).toBe(422);
    expect(notExpert.headers['content-type']).toContain('application/problem+json');
    expect(notExpert.json()).toMatchObject({ title: '无法邀请所选专家', errors: [{ path: 'expertUserIds.1', message: '该用户没有专家档案，不能邀请参与论证' }] });

    // The buyer is an expert too, but belongs to the enterprise: nobody is left.
    await t.api('PUT', '/api/me/profiles/expert', { token: p.buyer.token, body: { fields: ['液压'] } });
    await t.factories.approvedProfile(p.buyer.id, 'expert');
    const none = await t.api('POST', '/api/match-reviews', { token: p.admin.token, body: body([p.buyer.id]) });
    expect(none.statusCode).toBe(422);
    expect(none.json().detail).toBe('所选专家均与成果方或需求方同单位，已全部回避，请另选专家');

    // Neither administrator of the subtree, nor broker, nor platform administrator.
    expect((await t.api('POST', '/api/match-reviews', { token: p.buyer.token, body: body([e1.id]) })).statusCode).toBe(403);
    const foreign = await t.factories.admin('371000');
    expect((await t.api('POST', '/api/match-reviews', { token: foreign.token, body: body([e1.id]) })).statusCode).toBe(403);
    expect((await t.api('POST', '/api/match-reviews', { body: body([e1.id]) })).statusCode).toBe(401);

    const missing = await t.api('POST', '/api/match-reviews', { token: p.admin.token, body: body([e1.id], { achievementId: '00000000-0000-4000-8000-000000000000' }) });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().detail).toBe('科技成果不存在或您无权查看。');

    const draft = await t.api('POST', '/api/demands', { token: p.buyer.token, body: demandBody({ title: `草稿需求${unique()}` }) });
    const unpublished = await t.api('POST', '/api/match-reviews', { token: p.admin.token, body: body([e1.id], { demandId: draft.json().id }) });
    expect(unpublished.statusCode).toBe(409);
    expect(unpublished.json().detail).toBe('成果和需求都已发布后才能发起专家论证');

    const tooMany = await t.api('POST', '/api/match-reviews', { token: p.admin.token, body: body(Array.from({ length: 11 }, () => e1.id)) });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().errors[0]).toEqual({ path: 'expertUserIds', message: '不能超过 10 项' });
  });

  it('an invited expert gives an opinion once; the parties read it; summaries count it; the requester closes the review', async () => {
    const p = await pair();
    const [e1, e2, e3] = [await expert('王专家'), await expert(), await expert()];
    const created = await t.api('POST', '/api/match-reviews', { token: p.admin.token, body: { demandId: p.demandId, achievementId: p.achievementId, expertUserIds: [e1.id, e2.id, e3.id], note: '' } });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;

    const mine = await t.api('GET', '/api/match-reviews/mine', { token: e1.token });
    expect(mine.statusCode).toBe(200);
    const inv = mine.json().items.find((i: { id: string }) => i.id === id);
    expect(inv).toMatchObject({
      status: 'open',
      demand: { id: p.demandId, title: expect.stringMatching(/^阀体气孔检测/), organization: { id: p.enterprise.id } },
      achievement: { id: p.achievementId, title: expect.stringMatching(/^铸件缺陷机器视觉检测/), organization: { id: p.university.id } },
      invitation: { status: 'invited' },
      allowedActions: ['submit', 'decline'],
    });

    const url = `/api/match-reviews/${id}/opinions`;
    expect((await t.api('POST', url, { token: e1.token, body: { score: 6, opinion: 'recommend' } })).statusCode).toBe(400);
    expect((await t.api('POST', url, { token: e1.token, body: { score: 4.5, opinion: 'recommend' } })).statusCode).toBe(400);
    const given = await t.api('POST', url, { token: e1.token, body: { score: 5, opinion: 'recommend', comment: '技术路线成熟，建议对接' } });
    expect(given.statusCode, given.body).toBe(200);
    // An expert sees only their own opinion.
    expect(given.json().experts).toEqual([expect.objectContaining({ user: { id: e1.id, name: '王专家' }, status: 'submitted', score: 5, opinion: 'recommend', comment: '技术路线成熟，建议对接' })]);
    const again = await t.api('POST', url, { token: e1.token, body: { score: 1, opinion: 'not_recommend' } });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ status: 409, detail: '您已提交过论证意见，不能重复提交' });
    expect((await inbox(p.admin)).some((n) => n.kind === 'matchReview.opinion' && n.body.includes('王专家'))).toBe(true);

    await t.api('POST', url, { token: e2.token, body: { score: 2, opinion: 'not_recommend', comment: '成熟度不足' } });
    expect((await t.api('POST', `/api/match-reviews/${id}/decline`, { token: e3.token })).statusCode).toBe(200);
    expect((await t.api('POST', url, { token: e3.token, body: { score: 3, opinion: 'neutral' } })).json().detail).toBe('您已谢绝本次论证');

    // Not invited: the requester may see the review but not answer; an outsider does not see it.
    expect((await t.api('POST', url, { token: p.admin.token, body: { score: 3, opinion: 'neutral' } })).statusCode).toBe(403);
    const outsider = await expert();
    expect((await t.api('POST', url, { token: outsider.token, body: { score: 3, opinion: 'neutral' } })).statusCode).toBe(404);

    const summaries = await reviewSummaries(t.database.db, [
      { demandId: p.demandId, achievementId: p.achievementId },
      { demandId: p.demandId, achievementId: '00000000-0000-4000-8000-000000000000' },
    ]);
    expect([...summaries.keys()]).toEqual([`${p.demandId}:${p.achievementId}`]);
    expect(summaries.get(`${p.demandId}:${p.achievementId}`)).toEqual({ count: 2, submitted: 2, averageScore: 3.5, recommend: 1, notRecommend: 1 });
    expect((await reviewSummaries(t.database.db, [])).size).toBe(0);

    // The demand's party reads every opinion.
    const query = `/api/match-reviews?demandId=${p.demandId}&achievementId=${p.achievementId}`;
    const read = await t.api('GET', query, { token: p.buyer.token });
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().summary).toEqual({ count: 2, submitted: 2, averageScore: 3.5, recommend: 1, notRecommend: 1 });
    const experts = read.json().items[0].experts as { user: { id: string }; status: string; score: number | null }[];
    expect(experts.map((e) => [e.user.id, e.status, e.score])).toEqual(
      expect.arrayContaining([
        [e1.id, 'submitted', 5],
        [e2.id, 'submitted', 2],
        [e3.id, 'declined', null],
      ]),
    );
    expect(read.json().items[0].allowedActions).toEqual([]);
    expect((await t.api('GET', query, { token: outsider.token })).statusCode).toBe(403);
    expect((await t.api('GET', query, { token: p.admin.token })).json().items[0].allowedActions).toEqual(['close']);

    // Another broker may not close someone else's review; the requester may, once.
    const other = await broker();
    expect((await t.api('POST', `/api/match-reviews/${id}/close`, { token: other.token })).statusCode).toBe(403);
    const closed = await t.api('POST', `/api/match-reviews/${id}/close`, { token: p.admin.token });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', closedAt: expect.any(String), allowedActions: [] });
    expect((await t.api('POST', `/api/match-reviews/${id}/close`, { token: p.admin.token })).json().detail).toBe('本次论证已结束');
    const actions = (await t.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, id)).orderBy(asc(auditEvents.seq))).map((e) => e.action);
    expect(actions).toEqual(['matchReview.create', 'matchReview.opinion', 'matchReview.opinion', 'matchReview.decline', 'matchReview.close']);
  });
});

describe('inquiries about secret matches', () => {
  it('notifies the record’s administrators, never tells the inquirer the title, and carries the answer back', async () => {
    const secretTitle = `保密成果${unique()}`;
    const p = await pair({ achievement: { title: secretTitle, confidentiality: 'secret' } });
    const province = await t.factories.admin('140000');
    const foreign = await t.factories.admin('371000');
    const asker = await t.factories.member(p.enterprise.id);
    const body = { sourceType: 'demand', sourceId: p.demandId, ref: p.achievementId, message: '希望了解该成果的转让条件' };

    const res = await t.api('POST', '/api/match-inquiries', { token: asker.token, body });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      source: { type: 'demand', id: p.demandId, title: expect.stringMatching(/^阀体气孔检测/) },
      target: { type: 'achievement', id: p.achievementId, title: null },
      organization: { id: p.enterprise.id },
      status: 'open',
      message: '希望了解该成果的转让条件',
      allowedActions: [],
    });
    expect(res.body).not.toContain(secretTitle);
    const again = await t.api('POST', '/api/match-inquiries', { token: asker.token, body: { ...body, message: '再问一次' } });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: res.json().id, message: '希望了解该成果的转让条件' });

    for (const admin of [p.admin, province]) {
      const n = (await inbox(admin)).find((x) => x.kind === 'matchInquiry.new' && x.body.includes(secretTitle));
      expect(n, admin.name).toMatchObject({ link: '/admin/match-inquiries' });
      expect(n!.body).toContain('希望了解该成果的转让条件');
    }
    expect((await inbox(foreign)).some((x) => x.kind === 'matchInquiry.new')).toBe(false);

    // The inquirer sees their own inquiry, still without the title; administrators see it with the title.
    const own = await t.api('GET', '/api/match-inquiries', { token: asker.token });
    expect(own.json().items.map((i: { id: string }) => i.id)).toEqual([res.json().id]);
    expect(own.body).not.toContain(secretTitle);
    const handled = (await t.api('GET', '/api/match-inquiries?status=open&pageSize=100', { token: p.admin.token })).json();
    expect(handled.items.find((i: { id: string }) => i.id === res.json().id)).toMatchObject({ target: { title: secretTitle }, allowedActions: ['answer'], requestedBy: { id: asker.id } });
    expect((await t.api('GET', '/api/match-inquiries?pageSize=100', { token: foreign.token })).json().items.map((i: { id: string }) => i.id)).not.toContain(res.json().id);
    const b = await broker();
    const seenByBroker = (await t.api('GET', '/api/match-inquiries?pageSize=100', { token: b.token })).json().items.find((i: { id: string }) => i.id === res.json().id);
    expect(seenByBroker).toMatchObject({ target: { title: null }, allowedActions: ['answer'] });

    const answer = `/api/match-inquiries/${res.json().id}/answer`;
    expect((await t.api('POST', answer, { token: asker.token, body: { answer: '自问自答' } })).statusCode).toBe(403);
    expect((await t.api('POST', answer, { token: foreign.token, body: { answer: '越权' } })).statusCode).toBe(404);
    expect((await t.api('POST', answer, { token: p.admin.token, body: { answer: '' } })).statusCode).toBe(400);
    const answered = await t.api('POST', answer, { token: p.admin.token, body: { answer: '成果方同意洽谈，请留意平台联系。' } });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({ status: 'answered', answer: '成果方同意洽谈，请留意平台联系。', allowedActions: [], requestedBy: { id: asker.id, name: '测试用户' } });
    expect((await t.api('POST', answer, { token: b.token, body: { answer: '再答' } })).json().detail).toBe('该咨询已答复');

    const told = (await inbox(asker)).find((n) => n.kind === 'matchInquiry.answered');
    expect(told).toMatchObject({ title: '平台已答复您的匹配咨询', body: '成果方同意洽谈，请留意平台联系。', link: `/demands/${p.demandId}` });
    expect(JSON.stringify(await inbox(asker))).not.toContain(secretTitle);
    const actions = (await t.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, res.json().id)).orderBy(asc(auditEvents.seq))).map((e) => e.action);
    expect(actions).toEqual(['matchInquiry.create', 'matchInquiry.answer']);
  });

  it('asks only on behalf of one’s own record, and only about a published secret record', async () => {
    const p = await pair();
    const asker = await t.factories.member(p.enterprise.id);
    const outsider = await t.factories.user();
    await t.factories.organization(outsider);
    const base = { sourceType: 'demand', sourceId: p.demandId, ref: p.achievementId, message: '' };
    expect((await t.api('POST', '/api/match-inquiries', { token: outsider.token, body: base })).statusCode).toBe(403);
    const open = await t.api('POST', '/api/match-inquiries', { token: asker.token, body: base });
    expect(open.statusCode).toBe(409);
    expect(open.json().detail).toBe('该记录不是保密记录，可直接查看');
    expect((await t.api('POST', '/api/match-inquiries', { token: asker.token, body: { ...base, ref: '00000000-0000-4000-8000-000000000000' } })).statusCode).toBe(404);
    // A demand is not an achievement: the target is of the other kind than the source.
    expect((await t.api('POST', '/api/match-inquiries', { token: asker.token, body: { ...base, ref: p.demandId } })).statusCode).toBe(404);
    expect((await t.api('POST', '/api/match-inquiries', { token: asker.token, body: { ...base, sourceType: 'achievement' } })).statusCode).toBe(404);
    expect((await t.api('POST', '/api/match-inquiries', { token: asker.token, body: { ...base, message: 'x'.repeat(1001) } })).statusCode).toBe(400);
  });
});
