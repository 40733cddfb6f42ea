// Issue 15, income distribution, in Chromium at phone width: the owner of a
// university opens "我的收益" from the account menu, sees an (empty)
// statement, downloads the unit's Excel export, and estimates the tax on a
// later transfer of technology and cash shares. (Plans for received payments
// need the contracts module's confirmed payments; the server tests publish
// those events themselves.)
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, PHONE, launchBrowser, loginViaUi, newContext, screenshot, watchPage } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

describe('income distribution', () => {
  test('proposing by completers for a contract that names no achievement says why the unit gets it all and what to do', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const problems = watchPage(page);
    await loginViaUi(page, 'tto@tyut.demo');
    // The demo's 专利权转让 of 太行理工大学: a payment received, no achievement listed on the contract.
    const { items } = await (await page.request.get('/api/contracts?pageSize=50')).json();
    const contract = items.find((c) => c.title === '高强耐磨钢板热处理工艺专利权转让合同');
    assert.ok(contract, 'the demo contract is there');
    await page.goto(`/distributions/${contract.id}`);
    await page.locator('[data-testid="plan-propose"]').click();
    const note = page.locator('[data-testid="plan-proposal-note"]');
    await note.getByText('合同未列明成果，无法按成果完成人拟定：已将净收入全额拟给太行理工大学（单位）。如有成果完成人或转化贡献人员，请手动添加并调整金额。').waitFor();
    assert.equal(await page.locator('[data-testid="plan-share"]').count(), 1);
    await screenshot(page, 'distributions-02-proposal-unit-only');
    assert.deepEqual(problems, []);
    await ctx.close();
  });

  test('my income statement, the unit export and the equity-transfer tax estimate, at phone width', async () => {
    const ctx = await newContext(browser, { viewport: PHONE, mobile: true });
    const page = await ctx.newPage();
    const problems = watchPage(page);
    await loginViaUi(page, 'tto@qinling.demo');
    await page.locator('[data-testid="user-menu"]').click();
    await page.locator('[data-testid="menu-income"]').click();
    await page.waitForURL(/\/me\/income$/);
    await page.locator('h1', { hasText: '我的收益明细' }).waitFor();

    const href = await page.locator('[data-testid="income-export"]').first().getAttribute('href');
    assert.match(href, /^\/api\/organizations\/[0-9a-f-]{36}\/distributions\.xlsx$/);
    const xlsx = await page.request.get(`${BASE_URL}${href}`);
    assert.equal(xlsx.status(), 200);
    assert.match(xlsx.headers()['content-type'], /spreadsheetml/);

    await page.locator('#income').fill('1000000');
    await page.locator('#cashCost').fill('200000');
    await page.locator('#fees').fill('10000');
    await page.locator('[data-testid="calc-tax"]').click();
    const result = page.locator('[data-testid="calc-tax-result"]');
    await result.waitFor();
    // (1,000,000 − 200,000 − 10,000) × 20% = 158,000.00 元
    assert.match(await result.innerText(), /790,000\.00 元[\s\S]*158,000\.00 元/);
    await screenshot(page, 'distributions-income-phone');
    assert.deepEqual(problems, []);
    await ctx.close();
  });
});
