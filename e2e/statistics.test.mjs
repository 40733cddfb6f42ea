// Statistics (issue 18): the administrator of 山西 sees the province's figures
// with their definitions, splits them by sub-region and opens the records
// behind a figure; a visitor sees the public figures and the wall screen.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PHONE, launchBrowser, loginViaUi, newContext, screenshot, watchPage } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

describe('数据统计', () => {
  test('the 山西 administrator reads the province’s figures, by sub-region, and the records behind one', async () => {
    const ctx = await newContext(browser);
    try {
      const page = await ctx.newPage();
      const problems = watchPage(page);
      await loginViaUi(page, 'shanxi.admin@kzt.demo');
      await page.goto('/statistics?jurisdiction=140000');
      const published = page.locator('[data-testid="figure-achievementsPublished"]');
      await published.waitFor();
      // The demo's published achievements of 山西 are counted (a number, not "not tracked").
      assert.match(await published.innerText(), /\d+ 项/);
      await page.locator('[data-testid="figure-contracts"]').waitFor();
      await page.getByText('导出 Excel').waitFor();
      await page.locator('.ant-segmented-item', { hasText: '按下级地区' }).click();
      await page.waitForURL(/by=child/);
      await page.locator('[data-testid="stats-trend"] canvas').waitFor();
      await screenshot(page, 'statistics-01-admin');
      await published.click();
      const drawer = page.locator('.ant-drawer');
      await drawer.getByText('发布科技成果 · 明细').waitFor();
      await drawer.locator('.ant-table-row').first().waitFor();
      await drawer.locator('.ant-drawer-close').click();
      await drawer.waitFor({ state: 'hidden' });
      // The new figures, each with its records; the industries, the top organisations and the flows between regions.
      for (const key of ['achievementsConverted', 'demandsMet', 'matchesPushed', 'matchesAnswered', 'challengesCompleted']) await page.locator(`[data-testid="figure-${key}"]`).waitFor();
      await page.locator('[data-testid="stats-industries"] .ant-table-row').first().waitFor();
      const topRow = page.locator('[data-testid="stats-top"] .ant-table-row').first();
      await topRow.waitFor();
      const topName = (await topRow.locator('td').nth(1).innerText()).trim();
      await page.locator('[data-testid="stats-flows"] canvas').waitFor();
      await screenshot(page, 'statistics-03-admin-tables');
      await topRow.click();
      await drawer.getByText(`认定登记技术合同 · ${topName} · 明细`).waitFor();
      await drawer.locator('.ant-table-row').first().waitFor();
      assert.match(await drawer.locator('.ant-table-row').first().innerText(), new RegExp(topName.slice(0, 4)));
      assert.deepEqual(problems, []);
    } finally {
      await ctx.close();
    }
  });

  test('the 山西 administrator’s dashboard on a 390 px phone', async () => {
    const ctx = await newContext(browser, { viewport: { width: 390, height: 844 }, mobile: true });
    try {
      const page = await ctx.newPage();
      const problems = watchPage(page);
      await loginViaUi(page, 'shanxi.admin@kzt.demo');
      await page.goto('/statistics?jurisdiction=140000');
      await page.locator('[data-testid="stats-top"] .ant-table-row').first().waitFor();
      await page.locator('[data-testid="stats-flows"] canvas').waitFor();
      // Nothing wider than the phone but the tables' own scrolling.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `the page scrolls sideways by ${overflow}px`);
      await screenshot(page, 'statistics-04-admin-phone');
      assert.deepEqual(problems, []);
    } finally {
      await ctx.close();
    }
  });

  test('a visitor sees the public figures with the plan’s targets, and the wall screen, on a phone too', async () => {
    const ctx = await newContext(browser, { viewport: PHONE, mobile: true });
    try {
      const page = await ctx.newPage();
      const problems = watchPage(page);
      await page.goto('/statistics?jurisdiction=210100');
      await page.getByText('您看到的是公开数据').waitFor();
      await page.getByText('技术合同成交额').first().waitFor();
      assert.equal(await page.getByText('导出 Excel').count(), 0);
      await screenshot(page, 'statistics-02-public-phone');
      await page.goto('/statistics/screen/140000');
      await page.locator('[data-testid="wall-screen"]').getByText('山西省 · 科技成果转化数据').waitFor();
      assert.deepEqual(problems, []);
    } finally {
      await ctx.close();
    }
  });
});
