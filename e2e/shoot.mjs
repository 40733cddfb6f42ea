// Takes screenshots of every page at desktop (1366px) and phone (375px) widths.
// Usage: E2E_BASE_URL=http://127.0.0.1:3100 node e2e/shoot.mjs
// Needs a server with SEED=demo. Files go to e2e/screenshots/pages-*.png.
import { DESKTOP, PHONE, launchBrowser, loginViaUi, newContext, screenshot, watchPage } from './helpers.mjs';

const anonymous = [
  ['home', '/'],
  ['login', '/login'],
  ['register', '/register'],
  ['achievements', '/achievements'],
  ['statistics', '/statistics'],
  ['not-found', '/no/such/page'],
];
const asUser = {
  'sme@jzsme.demo': [
    ['me', '/me'],
    ['org', '/org'],
    ['org-apply', '/org/apply'],
  ],
  'pending@newco.demo': [['org-pending', '/org']],
  'jinzhong.admin@kzt.demo': [
    ['admin-verification', '/admin/verification'],
    ['admin-audit', '/admin/audit'],
  ],
};

const browser = await launchBrowser();
const problems = [];
try {
  for (const [label, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
    const mobile = label === 'phone';
    {
      const ctx = await newContext(browser, { viewport, mobile });
      const page = await ctx.newPage();
      problems.push(watchPage(page));
      for (const [name, url] of anonymous) {
        await page.goto(url);
        await page.waitForLoadState('networkidle');
        await screenshot(page, `pages-${label}-${name}`);
      }
      if (mobile) {
        await page.goto('/');
        await page.locator('[data-testid="nav-toggle"]').click();
        await page.locator('.nav-drawer').waitFor();
        await page.waitForTimeout(400);
        await screenshot(page, `pages-${label}-drawer`, { fullPage: false });
      }
      const en = await newContext(browser, { viewport, mobile, lang: 'en' });
      const p2 = await en.newPage();
      await p2.goto('/');
      await p2.waitForLoadState('networkidle');
      await screenshot(p2, `pages-${label}-home-en`);
      await en.close();
      await ctx.close();
    }
    for (const [login, pages] of Object.entries(asUser)) {
      const ctx = await newContext(browser, { viewport, mobile });
      const page = await ctx.newPage();
      problems.push(watchPage(page));
      await loginViaUi(page, login);
      for (const [name, url] of pages) {
        await page.goto(url);
        await page.waitForLoadState('networkidle');
        await page.waitForTimeout(300);
        await screenshot(page, `pages-${label}-${name}`);
      }
      if (login.startsWith('jinzhong')) {
        await page.goto('/admin/audit');
        await page.waitForLoadState('networkidle');
        await page.locator('[data-testid="verify-chain"]').click();
        await page.locator('[data-testid="chain-result"]').waitFor();
        await page.locator('.ant-table-row-expand-icon').first().click();
        await page.waitForTimeout(300);
        await screenshot(page, `pages-${label}-admin-audit-verified`);
        await page.goto('/admin/verification');
        await page.waitForLoadState('networkidle');
        const reject = page.locator('[data-testid="reject"]').first();
        if (await reject.count()) {
          await reject.click();
          await page.waitForTimeout(400);
          await screenshot(page, `pages-${label}-admin-reject-modal`, { fullPage: false });
        }
      }
      if (login.startsWith('sme') && !mobile) {
        await page.goto('/');
        await page.locator('[data-testid="user-menu"]').click();
        await page.waitForTimeout(300);
        await screenshot(page, `pages-${label}-user-menu`, { fullPage: false });
      }
      await ctx.close();
    }
  }
} finally {
  await browser.close();
}
const all = [...new Set(problems.flat())].filter((p) => !p.includes("401"));
if (all.length) console.log("page problems:\n" + all.join("\n"));
console.log('done');
