import { describe, expect, it } from 'vitest';
import { deliverEvents } from '../test/registration.ts';
import { shanghaiToday } from '@kzt/shared';
import { useTestApp } from '../test/testApp.ts';
import { sql } from 'drizzle-orm';
import { queryRows } from './db/client.ts';
import { platformRunner } from './runner.ts';

// The demo data, seeded once as `npm start` seeds it, as each role meets it on first login.
// (One file: seeding the demo takes a good part of a minute; the contract history's part
// delivers the queued events, so it comes last.)
const t = useTestApp({ seed: 'demo' });
const login = async (email: string) => (await t.api('POST', '/api/auth/login', { body: { login: email, password: 'Demo@2026' } })).json().token as string;

// ---- seedProfiles
// The demo as `npm start` seeds it: every demo role of issue 12 has work on first login.


describe('the demo broker and expert', () => {
  it('are approved by their jurisdictions and find work waiting; a pending broker fills 晋中’s queue', async () => {
    const broker = (await t.api('GET', '/api/me/broker-workbench', { token: await login('broker@kzt.demo') })).json();
    expect(broker.profile).toMatchObject({ status: 'approved', jurisdiction: { code: '610000' } });
    expect(broker.deals).toHaveLength(1);
    expect(broker.deals[0]).toMatchObject({ status: 'active', client: { name: '秦岭大学' }, commission: { rateBp: 300, amountFen: null } });
    expect(broker.deals[0].followUps).toHaveLength(1);

    const expert = (await t.api('GET', '/api/me/expert-workbench', { token: await login('expert@kzt.demo') })).json();
    expect(expert.profile).toMatchObject({ status: 'approved', jurisdiction: { code: '140000' } });
    expect(expert.due).toHaveLength(1);
    expect(expert.due[0].allowedActions).toContain('submit');

    const queue = (await t.api('GET', '/api/profiles/reviews?status=pending', { token: await login('jinzhong.admin@kzt.demo') })).json();
    expect(queue.items.map((p: { user: { login: string } }) => p.user.login)).toEqual(['broker2@kzt.demo']);
    // 陕西's administrator has no pending profile of 晋中 to decide.
    expect((await t.api('GET', '/api/profiles/reviews?status=pending', { token: await login('shaanxi.admin@kzt.demo') })).json().items).toEqual([]);
  });
});

describe('the demo organisation awaiting verification', () => {
  it('has sent its business licence, which 晋中’s administrator opens and then approves the organisation', async () => {
    const owner = await login('pending@newco.demo');
    const me = (await t.api('GET', '/api/me', { token: owner })).json();
    const orgId = me.organizations.find((o: { name: string; status: string }) => o.name === '晋中新材料科技有限公司' && o.status === 'pending').id as string;
    const admin = await login('jinzhong.admin@kzt.demo');
    const licence = await t.api('GET', `/api/organizations/${orgId}/licence`, { token: admin });
    expect(licence.statusCode, licence.body).toBe(200);
    const file = await t.api('GET', `/api/organizations/${orgId}/licence/content`, { token: admin });
    expect(file.statusCode).toBe(200);
    expect(file.body.startsWith('%PDF-')).toBe(true);
    const approved = await t.api('POST', `/api/organizations/${orgId}/verify`, { token: admin, body: { decision: 'approve' } });
    expect(approved.statusCode, approved.body).toBe(200);
  });
});

// ---- seedEngage
// The demo data as `npm start` seeds it: every demo role finds something to do on first login.


describe('first login in the demo', () => {
  it('each regional administrator has an achievement or a demand waiting for review', async () => {
    for (const email of ['shanxi.admin@kzt.demo', 'jinzhong.admin@kzt.demo', 'shaanxi.admin@kzt.demo', 'shenyang.admin@kzt.demo', 'weihai.admin@kzt.demo']) {
      const token = await login(email);
      const waiting = (await t.api('GET', `/api/achievements?scope=review&status=submitted`, { token })).json().total + (await t.api('GET', `/api/demands?scope=review&status=submitted`, { token })).json().total;
      expect(waiting, email).toBeGreaterThan(0);
    }
  });

  it('universities have a firm’s 洽谈 awaiting their answer; firms have answers to read and saved items, one withdrawn', async () => {
    for (const email of ['tto@tyut.demo', 'tto@qinling.demo']) {
      const inbox = (await t.api('GET', '/api/conversations?side=owner', { token: await login(email) })).json().items;
      expect(inbox.some((c: { lastSide: string; unread: boolean }) => c.lastSide === 'asker' && c.unread), email).toBe(true);
    }
    for (const email of ['weihai.sme@whbio.demo', 'tto@lhkj.demo']) {
      const mine = (await t.api('GET', '/api/conversations?side=asker', { token: await login(email) })).json().items;
      expect(mine.some((c: { lastSide: string; unread: boolean }) => c.lastSide === 'owner' && c.unread), email).toBe(true);
    }
    const sme = await login('sme@jzsme.demo');
    const saved = (await t.api('GET', '/api/favourites', { token: sme })).json().items as { recordType: string; status: string | null; available: boolean }[];
    expect(saved.map((f) => f.recordType).sort()).toEqual(['achievement', 'achievement', 'listing']);
    expect(saved.filter((f) => !f.available).map((f) => f.status)).toEqual(['withdrawn']);
  });

  it('the catalogue has only technologies, some of enterprises and the institute, and demands of firms in the five regions', async () => {
    const achievements = (await t.api('GET', '/api/achievements?pageSize=1')).json();
    expect(achievements.total).toBeGreaterThan(2500);
    const demands = (await t.api('GET', '/api/demands?pageSize=100')).json();
    expect(demands.total).toBeGreaterThan(200);
    const firms = new Set(demands.items.map((d: { organization: { name: string } }) => d.organization.name));
    expect(firms.size).toBeGreaterThanOrEqual(4);
  });
});

// ---- seedTrading
// The demo data, trading floor included, seeded as `npm start` seeds it.

describe('the demo trading floor', () => {
  it('has a live auction with bids, open fixed and negotiated listings, sold and failed auctions, premiums, and records that verify', async () => {
    const open = (await t.api('GET', '/api/listings?status=open&pageSize=50')).json().items as { id: string; kind: string; phase: string; bidCount: number }[];
    expect(open.find((l) => l.kind === 'auction' && l.phase === 'bidding' && l.bidCount === 3)).toBeTruthy();
    expect(open.some((l) => l.kind === 'auction' && l.phase === 'upcoming')).toBe(true);
    expect(open.filter((l) => l.kind === 'fixed')).toHaveLength(2);
    expect(open.find((l) => l.kind === 'negotiated')?.phase).toBe('notice');
    expect((await t.api('GET', '/api/listings?status=sold&kind=auction')).json().total).toBe(4);
    expect((await t.api('GET', '/api/listings?status=failed')).json().total).toBe(1);
    const premiums = (await t.api('GET', '/api/trading/premiums')).json().items;
    expect(premiums.length).toBeGreaterThan(0);
    expect(premiums.every((p: { averagePremiumBp: number }) => p.averagePremiumBp > 0)).toBe(true);
    for (const l of open) expect((await t.api('GET', `/api/listings/${l.id}/record`)).json().verified.ok).toBe(true);
    // 先使用后付费 in performance: staged payments, royalties to come as the licensee reports revenue.
    const login = (await t.api('POST', '/api/auth/login', { body: { login: 'sme@jzsme.demo', password: 'Demo@2026' } })).json();
    const deals = (await t.api('GET', '/api/deals?status=signed', { token: login.token })).json().items;
    const licence = deals.find((d: { transaction: string }) => d.transaction === 'use_first_pay_later');
    const detail = (await t.api('GET', `/api/deals/${licence.id}`, { token: login.token })).json();
    expect(detail.payments.map((p: { kind: string }) => p.kind)).toEqual(['instalment', 'instalment']);
    // The live auction: registrations confirmed and one awaiting the seller; nothing signed before its deal.
    const live = open.find((l) => l.kind === 'auction' && l.phase === 'bidding')!;
    const seller = (await t.api('POST', '/api/auth/login', { body: { login: 'tto@tyut.demo', password: 'Demo@2026' } })).json();
    const regs = (await t.api('GET', `/api/listings/${live.id}/registrations`, { token: seller.token })).json().items;
    expect(regs.map((r: { status: string }) => r.status)).toEqual(['confirmed', 'confirmed', 'submitted']);
    expect((await t.api('GET', `/api/listings/${live.id}/registrations`, { token: login.token })).json().allowedActions).toEqual(['register']);
    for (const d of deals) {
      const full = (await t.api('GET', `/api/deals/${d.id}`, { token: login.token })).json();
      const listing = (await t.api('GET', `/api/listings/${full.listing.id}`)).json();
      expect(full.signedOn >= listing.closedAt.slice(0, 10) || full.signedOn >= new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(listing.closedAt))).toBe(true);
    }
    // Made at real times: the live auction's bids happened after it opened and before now; every closed auction closed at or after its scheduled end, and before now.
    const bids = (await t.api('GET', `/api/listings/${live.id}/bids`)).json().items as { at: string }[];
    const liveDetail = (await t.api('GET', `/api/listings/${live.id}`)).json();
    for (const b of bids) expect(Date.parse(liveDetail.auction.startsAt) <= Date.parse(b.at) && Date.parse(b.at) < Date.now()).toBe(true);
    const closed = (await t.api('GET', '/api/listings?kind=auction&pageSize=50')).json().items.filter((l: { status: string }) => l.status !== 'open') as { id: string }[];
    expect(closed.length).toBe(5);
    for (const c of closed) {
      const l = (await t.api('GET', `/api/listings/${c.id}`)).json();
      expect(Date.parse(l.closedAt)).toBeGreaterThanOrEqual(Date.parse(l.auction.scheduledEndsAt));
      expect(Date.parse(l.closedAt)).toBeLessThan(Date.now());
      const record = (await t.api('GET', `/api/listings/${c.id}/record`)).json();
      const times = record.events.map((e: { at: string }) => Date.parse(e.at));
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
    // The administrator of 晋中 has a listing to review, its price flagged against comparable deals.
    const admin = (await t.api('POST', '/api/auth/login', { body: { login: 'jinzhong.admin@kzt.demo', password: 'Demo@2026' } })).json();
    const queue = (await t.api('GET', '/api/listings?scope=review', { token: admin.token })).json().items;
    expect(queue).toHaveLength(1);
  });
});

// ---- seedChallenges
// The demo data, challenges included, seeded as `npm start` seeds it.

describe('the demo challenge board', () => {
  it('shows challenges open for bids in the five regions, one awarded in 威海 with a milestone accepted, and one awaiting review in 晋中', async () => {
    const board = (await t.api('GET', '/api/challenges?pageSize=50')).json().items as { id: string; jurisdiction: { code: string }; status: string; biddingOpen: boolean; scheme: string }[];
    expect(new Set(board.filter((c) => c.biddingOpen).map((c) => c.jurisdiction.code))).toEqual(new Set(['140700', '140000', '610000', '210100']));
    const weihai = board.find((c) => c.jurisdiction.code === '371000')!;
    expect(weihai).toMatchObject({ status: 'awarded', scheme: 'two_way' });
    const detail = (await t.api('GET', `/api/challenges/${weihai.id}`)).json();
    expect(detail.winners).toHaveLength(1);
    const login = (await t.api('POST', '/api/auth/login', { body: { login: 'tto@whhy.demo', password: 'Demo@2026' } })).json();
    const team = (await t.api('GET', `/api/challenges/${weihai.id}`, { token: login.token })).json();
    expect(team.milestones.map((m: { status: string }) => m.status)).toEqual(['accepted', 'pending', 'pending']);
    const admin = (await t.api('POST', '/api/auth/login', { body: { login: 'jinzhong.admin@kzt.demo', password: 'Demo@2026' } })).json();
    expect((await t.api('GET', '/api/challenges?scope=review&status=pending_review', { token: admin.token })).json().total).toBe(1);
    // A closed one waits for the expert's scores.
    const closed = board.find((c) => c.jurisdiction.code === '140700' && c.status === 'published' && !c.biddingOpen)!;
    const expert = (await t.api('POST', '/api/auth/login', { body: { login: 'expert@kzt.demo', password: 'Demo@2026' } })).json();
    const scoring = (await t.api('GET', `/api/challenges/${closed.id}`, { token: expert.token })).json();
    expect(scoring.allowedActions).toContain('score');
    expect(scoring.bids.map((b: { allowedActions: string[] }) => b.allowedActions)).toEqual([['score'], ['score']]);
    // On first login 晋中's administrator sets a panel on the open 揭榜挂帅 challenge: 黄立群 must step aside, and the picker says why.
    const open = board.find((c) => c.jurisdiction.code === '140700' && c.biddingOpen)!;
    const pool = (await t.api('GET', `/api/challenges/${open.id}/panel/candidates`, { token: admin.token })).json().items as { name: string; reasons: { text: string; basis: string }[] }[];
    expect(pool.find((e) => e.name.startsWith('黄立群'))!.reasons).toEqual([{ basis: 'identity', text: expect.stringMatching(/^回避：该专家近三年与揭榜单位「太行理工大学」有合作（共同完成成果「高压柱塞泵配流副表面复合强化技术」，\d{4} 年）$/) }]);
    expect(pool.filter((e) => e.reasons.length === 0).map((e) => e.name).sort()).toEqual(['孟凡（评审专家）', '罗文（评审专家）', '陈志远（评审专家）'].sort());
  });
});

// ---- seedCatalogue's pushes
// The demo's publications went through the push module's match.push job (run here as the server's job runner runs it after start).

describe('the demo’s pushed matches', () => {
  // Runs the demo's few hundred match.push jobs (some 20 s after a start; more on a busy machine), so the contract history's delivery after it is quick.
  it('reach the firms as notifications and 推送给我的匹配, and count in every region’s 匹配推送 — the same pushes everywhere', { timeout: 300_000 }, async () => {
    // The pushes' jobs, the statistics' delivery of the events they published, and what those start in turn: until nothing is left to run.
    const runner = platformRunner(t.database.db, { error: () => {} }, t.app.deps);
    while (await runner.runDue(new Date(Date.now() + 5000)));
    const sme = await login('sme@jzsme.demo');
    const pushes = (await t.api('GET', '/api/pushes?pageSize=100', { token: sme })).json();
    expect(pushes.total).toBeGreaterThan(0);
    expect(pushes.items[0]).toMatchObject({ source: { type: 'demand' }, record: { type: 'achievement' } });
    const notices: { kind: string; link: string | null }[] = [];
    for (let page = 1; ; page++) {
      const res = (await t.api('GET', `/api/notifications?pageSize=100&page=${page}`, { token: sme })).json();
      notices.push(...res.items);
      if (res.items.length < 100) break;
    }
    const matchNotices = notices.filter((n) => n.kind === 'match');
    // Every push is told: by a notice of its own (linking to the record found) or, when the firm's own new demand found
    // several at once, by one notice for them all (linking to that demand's matches) — never one notice per match.
    expect(pushes.total).toBeLessThanOrEqual(100);
    const links = new Set(matchNotices.map((n) => n.link));
    const sourceLink = (p: { source: { type: string; id: string } }) => `/${p.source.type}s/${p.source.id}`;
    for (const p of pushes.items as { source: { type: string; id: string }; record: { link: string } }[]) expect(links.has(p.record.link) || links.has(sourceLink(p)), p.record.link).toBe(true);
    expect(matchNotices.length).toBeGreaterThan(0);
    expect(matchNotices.length).toBeLessThanOrEqual(pushes.total);
    expect(matchNotices.every((n) => (pushes.items as { source: { type: string; id: string }; record: { link: string } }[]).some((p) => n.link === p.record.link || n.link === sourceLink(p)))).toBe(true);

    // 晋中's administrator and the public wall screen see them in 匹配推送; the five provinces count every push once.
    const jinzhong = (await t.api('GET', '/api/stats?jurisdiction=140700', { token: await login('jinzhong.admin@kzt.demo') })).json();
    expect(jinzhong.figures.matches.pushed).toBeGreaterThan(0);
    expect((await t.api('GET', '/api/stats/public?jurisdiction=140700')).json().figures.matches.pushed).toBe(jinzhong.figures.matches.pushed);
    const admin = await login('admin@kzt.demo');
    let counted = 0;
    for (const code of ['140000', '210000', '370000', '610000']) counted += (await t.api('GET', `/api/stats?jurisdiction=${code}`, { token: admin })).json().figures.matches.pushed;
    const n = (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from match_pushes`))[0]!.n;
    expect(n).toBeGreaterThan(0);
    expect(counted).toBe(n);

    // 匹配回应: demo firms of 山西 answered some of the matches pushed for their demands, through the feedback service; the statistics count them.
    const shanxi = (await t.api('GET', '/api/stats?jurisdiction=140000', { token: await login('shanxi.admin@kzt.demo') })).json();
    expect(shanxi.figures.matches.answered).toBeGreaterThan(0);
    const answers = (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from match_feedback`))[0]!.n;
    expect(answers).toBeGreaterThanOrEqual(shanxi.figures.matches.answered);
  });
});

// ---- seedContracts
// The demo data as `npm start` seeds it: a year of registered contracts behind the officials' pages.

describe('the demo contract history', () => {
  it('gives each region’s officials a year of registered contracts by month, flows out of and into the region, and subsidies that follow from them', async () => {
    await deliverEvents(t);
    const today = shanghaiToday();
    const from = `${Number(today.slice(0, 4)) - 1}-01-01`;
    const shanxi = await login('shanxi.admin@kzt.demo');
    const stats = await t.api('GET', `/api/stats?jurisdiction=140000&from=${from}&to=${today}&by=month`, { token: shanxi });
    expect(stats.statusCode, stats.body).toBe(200);
    const body = stats.json();
    expect(body.figures.contracts.count).toBeGreaterThanOrEqual(8);
    // Registered month after month, not all on the day the demo was seeded.
    const months = (body.series as { figures: { contracts: { count: number } } }[]).filter((s) => s.figures.contracts.count > 0);
    expect(months.length).toBeGreaterThanOrEqual(6);
    // Some went out of 山西 and some stayed.
    expect(body.figures.output.count).toBeGreaterThan(0);
    expect(body.figures.localAbsorbed.count).toBeGreaterThan(0);

    // Registered on their own dates, each at the point of the seller's region, with numbers of their own years.
    const list = (await t.api('GET', '/api/contracts?scope=jurisdiction&status=registered&pageSize=100', { token: shanxi })).json();
    const numbers = (list.items as { registrationNumber: string }[]).map((c) => c.registrationNumber);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(new Set(numbers.map((x) => x.slice(0, 4))).size).toBeGreaterThanOrEqual(2);

    // 晋中 000-13: 晋中农林大学's contracts used in 晋中 wait for it to apply; 威海 004-4: payments bring the buyer's and seller's shares.
    const jzny = (await t.api('GET', '/api/entitlements?pageSize=100', { token: await login('tto@jzny.demo') })).json();
    expect(jzny.total).toBeGreaterThan(0);
    const weihai = (await t.api('GET', '/api/entitlements?pageSize=100', { token: await login('weihai.admin@kzt.demo') })).json();
    expect((weihai.items as { rule: { id: string } | string }[]).length).toBeGreaterThan(0);
  });
});
