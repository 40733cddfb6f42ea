import { shanghaiToday } from '@kzt/shared';
import { challengeRepository } from '../../src/modules/challenges/challenges.repository.ts';
import { milestoneRowsOf } from '../../src/modules/challenges/challenges.presenter.ts';
import type { TestApp } from '../testApp.ts';
import { multipartFile, tinyPdf } from './attachments.rows.ts';
import { all, type Row, type World } from './types.ts';

const inDays = (d: number) => new Date(Date.now() + d * 86400_000);
const criteria = [{ key: 'technical', name: '技术', weightBp: 10_000 }];

/**
 * A challenge in 晋中 (140700), published unless said otherwise, posted by the
 * world's university (`member`, `owner`) or by a third organisation of nobody
 * in the world (`poser: 'third'`).
 */
async function challenge(w: World, t: TestApp, opts: { status?: string; poser?: 'university' | 'third'; closed?: boolean } = {}) {
  const third = opts.poser === 'third' ? await t.factories.organization(await t.factories.user(), { jurisdictionCode: '140700' }) : null;
  const row = await challengeRepository.insert(t.database.db, {
    scheme: 'jiebang_guashuai',
    title: '矩阵榜单',
    organizationId: third?.id ?? w.universityId,
    organizationName: third?.name ?? '大学',
    postedBy: third?.createdBy ?? w.users.owner.id,
    deadline: opts.closed ? inDays(-1) : inDays(10),
    jurisdictionCode: '140700',
    jurisdictionPath: '140000/140700',
    jurisdictionName: '晋中市',
    criteria,
    status: opts.status ?? 'published',
    publishedAt: new Date(),
  });
  return row;
}

/** A bid of the university on a third organisation's challenge (checked and passed when asked). */
async function bid(w: World, t: TestApp, opts: { closed?: boolean; passed?: boolean } = {}) {
  const c = await challenge(w, t, { poser: 'third', closed: opts.closed });
  const b = await challengeRepository.insertBid(t.database.db, {
    challengeId: c.id,
    organizationId: w.universityId,
    organizationName: '大学',
    submittedBy: w.users.owner.id,
    team: '团队',
    plan: '方案',
    budgetFen: 1_000_000,
    milestones: [{ title: '全部', dueOn: shanghaiToday(inDays(30)), shareBp: 10_000, deliverable: '' }],
    checkStatus: opts.passed ? 'passed' : 'pending',
  });
  return { c, b };
}

/** `outsider` as an approved expert (of 140700). */
const outsiderExpert = (w: World, t: TestApp) => t.factories.approvedProfile(w.users.outsider.id, 'expert');

/** A closed challenge with the university's passed bid, `outsider` on its panel (having scored it when asked). */
async function scored(w: World, t: TestApp, opts: { score?: boolean } = {}) {
  const { c, b } = await bid(w, t, { closed: true, passed: true });
  await outsiderExpert(w, t);
  await challengeRepository.replacePanel(t.database.db, c.id, [{ id: w.users.outsider.id, name: '专家' }]);
  if (opts.score) await challengeRepository.insertScore(t.database.db, { challengeId: c.id, bidId: b.id, expertId: w.users.outsider.id, scores: { technical: 80 }, weightedBp: 800_000 });
  return { c, b };
}

/** The university won; its first milestone is reported when asked. */
async function awarded(w: World, t: TestApp, opts: { reported?: boolean } = {}) {
  const { c, b } = await scored(w, t, { score: true });
  const won = await challengeRepository.updateBid(t.database.db, b.id, { outcome: 'won' });
  const after = await challengeRepository.update(t.database.db, c.id, { status: 'awarded', awardedAt: new Date() });
  await challengeRepository.insertMilestones(t.database.db, milestoneRowsOf(after, won).map((m) => ({ ...m, ...(opts.reported ? { status: 'reported', reportedAt: new Date() } : {}) })));
  return c.id;
}

/** A racing challenge of a third organisation, final, racing the university's team and another; `outsider` on the panel. */
async function racing(w: World, t: TestApp) {
  const { c, b } = await scored(w, t, { score: true });
  const other = await t.factories.organization(await t.factories.user(), { jurisdictionCode: '140700' });
  const b2 = await challengeRepository.insertBid(t.database.db, { challengeId: c.id, organizationId: other.id, organizationName: '另一团队', submittedBy: other.createdBy, team: '团队', plan: '方案', budgetFen: 1_000_000, milestones: b.milestones, checkStatus: 'passed', outcome: 'won' });
  const won = await challengeRepository.updateBid(t.database.db, b.id, { outcome: 'won' });
  const after = await challengeRepository.update(t.database.db, c.id, { scheme: 'racing', status: 'awarded', awardedAt: new Date(), finalAt: new Date() });
  await challengeRepository.insertMilestones(t.database.db, [...milestoneRowsOf(after, won), ...milestoneRowsOf(after, b2)]);
  return { c, keep: b2.id };
}

/** A third organisation's challenge awarded to someone else's bid and in its notice; an objection of the poser's own organisation pending when asked. */
async function inNotice(w: World, t: TestApp, opts: { objection?: boolean } = {}) {
  const c = await challenge(w, t, { poser: 'third', closed: true });
  await challengeRepository.update(t.database.db, c.id, { status: 'notice', awardedAt: new Date(), noticeEndsAt: inDays(5) });
  if (!opts.objection) return { c, objectionId: '' };
  const o = await challengeRepository.insertObjection(t.database.db, { challengeId: c.id, organizationId: c.organizationId!, organizationName: '第三方', submittedBy: c.postedBy, reason: '异议' });
  return { c, objectionId: o.id };
}

/** The university's bid won a third organisation's challenge, the award final; `outsider` on the panel. */
async function agreed(w: World, t: TestApp) {
  const { c, b } = await scored(w, t, { score: true });
  const won = await challengeRepository.updateBid(t.database.db, b.id, { outcome: 'won' });
  const after = await challengeRepository.update(t.database.db, c.id, { status: 'awarded', awardedAt: new Date(), finalAt: new Date() });
  await challengeRepository.insertMilestones(t.database.db, milestoneRowsOf(after, won));
  return `/api/challenges/${c.id}/bids/${b.id}/agreement`;
}

/** A bounty of the university (`member`, `owner` pose it) won by a third organisation, its solution accepted; `outsider` on the panel. */
async function paidBounty(w: World, t: TestApp) {
  const c = await challenge(w, t, { closed: true });
  const solver = await t.factories.organization(await t.factories.user(), { jurisdictionCode: '140700' });
  const b = await challengeRepository.insertBid(t.database.db, { challengeId: c.id, organizationId: solver.id, organizationName: '悬赏团队', submittedBy: solver.createdBy, team: '团队', plan: '方案', budgetFen: 1_000_000, milestones: [{ title: '全部', dueOn: shanghaiToday(inDays(30)), shareBp: 10_000, deliverable: '' }], checkStatus: 'passed', outcome: 'won' });
  await outsiderExpert(w, t);
  await challengeRepository.replacePanel(t.database.db, c.id, [{ id: w.users.outsider.id, name: '专家' }]);
  const after = await challengeRepository.update(t.database.db, c.id, { scheme: 'bounty', status: 'completed', awardedAt: new Date(), finalAt: new Date(), completedAt: new Date() });
  await challengeRepository.insertMilestones(t.database.db, milestoneRowsOf(after, b).map((m) => ({ ...m, status: 'accepted' })));
  return c.id;
}

const future = () => inDays(5).toISOString();

export const challengeRows: Row[] = [
  { route: 'GET /api/challenges', call: () => ({ method: 'GET', url: '/api/challenges?jurisdiction=140700' }), expect: all(200) },
  {
    route: 'POST /api/challenges',
    call: (w) => ({ method: 'POST', url: '/api/challenges', body: { scheme: 'bounty', title: '悬赏', organizationId: w.universityId, deadline: future() } }),
    expect: { anonymous: 401, outsider: 422, member: 201, owner: 201, foreignAdmin: 422, localAdmin: 201 },
  },
  {
    route: 'GET /api/challenges/:id',
    call: async (w, t) => ({ method: 'GET', url: `/api/challenges/${(await challenge(w, t, { status: 'pending_review' })).id}` }),
    expect: { anonymous: 404, outsider: 404, member: 200, owner: 200, foreignAdmin: 404, localAdmin: 200 },
  },
  {
    route: 'POST /api/challenges/:id/review',
    call: async (w, t) => ({ method: 'POST', url: `/api/challenges/${(await challenge(w, t, { status: 'pending_review' })).id}/review`, body: { decision: 'approve' } }),
    expect: { anonymous: 401, outsider: 404, member: 403, owner: 403, foreignAdmin: 404, localAdmin: 200 },
  },
  {
    route: 'POST /api/challenges/:id/bids',
    call: async (w, t) => ({
      method: 'POST',
      url: `/api/challenges/${(await challenge(w, t, { poser: 'third' })).id}/bids`,
      body: { organizationId: w.universityId, team: '团队', plan: '方案', budget: 100_000, milestones: [{ title: '全部', dueOn: shanghaiToday(inDays(30)), share: 1 }] },
    }),
    expect: { anonymous: 401, outsider: 422, member: 201, owner: 201, foreignAdmin: 422, localAdmin: 422 },
  },
  {
    route: 'GET /api/challenges/:id/bids/:bidId',
    call: async (w, t) => {
      const { c, b } = await bid(w, t);
      return { method: 'GET', url: `/api/challenges/${c.id}/bids/${b.id}` };
    },
    expect: { anonymous: 401, outsider: 404, member: 200, owner: 200, foreignAdmin: 404, localAdmin: 200 },
  },
  {
    route: 'POST /api/challenges/:id/bids/:bidId/check',
    call: async (w, t) => {
      const { c, b } = await bid(w, t);
      return { method: 'POST', url: `/api/challenges/${c.id}/bids/${b.id}/check`, body: { decision: 'pass' } };
    },
    expect: { anonymous: 401, outsider: 404, member: 403, owner: 403, foreignAdmin: 404, localAdmin: 200 },
  },
  {
    route: 'POST /api/challenges/:id/panel',
    call: async (w, t) => {
      const expert = await t.factories.user();
      await t.factories.approvedProfile(expert.id, 'expert');
      return { method: 'POST', url: `/api/challenges/${(await challenge(w, t, { poser: 'third' })).id}/panel`, body: { expertIds: [expert.id] } };
    },
    expect: { anonymous: 401, outsider: 403, member: 403, owner: 403, foreignAdmin: 403, localAdmin: 200 },
  },
  {
    route: 'POST /api/challenges/:id/panel/replace',
    call: async (w, t) => {
      const { c } = await scored(w, t);
      const expert = await t.factories.user();
      await t.factories.approvedProfile(expert.id, 'expert');
      return { method: 'POST', url: `/api/challenges/${c.id}/panel/replace`, body: { expertId: w.users.outsider.id, replacementId: expert.id, reason: '无法参加' } };
    },
    expect: { anonymous: 401, outsider: 403, member: 403, owner: 403, foreignAdmin: 403, localAdmin: 200 },
  },
  {
    route: 'GET /api/challenges/:id/panel/candidates',
    call: async (w, t) => ({ method: 'GET', url: `/api/challenges/${(await challenge(w, t, { poser: 'third' })).id}/panel/candidates` }),
    expect: { anonymous: 401, outsider: 403, member: 403, owner: 403, foreignAdmin: 403, localAdmin: 200 },
  },
  {
    route: 'GET /api/challenges/:id/bids/:bidId/agreement',
    call: async (w, t) => ({ method: 'GET', url: await agreed(w, t) }),
    expect: { anonymous: 401, outsider: 200, member: 200, owner: 200, foreignAdmin: 404, localAdmin: 200 },
  },
  {
    route: 'POST /api/challenges/:id/bids/:bidId/agreement/sign',
    call: async (w, t) => ({ method: 'POST', url: `${await agreed(w, t)}/sign`, body: { confirm: true } }),
    expect: { anonymous: 401, outsider: 403, member: 200, owner: 200, foreignAdmin: 404, localAdmin: 403 },
  },
  {
    route: 'POST /api/challenges/:id/conflicts',
    call: async (w, t) => {
      await outsiderExpert(w, t);
      return { method: 'POST', url: `/api/challenges/${(await challenge(w, t, { poser: 'third' })).id}/conflicts`, body: { reason: '曾合作' } };
    },
    expect: { anonymous: 401, outsider: 200, member: 403, owner: 403, foreignAdmin: 403, localAdmin: 403 },
  },
  {
    route: 'POST /api/challenges/:id/bids/:bidId/scores',
    call: async (w, t) => {
      const { c, b } = await scored(w, t);
      return { method: 'POST', url: `/api/challenges/${c.id}/bids/${b.id}/scores`, body: { scores: { technical: 90 }, comment: '' } };
    },
    expect: { anonymous: 401, outsider: 200, member: 403, owner: 403, foreignAdmin: 404, localAdmin: 403 },
  },
  {
    route: 'POST /api/challenges/:id/award',
    call: async (w, t) => {
      const { c, b } = await scored(w, t, { score: true });
      return { method: 'POST', url: `/api/challenges/${c.id}/award`, body: { bidIds: [b.id] } };
    },
    expect: { anonymous: 401, outsider: 403, member: 403, owner: 403, foreignAdmin: 403, localAdmin: 200 },
  },
  {
    route: 'POST /api/challenges/:id/milestones/:n/report',
    call: async (w, t) => ({ method: 'POST', url: `/api/challenges/${await awarded(w, t)}/milestones/1/report`, body: { note: '完成' } }),
    expect: { anonymous: 401, outsider: 403, member: 200, owner: 200, foreignAdmin: 403, localAdmin: 403 },
  },
  {
    route: 'POST /api/challenges/:id/milestones/:n/attachments',
    call: async (w, t) => ({ method: 'POST', url: `/api/challenges/${await awarded(w, t)}/milestones/1/attachments`, ...multipartFile('报告.pdf', tinyPdf('matrix')) }),
    // The university's team uploads; the panel expert (outsider) and the administrators do not.
    expect: { anonymous: 401, outsider: 403, member: 201, owner: 201, foreignAdmin: 403, localAdmin: 403 },
  },
  {
    route: 'GET /api/challenges/:id/milestones/:n/attachments/:attachmentId',
    call: async (w, t) => {
      const id = await awarded(w, t);
      const file = (await t.api('POST', `/api/challenges/${id}/milestones/1/attachments`, { token: w.users.owner.token, ...multipartFile('报告.pdf', tinyPdf('matrix')) })).json().id as string;
      await t.api('POST', `/api/challenges/${id}/milestones/1/report`, { token: w.users.owner.token, body: { note: '完成', attachmentIds: [file] } });
      return { method: 'GET', url: `/api/challenges/${id}/milestones/1/attachments/${file}` };
    },
    // Those who see the report: the team, the panel (outsider), the local administrators.
    expect: { anonymous: 404, outsider: 200, member: 200, owner: 200, foreignAdmin: 404, localAdmin: 200 },
  },
  {
    route: 'DELETE /api/challenges/:id/milestones/:n/attachments/:attachmentId',
    call: async (w, t) => {
      const id = await awarded(w, t);
      const file = (await t.api('POST', `/api/challenges/${id}/milestones/1/attachments`, { token: w.users.owner.token, ...multipartFile('报告.pdf', tinyPdf('matrix')) })).json().id as string;
      return { method: 'DELETE', url: `/api/challenges/${id}/milestones/1/attachments/${file}` };
    },
    // Only the uploader, before the report.
    expect: { anonymous: 401, outsider: 403, member: 403, owner: 204, foreignAdmin: 403, localAdmin: 403 },
  },
  {
    route: 'POST /api/challenges/:id/milestones/:n/accept',
    call: async (w, t) => ({ method: 'POST', url: `/api/challenges/${await awarded(w, t, { reported: true })}/milestones/1/accept`, body: {} }),
    expect: { anonymous: 401, outsider: 200, member: 403, owner: 403, foreignAdmin: 403, localAdmin: 403 },
  },
  {
    route: 'POST /api/challenges/:id/milestones/:n/return',
    call: async (w, t) => ({ method: 'POST', url: `/api/challenges/${await awarded(w, t, { reported: true })}/milestones/1/return`, body: { reason: '不完整' } }),
    expect: { anonymous: 401, outsider: 200, member: 403, owner: 403, foreignAdmin: 403, localAdmin: 403 },
  },
  {
    route: 'GET /api/challenges/export.xlsx',
    call: () => ({ method: 'GET', url: '/api/challenges/export.xlsx' }),
    expect: { anonymous: 401, outsider: 403, member: 403, owner: 403, foreignAdmin: 200, localAdmin: 200 },
  },
  {
    route: 'GET /api/challenges/:id/export.xlsx',
    call: async (w, t) => ({ method: 'GET', url: `/api/challenges/${(await challenge(w, t)).id}/export.xlsx` }),
    expect: { anonymous: 401, outsider: 403, member: 200, owner: 200, foreignAdmin: 403, localAdmin: 200 },
  },
  {
    route: 'POST /api/challenges/:id/payments',
    call: async (w, t) => ({ method: 'POST', url: `/api/challenges/${await paidBounty(w, t)}/payments`, body: { amount: 100_000, paidOn: shanghaiToday(new Date()), reference: '转账凭证 001' } }),
    expect: { anonymous: 401, outsider: 403, member: 201, owner: 201, foreignAdmin: 403, localAdmin: 403 },
  },
  {
    route: 'POST /api/challenges/:id/terminate',
    call: async (w, t) => ({ method: 'POST', url: `/api/challenges/${(await challenge(w, t)).id}/terminate`, body: { reason: '调整' } }),
    expect: { anonymous: 401, outsider: 403, member: 200, owner: 200, foreignAdmin: 403, localAdmin: 200 },
  },
  {
    route: 'GET /api/challenges/:id/objections',
    call: async (w, t) => ({ method: 'GET', url: `/api/challenges/${(await inNotice(w, t, { objection: true })).c.id}/objections` }),
    expect: all(200),
  },
  {
    route: 'POST /api/challenges/:id/objections',
    call: async (w, t) => ({ method: 'POST', url: `/api/challenges/${(await inNotice(w, t)).c.id}/objections`, body: { organizationId: w.universityId, reason: '中标单位资质存疑' } }),
    expect: { anonymous: 401, outsider: 422, member: 201, owner: 201, foreignAdmin: 422, localAdmin: 422 },
  },
  {
    route: 'POST /api/challenges/:id/objections/:objectionId/resolve',
    call: async (w, t) => {
      const { c, objectionId } = await inNotice(w, t, { objection: true });
      return { method: 'POST', url: `/api/challenges/${c.id}/objections/${objectionId}/resolve`, body: { decision: 'dismiss', reason: '经核查不成立' } };
    },
    expect: { anonymous: 401, outsider: 403, member: 403, owner: 403, foreignAdmin: 403, localAdmin: 200 },
  },
  {
    route: 'POST /api/challenges/:id/stage-gate',
    call: async (w, t) => {
      const { c, keep } = await racing(w, t);
      return { method: 'POST', url: `/api/challenges/${c.id}/stage-gate`, body: { keepBidIds: [keep], reason: '进度落后' } };
    },
    expect: { anonymous: 401, outsider: 200, member: 403, owner: 403, foreignAdmin: 403, localAdmin: 200 },
  },
];
