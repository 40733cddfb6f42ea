// 响应需求 through the UI: a university's tech-transfer office sees a firm's
// demand among the matches of its achievement, lists the achievement to answer
// it, and the listing names the demand (a deal with that firm counts it met).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, loginViaUi, newContext, screenshot, watchPage } from './helpers.mjs';
import { apiLogin } from './catalogue-data.mjs';

const SELLER = 'tto@lhkj.demo';

let browser;
/** A published achievement of the seller, not listed now, with a firm's demand among its matches. */
let pick;
before(async () => {
  browser = await launchBrowser();
  const seller = await apiLogin(SELLER);
  const mine = await seller('GET', '/achievements?scope=mine&status=published&pageSize=50');
  const listed = await seller('GET', '/listings?scope=mine&pageSize=100');
  const busy = new Set(listed.items.filter((l) => l.status === 'open' || l.status === 'pending_review').map((l) => l.achievementId));
  for (const a of mine.items.filter((x) => x.confidentiality !== 'secret' && !busy.has(x.id))) {
    const m = await seller('GET', `/achievements/${a.id}/matches`);
    const demand = m.items.find((i) => i.type === 'demand' && !i.anonymous && i.id && i.record);
    if (demand) {
      pick = { achievement: a, demand };
      break;
    }
  }
  assert.ok(pick, 'a demo achievement of the seller has a demand among its matches');
});
after(async () => {
  await browser?.close();
});

describe('answering a demand', () => {
  test('the seller lists an achievement from a matched demand; the form and the listing name the demand', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const problems = watchPage(page);
    await loginViaUi(page, SELLER);
    await page.goto(`/achievements/${pick.achievement.id}`);
    const item = page.locator(`[data-testid="match-section"] [data-testid="match-item"][data-id="${pick.demand.id}"]`);
    await item.waitFor();
    await item.locator('[data-testid="match-list-for-demand"]').click();
    await page.waitForURL(/\/listings\/new\?achievementId=.*demandId=/);
    const answers = page.locator('[data-testid="listing-answers-demand"]');
    await answers.waitFor();
    assert.match(await answers.innerText(), new RegExp(pick.demand.record.title.slice(0, 6)));
    await screenshot(page, 'answer-demand-01-form', { fullPage: false });
    // A negotiated price answering the demand is agreed with the firm that posted it: the buyer is filled in.
    await page.locator('[data-testid="form-kind"]').getByText('协议定价公示').click();
    const buyer = page.locator('[data-testid="form-buyer"]');
    await buyer.waitFor();
    assert.match(await buyer.innerText(), new RegExp(pick.demand.record.organization.name.slice(0, 4)));
    await page.locator('[data-testid="form-kind"]').getByText('挂牌转让').click();
    await page.locator('[data-testid="form-price"]').fill('15');
    await page.locator('[data-testid="listing-submit"]').click();
    await page.waitForURL(/\/listings\/[0-9a-f-]{36}$/);
    await page.locator('[data-testid="listing-demand-link"]').waitFor();
    assert.equal(await page.locator('[data-testid="listing-demand-link"]').getAttribute('href'), `/demands/${pick.demand.id}`);
    await screenshot(page, 'answer-demand-02-listing');
    assert.deepEqual(problems, []);

  });
});
