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
      // The base beside the percentage, so a large change of a small number reads as such (同比 +15700.0%（上年 1）).
      assert.match(await page.locator('[data-testid="figure-achievementsPublished-change"]').innerText(), /同比 [+-]\d+(\.\d)?%（上年 \d+）|同比：去年同期为 0/);
      // Figures no module records yet say so, never 0.
      for (const key of ['matchmakingEvents', 'roadshows', 'brokersTrained', 'pilotBases', 'incubationCarriers', 'demonstrationAgencies', 'transferProfessionals']) {
        const text = await page.locator(`[data-testid="figure-${key}"]`).innerText();
        assert.match(text, /暂未统计/, key);
        assert.doesNotMatch(text, /\d/, `${key} shows a number: ${text}`);
        // … and why, in words an official reads.
        assert.equal(await page.locator(`[data-testid="figure-${key}-why"]`).innerText(), '平台尚未记录此类数据（路演、培训等模块上线后自动统计）');
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
      // What is counted at the province itself (太行理工大学 registered at 140000) is a row of its own, last, marked as no
      // region to open, and the rows add up to the total; the page says so.
      const rest = series.at(-1);
      assert.equal(rest.remainder, true);
      assert.equal(rest.name, '省本级及未归属下级');
      const figures = (await (await page.request.get(`/api/stats?${new URL(page.url()).searchParams}`)).json()).figures;
      assert.equal(series.reduce((n, x) => n + x.figures.contracts.count, 0), figures.contracts.count);
      assert.equal(series.reduce((n, x) => n + x.figures.achievementsPublished, 0), figures.achievementsPublished);
      assert.ok(rest.figures.contracts.count > 0, 'the demo registers contracts at the province itself');
      await children.locator('[data-testid="stats-children-remainder"]').getByText('非下级辖区').waitFor();
      assert.match(await children.locator('[data-testid="stats-children-note"]').innerText(), /各行相加等于合计/);
      assert.match(await children.locator('[data-testid="stats-children-total"]').innerText(), new RegExp(`合计\\s+${figures.contracts.count}\\s`));
      // At 1440 px the table is not cut off: it scrolls inside its card, and its last column can be reached.
      const cut = await children.evaluate((card) => card.getBoundingClientRect().right - document.documentElement.clientWidth);
      assert.ok(cut <= 0, `the sub-region card runs ${cut}px past the page`);
      const lastHead = children.locator('th', { hasText: '平台成交' });
      await lastHead.scrollIntoViewIfNeeded();
      const box = await lastHead.boundingBox();
      const cardBox = await children.boundingBox();
      assert.ok(box && box.x + box.width <= cardBox.x + cardBox.width + 1, 'the last column cannot be reached');
      await screenshot(page, 'statistics-01-admin');
      // The plan's 2022 targets on a page of this year: other years' targets only when asked, marked as such, the plan named by its title.
      const targets = page.locator('[data-testid="stats-targets"]');
      await targets.getByText(/本期（\d{4}）没有目标；另有 \d+ 项其他年度的目标。/).waitFor();
      await page.locator('[data-testid="targets-all-years"]').click();
      const brokers = targets.locator('.ant-table-row', { hasText: '技术经纪人培训' });
      await brokers.getByText('往年').waitFor();
      assert.equal(await brokers.locator('[data-testid="target-source"]').innerText(), '山西省科技成果转化行动方案（2022 年）');
      assert.doesNotMatch(await targets.innerText(), /001|\.txt/);
      await targets.scrollIntoViewIfNeeded();
      await screenshot(page, 'statistics-01b-admin-targets', { fullPage: false });
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
      // The figure reached as the card writes it (the cards' formatter: 376 万元, not 0.04 亿元).
      const card = (await page.locator('[data-testid="figure-contractAmount"] .ant-statistic-content').innerText()).trim();
      assert.ok(cells[3] === card || /无数据/.test(cells[3]), `${cells[3]} beside the card's ${card}`);
      assert.doesNotMatch(cells[3], /^0\.\d+ 亿元$/);
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
      // This year's targets of 沈阳's plan (成果发布 2026); the plan's 2022 and 2025 ones when asked, named by the plan.
      const targets = page.locator('[data-testid="stats-targets"]');
      await targets.locator('.ant-table-row').first().waitFor();
      assert.equal(await targets.locator('.ant-table-row', { hasText: '技术合同成交额' }).count(), 0);
      await page.locator('[data-testid="targets-all-years"]').click();
      await targets.locator('.ant-table-row', { hasText: '技术合同成交额' }).first().waitFor();
      assert.match(await targets.locator('[data-testid="target-source"]').first().innerText(), /《沈阳市促进科技成果本地转化行动方案》/);
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
