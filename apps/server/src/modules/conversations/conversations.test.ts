import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/testApp.ts';
import { achievementBody, publishedAchievement, university } from '../../../test/catalogueFixtures.ts';
import { auditEvents, notifications } from '../../db/schema/index.ts';
import { CONVERSATION_RATE } from './conversations.service.ts';

const t = useTestApp();

/** A university with a published achievement, its researcher (a plain member), and a verified firm of another person. */
async function scene(overrides: Record<string, unknown> = {}) {
  const { owner, org, admin } = await university(t);
  const researcher = await t.factories.member(org.id, 'member');
  const achievementId = await publishedAchievement(t, owner, admin, overrides);
  const buyer = await t.factories.user({ name: '张建国' });
  const firm = await t.factories.organization(buyer, { type: 'enterprise', name: `晋中智造${Date.now()}` });
  return { owner, org, admin, researcher, achievementId, buyer, firm };
}

const ask = (token: string, body: Record<string, unknown>) => t.api('POST', '/api/conversations', { token, body });
const notes = (where: ReturnType<typeof eq>) => t.database.db.select().from(notifications).where(where);

describe('我要洽谈 (conversations with a record’s owner)', () => {
  it('a firm asks about an achievement, the university is told and answers, the firm is told and reads the thread', async () => {
    const s = await scene();
    const res = await ask(s.buyer.token, { recordType: 'achievement', recordId: s.achievementId, organizationId: s.firm.id, message: '贵校的连续轧制工艺能否在我公司 2 号产线中试？请告知许可费用区间。' });
    expect(res.statusCode, res.body).toBe(201);
    const opened = res.json();
    expect(opened.created).toBe(true);
    expect(opened.conversation).toMatchObject({
      record: { type: 'achievement', id: s.achievementId, title: achievementBody().title },
      ownerOrganization: { id: s.org.id },
      asker: { id: s.buyer.id, name: '张建国' },
      askerOrganization: { id: s.firm.id },
      mySide: 'asker',
      lastSide: 'asker',
      canReply: true,
    });
    expect(opened.conversation.messages).toHaveLength(1);
    const id = opened.conversation.id as string;

    // The university is told, linked to the thread.
    const told = await notes(eq(notifications.organizationId, s.org.id));
    expect(told.some((n) => n.kind === 'conversation.message' && n.link === `/messages/${id}` && n.title.includes(s.firm.name))).toBe(true);

    // The university sees it awaiting its answer, unread.
    const inbox = await t.api('GET', '/api/conversations?side=owner', { token: s.owner.token });
    expect(inbox.json().items).toEqual([expect.objectContaining({ id, mySide: 'owner', lastSide: 'asker', unread: true, canReply: true })]);

    // A plain member reads but does not speak for the university.
    const member = await t.api('GET', `/api/conversations/${id}`, { token: s.researcher.token });
    expect(member.statusCode).toBe(200);
    expect(member.json().canReply).toBe(false);
    const refused = await t.api('POST', `/api/conversations/${id}/messages`, { token: s.researcher.token, body: { message: '我来回答一下' } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toBe('只有单位负责人可以代表单位答复洽谈');

    const answer = await t.api('POST', `/api/conversations/${id}/messages`, { token: s.owner.token, body: { message: '可以中试，许可费 30–50 万元，欢迎来校面谈。' } });
    expect(answer.statusCode, answer.body).toBe(201);
    expect(answer.json()).toMatchObject({ lastSide: 'owner', mySide: 'owner' });

    const toBuyer = await notes(eq(notifications.userId, s.buyer.id));
    expect(toBuyer.some((n) => n.kind === 'conversation.answer' && n.link === `/messages/${id}`)).toBe(true);

    const mine = await t.api('GET', '/api/conversations?side=asker', { token: s.buyer.token });
    expect(mine.json().items[0]).toMatchObject({ id, unread: true, lastSide: 'owner' });
    const thread = await t.api('GET', `/api/conversations/${id}`, { token: s.buyer.token });
    expect(thread.json().messages.map((m: { side: string; body: string; mine: boolean }) => [m.side, m.mine])).toEqual([
      ['asker', true],
      ['owner', false],
    ]);
    expect(thread.json().messages[1].body).toContain('许可费 30–50 万元');
    // Opening it read it.
    expect((await t.api('GET', '/api/conversations?side=asker', { token: s.buyer.token })).json().items[0].unread).toBe(false);

    // Asking again about the same record continues the thread.
    const again = await ask(s.buyer.token, { recordType: 'achievement', recordId: s.achievementId, message: '好的，下周二来访可以吗？' });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toMatchObject({ created: false, conversation: { id } });
    expect(again.json().conversation.messages).toHaveLength(3);

    // Each step is in the audit trail, without the words of the negotiation.
    const trail = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityType, 'conversation'), eq(auditEvents.entityId, id)));
    expect(trail.map((e) => e.action).sort()).toEqual(['conversation.answer', 'conversation.message', 'conversation.open']);
    expect(JSON.stringify(trail.map((e) => e.after))).not.toContain('许可费');
  });

  it('nobody outside the thread reads or writes it, administrators included', async () => {
    const s = await scene();
    const id = (await ask(s.buyer.token, { recordType: 'achievement', recordId: s.achievementId, message: '请问是否支持先使用后付费？' })).json().conversation.id;
    const stranger = await t.factories.user();
    for (const who of [stranger, s.admin]) {
      expect((await t.api('GET', `/api/conversations/${id}`, { token: who.token })).statusCode).toBe(404);
      expect((await t.api('POST', `/api/conversations/${id}/messages`, { token: who.token, body: { message: '插一句话' } })).statusCode).toBe(404);
      expect((await t.api('GET', '/api/conversations', { token: who.token })).json().items).toEqual([]);
    }
    expect((await t.api('GET', `/api/conversations/${id}`)).statusCode).toBe(401);
  });

  it('no 洽谈 on a record the asker cannot see, on one not published, or with one’s own organisation', async () => {
    const s = await scene({ confidentiality: 'secret' });
    const secret = await ask(s.buyer.token, { recordType: 'achievement', recordId: s.achievementId, message: '想了解这项成果' });
    expect(secret.statusCode).toBe(404);

    const draft = await t.api('POST', '/api/achievements', { token: s.owner.token, body: achievementBody({ title: '未发布的成果' }) });
    const hidden = await ask(s.buyer.token, { recordType: 'achievement', recordId: draft.json().id, message: '想了解这项成果' });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().detail).toBe('科技成果不存在或您无权查看。');

    const own = await scene();
    const self = await ask(own.researcher.token, { recordType: 'achievement', recordId: own.achievementId, message: '自己和自己洽谈' });
    expect(self.statusCode).toBe(409);
    expect(self.json().detail).toBe('这是您所在单位自己的记录，无需洽谈');

    const other = await ask(own.buyer.token, { recordType: 'achievement', recordId: own.achievementId, organizationId: s.firm.id, message: '冒用他人单位名义' });
    expect(other.statusCode).toBe(400);
    expect(other.json().errors).toEqual([{ path: 'organizationId', message: '您不是该单位的成员，不能以其名义洽谈' }]);

    const empty = await ask(own.buyer.token, { recordType: 'achievement', recordId: own.achievementId, message: ' ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors[0]).toMatchObject({ path: 'message' });
    // Nothing was stored by the refusals.
    expect((await t.api('GET', '/api/conversations', { token: own.buyer.token })).json().total).toBe(0);
  });

  it('a demand can be negotiated too: a university asks the firm that posted it', async () => {
    const s = await scene();
    const created = await t.api('POST', '/api/demands', {
      token: s.buyer.token,
      body: { title: '液压阀体铸件气孔缺陷在线检测', description: '需要一套基于机器视觉的在线检测方案，检出率不低于 99%。', keywords: ['机器视觉'], industry: 'C', industryTags: [], budgetMin: 20_000_000, budgetMax: 50_000_000, deadline: '2099-12-31', cooperationModes: ['licence'], confidentiality: 'public' },
    });
    const demandId = created.json().id;
    await t.api('POST', `/api/demands/${demandId}/submit`, { token: s.buyer.token });
    await t.api('POST', `/api/demands/${demandId}/review`, { token: s.admin.token, body: { decision: 'approve' } });
    const res = await ask(s.owner.token, { recordType: 'demand', recordId: demandId, organizationId: s.org.id, message: '我校视觉检测团队有成熟方案，可上门演示。' });
    expect(res.statusCode, res.body).toBe(201);
    expect((await t.api('GET', '/api/conversations?side=owner', { token: s.buyer.token })).json().items[0]).toMatchObject({ record: { type: 'demand', id: demandId }, askerOrganization: { id: s.org.id } });
  });

  it(`one person writes at most ${CONVERSATION_RATE.max} messages in ${CONVERSATION_RATE.minutes} minutes; the next is refused and nothing stored`, async () => {
    const s = await scene();
    const id = (await ask(s.buyer.token, { recordType: 'achievement', recordId: s.achievementId, message: '第 1 条留言' })).json().conversation.id;
    for (let i = 2; i <= CONVERSATION_RATE.max; i++) {
      expect((await t.api('POST', `/api/conversations/${id}/messages`, { token: s.buyer.token, body: { message: `第 ${i} 条留言` } })).statusCode).toBe(201);
    }
    const over = await t.api('POST', `/api/conversations/${id}/messages`, { token: s.buyer.token, body: { message: '再发一条' } });
    expect(over.statusCode).toBe(429);
    expect(over.json().detail).toBe(`留言过于频繁：每 ${CONVERSATION_RATE.minutes} 分钟最多 ${CONVERSATION_RATE.max} 条，请稍后再试`);
    expect((await t.api('GET', `/api/conversations/${id}`, { token: s.buyer.token })).json().messages).toHaveLength(CONVERSATION_RATE.max);
    // The other side is not held up by the asker's flood.
    expect((await t.api('POST', `/api/conversations/${id}/messages`, { token: s.owner.token, body: { message: '已收到，请勿重复留言。' } })).statusCode).toBe(201);
  });
});
