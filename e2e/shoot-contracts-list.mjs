// The contracts list at 1280×800 and at phone width (issue 15: every column,
// the registration number included, is readable without a horizontal scroll).
// Usage: E2E_BASE_URL=http://127.0.0.1:3100 node e2e/shoot-contracts-list.mjs (a server with SEED=demo).
// Files go to e2e/screenshots/contracts-list-*.png.
import { PHONE, launchBrowser, loginViaUi, newContext, screenshot } from './helpers.mjs';

const browser = await launchBrowser();
try {
  for (const [viewport, suffix] of [[{ width: 1280, height: 800 }, '1280'], [PHONE, 'phone']]) {
    const ctx = await newContext(browser, { viewport, mobile: viewport === PHONE, lang: 'zh' });
    const page = await ctx.newPage();
    await loginViaUi(page, 'tto@tyut.demo');
    await page.goto('/contracts?status=registered');
    await page.locator('[data-testid="contract-row"]').first().waitFor();
    await page.waitForLoadState('networkidle');
    const overflow = await page.evaluate(() => {
      const body = document.querySelector('[data-testid="contracts-table"] .ant-table-content, [data-testid="contracts-table"] .ant-table-body');
      return body ? body.scrollWidth - body.clientWidth : -1;
    });
    console.log(`${suffix}: table overflows by ${overflow}px`);
    await screenshot(page, `contracts-list-${suffix}`);
    await ctx.close();
  }
} finally {
  await browser.close();
}
