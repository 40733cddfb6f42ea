import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { useTestApp } from '../../../test/testApp.ts';
import { unique, type TestUser } from '../../../test/factories.ts';
import { achievementBody, demandBody, publishedAchievement, university } from '../../../test/catalogueFixtures.ts';
import { platformRunner } from '../../runner.ts';
import { sweepCatalogue } from '../freshness/freshness.service.ts';
import { formatFen } from '@kzt/shared';
import { reasonText } from '../matching/matching.presenter.ts';
import { uniqueCreditCode } from '../../../test/factories.ts';
import { notify } from './notifications.service.ts';
import { messagesTo } from '../push/push.service.ts';

/** Issue 12, "Notices that matter": review notices, digests, the local two-year rule, who reviews. */
const t = useTestApp();
const quiet = { error: () => {} };
const deliver = () => platformRunner(t.database.db, quiet, t.app.deps).runDue(new Date(Date.now() + 5000));
const MONTH = 30 * 86400_000;

type Note = { kind: string; category: string; title: string; body: string; link: string | null; read: boolean };
const inbox = async (u: TestUser, lang?: 'en') =>
  (await t.api('GET', '/api/notifications?pageSize=100', { token: u.token, ...(lang ? { headers: { 'accept-language': 'en' } } : {}) })).json() as {
    items: Note[];
    unread: number;
    unreadAction: number;
    unreadNews: number;
  };

async function submitted(owner: TestUser, kind: 'achievements' | 'demands', title: string) {
  const body = kind === 'achievements' ? achievementBody({ title }) : demandBody({ title });
  const id = (await t.api('POST', `/api/${kind}`, { token: owner.token, body })).json().id as string;
  expect((await t.api('POST', `/api/${kind}/${id}/submit`, { token: owner.token })).statusCode).toBe(200);
  return id;
}

async function age(table: 'achievements' | 'demands', id: string, monthsConfirmed: number, monthsPublished = monthsConfirmed) {
  const confirmed = new Date(Date.now() - monthsConfirmed * MONTH).toISOString();
  const published = new Date(Date.now() - monthsPublished * MONTH).toISOString();
  await t.database.db.execute(sql`update ${sql.identifier(table)} set confirmed_at = ${confirmed}::timestamptz, published_at = ${published}::timestamptz where id = ${id}`);
}

describe('the owner is told of the review of an achievement or a demand', () => {
  it('approved: a news notice linking to the record; returned: a to-do notice with the reason, in English too', async () => {
    const { owner, admin } = await university(t);
    const tag = unique();
    const ok = await submitted(owner, 'achievements', `风电叶片无损检测${tag}`);
    const back = await submitted(owner, 'demands', `铸件气孔检测需求${tag}`);
    expect((await t.api('POST', `/api/achievements/${ok}/review`, { token: admin.token, body: { decision: 'approve' } })).statusCode).toBe(200);
    expect((await t.api('POST', `/api/demands/${back}/review`, { token: admin.token, body: { decision: 'return', reason: '预算区间过宽，请写明上下限依据' } })).statusCode).toBe(200);
    await deliver();
    await deliver();

    const notes = await inbox(owner);
    const approved = notes.items.filter((n) => n.link === `/achievements/${ok}`);
    expect(approved).toHaveLength(1);
    expect(approved[0]).toMatchObject({ kind: 'achievement.published', category: 'news', read: false });
    expect(approved[0]!.title).toContain(`风电叶片无损检测${tag}`);
    expect(approved[0]!.title).toContain('已通过审核');
    const returned = notes.items.filter((n) => n.link === `/demands/${back}`);
    expect(returned).toHaveLength(1);
    expect(returned[0]).toMatchObject({ kind: 'demand.returned', category: 'action' });
    expect(returned[0]!.body).toContain('预算区间过宽，请写明上下限依据');
    expect(returned[0]!.body).toContain('晋中市');
    expect(notes.unreadAction).toBeGreaterThanOrEqual(1);
    expect(notes.unreadNews).toBeGreaterThanOrEqual(1);
    expect(notes.unread).toBe(notes.unreadAction + notes.unreadNews);

    const en = (await inbox(owner, 'en')).items.find((n) => n.link === `/demands/${back}`)!;
    expect(en.title).toMatch(/was returned/);
    expect(en.body).toContain('Reason: 预算区间过宽');

    // And by e-mail to the organisation's members.
    const mails = await messagesTo(t.database.db, owner.email);
    const returnedMail = mails.filter((m) => m.kind === 'demand.reviewed' && m.subject.includes(`铸件气孔检测需求${tag}`));
    expect(returnedMail).toHaveLength(1);
    expect(returnedMail[0]!.body).toContain('退回原因：预算区间过宽，请写明上下限依据');
    expect(mails.filter((m) => m.kind === 'achievement.reviewed' && m.subject.includes('已通过审核'))).toHaveLength(1);

    // Delivered twice, told once; someone outside the organisation is not told.
    await deliver();
    expect((await messagesTo(t.database.db, owner.email)).filter((m) => m.kind === 'demand.reviewed')).toHaveLength(1);
    expect((await inbox(owner)).items.filter((n) => n.link === `/achievements/${ok}`)).toHaveLength(1);
    const stranger = await t.factories.user();
    expect((await inbox(stranger)).items).toHaveLength(0);
  });

  it('the bell counts can be read per category', async () => {
    const { owner, admin } = await university(t);
    const id = await submitted(owner, 'achievements', `分类测试${unique()}`);
    await t.api('POST', `/api/achievements/${id}/review`, { token: admin.token, body: { decision: 'return', reason: '缺少知识产权说明' } });
    await deliver();
    const actions = (await t.api('GET', '/api/notifications?category=action', { token: owner.token })).json();
    expect(actions.items.map((n: Note) => n.category)).toEqual(['action']);
    expect((await t.api('GET', '/api/notifications?category=other', { token: owner.token })).statusCode).toBe(400);
  });
});

describe('reminders come as one digest per owner and sweep', () => {
  it('five stale records of one organisation make one notice naming them, not five', async () => {
    const { owner, admin } = await university(t);
    const tag = unique();
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push(await publishedAchievement(t, owner, admin, { title: `长期未更新成果${i}号${tag}` }));
    for (const id of ids) await age('achievements', id, 13);
    const demand = await submitted(owner, 'demands', `长期未更新需求${tag}`);
    await t.api('POST', `/api/demands/${demand}/review`, { token: admin.token, body: { decision: 'approve' } });
    await age('demands', demand, 13);
    const before = (await inbox(owner)).items.length;

    await sweepCatalogue(t.database.db);
    await sweepCatalogue(t.database.db);

    const notes = await inbox(owner);
    expect(notes.items.length).toBe(before + 1);
    const digest = notes.items.find((n) => n.kind === 'catalogue.digest')!;
    expect(digest.category).toBe('action');
    expect(digest.title).toContain('4 项成果长期未更新');
    expect(digest.title).toContain('1 项需求长期未更新');
    for (let i = 0; i < 4; i++) expect(digest.body).toContain(`长期未更新成果${i}号${tag}`);
    expect(digest.body).toContain(`长期未更新需求${tag}`);
    expect(digest.link).toBe('/me/achievements?flag=stale');
    const en = (await inbox(owner, 'en')).items.find((n) => n.kind === 'catalogue.digest')!;
    expect(en.title).toContain('4 achievement(s) not confirmed');
  });
});

describe('the unconverted-achievement rule is a jurisdiction’s own', () => {
  it('flags only where a jurisdiction has the rule (陕西), names only the record’s own jurisdiction, and a platform administrator can set it elsewhere', async () => {
    // An achievement in 晋中 (山西) and one in 陕西, both published 25 months ago without conversion.
    const { owner: jzOwner, admin: jzAdmin } = await university(t);
    const jz = await publishedAchievement(t, jzOwner, jzAdmin, { title: `晋中成果${unique()}` });
    const sxOwner = await t.factories.user();
    await t.factories.organization(sxOwner, { type: 'university', jurisdictionCode: '610000' });
    const sxAdmin = await t.factories.admin('610000');
    const sx = await publishedAchievement(t, sxOwner, sxAdmin, { title: `陕西成果${unique()}` });
    await age('achievements', jz, 1, 25);
    await age('achievements', sx, 1, 25);

    await sweepCatalogue(t.database.db);
    expect((await t.api('GET', `/api/achievements/${jz}`, { token: jzOwner.token })).json().unconvertedFlaggedAt).toBeNull();
    expect((await t.api('GET', `/api/achievements/${sx}`, { token: sxOwner.token })).json().unconvertedFlaggedAt).not.toBeNull();
    expect((await inbox(jzOwner)).items.filter((n) => n.kind === 'catalogue.digest')).toHaveLength(0);
    const sxDigest = (await inbox(sxOwner)).items.find((n) => n.kind === 'catalogue.digest')!;
    expect(sxDigest.body).toContain('按照陕西省的规定');

    // The tree shows the rule where it is set.
    const tree = (await t.api('GET', '/api/jurisdictions')).json().items as { code: string; unconvertedYears: number | null }[];
    expect(tree.find((j) => j.code === '610000')!.unconvertedYears).toBe(2);
    expect(tree.find((j) => j.code === '140000')!.unconvertedYears).toBeNull();

    // Only a platform administrator sets a rule; bad input is refused at the field and changes nothing.
    const shanxiAdmin = await t.factories.admin('140000');
    expect((await t.api('PUT', '/api/jurisdictions/140000/rules', { token: shanxiAdmin.token, body: { unconvertedYears: 3 } })).statusCode).toBe(403);
    const root = await t.factories.user({ platformAdmin: true });
    const bad = await t.api('PUT', '/api/jurisdictions/140000/rules', { token: root.token, body: { unconvertedYears: 0 } });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('unconvertedYears');
    expect((await t.api('PUT', '/api/jurisdictions/999900/rules', { token: root.token, body: { unconvertedYears: 2 } })).statusCode).toBe(404);
    const set = await t.api('PUT', '/api/jurisdictions/140000/rules', { token: root.token, body: { unconvertedYears: 2 } });
    expect(set.json()).toEqual({ code: '140000', name: '山西省', unconvertedYears: 2 });
    const audit = (await t.api('GET', '/api/audit?action=jurisdiction.rules.update&entityId=140000', { token: root.token })).json().items;
    expect(audit[0].before).toEqual({ unconvertedYears: null });

    // Now 晋中 (under 山西) follows 山西's rule, and its reminder names 山西, never 陕西.
    await sweepCatalogue(t.database.db);
    expect((await t.api('GET', `/api/achievements/${jz}`, { token: jzOwner.token })).json().unconvertedFlaggedAt).not.toBeNull();
    const jzDigest = (await inbox(jzOwner)).items.find((n) => n.kind === 'catalogue.digest')!;
    expect(jzDigest.body).toContain('按照山西省的规定');
    expect(jzDigest.body + jzDigest.title).not.toContain('陕西');
    await t.api('PUT', '/api/jurisdictions/140000/rules', { token: root.token, body: { unconvertedYears: null } });
  });
});

describe('the submitter sees who will review the record and why', () => {
  it('names the administration of the organisation’s jurisdiction on achievements and demands', async () => {
    const { owner } = await university(t);
    const a = await submitted(owner, 'achievements', `审核方测试${unique()}`);
    const d = await submitted(owner, 'demands', `审核方需求${unique()}`);
    for (const url of [`/api/achievements/${a}`, `/api/demands/${d}`]) {
      const r = (await t.api('GET', url, { token: owner.token })).json().reviewer;
      expect(r.jurisdictionCode).toBe('140700');
      expect(r.name).toBe('晋中市');
      expect(r.path.map((j: { name: string }) => j.name)).toEqual(['山西省', '晋中市']);
      expect(r.reason).toContain('注册地在晋中市');
      expect(r.reason).toContain('山西省');
      expect(r.reasonEn).toContain('registered in 晋中市 (140700)');
    }
  });
});

describe('English mode names units in English', () => {
  it('shows 万元 as 10k yuan and 元 as yuan, in amounts and in match reasons', () => {
    expect(formatFen(50_000_000, 'zh')).toBe('50 万元');
    expect(formatFen(50_000_000, 'en')).toBe('50 × 10k yuan');
    expect(formatFen(880_000, 'en')).toBe('8,800 yuan');
    expect(formatFen(null, 'en')).toBe('Negotiable');
    const budget = reasonText({ kind: 'budget', fit: 'good', values: { price: 30_000_000, budgetMin: 20_000_000, budgetMax: 50_000_000 } } as never, 'en');
    expect(budget).toBe('Expected price 30 × 10k yuan is within the budget (20 × 10k yuan–50 × 10k yuan)');
    expect(budget).not.toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('notices render in the reader’s language and count as to-do when they ask for something', () => {
  it('an organisation’s verification notice in English; a registration to check counts as to-do without the sender saying so', async () => {
    const u = await t.factories.user();
    const root = await t.factories.user({ platformAdmin: true });
    const org = (await t.api('POST', '/api/organizations', { token: u.token, body: { name: `英文通知测试企业${unique()}`, type: 'enterprise', creditCode: uniqueCreditCode(), jurisdictionCode: '140700' } })).json();
    expect((await t.api('POST', `/api/organizations/${org.id}/verify`, { token: root.token, body: { decision: 'reject', reason: '营业执照不清晰' } })).statusCode).toBe(200);
    const en = (await inbox(u, 'en')).items.find((n) => n.link === `/org/${org.id}`)!;
    expect(en.title).toBe(`The verification of “${org.name}” was refused`);
    expect(en.body).toBe('营业执照不清晰');
    const zh = (await inbox(u)).items.find((n) => n.link === `/org/${org.id}`)!;
    expect(zh.title).toContain('的单位认证未通过');

    await notify(t.database.db, { userId: u.id, kind: 'listing.registration', dedupeKey: `test:${unique()}`, title: '收到竞买报名', body: '' });
    const notes = await inbox(u);
    expect(notes.items.find((n) => n.kind === 'listing.registration')!.category).toBe('action');
    // A refusal asks the applicant to act (correct and apply again).
    expect(notes.items.find((n) => n.link === `/org/${org.id}`)!.category).toBe('action');
    expect(notes.items.find((n) => n.kind === 'listing.registration')!.title).toBe('收到竞买报名');
  });
});
