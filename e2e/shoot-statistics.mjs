// Screenshots of the statistics pages (issue 18) at 1280×800 and 1920×1080: the dashboard of 沈阳 (210100) and of
// 陕西 (610000) as their administrators (figures, targets, trends, children, industries, top organisations, flows,
// the records behind a figure), the public page and the wall screen as a visitor — whose pages must name no party.
// Usage: E2E_BASE_URL=http://127.0.0.1:3100 node e2e/shoot-statistics.mjs   (a server with SEED=demo)
// Files go to e2e/screenshots/stats-*.png; problems (page errors, party names on a public page) are printed.
import { DEMO_ORGS } from '../apps/server/src/seed.ts';
import { launchBrowser, loginViaUi, newContext, screenshot, watchPage } from './helpers.mjs';

const SIZES = [['1280', { width: 1280, height: 800 }], ['1920', { width: 1920, height: 1080 }]];
const ADMINS = [['shenyang.admin@kzt.demo', '210100'], ['shaanxi.admin@kzt.demo', '610000']];
const problems = [];
const browser = await launchBrowser();
try {
  for (const [size, viewport] of SIZES) {
    for (const [login, code] of ADMINS) {
      const ctx = await newContext(browser, { viewport });
      const page = await ctx.newPage();
      problems.push(watchPage(page));
      await loginViaUi(page, login);
      await page.goto(`/statistics?jurisdiction=${code}`);
      await page.locator('[data-testid="stats-top"]').waitFor();
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(800);
      await screenshot(page, `stats-${size}-admin-${code}`);
      await screenshot(page, `stats-${size}-admin-${code}-top`, { fullPage: false });
      await page.goto(`/statistics?jurisdiction=${code}&by=child`);
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(800);
      await screenshot(page, `stats-${size}-admin-${code}-children`, { fullPage: false });
      const row = page.locator('[data-testid="stats-top"] .ant-table-row').first();
      if (await row.count()) {
        await row.click();
        await page.locator('.ant-drawer .ant-table').waitFor();
        await page.waitForTimeout(500);
        await screenshot(page, `stats-${size}-admin-${code}-records`, { fullPage: false });
      }
      await ctx.close();
    }
    const ctx = await newContext(browser, { viewport });
    const page = await ctx.newPage();
    problems.push(watchPage(page));
    for (const [, code] of ADMINS) {
      await page.goto(`/statistics?jurisdiction=${code}`);
      await page.getByText('您看到的是公开数据').waitFor();
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(800);
      await screenshot(page, `stats-${size}-public-${code}`);
      const text = await page.locator('body').innerText();
      for (const o of DEMO_ORGS) if (text.includes(o.name)) problems.push([`public page ${code} names ${o.name}`]);
      await page.goto(`/statistics/screen/${code}`);
      await page.locator('[data-testid="wall-screen"] canvas').first().waitFor();
      await page.waitForTimeout(1200);
      await screenshot(page, `stats-${size}-wall-${code}`, { fullPage: false });
      // A wall screen is the screen: nothing to scroll to.
      const below = await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight);
      if (below > 1) problems.push([`wall screen ${code} runs ${below}px below a ${size} screen`]);
      const wall = await page.locator('body').innerText();
      for (const o of DEMO_ORGS) if (wall.includes(o.name)) problems.push([`wall screen ${code} names ${o.name}`]);
    }
    await ctx.close();
  }
} finally {
  await browser.close();
}
const all = problems.flat();
console.log(all.length ? all.join('\n') : 'no problems');
