// Home and workbench (issue 12): one search box over achievements, demands
// and listings; live counts and the latest records; 通知公告 posted by an
// administrator; contact and filing numbers in the footer; unbuilt modules
// hidden from the menus (路演活动); signing in lands on the workbench with things to do.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, PHONE, launchBrowser, loginViaUi, newContext, screenshot, uniqueSuffix, watchPage } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const api = async (path) => (await fetch(`${BASE_URL}/api${path}`)).json();

async function searchFromHome(page, q) {
  const box = page.locator('.hero .portal-search input');
  await box.fill(q);
  await box.press('Enter');
  await page.waitForURL(/\/search\?q=/);
}

describe('home', () => {
  test('a visitor sees live counts and the latest records, and one search box finds an achievement and a demand', async () => {
    const home = await api('/home');
    const achievement = home.latest.achievements[0];
    const demand = home.latest.demands[0];
    assert.ok(achievement && demand, 'the demo has published records');
    const ctx = await newContext(browser);
    try {
      const page = await ctx.newPage();
      const problems = watchPage(page);
      await page.goto('/');
      await page.locator('[data-testid="home-latest-achievements"]', { hasText: achievement.title }).waitFor();
      await page.locator('[data-testid="home-latest-demands"]', { hasText: demand.title }).waitFor();
      const counts = await page.locator('[data-testid="home-counts"]').innerText();
      assert.match(counts, new RegExp(home.counts.achievements.toLocaleString('en-US')), counts);
      // Menus lead only to built pages: no 路演活动 placeholder (contracts, subsidies, challenges and statistics are built), no "coming soon" card.
      const nav = await page.locator('nav.navbar').innerText();
      assert.doesNotMatch(nav, /路演活动/);
      assert.equal(await page.getByText('即将上线').count(), 0);
      assert.match(await page.locator('[data-testid="footer-filing"]').innerText(), /ICP备/);
      await screenshot(page, 'home-01-desktop');

      await searchFromHome(page, achievement.title);
      await page.locator('[data-testid="search-group-achievements"]', { hasText: achievement.title }).waitFor();
      await screenshot(page, 'home-02-search-achievement');
      await page.goto('/');
      await searchFromHome(page, demand.title);
      await page.locator('[data-testid="search-group-demands"]', { hasText: demand.title }).waitFor();
      // The tab of one kind pages through it alone.
      await page.getByRole('tab', { name: '技术需求' }).click();
      await page.waitForURL(/kind=demands/);
      await page.locator('[data-testid="search-group-achievements"]').waitFor({ state: 'detached' });
      await screenshot(page, 'home-03-search-demand');
      // Searching for nothing browses the catalogue.
      await page.goto('/');
      await page.locator('.hero .portal-search input').fill('   ');
      await page.locator('.hero .portal-search input').press('Enter');
      await page.waitForURL(/\/achievements$/);
      assert.deepEqual(problems, []);
    } finally {
      await ctx.close();
    }
  });

  test('an administrator lands on the workbench, posts a notice, and it shows on the home page', async () => {
    const title = `平台维护通知 ${uniqueSuffix()}`;
    const ctx = await newContext(browser);
    try {
      const page = await ctx.newPage();
      const problems = watchPage(page);
      await loginViaUi(page, 'admin@kzt.demo');
      await page.waitForURL(/\/workbench$/);
      await page.locator('[data-testid="wb-task-reviewOrganizations"]').waitFor();
      // An administrator has no organisation to join: no 我的记录 section asking them to.
      assert.equal(await page.locator('[data-testid="wb-no-org"]').count(), 0);
      assert.equal(await page.locator('.workbench h2', { hasText: '我的记录' }).count(), 0);
      await page.locator('[data-testid="wb-short-admin"]').waitFor();
      await screenshot(page, 'home-04-workbench-admin');

      await page.goto('/admin/announcements');
      await page.locator('[data-testid="announcement-new"]').click();
      await page.locator('[data-testid="announcement-title"]').fill(title);
      await page.locator('[data-testid="announcement-body"]').fill('本周六 22:00 至 24:00 系统维护，期间暂停服务。');
      await page.locator('.ant-modal-footer .ant-btn-primary').click();
      await page.getByText('公告已发布').waitFor();
      assert.deepEqual(problems, []);
    } finally {
      await ctx.close();
    }

    const visitor = await newContext(browser);
    try {
      const page = await visitor.newPage();
      await page.goto('/');
      const link = page.locator('[data-testid="home-announcements"] a', { hasText: title });
      await link.waitFor();
      await link.click();
      await page.locator('[data-testid="announcement"]', { hasText: '系统维护' }).waitFor();
      await screenshot(page, 'home-05-announcement');
    } finally {
      await visitor.close();
    }
  });

  test('phone width: a firm signs in to its workbench with payments due; the home page and the menu stack', async () => {
    const ctx = await newContext(browser, { viewport: PHONE, mobile: true });
    try {
      const page = await ctx.newPage();
      const problems = watchPage(page);
      await loginViaUi(page, 'sme@jzsme.demo');
      await page.waitForURL(/\/workbench$/);
      await page.locator('[data-testid="wb-task-paymentsDue"]').waitFor();
      await screenshot(page, 'home-06-workbench-phone');
      await page.locator('[data-testid="wb-task-paymentsDue"]').click();
      await page.waitForURL(/\/deals/);

      await page.goto('/');
      await page.locator('[data-testid="home-latest-achievements"] [data-testid="card-achievement"]').first().waitFor();
      await screenshot(page, 'home-07-home-phone');
      await page.locator('[data-testid="nav-toggle"]').click();
      const drawer = page.locator('.nav-drawer');
      await drawer.getByText('工作台').first().waitFor();
      assert.doesNotMatch(await drawer.innerText(), /路演活动/);
      assert.match(await drawer.innerText(), /技术合同[\s\S]*政策奖补[\s\S]*揭榜挂帅[\s\S]*数据统计/);
      await screenshot(page, 'home-08-menu-phone', { fullPage: false });
      assert.deepEqual(problems, []);
    } finally {
      await ctx.close();
    }
  });
});
