// Screenshots of the issue-12 pages: the audit log (Chinese and English,
// desktop and phone), the tracking page with the local rule, the notices in
// English at phone width. Usage: E2E_BASE_URL=http://127.0.0.1:3100 node e2e/shoot-notices.mjs
// Needs a server with SEED=demo. Files go to e2e/screenshots/notices-shot-*.png.
import { DESKTOP, PHONE, launchBrowser, loginViaUi, newContext, screenshot } from './helpers.mjs';

const shots = [
  ['admin@kzt.demo', 'audit-zh', '/admin/audit', DESKTOP, 'zh'],
  ['admin@kzt.demo', 'audit-en', '/admin/audit', DESKTOP, 'en'],
  ['shanxi.admin@kzt.demo', 'audit-phone', '/admin/audit', PHONE, 'zh'],
  ['admin@kzt.demo', 'tracking-rule', '/admin/achievement-tracking', DESKTOP, 'zh'],
  ['tto@tyut.demo', 'notifications-en-phone', '/notifications', PHONE, 'en'],
];

const browser = await launchBrowser();
try {
  for (const [login, name, url, viewport, lang] of shots) {
    const ctx = await newContext(browser, { viewport, mobile: viewport === PHONE, lang });
    const page = await ctx.newPage();
    await loginViaUi(page, login);
    await page.goto(url);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(500);
    await screenshot(page, `notices-shot-${name}`, { fullPage: viewport !== PHONE });
    await ctx.close();
  }
} finally {
  await browser.close();
}
