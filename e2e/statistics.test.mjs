// Statistics (issue 18): the administrator of 山西 sees the province's figures
// with their definitions, splits them by sub-region and opens the records
// behind a figure; a visitor sees the public figures and the wall screen.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PHONE, launchBrowser, loginViaUi, newContext, pickOption, screenshot, watchPage } from './helpers.mjs';

/** The workbook a download link gives, fetched as the page would (with its session). */
async function workbookAt(page, selector) {
  const href = await page.locator(selector).first().getAttribute('href');
  assert.ok(href, `${selector} links to no workbook`);
  return page.evaluate(async (url) => {
    const r = await fetch(url, { credentials: 'include' });
    return { status: r.status, type: r.headers.get('content-type'), size: (await r.arrayBuffer()).byteLength };
  }, href);
}

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
      // Each count and amount against the same period a year before (同比).
      assert.match(await page.locator('[data-testid="figure-achievementsPublished-change"]').innerText(), /同比/);
      // Figures no module records yet say so, never 0.
      for (const key of ['matchmakingEvents', 'roadshows', 'brokersTrained', 'pilotBases', 'incubationCarriers', 'demonstrationAgencies', 'transferProfessionals']) {
        const text = await page.locator(`[data-testid="figure-${key}"]`).innerText();
        assert.match(text, /暂未统计/, key);
        assert.doesNotMatch(text, /\d/, `${key} shows a number: ${text}`);
      }
      // Subsidies against the budget: the budget of the period's years, or that none is set.
      assert.match(await page.locator('[data-testid="figure-subsidies"]').innerText(), /预算 |未设预算/);
      await screenshot(page, 'statistics-08-admin-untracked');
      await page.getByText('导出 Excel').waitFor();
      await page.locator('.ant-segmented-item', { hasText: '按下级地区' }).click();
      await page.waitForURL(/by=child/);
      await page.locator('[data-testid="stats-trend"] canvas').waitFor();
      // The sub-regions side by side in a table too.
      const children = page.locator('[data-testid="stats-children"]');
      await children.locator('.ant-table-row').first().waitFor();
      // A sub-region that is a jurisdiction of the platform (晋中) opens its own dashboard; one that is not (太原, once a
      // contract names it) is named by GB/T 2260, with nothing to open.
      const { series } = await (await page.request.get(`/api/stats?${new URL(page.url()).searchParams}`)).json();
      assert.ok(series.some((x) => x.jurisdiction && x.name === '晋中市'));
      for (const x of series) {
        await children.getByText(x.name, { exact: true }).first().waitFor();
        assert.equal(await children.locator('a', { hasText: x.name }).count() > 0, x.jurisdiction, `${x.name} opens only if it is a jurisdiction`);
      }
      await screenshot(page, 'statistics-01-admin');
      await page.goto('/statistics?jurisdiction=140000&by=month');
      await page.locator('[data-testid="stats-trend"] canvas').waitFor();
      await published.click();
      const drawer = page.locator('.ant-drawer');
      await drawer.getByText('发布科技成果 · 明细').waitFor();
      await drawer.locator('.ant-table-row').first().waitFor();
      // Each record named and linked to its page by the module that owns it.
      assert.match(await drawer.locator('.ant-table-row a').first().getAttribute('href'), /^\/achievements\/[0-9a-f-]{36}$/);
      await drawer.locator('.ant-drawer-close').click();
      await drawer.waitFor({ state: 'hidden' });
      // A part of a figure opens its own records: the verified organisations of one type, each linked to its page.
      await page.locator('[data-testid="figure-organizationsVerified-parts"] a').first().click();
      await drawer.locator('.ant-table-row').first().waitFor();
      assert.match(await drawer.locator('.ant-table-row a').first().getAttribute('href'), /^\/org\/[0-9a-f-]{36}$/);
      await drawer.locator('.ant-drawer-close').click();
      await drawer.waitFor({ state: 'hidden' });
      // The new figures, each with its records; the industries, the top organisations and the flows between regions.
      for (const key of ['achievementsConverted', 'demandsMet', 'matchesPushed', 'matchesAnswered', 'challengesCompleted']) await page.locator(`[data-testid="figure-${key}"]`).waitFor();
      await page.locator('[data-testid="stats-industries"] .ant-table-row').first().waitFor();
      // The industries table counts registered contracts too.
      await page.locator('[data-testid="stats-industries"] th', { hasText: '合同成交额' }).waitFor();
      // Every table of the page in one workbook.
      const all = await workbookAt(page, '[data-testid="stats-export"]');
      assert.equal(all.status, 200);
      assert.match(all.type, /spreadsheetml/);
      const topRow = page.locator('[data-testid="stats-top"] .ant-table-row').first();
      await topRow.waitFor();
      const topName = (await topRow.locator('td').nth(1).innerText()).trim();
      await page.locator('[data-testid="stats-flows"] canvas').waitFor();
      await screenshot(page, 'statistics-03-admin-tables');
      // The wall screen at a desktop width.
      const wallCtx = await newContext(browser, { viewport: { width: 1280, height: 800 } });
      const wall = await wallCtx.newPage();
      await wall.goto('/statistics/screen/140000');
      await wall.locator('[data-testid="wall-screen"] canvas').first().waitFor();
      await wall.waitForTimeout(800);
      await screenshot(wall, 'statistics-07-wall-desktop');
      await wallCtx.close();
      await topRow.click();
      await drawer.getByText(`认定登记技术合同 · ${topName} · 明细`).waitFor();
      await drawer.locator('.ant-table-row').first().waitFor();
      assert.match(await drawer.locator('.ant-table-row').first().innerText(), new RegExp(topName.slice(0, 4)));
      // The records in the drawer go to Excel as listed.
      const records = await workbookAt(page, '[data-testid="stats-records-export"]');
      assert.equal(records.status, 200);
      assert.match(records.type, /spreadsheetml/);
      await screenshot(page, 'statistics-05-admin-records');
      assert.deepEqual(problems, []);
    } finally {
      await ctx.close();
    }
  });

  test('the 晋中 administrator sets a turnover target in 万元: 10亿 typed in is refused on the field, never saved as 10 元', async () => {
    const ctx = await newContext(browser);
    try {
      const page = await ctx.newPage();
      const problems = watchPage(page);
      await loginViaUi(page, 'jinzhong.admin@kzt.demo');
      await page.goto('/statistics?jurisdiction=140700');
      await page.getByRole('button', { name: '设置目标' }).click();
      const modal = page.locator('.ant-modal:visible');
      await modal.locator('[data-testid="target-key"]').click();
      await pickOption(page, '技术合同成交额');
      const value = modal.locator('[data-testid="target-value"] input, input[data-testid="target-value"]').first();
      // The field says its unit: 万元, as every figure on the page.
      await modal.locator('.ant-input-group-addon', { hasText: '万元' }).waitFor();
      await value.fill('10亿');
      await modal.locator('.ant-modal-footer .ant-btn-primary').click();
      await modal.getByText('不要带“亿”“万”等单位').waitFor();
      await screenshot(page, 'statistics-10-target-refused');
      const saved = (await (await page.request.get('/api/jurisdictions/140700/targets')).json()).items.filter((r) => r.key === 'contractAmount' && r.year === new Date().getFullYear());
      assert.deepEqual(saved, [], 'a refused value was saved');
      // Full-width digits and a thousands comma of a Chinese keyboard read alike: 10 亿元.
      await value.fill('１００，０００');
      await modal.locator('.ant-modal-footer .ant-btn-primary').click();
      await page.getByText('目标已保存').waitFor();
      const row = page.locator('[data-testid="stats-targets"] .ant-table-row', { hasText: '技术合同成交额' }).filter({ hasText: String(new Date().getFullYear()) });
      await row.waitFor();
      // The target and the figure beside it in one unit.
      const cells = await row.locator('td').allInnerTexts();
      assert.equal(cells[2], '10 亿元');
      assert.match(cells[3], /亿元|暂无数据/);
      assert.match(cells[5], /亿元/);
      const stored = (await (await page.request.get('/api/jurisdictions/140700/targets')).json()).items.find((r) => r.key === 'contractAmount' && r.year === new Date().getFullYear());
      assert.equal(stored.value, 1_000_000_000 * 100);
      await screenshot(page, 'statistics-11-target-saved');
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
    const ctx = await newContext(browser, { viewport: { width: 390, height: 844 }, mobile: true });
    try {
      const page = await ctx.newPage();
      const problems = watchPage(page);
      await page.goto('/statistics?jurisdiction=210100');
      await page.getByText('您看到的是公开数据').waitFor();
      await page.getByText('技术合同成交额').first().waitFor();
      // The public tables go to Excel too: the public workbook, no parties in it.
      assert.match(await page.locator('[data-testid="stats-export"]').getAttribute('href'), /\/api\/stats\/public\/export\.xlsx\?/);
      const pub = await workbookAt(page, '[data-testid="stats-export"]');
      assert.equal(pub.status, 200);
      assert.match(pub.type, /spreadsheetml/);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `the public page scrolls sideways by ${overflow}px`);
      await screenshot(page, 'statistics-02-public-phone');
      await page.goto('/statistics/screen/140000');
      await page.locator('[data-testid="wall-screen"]').getByText('山西省 · 科技成果转化数据').waitFor();
      await page.locator('[data-testid="wall-screen"] canvas').first().waitFor();
      const wallOverflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(wallOverflow <= 1, `the wall screen scrolls sideways by ${wallOverflow}px on a phone`);
      await screenshot(page, 'statistics-06-wall-phone');
      assert.deepEqual(problems, []);
    } finally {
      await ctx.close();
    }
  });
});
