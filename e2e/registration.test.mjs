// 竞买报名 through the UI, at desktop and phone width. Seeded through the API:
// the demo university lists an auction that is bidding now (a deposit of
// 5 万元, its bank account given) and the Shanxi administrator approves it.
// A buyer that has not registered opens the listing, sees the deposit, the
// account, the deadline and the seller's contact, registers with a
// remittance proof (a PDF); the seller sees the registration with its proof
// and confirms the deposit arrived; the buyer may then bid: an amount under
// the minimum is refused before any confirmation, and the confirmation of a
// good bid shows the exact amount, 万元, 大写 and the change against the
// current price. The bid lands and the buyer leads.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DESKTOP, launchBrowser, loginViaUi, newContext, screenshot, watchPage } from './helpers.mjs';
import { apiLogin } from './catalogue-data.mjs';

const SELLER = 'tto@tyut.demo';
const ADMIN = 'shanxi.admin@kzt.demo';
const PHONE_390 = { width: 390, height: 844 };
const WAN = 1_000_000;
const ACCOUNT = { bank: '中国工商银行太原高新支行', accountName: '太行理工大学', accountNumber: '0502 1234 0920 0123 456' };

let browser;
let seller;
const problems = [];
const proof = path.join(tmpdir(), `kzt-e2e-remittance-${process.pid}.pdf`);

async function freshAchievement(api, skip) {
  for (let page = 1; page <= 10; page++) {
    const r = await api('GET', `/achievements?scope=mine&status=published&sort=date&pageSize=50&page=${page}`);
    for (const a of r.items) {
      if (a.confidentiality !== 'public' || skip.has(a.id)) continue;
      const l = await api('GET', `/listings?scope=mine&achievementId=${a.id}`);
      if (l.total === 0) return a;
    }
    if (r.items.length < 50) break;
  }
  throw new Error('no published achievement without a listing');
}

/** An auction of the university bidding from now for 20 minutes, approved. */
async function liveAuction(taken) {
  const admin = await apiLogin(ADMIN);
  const a = await freshAchievement(seller, taken);
  taken.add(a.id);
  const now = Date.now();
  const created = await seller('POST', '/listings', {
    achievementId: a.id,
    kind: 'auction',
    transaction: 'transfer',
    description: '浏览器测试：竞买报名与出价。',
    auction: { startPrice: 50 * WAN, reservePrice: null, increment: WAN, deposit: 5 * WAN, startsAt: new Date(now).toISOString(), endsAt: new Date(now + 20 * 60_000).toISOString(), extendSeconds: 60, maxExtensions: 5, depositAccount: ACCOUNT },
  });
  await admin('POST', `/listings/${created.id}/review`, { decision: 'approve' });
  return created;
}

before(async () => {
  browser = await launchBrowser();
  seller = await apiLogin(SELLER);
  writeFileSync(proof, '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
});

after(async () => {
  await browser?.close();
  assert.deepEqual(problems.flat(), [], 'no page errors or console errors');
});

const taken = new Set();

for (const { name, viewport, buyer, mobile } of [
  { name: 'desktop', viewport: DESKTOP, buyer: { login: 'sme@jzsme.demo', org: '晋中智造装备有限公司' }, mobile: false },
  { name: 'phone', viewport: PHONE_390, buyer: { login: 'sy.sme@sypm.demo', org: '沈阳精密机械有限公司' }, mobile: true },
]) {
  describe(`registration to bid (${name})`, () => {
    test('a buyer registers with a proof, the seller confirms, the buyer bids through a confirmation in 大写', async () => {
      const listing = await liveAuction(taken);
      const buyerCtx = await newContext(browser, { viewport, mobile });
      const sellerCtx = await newContext(browser, { viewport, mobile });
      const bp = await buyerCtx.newPage();
      const sp = await sellerCtx.newPage();
      problems.push(watchPage(bp), watchPage(sp));
      await Promise.all([loginViaUi(bp, buyer.login), loginViaUi(sp, SELLER)]);

      // The buyer sees what registering takes.
      await bp.goto(`/listings/${listing.id}`);
      const card = bp.locator('[data-testid="registration-card"]');
      await card.waitFor();
      assert.match(await bp.locator('[data-testid="registration-deposit"]').innerText(), /5 万元/);
      const account = await bp.locator('[data-testid="registration-account"]').innerText();
      assert.match(account, /中国工商银行太原高新支行/);
      assert.match(account, /0502 1234 0920 0123 456/);
      assert.match(await bp.locator('[data-testid="registration-deadline"]').innerText(), /\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
      await bp.locator('[data-testid="bid-need-deposit"]').waitFor();
      await card.scrollIntoViewIfNeeded();
      await screenshot(bp, `registration-${name}-01-terms`);

      // Without a proof the form says so; with it the registration is made.
      await bp.locator('[data-testid="registration-submit"]').click();
      await card.getByText('请上传保证金付款凭证').waitFor();
      await bp.locator('[data-testid="registration-note"]').fill('保证金已于今日通过对公账户汇出');
      await card.locator('input[type="file"]').setInputFiles(proof);
      await bp.locator('[data-testid="registration-submit"]').click();
      await bp.locator('[data-testid="registration-row"][data-status="submitted"]').waitFor();
      await screenshot(bp, `registration-${name}-02-submitted`);

      // The seller sees it with its proof and confirms the deposit arrived.
      await sp.goto(`/listings/${listing.id}`);
      const row = sp.locator('[data-testid="registration-row"][data-status="submitted"]').filter({ hasText: buyer.org });
      await row.waitFor();
      assert.match(await row.innerText(), /查看凭证/);
      await row.locator('[data-testid="registration-confirm"]').click();
      assert.match(await sp.locator('.ant-modal-confirm').innerText(), /将为该单位登记保证金 5 万元/);
      await screenshot(sp, `registration-${name}-03-seller-confirm`, { fullPage: false });
      await sp.locator('[data-testid="registration-confirm-ok"]').click();
      await sp.locator('[data-testid="registration-row"][data-status="confirmed"]').filter({ hasText: buyer.org }).waitFor();
      await screenshot(sp, `registration-${name}-04-seller-confirmed`);

      // The buyer may bid now: under the minimum is refused before any confirmation.
      await bp.reload();
      await bp.locator('[data-testid="registration-row"][data-status="confirmed"]').waitFor();
      await bp.locator('[data-testid="bid-box"]').waitFor();
      assert.equal(await bp.locator('[data-testid="bid-need-deposit"]').count(), 0);
      const current = Number(await bp.locator('[data-testid="current-price"]').getAttribute('data-fen'));
      const minimum = Number(await bp.locator('[data-testid="next-minimum"]').getAttribute('data-fen'));
      // The box is in 万元, like 当前价 and 最低出价 beside it.
      await bp.locator('[data-testid="bid-amount"]').fill(String(minimum / WAN - 1));
      await bp.locator('[data-testid="bid-below-minimum"]').waitFor();
      assert.equal(await bp.locator('[data-testid="bid-submit"]').isDisabled(), true);

      // A good bid: 10 万元 above the minimum, confirmed with 大写 and the change.
      const amount = minimum + 10 * WAN;
      await bp.locator('[data-testid="bid-amount"]').fill(String(amount / WAN));
      assert.match(await bp.locator('[data-testid="bid-amount-text"]').innerText(), new RegExp(`您的出价 ${amount / WAN} 万元`));
      await bp.locator('[data-testid="bid-submit"]').click();
      await bp.locator('[data-testid="bid-confirm"]').waitFor();
      // No bid yet: the minimum is the start price of 50 万元, so the bid is 60 万元.
      assert.equal(amount, 60 * WAN);
      assert.equal(await bp.locator('[data-testid="bid-confirm-capitals"]').innerText(), '人民币陆拾万元整');
      assert.match(await bp.locator('[data-testid="bid-confirm-exact"]').innerText(), new RegExp(`${(amount / 100).toLocaleString('en-US')}\\.00 元`));
      const up = amount - current;
      assert.match(await bp.locator('[data-testid="bid-confirm-change"]').innerText(), new RegExp(`高出 ${up / WAN} 万元`));
      await screenshot(bp, `registration-${name}-05-bid-confirm`, { fullPage: false });
      await bp.locator('[data-testid="bid-confirm-ok"]').click();
      await bp.locator(`[data-testid="current-price"][data-fen="${amount}"]`).waitFor({ timeout: 20_000 });
      await bp.locator('[data-testid="leading"]').waitFor();
      await screenshot(bp, `registration-${name}-06-leading`);
      await buyerCtx.close();
      await sellerCtx.close();
    });
  });
}
