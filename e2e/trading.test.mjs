// 交易 through the UI. Seeded through the API: the demo university lists one of
// its published achievements as an auction that starts now and ends in 80
// seconds (late bids extend it by 40 s), the Shanxi
// administrator approves it, and the seller records the deposits of two
// enterprises. Two browsers, one per enterprise, then bid against each other
// on the live floor and each sees the other's bid, the price and the
// extension arrive without a reload. A fixed-price listing is made through
// the form, approved in the admin queue, bought by an enterprise, and its deal
// confirmed, signed and paid on the deal page. The price record shows its
// verification badge; the auction closes by itself and its winner has a deal.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, PHONE, launchBrowser, loginViaUi, newContext, screenshot, watchPage } from './helpers.mjs';
import { apiLogin } from './catalogue-data.mjs';

const SELLER = 'tto@tyut.demo';
// 太行理工大学 is registered in 山西省 (140000): the province's administrator reviews its listings
// (晋中市's administrator only sees 140700 and below).
const ADMIN = 'shanxi.admin@kzt.demo';
const BUYER_A = { login: 'sme@jzsme.demo', org: '晋中智造装备有限公司' };
const BUYER_B = { login: 'weihai.sme@whbio.demo', org: '威海海洋生物科技有限公司' };
const WAN = 1_000_000; // fen in 1 万元

let browser;
let seller;
let admin;
/** Two published public achievements of the university without any listing: one for the auction, one for the form. */
let achievements;
let auction;
let ctxA;
let ctxB;
let pageA;
let pageB;
const problems = [];

async function orgId(api, name) {
  const r = await api('GET', `/organizations?status=verified&q=${encodeURIComponent(name)}&pageSize=5`);
  const org = r.items.find((o) => o.name === name);
  assert.ok(org, `organisation ${name}`);
  return org.id;
}

async function unlistedAchievements(api, n) {
  const found = [];
  for (let page = 1; found.length < n && page <= 10; page++) {
    const r = await api('GET', `/achievements?scope=mine&status=published&sort=date&pageSize=50&page=${page}`);
    for (const a of r.items) {
      if (a.confidentiality !== 'public') continue;
      const l = await api('GET', `/listings?scope=mine&achievementId=${a.id}`);
      if (l.total === 0) found.push(a);
      if (found.length === n) break;
    }
    if (r.items.length < 50) break;
  }
  assert.equal(found.length, n, 'the university has published achievements without listings');
  return found;
}

/** The auction as the API sees it now, with how many seconds remain on the server's clock. */
async function auctionState(api, id) {
  const l = await api('GET', `/listings/${id}`);
  return { ...l, left: (Date.parse(l.auction.endsAt) - Date.parse(l.serverTime)) / 1000 };
}

const floor = (page) => page.locator('[data-testid="auction-floor"]');
const currentFen = async (page) => Number(await page.locator('[data-testid="current-price"]').getAttribute('data-fen'));

/** Waits until the page's floor shows `fen` as the current price (pushed by the live stream, never reloaded). */
async function seesPrice(page, fen, timeout = 30_000) {
  await page.locator(`[data-testid="current-price"][data-fen="${fen}"]`).waitFor({ timeout });
  await page.locator(`[data-testid="bid-row"][data-amount="${fen}"]`).waitFor({ timeout });
}

/** Bids through the bid box: a quick step (+1/+2/+5 increments over the minimum), the confirmation; waits for its own page to show `fen`. */
async function bid(page, steps, fen) {
  await page.locator(`[data-testid="bid-quick-${steps}"]`).click();
  await page.locator('[data-testid="bid-submit"]').click();
  await page.locator('[data-testid="bid-confirm"]').waitFor();
  assert.match(await page.locator('.ant-modal-confirm').innerText(), /出价不可撤回/);
  assert.match(await page.locator('[data-testid="bid-confirm"]').innerText(), new RegExp(`${fen / WAN} 万元`));
  await page.locator('[data-testid="bid-confirm-ok"]').click();
  await page.locator(`[data-testid="current-price"][data-fen="${fen}"]`).waitFor({ timeout: 20_000 });
}

before(async () => {
  browser = await launchBrowser();
  seller = await apiLogin(SELLER);
  admin = await apiLogin(ADMIN);
  achievements = await unlistedAchievements(seller, 2);
  const [orgA, orgB] = [await orgId(seller, BUYER_A.org), await orgId(seller, BUYER_B.org)];

  const now = Date.now();
  const created = await seller('POST', '/listings', {
    achievementId: achievements[0].id,
    kind: 'auction',
    transaction: 'transfer',
    description: '浏览器测试：两家企业在线竞价。',
    auction: {
      startPrice: 50 * WAN,
      reservePrice: null,
      increment: WAN,
      deposit: 5 * WAN,
      startsAt: new Date(now).toISOString(),
      endsAt: new Date(now + 80_000).toISOString(),
      extendSeconds: 40,
      maxExtensions: 5,
    },
  });
  assert.equal(created.status, 'pending_review');
  const approved = await admin('POST', `/listings/${created.id}/review`, { decision: 'approve' });
  assert.equal(approved.status, 'open');
  await seller('POST', `/listings/${created.id}/deposits`, { organizationId: orgA, amount: 5 * WAN, note: '银行转账，已到账' });
  await seller('POST', `/listings/${created.id}/deposits`, { organizationId: orgB, amount: 5 * WAN, note: '银行转账，已到账' });
  auction = created;
});

after(async () => {
  await browser?.close();
});

describe('trading', () => {
  test('two enterprises bid against each other on the live floor and see each other’s bids, the price and the extension', async () => {
    ctxA = await newContext(browser);
    ctxB = await newContext(browser);
    pageA = await ctxA.newPage();
    pageB = await ctxB.newPage();
    problems.push(watchPage(pageA), watchPage(pageB));
    await Promise.all([loginViaUi(pageA, BUYER_A.login), loginViaUi(pageB, BUYER_B.login)]);

    // The hall lists the auction with its countdown.
    await pageA.goto(`/listings?q=${encodeURIComponent(auction.title.slice(0, 12))}`);
    const card = pageA.locator(`[data-testid="listing-card"][data-id="${auction.id}"]`);
    await card.waitFor();
    assert.match(await card.innerText(), /竞价拍卖/);
    assert.match(await card.innerText(), /竞价中/);
    assert.match(await card.innerText(), /50 万元/);
    await card.locator('[data-testid="countdown"]').waitFor();
    await pageA.goto('/listings');
    await pageA.locator('[data-testid="listing-card"]').first().waitFor();
    await pageA.waitForTimeout(500);
    await screenshot(pageA, 'trading-01-hall');

    await Promise.all([pageA.goto(`/listings/${auction.id}`), pageB.goto(`/listings/${auction.id}`)]);
    for (const page of [pageA, pageB]) {
      await floor(page).waitFor();
      await page.locator('[data-testid="live-indicator"][data-live="true"]').waitFor({ timeout: 20_000 });
      await page.locator('[data-testid="bid-box"]').waitFor();
      assert.equal(await currentFen(page), 50 * WAN);
      assert.match(await page.locator('[data-testid="deposits-card"]').innerText(), /已缴纳/);
    }

    // A opens at the start price; B sees it arrive, then outbids; A sees that.
    await bid(pageA, 1, 50 * WAN);
    await pageA.locator('[data-testid="leading"]').waitFor();
    await seesPrice(pageB, 50 * WAN);
    assert.equal(await pageB.locator('[data-testid="leading"]').count(), 0);
    assert.match(await pageB.locator('[data-testid="bid-row"]').first().innerText(), /竞买人1/);

    await bid(pageB, 1, 51 * WAN);
    await pageB.locator('[data-testid="leading"]').waitFor();
    await seesPrice(pageA, 51 * WAN);
    await pageA.locator('[data-testid="leading"]').waitFor({ state: 'detached' });
    assert.match(await pageA.locator('[data-testid="bid-row"]').first().innerText(), /竞买人2/);

    await bid(pageA, 2, 53 * WAN);
    await seesPrice(pageB, 53 * WAN);
    assert.equal(Number(await pageB.locator('[data-testid="next-minimum"]').getAttribute('data-fen')), 54 * WAN);

    // A bid under the minimum (typed in 万元, like the prices beside the box) is refused before the irrevocable confirmation is offered.
    await pageB.locator('[data-testid="bid-amount"]').fill('52');
    assert.match(await pageB.locator('[data-testid="bid-amount-text"]').innerText(), /您的出价 52 万元（人民币伍拾贰万元整）/);
    await pageB.locator('[data-testid="bid-below-minimum"]').getByText(/低于当前最低出价 54 万元/).waitFor({ timeout: 20_000 });
    assert.equal(await pageB.locator('[data-testid="bid-submit"]').isDisabled(), true);
    assert.equal(await pageB.locator('[data-testid="bid-confirm"]').count(), 0);

    // In the last 40 seconds (this auction's setting) a bid moves the end 40 seconds later: both floors show it.
    let state = await auctionState(seller, auction.id);
    const extensionsBefore = state.auction.extensions;
    while (state.left > 32) {
      await pageB.waitForTimeout(Math.min(5000, (state.left - 30) * 1000));
      state = await auctionState(seller, auction.id);
    }
    const endBefore = Date.parse(state.auction.endsAt);
    await bid(pageB, 1, 54 * WAN);
    await seesPrice(pageA, 54 * WAN);
    for (const page of [pageA, pageB]) {
      await page.locator(`[data-testid="extensions"][data-n="${extensionsBefore + 1}"]`).waitFor({ timeout: 20_000 });
      assert.match(await page.locator('[data-testid="extensions"]').innerText(), new RegExp(`已延时 ${extensionsBefore + 1} 次`));
      await page.locator('[data-testid="bid-row"]').first().locator('[data-testid="bid-extended"]').waitFor();
    }
    const after = await auctionState(seller, auction.id);
    assert.equal(Date.parse(after.auction.endsAt), endBefore + 40_000);
    assert.equal(after.auction.currentPrice, 54 * WAN);
    assert.equal(after.auction.bidCount, 4);
    await pageB.locator('[data-testid="leading"]').waitFor();
    await pageA.evaluate(() => window.scrollTo(0, 0));
    await screenshot(pageA, 'trading-02-auction-a');
    await screenshot(pageB, 'trading-02-auction-b');
  });

  test('a fixed-price listing made through the form, approved in the queue, bought, confirmed, signed and paid', async () => {
    const sellerCtx = await newContext(browser);
    const adminCtx = await newContext(browser);
    const sp = await sellerCtx.newPage();
    const ap = await adminCtx.newPage();
    problems.push(watchPage(sp), watchPage(ap));
    await Promise.all([loginViaUi(sp, SELLER), loginViaUi(ap, ADMIN)]);

    // 挂牌交易 on the achievement page, the form, submitted for review.
    await sp.goto(`/achievements/${achievements[1].id}`);
    await sp.locator('[data-testid="achievement-list-for-trading"]').click();
    await sp.waitForURL(/\/listings\/new\?achievementId=/);
    await sp.locator('[data-testid="listing-form"]').waitFor();
    // The price comes prefilled with the achievement's 意向价格; digits typed after it (45 after 39 → 3945) make a price
    // ten times it or more, and the form says so below the field, with both amounts, before anything is listed.
    const priceInput = sp.locator('[data-testid="form-price"]');
    const priceItem = sp.locator('.ant-form-item', { has: priceInput });
    const intended = (await seller('GET', `/achievements/${achievements[1].id}`)).price;
    if (intended) {
      assert.equal(Number((await priceInput.inputValue()).replace(/,/g, '')), intended / WAN);
      await priceInput.click();
      await sp.keyboard.press('End');
      await sp.keyboard.type('45');
      // The warning follows each keystroke (394 万元, then 3,945 万元; the one leaving fades out beside the new one): wait for the amount typed.
      const typed = Number((await priceInput.inputValue()).replace(/,/g, '')).toLocaleString('en-US');
      const far = priceItem.getByText(new RegExp(`挂牌价格 ${typed.replace(/[.]/g, '\\.')} 万元 与该成果的意向价格 .+ 相差 10 倍以上`));
      await far.waitFor();
      assert.match(await far.innerText(), new RegExp(`意向价格 ${(intended / WAN).toLocaleString('en-US')} 万元`));
      await screenshot(sp, 'trading-03-price-far-from-intended', { fullPage: false });
    }
    await priceInput.fill('12');
    if (intended && intended / WAN > 1.2 && intended / WAN < 120) {
      // Every warning gone (one per keystroke may still be fading out, so all of them, not one).
      const warnings = priceItem.getByText(/相差 10 倍以上/);
      for (let i = 0; (await warnings.count()) > 0; i++) {
        assert.ok(i < 100, 'the price warning stays after a price near the intended one');
        await sp.waitForTimeout(100);
      }
    }
    await sp.locator('[data-testid="listing-submit"]').click();
    await sp.waitForURL(/\/listings\/[0-9a-f-]{36}$/);
    await sp.locator('[data-testid="listing-pending"]').waitFor();
    const id = sp.url().split('/').pop();

    // The administrator approves it in 挂牌审核.
    await ap.goto('/admin');
    await ap.locator('[data-testid="admin-listing-review"]').click();
    const row = ap.locator(`[data-testid="listing-review-row"][data-id="${id}"]`);
    await row.waitFor();
    assert.match(await row.innerText(), /12 万元/);
    await row.locator('[data-testid="listing-approve"]').click();
    await ap.locator('[data-testid="listing-approve-confirm"]').click();
    await ap.getByText('已审核通过，挂牌已公开').waitFor();
    await row.waitFor({ state: 'detached' });

    // The enterprise buys it at the listed price (摘牌), and the deal page shows the deal.
    await pageA.goto(`/listings/${id}`);
    await pageA.locator('[data-testid="fixed-panel"]').waitFor();
    assert.match(await pageA.locator('[data-testid="listing-price"]').innerText(), /12 万元/);
    await pageA.locator('[data-testid="offer-open"]').click();
    await pageA.locator('[data-testid="offer-submit"]').click();
    await pageA.getByText('摘牌成功，已生成成交记录').waitFor();
    await pageA.locator('[data-testid="fixed-sold"]').waitFor();
    await pageA.locator('[data-testid="listing-deal"]').click();
    await pageA.waitForURL(/\/deals\/[0-9a-f-]{36}$/);
    const deal = pageA.locator('[data-testid="deal-detail"]');
    await deal.waitFor();
    assert.equal(await pageA.locator('[data-testid="deal-buyer"]').innerText(), BUYER_A.org);
    assert.equal(await pageA.locator('[data-testid="deal-seller"]').innerText(), '太行理工大学');
    assert.match(await pageA.locator('[data-testid="deal-amount"]').innerText(), /12 万元/);
    assert.equal(await pageA.locator('[data-testid="deal-status"]').getAttribute('data-status'), 'pending');
    const dealUrl = new URL(pageA.url()).pathname;

    // Both confirm; the seller records the signing and then the payment.
    await pageA.locator('[data-testid="deal-confirm"]').click();
    await pageA.locator('[data-testid="deal-confirm-ok"]').click();
    await pageA.getByText('已确认成交').waitFor();
    await sp.goto(dealUrl);
    await sp.locator('[data-testid="deal-confirm"]').click();
    await sp.locator('[data-testid="deal-confirm-ok"]').click();
    await sp.locator('[data-testid="deal-status"][data-status="confirmed"]').waitFor();
    await sp.locator('[data-testid="deal-sign"]').click();
    await sp.locator('[data-testid="deal-contract-no"]').fill('KZT-E2E-0001');
    await sp.locator('[data-testid="deal-sign-ok"]').click();
    await sp.locator('[data-testid="deal-status"][data-status="signed"]').waitFor();
    // 应登尽登: the signed deal leads to its technology contract (the draft entered from it, or the form to enter it).
    await sp.locator('[data-testid="deal-contract"], [data-testid="deal-contract-new"]').first().waitFor();
    const payment = sp.locator('[data-testid="payment-row"]').first();
    await payment.waitFor();
    assert.equal(await payment.getAttribute('data-kind'), 'lump_sum');
    assert.match(await payment.innerText(), /12 万元/);
    assert.match(await payment.innerText(), /待支付/);
    await sp.evaluate(() => window.scrollTo(0, 0));
    await screenshot(sp, 'trading-03-deal-signed');
    await payment.locator('[data-testid="payment-record"]').click();
    await sp.locator('[data-testid="payment-record-ok"]').click();
    await sp.locator('[data-testid="deal-status"][data-status="completed"]').waitFor();
    await sp.locator('[data-testid="deal-completed"]').waitFor();
    assert.match(await sp.locator('[data-testid="payment-row"]').first().innerText(), /已支付/);

    // The buyer's 我的成交 lists it.
    await pageA.locator('[data-testid="user-menu"]').click();
    await pageA.locator('[data-testid="menu-deals"]').click();
    await pageA.waitForURL(/\/deals$/);
    await pageA.locator(`[data-testid="deal-row"][data-id="${dealUrl.split('/').pop()}"]`).waitFor();
    await pageA.goto(dealUrl);
    await pageA.locator('[data-testid="deal-status"][data-status="completed"]').waitFor();
    await screenshot(pageA, 'trading-03-deal');
    await sellerCtx.close();
    await adminCtx.close();
  });

  test('the auction closes by itself, its winner gets a deal, and the price record verifies', async () => {
    // Both floors learn the result from the live stream.
    let state = await auctionState(seller, auction.id);
    for (const page of [pageA, pageB]) {
      if (!page.url().endsWith(`/listings/${auction.id}`)) await page.goto(`/listings/${auction.id}`);
    }
    await pageB.locator('[data-testid="auction-result"]').waitFor({ timeout: Math.max(30_000, (state.left + 40) * 1000) });
    await pageA.locator('[data-testid="auction-result"]').waitFor({ timeout: 30_000 });
    assert.match(await pageB.locator('[data-testid="auction-result"]').innerText(), /竞价成交：成交价 54 万元/);
    state = await auctionState(seller, auction.id);
    assert.equal(state.status, 'sold');
    assert.equal(state.finalPrice, 54 * WAN);
    await pageB.locator('[data-testid="listing-deal"]').waitFor();
    assert.equal(await pageA.locator('[data-testid="listing-deal"]').count(), 0, 'the loser has no deal');

    // The price record: the verification badge, every bid by bidder number, the extension, the result.
    await pageB.locator('[data-testid="listing-record"]').click();
    await pageB.waitForURL(/\/record$/);
    const badge = pageB.locator('[data-testid="record-verified"]');
    await badge.waitFor();
    assert.equal(await badge.getAttribute('data-ok'), 'true');
    assert.match(await badge.innerText(), /已核验/);
    const events = pageB.locator('[data-testid="record-event"]');
    const text = await pageB.locator('[data-testid="price-record"]').innerText();
    assert.equal(await pageB.locator('[data-testid="record-event"][data-kind="bid"]').count(), 4);
    assert.ok((await events.count()) >= 8, 'submitted, approved, two deposits, four bids, the close…');
    assert.match(text, /竞买人1出价 50 万元/);
    assert.match(text, /竞买人2出价 54 万元/);
    assert.doesNotMatch(text, new RegExp(BUYER_A.org), 'bidders are shown by number');
    const html = await fetch(`${BASE_URL}/api/listings/${auction.id}/record.html`);
    assert.equal(html.status, 200);
    assert.match(await html.text(), /已核验/);
    assert.equal(await pageB.locator('[data-testid="record-html"]').getAttribute('href'), `/api/listings/${auction.id}/record.html`);
    await screenshot(pageB, 'trading-04-record');

    // The winner's deal page.
    await pageB.goto(`/listings/${auction.id}`);
    await pageB.locator('[data-testid="listing-deal"]').click();
    await pageB.locator('[data-testid="deal-detail"]').waitFor();
    assert.equal(await pageB.locator('[data-testid="deal-buyer"]').innerText(), BUYER_B.org);
    assert.match(await pageB.locator('[data-testid="deal-amount"]').innerText(), /54 万元/);
    await screenshot(pageB, 'trading-05-deal-auction');
  });

  test('the hall and the floor fit a phone', async () => {
    const ctx = await newContext(browser, { viewport: PHONE, mobile: true });
    const page = await ctx.newPage();
    problems.push(watchPage(page));
    await page.goto('/listings');
    await page.locator('[data-testid="listing-card"]').first().waitFor();
    await page.waitForTimeout(500);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width, `no sideways scrolling (${width}px)`);
    await screenshot(page, 'trading-06-hall-phone');
    await page.goto(`/listings/${auction.id}`);
    await floor(page).waitFor();
    await page.waitForTimeout(500);
    assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= PHONE.width);
    await screenshot(page, 'trading-07-floor-phone');
    await page.goto(`/listings/${auction.id}/record`);
    await page.locator('[data-testid="record-verified"]').waitFor();
    assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= PHONE.width);
    await screenshot(page, 'trading-08-record-phone');
    await ctx.close();
    await ctxA.close();
    await ctxB.close();
    // The one refused bid (under the minimum) is logged by the browser as a failed request.
    assert.deepEqual(problems.flat().filter((p) => !/status of 409 \(Conflict\)/.test(p)), []);
  });
  test('an objection: 认定恶意异议 asks its reason in the form, and 异议成立 is asked once more before it ends the price', async () => {
    const ctx = await newContext(browser);
    try {
      const page = await ctx.newPage();
      const problems = watchPage(page);
      await loginViaUi(page, 'shenyang.admin@kzt.demo');
      const res = await ctx.request.get('/api/listings?kind=negotiated&status=open&pageSize=50');
      const listing = (await res.json()).items.find((l) => l.phase === 'notice');
      assert.ok(listing, 'the demo has a negotiated price in its notice period');
      await page.goto(`/listings/${listing.id}`);
      const objection = page.locator('[data-testid="objection"]').first();
      await objection.waitFor();

      // No reason: said under the field, nothing sent, the modal stays.
      await objection.locator('[data-testid="objection-vexatious"]').click();
      await page.locator('[data-testid="objection-vexatious-ok"]').click();
      await page.locator('.ant-modal:visible .ant-form-item-explain-error', { hasText: '此项为必填项' }).waitFor();
      await screenshot(page, 'trading-objection-vexatious-reason');
      await page.locator('.ant-modal:visible').getByRole('button', { name: /取\s*消/ }).click();
      await page.locator('.ant-modal:visible').waitFor({ state: 'detached' }).catch(() => undefined);

      // Upholding is asked once more; cancelling leaves the objection open.
      await objection.locator('[data-testid="objection-resolve"]').click();
      const modal = page.locator('.ant-modal:visible', { hasText: '处理' }).last();
      await modal.getByText('异议成立', { exact: true }).click();
      await modal.locator('textarea').fill('经核查，协议价格明显低于同类许可。');
      await modal.locator('.ant-modal-footer .ant-btn-primary').click();
      const ask = page.locator('.ant-modal-confirm', { hasText: '异议成立' });
      await ask.waitFor();
      await screenshot(page, 'trading-objection-uphold-confirm');
      await ask.getByRole('button', { name: /取\s*消/ }).click();
      await ask.waitFor({ state: 'detached' });
      assert.equal(await modal.isVisible(), true, 'the resolution is still being written');
      const after = await (await ctx.request.get(`/api/listings/${listing.id}/objections`)).json();
      assert.ok(after.items.some((o) => o.status === 'open'), 'nothing was decided');
      assert.deepEqual(problems, []);
    } finally {
      await ctx.close();
    }
  });
});

describe('listing from the workbench, and auction terms that need a second look', () => {
  test('挂牌交易 on the workbench lets a tech-transfer officer pick a published achievement by title; a firm without one is told what to do first', async () => {
    const [target] = await unlistedAchievements(seller, 1);
    const ctx = await newContext(browser);
    try {
      const page = await ctx.newPage();
      const seen = watchPage(page);
      await loginViaUi(page, SELLER);
      await page.goto('/workbench');
      await page.locator('[data-testid="wb-short-newListing"]').click();
      await page.waitForURL(/\/listings\/new$/);
      const chooser = page.locator('[data-testid="listing-choose"]');
      await chooser.waitFor();
      assert.doesNotMatch(await page.locator('main').innerText(), /记录不存在或无权查看/);
      await page.locator('[data-testid="listing-choose-search"] input').fill(target.title);
      await page.locator('[data-testid="listing-choose-search"] input').press('Enter');
      const pick = page.locator(`[data-testid="listing-choose-${target.id}"]`);
      await pick.waitFor();
      await screenshot(page, 'trading-10-choose-achievement');
      await pick.click();
      await page.waitForURL(new RegExp(`/listings/new\\?achievementId=${target.id}$`));
      await page.locator('[data-testid="listing-form"]').waitFor();
      assert.ok((await page.locator('main').innerText()).includes(target.title), 'the form names the achievement chosen');
      assert.deepEqual(seen, []);
    } finally {
      await ctx.close();
    }

    // A new firm (晋中新材料科技有限公司) has no achievement of its own: the same page explains how listing works and where to go instead.
    const NEW_FIRM = 'pending@newco.demo';
    const sme = await apiLogin(NEW_FIRM);
    assert.equal((await sme('GET', '/achievements?scope=mine&status=published&pageSize=1')).total, 0, 'the new demo firm has no published achievement');
    const firm = await newContext(browser);
    try {
      const page = await firm.newPage();
      const seen = watchPage(page);
      await loginViaUi(page, NEW_FIRM);
      await page.goto('/listings/new');
      const none = page.locator('[data-testid="listing-choose-none"]');
      await none.getByText('还没有可挂牌的成果').waitFor();
      assert.match(await none.innerText(), /登记成果[\s\S]*发布技术需求[\s\S]*浏览挂牌大厅/);
      await screenshot(page, 'trading-11-choose-none');
      assert.deepEqual(seen, []);
    } finally {
      await firm.close();
    }
  });

  test('an auction with an increment above its start price and a deposit but no account warns the seller in the form, and the reviewer in the queue', async () => {
    const [target] = await unlistedAchievements(seller, 1);
    const sellerCtx = await newContext(browser);
    const adminCtx = await newContext(browser);
    let id;
    try {
      const sp = await sellerCtx.newPage();
      const ap = await adminCtx.newPage();
      const seen = [watchPage(sp), watchPage(ap)];
      await Promise.all([loginViaUi(sp, SELLER), loginViaUi(ap, ADMIN)]);
      await sp.goto(`/listings/new?achievementId=${target.id}`);
      await sp.locator('[data-testid="form-kind"]').getByText('竞价拍卖').click();
      await sp.locator('[data-testid="form-start-price"]').fill('30');
      await sp.locator('[data-testid="form-increment"]').fill('100');
      await sp.locator('[data-testid="form-deposit"]').fill('5');
      await sp.locator('[data-testid="form-deposit"]').blur();
      const incrementItem = sp.locator('.ant-form-item', { has: sp.locator('[data-testid="form-increment"]') });
      await incrementItem.getByText(/加价幅度（100 万元）高于起拍价（30 万元）/).waitFor();
      const noAccount = sp.locator('[data-testid="form-deposit-no-account"]');
      await noAccount.getByText('需要保证金，但未填写收款账户').waitFor();
      await screenshot(sp, 'trading-12-auction-warnings');
      // The alert leads to where the account is given; once given, it goes.
      await noAccount.locator('[data-testid="form-deposit-account-link"]').click();
      assert.equal(await sp.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'form-account-bank');
      await sp.locator('[data-testid="form-account-bank"]').fill('中国工商银行太原分行');
      await sp.locator('[data-testid="form-account-name"]').fill('太行理工大学');
      await sp.locator('[data-testid="form-account-number"]').fill('0502123456789012');
      await noAccount.waitFor({ state: 'detached' });
      await sp.locator('[data-testid="form-account-number"]').fill('');
      await sp.locator('[data-testid="form-account-name"]').fill('');
      await sp.locator('[data-testid="form-account-bank"]').fill('');
      await noAccount.waitFor();
      // Warnings, not refusals: the listing goes to review as the seller meant it.
      await sp.locator('[data-testid="listing-submit"]').click();
      await sp.waitForURL(/\/listings\/[0-9a-f-]{36}$/);
      id = sp.url().split('/').pop();

      await ap.goto('/admin/listing-review');
      const row = ap.locator(`[data-testid="listing-review-row"][data-id="${id}"]`);
      await row.waitFor();
      const terms = row.locator('[data-testid="review-terms"]');
      assert.match(await terms.innerText(), /加价幅度 100 万元[\s\S]*保证金 5 万元/);
      await terms.locator('[data-testid="review-warning-incrementAboveStart"]').getByText('加价幅度高于起拍价').waitFor();
      await terms.locator('[data-testid="review-warning-depositWithoutAccount"]').getByText('收取保证金但未登记收款账户').waitFor();
      await screenshot(ap, 'trading-13-review-warnings');
      assert.deepEqual(seen.flat(), []);
    } finally {
      if (id) await seller('POST', `/listings/${id}/withdraw`, { reason: '浏览器测试结束，撤回' }).catch(() => {});
      await sellerCtx.close();
      await adminCtx.close();
    }
  });
});
