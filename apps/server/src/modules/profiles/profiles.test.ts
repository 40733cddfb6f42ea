import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/testApp.ts';
import { unique, type TestUser } from '../../../test/factories.ts';
import { demandBody, publishedAchievement } from '../../../test/catalogueFixtures.ts';
import { auditEvents } from '../../db/schema/index.ts';
import { notificationRepository } from '../notifications/notifications.repository.ts';
import { loadActor } from '../../platform/sessions.ts';
import { accountRepository } from '../accounts/accounts.repository.ts';

const t = useTestApp();

async function inbox(u: TestUser) {
  const user = (await accountRepository.byId(t.database.db, u.id))!;
  const actor = await loadActor(t.database.db, user, { tokenHash: 'test', via: 'bearer' });
  return (await notificationRepository.list(t.database.db, actor, false, { page: 1, pageSize: 100 })).rows;
}

/** A person who declares themselves a broker through the API, in an agency of 晋中 (140700): pending until reviewed. */
async function claimedBroker(jurisdictionCode = '140700') {
  const u = await t.factories.user({ name: `经纪人${unique()}` });
  const agency = await t.factories.organization(u, { type: 'agency', jurisdictionCode, status: 'verified' });
  const res = await t.api('PUT', '/api/me/profiles/broker', { token: u.token, body: { organizationId: agency.id, fields: ['智能制造'], certificateNo: 'JJR-2026-001' } });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json()).toMatchObject({ status: 'pending', jurisdictionCode });
  return u;
}

/**
 * 晋中 (140700): a university owning a secret achievement and a public one, an
 * enterprise with a published demand; the university's owner judged the demand
 * from its secret achievement with a private note naming its floor price.
 */
async function world() {
  const admin = await t.factories.admin('140700');
  const owner = await t.factories.user({ name: '成果负责人' });
  const university = await t.factories.organization(owner, { type: 'university', name: `太行理工大学${unique()}` });
  const secretTitle = `保密成果${unique()}`;
  const secret = await publishedAchievement(t, owner, admin, { title: secretTitle, confidentiality: 'secret' });
  const open = await publishedAchievement(t, owner, admin, { title: `铸件缺陷机器视觉检测${unique()}` });
  const buyer = await t.factories.user({ name: '需求负责人' });
  await t.factories.organization(buyer, { type: 'enterprise', name: `晋中液压件厂${unique()}` });
  const created = await t.api('POST', '/api/demands', { token: buyer.token, body: demandBody({ title: `阀体气孔检测${unique()}` }) });
  const demandId = created.json().id as string;
  await t.api('POST', `/api/demands/${demandId}/submit`, { token: buyer.token });
  expect((await t.api('POST', `/api/demands/${demandId}/review`, { token: admin.token, body: { decision: 'approve' } })).statusCode).toBe(200);
  const note = `底价 300 万元，不对外${unique()}`;
  const fb = await t.api('POST', '/api/match-feedback', {
    token: owner.token,
    body: { sourceType: 'achievement', sourceId: secret, targetId: demandId, verdict: 'not_relevant', reasonCode: 'too_expensive', reason: note },
  });
  expect(fb.statusCode, fb.body).toBe(200);
  const expert = await t.factories.user({ name: `专家${unique()}` });
  await t.factories.approvedProfile(expert.id, 'expert');
  return { admin, owner, university, secret, secretTitle, open, buyer, demandId, note, expert };
}

describe('broker and expert profiles are reviewed before they grant anything', () => {
  it('an unreviewed broker is refused feedback, inquiries and reviews; once approved it acts in its jurisdiction and never sees a secret title or an owner’s note', async () => {
    const w = await world();
    const broker = await claimedBroker();

    // Claimed only: nothing.
    expect((await t.api('GET', '/api/match-feedback', { token: broker.token })).statusCode).toBe(403);
    expect((await t.api('POST', '/api/match-reviews', { token: broker.token, body: { demandId: w.demandId, achievementId: w.open, expertUserIds: [w.expert.id], note: '请评估技术成熟度（管理员说明）' } })).statusCode).toBe(403);
    const me = (await t.api('GET', '/api/me', { token: broker.token })).json();
    expect(me.roles).not.toContain('broker');
    expect(me.profiles).toEqual([expect.objectContaining({ kind: 'broker', status: 'pending' })]);

    // An inquiry about the secret achievement from the demand's side: a pending broker neither lists nor answers it.
    const asker = w.buyer;
    const inq = await t.api('POST', '/api/match-inquiries', { token: asker.token, body: { sourceType: 'demand', sourceId: w.demandId, ref: w.secret, message: '想了解转让条件' } });
    expect(inq.statusCode, inq.body).toBe(201);
    const inquiryId = inq.json().id as string;
    expect((await t.api('GET', '/api/match-inquiries?pageSize=100', { token: broker.token })).json().items.map((i: { id: string }) => i.id)).not.toContain(inquiryId);
    expect((await t.api('POST', `/api/match-inquiries/${inquiryId}/answer`, { token: broker.token, body: { answer: '平台答复：可以谈' } })).statusCode).toBe(404);

    // An approved broker of another jurisdiction (威海 371000) is refused the same.
    const foreign = await claimedBroker('371000');
    const jinan = await t.factories.admin('371000');
    expect((await t.api('POST', `/api/profiles/${foreign.id}/broker/review`, { token: jinan.token, body: { decision: 'approve' } })).statusCode).toBe(200);
    const foreignFeedback = await t.api('GET', '/api/match-feedback?pageSize=100', { token: foreign.token });
    expect(foreignFeedback.statusCode).toBe(200);
    expect(foreignFeedback.body).not.toContain(w.note);
    expect(foreignFeedback.json().items.map((i: { source: { id: string } }) => i.source.id)).not.toContain(w.secret);
    expect((await t.api('GET', '/api/match-inquiries?pageSize=100', { token: foreign.token })).json().items.map((i: { id: string }) => i.id)).not.toContain(inquiryId);
    expect((await t.api('POST', `/api/match-inquiries/${inquiryId}/answer`, { token: foreign.token, body: { answer: '越权答复' } })).statusCode).toBe(404);
    expect((await t.api('POST', '/api/match-reviews', { token: foreign.token, body: { demandId: w.demandId, achievementId: w.open, expertUserIds: [w.expert.id], note: '请评估技术成熟度（管理员说明）' } })).statusCode).toBe(403);

    // Approved by 晋中's administrator: the broker reads 晋中's feedback without the secret title or the owner's note, and handles its inquiries.
    expect((await t.api('POST', `/api/profiles/${broker.id}/broker/review`, { token: w.admin.token, body: { decision: 'approve' } })).statusCode).toBe(200);
    const feedback = await t.api('GET', '/api/match-feedback?pageSize=100', { token: broker.token });
    expect(feedback.statusCode).toBe(200);
    const item = feedback.json().items.find((i: { source: { id: string } }) => i.source.id === w.secret);
    expect(item).toMatchObject({ source: { title: null }, reason: null, reasonCode: 'too_expensive' });
    expect(feedback.body).not.toContain(w.secretTitle);
    expect(feedback.body).not.toContain(w.note);
    // The administrator still reads them.
    expect((await t.api('GET', '/api/match-feedback?pageSize=100', { token: w.admin.token })).body).toContain(w.note);

    const listed = (await t.api('GET', '/api/match-inquiries?pageSize=100', { token: broker.token })).json().items.find((i: { id: string }) => i.id === inquiryId);
    expect(listed).toMatchObject({ target: { title: null }, allowedActions: ['answer'] });
    const started = await t.api('POST', '/api/match-reviews', { token: broker.token, body: { demandId: w.demandId, achievementId: w.open, expertUserIds: [w.expert.id], note: '请评估技术成熟度（经纪人说明）' } });
    expect(started.statusCode, started.body).toBe(201);
    // The broker reads the pair's reviews, but the administrator's instructions to the experts only in reviews it asked itself.
    const adminNote = `内部说明：该企业授信额度 80 万元${unique()}`;
    expect((await t.api('POST', '/api/match-reviews', { token: w.admin.token, body: { demandId: w.demandId, achievementId: w.open, expertUserIds: [w.expert.id], note: adminNote } })).statusCode).toBe(201);
    const pairReviews = await t.api('GET', `/api/match-reviews?demandId=${w.demandId}&achievementId=${w.open}`, { token: broker.token });
    expect(pairReviews.statusCode, pairReviews.body).toBe(200);
    expect(pairReviews.body).not.toContain(adminNote);
    expect(pairReviews.body).toContain('请评估技术成熟度（经纪人说明）');
    expect((await t.api('GET', `/api/match-reviews?demandId=${w.demandId}&achievementId=${w.open}`, { token: w.admin.token })).body).toContain(adminNote);
    expect((await t.api('GET', '/api/me', { token: broker.token })).json().roles).toContain('broker');
  });

  it('is reviewed by the administrators of the holder’s jurisdiction only; the holder is told; a change goes back to pending', async () => {
    const broker = await claimedBroker();
    const jinzhong = await t.factories.admin('140700');
    const shanxi = await t.factories.admin('140000');
    const jinan = await t.factories.admin('371000');
    const url = `/api/profiles/${broker.id}/broker/review`;

    // The queue: 晋中's and 山西's administrators see it, 威海's does not; a plain user may not look.
    const queueOf = async (u: TestUser) => (await t.api('GET', '/api/profiles/reviews?status=pending&pageSize=100', { token: u.token })).json().items.map((i: { user: { id: string } }) => i.user.id);
    expect(await queueOf(jinzhong)).toContain(broker.id);
    expect(await queueOf(shanxi)).toContain(broker.id);
    expect(await queueOf(jinan)).not.toContain(broker.id);
    expect((await t.api('GET', '/api/profiles/reviews', { token: broker.token })).statusCode).toBe(403);
    const queued = (await t.api('GET', '/api/profiles/reviews?status=pending&pageSize=100', { token: jinzhong.token })).json().items.find((i: { user: { id: string } }) => i.user.id === broker.id);
    expect(queued).toMatchObject({ kind: 'broker', status: 'pending', certificateNo: 'JJR-2026-001', jurisdiction: { code: '140700' }, allowedActions: ['approve', 'reject'] });

    expect((await t.api('POST', url, { token: jinan.token, body: { decision: 'approve' } })).statusCode).toBe(403);
    expect((await t.api('POST', url, { token: broker.token, body: { decision: 'approve' } })).statusCode).toBe(400);
    const noReason = await t.api('POST', url, { token: jinzhong.token, body: { decision: 'reject' } });
    expect(noReason.statusCode).toBe(400);
    expect(JSON.stringify(noReason.json())).toContain('reason');

    const rejected = await t.api('POST', url, { token: jinzhong.token, body: { decision: 'reject', reason: '经纪人证书编号无法核验' } });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json()).toMatchObject({ status: 'rejected', reviewReason: '经纪人证书编号无法核验' });
    const told = (await inbox(broker)).find((n) => n.kind === 'profile.rejected');
    expect(told).toMatchObject({ title: '您的技术经纪人档案未通过审核', body: '经纪人证书编号无法核验' });
    expect((await t.api('POST', url, { token: jinzhong.token, body: { decision: 'approve' } })).statusCode).toBe(409);

    // The holder corrects it: pending again, then approved.
    const again = await t.api('PUT', '/api/me/profiles/broker', { token: broker.token, body: { fields: ['智能制造'], certificateNo: 'JJR-2026-002' } });
    expect(again.json()).toMatchObject({ status: 'pending', reviewReason: null, jurisdictionCode: '140700' });
    const approved = await t.api('POST', url, { token: shanxi.token, body: { decision: 'approve' } });
    expect(approved.statusCode, approved.body).toBe(200);
    expect((await inbox(broker)).find((n) => n.kind === 'profile.approved')).toMatchObject({ title: '您的技术经纪人档案已通过审核', link: '/workbench/broker' });
    // Saved unchanged it stays approved; changed, it waits again.
    expect((await t.api('PUT', '/api/me/profiles/broker', { token: broker.token, body: { fields: ['智能制造'], certificateNo: 'JJR-2026-002' } })).json().status).toBe('approved');
    expect((await t.api('PUT', '/api/me/profiles/broker', { token: broker.token, body: { fields: ['智能制造', '新材料'], certificateNo: 'JJR-2026-002' } })).json().status).toBe('pending');

    const p = (await t.api('GET', '/api/me', { token: broker.token })).json().profiles[0];
    const actions = (await t.database.db.select().from(auditEvents).where(eq(auditEvents.entityType, 'profile')).orderBy(asc(auditEvents.seq)))
      .filter((e) => e.actorId === broker.id || e.actorId === jinzhong.id || e.actorId === shanxi.id)
      .map((e) => e.action);
    expect(p.kind).toBe('broker');
    expect(actions).toEqual(['profile.create', 'profile.reject', 'profile.update', 'profile.approve', 'profile.update', 'profile.update']);
  });

  it('an expert is invited and gives an opinion only once approved', async () => {
    const w = await world();
    const u = await t.factories.user({ name: `专家${unique()}` });
    const org = await t.factories.organization(u, { type: 'institute', jurisdictionCode: '140700' });
    expect((await t.api('PUT', '/api/me/profiles/expert', { token: u.token, body: { organizationId: org.id, title: '研究员', fields: ['智能制造'] } })).json().status).toBe('pending');
    const wb = await t.api('GET', '/api/me/expert-workbench', { token: u.token });
    expect(wb.statusCode, wb.body).toBe(200);
    expect(wb.json()).toMatchObject({ profile: { kind: 'expert', status: 'pending' }, due: [], past: [] });

    // Pending: not an expert one may invite.
    const body = { demandId: w.demandId, achievementId: w.open, expertUserIds: [u.id], note: '请论证' };
    const refused = await t.api('POST', '/api/match-reviews', { token: w.admin.token, body });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors[0]).toMatchObject({ path: 'expertUserIds.0' });

    expect((await t.api('POST', `/api/profiles/${u.id}/expert/review`, { token: w.admin.token, body: { decision: 'approve' } })).statusCode).toBe(200);
    const created = await t.api('POST', '/api/match-reviews', { token: w.admin.token, body });
    expect(created.statusCode, created.body).toBe(201);
    const due = (await t.api('GET', '/api/me/expert-workbench', { token: u.token })).json();
    expect(due.profile.status).toBe('approved');
    expect(due.due.map((x: { reviewId: string }) => x.reviewId)).toEqual([created.json().id]);
    expect(due.due[0].allowedActions).toContain('submit');

    // The expert changes the profile: pending again, no opinion until it is approved again.
    await t.api('PUT', '/api/me/profiles/expert', { token: u.token, body: { organizationId: org.id, title: '研究员', fields: ['智能制造', '机器视觉'] } });
    const blocked = await t.api('POST', `/api/match-reviews/${created.json().id}/opinions`, { token: u.token, body: { score: 4, opinion: 'recommend' } });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().detail).toContain('尚未通过');
    expect((await t.api('POST', `/api/profiles/${u.id}/expert/review`, { token: w.admin.token, body: { decision: 'approve' } })).statusCode).toBe(200);
    expect((await t.api('POST', `/api/match-reviews/${created.json().id}/opinions`, { token: u.token, body: { score: 4, opinion: 'recommend' } })).statusCode).toBe(200);
    expect((await t.api('GET', '/api/me/expert-workbench', { token: u.token })).json().past).toHaveLength(1);
  });
});

describe('the broker’s workbench', () => {
  it('lists the broker’s entrustments with the owner’s consent, clients, a follow-up log and the commission the client sees', async () => {
    const admin = await t.factories.admin('140700');
    const owner = await t.factories.user({ name: '成果负责人' });
    const university = await t.factories.organization(owner, { type: 'university', name: `太行理工大学${unique()}`, status: 'verified' });
    const achievementId = await publishedAchievement(t, owner, admin, { title: `铸件缺陷机器视觉检测${unique()}` });
    const broker = await claimedBroker();

    // Not entrustable nor working while pending.
    expect((await t.api('POST', `/api/achievements/${achievementId}/entrustments`, { token: owner.token, body: { agentUserId: broker.id, note: '独家委托' } })).statusCode).toBe(422);
    const pending = (await t.api('GET', '/api/me/broker-workbench', { token: broker.token })).json();
    expect(pending).toMatchObject({ profile: { status: 'pending' }, deals: [] });

    expect((await t.api('POST', `/api/profiles/${broker.id}/broker/review`, { token: admin.token, body: { decision: 'approve' } })).statusCode).toBe(200);
    const entrusted = await t.api('POST', `/api/achievements/${achievementId}/entrustments`, { token: owner.token, body: { agentUserId: broker.id, note: '独家委托' } });
    expect(entrusted.statusCode, entrusted.body).toBe(201);

    const wb = (await t.api('GET', '/api/me/broker-workbench', { token: broker.token })).json();
    expect(wb.profile).toMatchObject({ status: 'approved', jurisdiction: { code: '140700' } });
    expect(wb.deals).toHaveLength(1);
    const deal = wb.deals[0];
    expect(deal).toMatchObject({ status: 'active', achievement: { id: achievementId }, client: { id: university.id }, consent: { confirmedAt: expect.any(String) }, followUps: [], commission: null });
    expect(wb.clients).toEqual([{ id: university.id, name: university.name, deals: 1 }]);

    const url = `/api/broker/entrustments/${deal.entrustmentId}`;
    const bad = await t.api('POST', `${url}/follow-ups`, { token: broker.token, body: { happenedOn: '2026-12-32', content: '' } });
    expect(bad.statusCode).toBe(400);
    const logged = await t.api('POST', `${url}/follow-ups`, { token: broker.token, body: { happenedOn: '2026-12-05', content: '与成果负责人电话沟通转让底价', nextStep: '约企业实地考察', nextOn: '2026-12-01' } });
    expect(logged.statusCode, logged.body).toBe(201);
    const stranger = await t.factories.user();
    expect((await t.api('POST', `${url}/follow-ups`, { token: stranger.token, body: { happenedOn: '2026-12-05', content: '冒充' } })).statusCode).toBe(403);

    // Commission: one of amount or rate, never changed.
    expect((await t.api('PUT', `${url}/commission`, { token: broker.token, body: { amountFen: 100, rateBp: 300 } })).statusCode).toBe(400);
    expect((await t.api('PUT', `${url}/commission`, { token: broker.token, body: { rateBp: 10001 } })).statusCode).toBe(400);
    expect((await t.api('PUT', `${url}/commission`, { token: broker.token, body: { amountFen: -100 } })).statusCode).toBe(400);
    const c = await t.api('PUT', `${url}/commission`, { token: broker.token, body: { amountFen: 12_345_678, note: '成交后一次付清' } });
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json()).toMatchObject({ amountFen: 12_345_678, rateBp: null });

    const after = (await t.api('GET', '/api/me/broker-workbench', { token: broker.token })).json();
    expect(after.deals[0].followUps).toEqual([expect.objectContaining({ happenedOn: '2026-12-05', content: '与成果负责人电话沟通转让底价', nextStep: '约企业实地考察' })]);
    expect(after.deals[0].commission).toMatchObject({ amountFen: 12_345_678 });
    expect(after.counts).toMatchObject({ active: 1, followUpsDue: 1 });

    // The client sees the commission and was told; others of the platform do not.
    const seen = await t.api('GET', `/api/organizations/${university.id}/broker-commissions`, { token: owner.token });
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json().items).toEqual([expect.objectContaining({ amountFen: 12_345_678, broker: { id: broker.id, name: broker.name }, achievement: expect.objectContaining({ id: achievementId }) })]);
    expect((await t.api('GET', `/api/organizations/${university.id}/broker-commissions`, { token: stranger.token })).statusCode).toBe(403);
    expect((await inbox(owner)).some((n) => n.kind === 'broker.commission' && n.title.includes('123,456.78 元'))).toBe(true);
  });
});
