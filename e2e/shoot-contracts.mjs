// Screenshots of the contracts pages (issue 15): the list, the wizard, a
// registered contract, the registration desk's review, the certificate and
// the public verification, in Chinese at desktop and phone width.
// Usage: E2E_BASE_URL=http://127.0.0.1:3100 node e2e/shoot-contracts.mjs (a server with SEED=demo).
// Files go to e2e/screenshots/contracts-shot-*.png.
import { DESKTOP, PHONE, launchBrowser, loginViaUi, newContext, screenshot } from './helpers.mjs';

const browser = await launchBrowser();
const settle = async (page) => {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(400);
};
try {
  for (const [viewport, suffix] of [[DESKTOP, ''], [PHONE, '-phone']]) {
    const ctx = await newContext(browser, { viewport, mobile: viewport === PHONE, lang: 'zh' });
    const page = await ctx.newPage();
    await loginViaUi(page, 'tto@tyut.demo');
    await page.goto('/contracts');
    await page.locator('[data-testid="contract-row"]').first().waitFor();
    await settle(page);
    await screenshot(page, `contracts-shot-list${suffix}`, { fullPage: viewport !== PHONE });
    const list = await page.evaluate(() => fetch('/api/contracts?status=registered').then((r) => r.json()));
    const id = list.items[0].id;
    await page.goto(`/contracts/${id}`);
    await settle(page);
    await screenshot(page, `contracts-shot-detail${suffix}`, { fullPage: true });
    await page.goto(`/contracts/${id}/certificate`);
    await settle(page);
    await screenshot(page, `contracts-shot-certificate${suffix}`, { fullPage: true });
    await page.goto(`/verify/contracts/${list.items[0].registrationNumber}`);
    await settle(page);
    await screenshot(page, `contracts-shot-verify${suffix}`, { fullPage: true });
    await page.goto('/contracts/new');
    await settle(page);
    await page.getByText('手工录入（平台外签订）').click();
    await page.waitForTimeout(300);
    await screenshot(page, `contracts-shot-wizard${suffix}`, { fullPage: true });
    await ctx.close();
  }
  const ctx = await newContext(browser, { viewport: DESKTOP, lang: 'zh' });
  const page = await ctx.newPage();
  await loginViaUi(page, 'shanxi.admin@kzt.demo');
  await page.goto('/contracts?scope=desk');
  await settle(page);
  await screenshot(page, 'contracts-shot-desk', { fullPage: true });
  const queue = await page.evaluate(() => fetch('/api/contracts?scope=desk&status=submitted').then((r) => r.json()));
  await page.goto(`/contracts/${queue.items[0].id}`);
  await settle(page);
  await page.locator('[data-testid="contract-review"]').click();
  await page.waitForTimeout(500);
  await screenshot(page, 'contracts-shot-review', { fullPage: false });
  await page.goto('/contracts?scope=totals');
  await settle(page);
  await screenshot(page, 'contracts-shot-totals', { fullPage: true });
  await page.goto('/contracts?scope=points');
  await settle(page);
  await screenshot(page, 'contracts-shot-points', { fullPage: true });
  await ctx.close();
} finally {
  await browser.close();
}
