// Issue 15, technology contracts, in Chromium: the 山西 registration desk
// (the province administrator) opens the contract 太行理工大学 submitted,
// ticks the checklist and registers it; the number appears on the contract
// and its certificate, and anyone — not signed in, at phone width — verifies
// it on the public page, which shows nothing confidential.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PHONE, launchBrowser, loginViaUi, newContext, watchPage } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

describe('technology contracts', () => {
  test('the desk registers a submitted contract and anyone verifies its number', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const problems = watchPage(page);
    await loginViaUi(page, 'shanxi.admin@kzt.demo');
    await page.goto('/contracts?scope=desk');
    const row = page.locator('[data-testid="contract-row"]', { hasText: '煤矸石制备陶粒' });
    await row.locator('a').click();
    await page.locator('[data-testid="contract-status"]', { hasText: '待审核' }).waitFor();
    await page.locator('[data-testid="contract-review"]').click();
    const modal = page.locator('.ant-modal');
    for (const item of ['合同类别认定正确', '技术交易额核定有据', '签章齐全、合同文本已上传']) await modal.getByText(item).click();
    await modal.locator('.ant-btn-primary').click();
    await page.locator('[data-testid="contract-status"]', { hasText: '已登记' }).waitFor();
    const number = (await page.locator('[data-testid="contract-number"]').textContent()).trim();
    assert.match(number, /^\d{4}-140000-01-\d{6}$/);
    await page.getByRole('button', { name: '登记证明' }).click();
    await page.locator('[data-testid="cert-number"]', { hasText: number }).waitFor();
    assert.deepEqual(problems, []);
    await ctx.close();

    const anon = await newContext(browser, { viewport: PHONE, mobile: true });
    const phone = await anon.newPage();
    await phone.goto(`/verify/contracts/${number}`);
    const result = phone.locator('[data-testid="verify-result"]');
    await result.getByText('登记号有效').waitFor();
    const text = await result.textContent();
    assert.match(text, /技术开发/);
    assert.match(text, /45 万元/);
    assert.doesNotMatch(text, /太原某建材/, 'the buyer is not shown to the public');
    await phone.goto('/verify/contracts/2026-140000-01-999999');
    await phone.locator('[data-testid="verify-missing"]', { hasText: '查无此登记号' }).waitFor();
    await anon.close();
  });
});
