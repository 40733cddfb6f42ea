// The catalogue through the UI: a university registers an achievement with two
// completers (60/40) and submits it; the province admin approves it in the
// review tab; an anonymous visitor finds it by searching in traditional
// characters and opens it. Also: shares that do not add up to 100 are refused.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PHONE, launchBrowser, loginViaUi, newContext, pickOption, screenshot, uniqueSuffix, watchPage } from './helpers.mjs';

const OWNER = 'tto@tyut.demo';
// 太行理工大学 is in 山西省 (140000) itself, so the province admin reviews it.
const ADMIN = 'shanxi.admin@kzt.demo';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** Fills the basics of the achievement form (on /achievements/new). */
async function fillBasics(page, title) {
  await page.locator('#title').fill(title);
  await page.locator('#type').click();
  await pickOption(page, '技术开发与产业化');
  await page.locator('#maturity').click();
  await pickOption(page, '6 · 中试 — 工程样机/中试完成');
  await page.locator('#industry').click();
  await pickOption(page, 'D · 电力、热力、燃气及水生产和供应业');
  await page.locator('#summary').fill('基于宽频阻抗谱与边缘计算的继电保护装置在线检测方法，可在不停电条件下发现装置隐性故障，检测时间缩短 60%。');
  await page.locator('#keywords').fill('继电保护');
  await page.keyboard.press('Enter');
}

async function fillCompleters(page, shares) {
  for (let i = 0; i < shares.length; i++) {
    if (i > 0) await page.locator('[data-testid="add-completer"]').click();
    await page.locator(`#completers_${i}_name`).fill(`完成人${i + 1}`);
    await page.locator(`#completers_${i}_organization`).fill('太行理工大学');
    await page.locator(`#completers_${i}_share`).fill(String(shares[i]));
  }
  await page.locator('#completers_0_name').click(); // blur the last number input
}

describe('catalogue', () => {
  test('owner registers and submits → province admin approves → visitor finds it in 繁体', async () => {
    const suffix = uniqueSuffix().slice(-6);
    const title = `智能电网继电保护装置在线检测技术（测试${suffix}）`;
    const ownerCtx = await newContext(browser);
    const adminCtx = await newContext(browser);
    const visitorCtx = await newContext(browser);
    try {
      // 1. the university's technology-transfer office registers the achievement
      const page = await ownerCtx.newPage();
      const problems = watchPage(page);
      await loginViaUi(page, OWNER);
      await page.locator('[data-testid="user-menu"]').click();
      await page.locator('[data-testid="menu-my-achievements"]').click();
      await page.locator('h1', { hasText: '我的成果' }).waitFor();
      await page.locator('[data-testid="achievements-new"]').click();
      await page.locator('h1', { hasText: '登记成果' }).waitFor();
      await fillBasics(page, title);
      await fillCompleters(page, [60, 40]);
      assert.match(await page.locator('[data-testid="share-sum"]').innerText(), /份额合计 100%/);
      await page.locator('#transferModes').getByText('转让', { exact: true }).click();
      // The price is said back below the field; 30,000 typed in 万元 is said as 3 亿元 with a warning to check the unit.
      // Typed key by key, as a person types: every digit lands in the field (the echo appearing after the first one
      // must not take the focus away — 15000 once became 1).
      await page.locator('#price').click();
      await page.locator('#price').pressSequentially('30000', { delay: 30 });
      await page.locator('[data-testid="money-echo"]', { hasText: '即 3 亿元：金额较大，请核对单位' }).waitFor();
      assert.equal(await page.locator('#price').inputValue(), '30000');
      // An amount typed with its own unit is that amount in the field's unit: 1.5亿 in 万元 is 15000, 80万 is 80.
      await page.locator('#price').fill('');
      await page.locator('#price').pressSequentially('1.5亿', { delay: 30 });
      await page.locator('[data-testid="money-echo"]', { hasText: '即 1.5 亿元：金额较大，请核对单位' }).waitFor();
      await page.locator('#price').fill('');
      await page.locator('#price').pressSequentially('80万', { delay: 30 });
      await page.locator('#price').blur();
      await page.locator('[data-testid="money-echo"]', { hasText: /^即 80 万元$/ }).waitFor();
      assert.equal(await page.locator('#price').inputValue(), '80');
      await screenshot(page, 'catalogue-01-form');
      await page.locator('[data-testid="save-submit"]').click();
      await page.waitForURL(/\/achievements\/[0-9a-f-]{36}$/);
      await page.locator('[data-testid="record-title"]', { hasText: title }).waitFor();
      await page.locator('[data-testid="record-status"][data-status="submitted"]').waitFor();
      const completers = await page.locator('[data-testid="completers"]').innerText();
      assert.match(completers, /60%/);
      assert.match(completers, /40%/);
      assert.match(await page.locator('[data-testid="price"]').innerText(), /80 万元/);
      await screenshot(page, 'catalogue-02-submitted');
      assert.deepEqual(problems, []);

      // 2. the province admin approves it from the 成果审核 tab
      const admin = await adminCtx.newPage();
      watchPage(admin);
      await loginViaUi(admin, ADMIN);
      await admin.goto('/admin');
      await admin.locator('[data-testid="admin-achievement-review"]').click();
      await admin.locator('h1', { hasText: '成果审核' }).waitFor();
      const row = admin.locator('[data-testid="review-table"] tr', { hasText: title });
      await row.waitFor();
      await screenshot(admin, 'catalogue-03-review-queue');
      await row.locator('[data-testid="review-approve"]').click();
      await admin.locator('.ant-popover:visible .ant-btn-primary').click();
      await admin.locator('.ant-message', { hasText: '已审核通过并发布' }).waitFor();
      await row.waitFor({ state: 'detached' });

      // 3. an anonymous visitor searches in traditional characters and opens it
      const visitor = await visitorCtx.newPage();
      const vProblems = watchPage(visitor);
      await visitor.goto('/');
      await visitor.locator('.main-menu').getByText('科技成果', { exact: true }).click();
      await visitor.locator('h1', { hasText: '科技成果' }).waitFor();
      await visitor.locator('[data-testid="catalogue-search"] input').fill('智能電網繼電保護裝置');
      await visitor.keyboard.press('Enter');
      await visitor.waitForURL(/q=/);
      await visitor.locator('[data-testid="sort"]').getByText('最新发布').click();
      const card = visitor.locator('[data-testid="achievement-card"]', { hasText: `测试${suffix}` });
      await card.waitFor();
      // The unfiltered list may show the new record first; the search result is the one with marked hits.
      await card.locator('mark').first().waitFor();
      assert.ok((await card.locator('mark').count()) > 0, 'the hits are marked');
      await screenshot(visitor, 'catalogue-04-search-traditional');
      await card.locator('.record-title a').click();
      await visitor.locator('[data-testid="record-title"]', { hasText: title }).waitFor();
      assert.match(await visitor.locator('[data-testid="completers"]').innerText(), /完成人1[\s\S]*60%/);
      assert.equal(await visitor.locator('[data-testid="record-status"]').count(), 0, 'visitors see no workflow status');
      await screenshot(visitor, 'catalogue-05-detail-visitor');
      assert.deepEqual(vProblems, []);
    } finally {
      await ownerCtx.close();
      await adminCtx.close();
      await visitorCtx.close();
    }
  });

  test('shares adding up to 90 are refused with a Chinese message', async () => {
    const ctx = await newContext(browser, { viewport: PHONE, mobile: true });
    try {
      const page = await ctx.newPage();
      watchPage(page);
      await loginViaUi(page, OWNER);
      await page.goto('/achievements/new');
      await page.locator('h1', { hasText: '登记成果' }).waitFor();
      await fillBasics(page, `份额校验测试${uniqueSuffix()}`);
      await fillCompleters(page, [50, 40]);
      assert.match(await page.locator('[data-testid="share-sum"]').innerText(), /份额合计 90%/);
      await page.locator('#price').fill('10');
      await page.locator('[data-testid="save-draft"]').click();
      await page.getByText('完成人份额合计必须为 100%').first().waitFor();
      assert.match(page.url(), /\/achievements\/new$/, 'nothing was saved');
      await page.getByText('完成人份额合计必须为 100%').first().scrollIntoViewIfNeeded();
      await screenshot(page, 'catalogue-06-share-error-phone', { fullPage: false });
      // fixing the shares clears the message
      await page.locator('#completers_1_share').fill('50');
      await page.locator('#completers_0_name').click();
      await page.getByText('完成人份额合计必须为 100%').waitFor({ state: 'detached' });
      // Nothing saved yet: 取消 asks before what was typed is lost; 留在此页 keeps every field.
      await page.getByRole('button', { name: '取 消' }).or(page.getByRole('button', { name: '取消' })).first().click();
      const leave = page.locator('.ant-modal-confirm', { hasText: '离开此页？' });
      await leave.getByText('填写的内容尚未保存，离开后将丢失。').waitFor();
      await leave.getByRole('button', { name: '留在此页' }).click();
      await leave.waitFor({ state: 'detached' });
      assert.match(page.url(), /\/achievements\/new$/);
      assert.equal(await page.locator('#completers_1_share').inputValue(), '50.00');
      await page.getByRole('button', { name: '取 消' }).or(page.getByRole('button', { name: '取消' })).first().click();
      await leave.getByRole('button', { name: '离 开' }).or(leave.getByRole('button', { name: '离开' })).first().click();
      await page.waitForURL(/\/me\/achievements$/);
    } finally {
      await ctx.close();
    }
  });

  test('price, region and date filters live in the URL; 清除筛选 keeps the query', async () => {
    const ctx = await newContext(browser);
    try {
      const page = await ctx.newPage();
      const problems = watchPage(page);
      const cardsLoaded = async () => {
        await page.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
        await page.locator('[data-testid="achievement-card"]').first().waitFor();
      };
      // 10–50 万元, typed into the URL: every price shown lies inside, and the inputs show the range.
      await page.goto('/achievements?priceMin=10000000&priceMax=50000000');
      await cardsLoaded();
      const prices = await page.locator('[data-testid="achievement-card"] [data-testid="price-tag"]').allInnerTexts();
      assert.ok(prices.length > 0, 'some cards show a price');
      for (const p of prices) {
        const m = /^([\d.,]+) 万元$/.exec(p.trim());
        assert.ok(m, `a price in 万元, not 面议: ${p}`);
        const wan = Number(m[1].replace(/,/g, ''));
        assert.ok(wan >= 10 && wan <= 50, `${p} is within 10–50 万元`);
      }
      assert.equal(await page.locator('[data-testid="filter-price-min"]').inputValue(), '10');
      assert.equal(await page.locator('[data-testid="filter-price-max"]').inputValue(), '50');
      // Changing the lower bound in the panel goes to the URL in fen.
      await page.locator('[data-testid="filter-price-min"]').fill('20');
      await page.locator('[data-testid="filter-price-apply"]').click();
      await page.waitForURL(/priceMin=20000000/);

      // Region and publication date from the URL, with a query; the region shows by name.
      const from = new Date(Date.now() - 120 * 86400_000).toISOString().slice(0, 10);
      await page.goto(`/achievements?q=${encodeURIComponent('研究')}&jurisdictionCode=140700&publishedFrom=${from}&priceMax=80000000`);
      await cardsLoaded();
      assert.match(await page.locator('[data-testid="facet-jurisdiction"]').innerText(), /晋中市/);
      for (const text of await page.locator('[data-testid="achievement-card"]').allInnerTexts()) {
        const d = /发布于 (\d{4}-\d{2}-\d{2})/.exec(text)?.[1];
        assert.ok(d && d >= from, `published ${d} on or after ${from}`);
      }
      // 清除筛选 drops every filter but keeps the search words.
      await page.locator('[data-testid="filters-reset"]').click();
      await page.waitForURL((u) => [...u.searchParams.keys()].join() === 'q');
      // The router renders the new URL in a transition: wait for the link to go before reading the inputs.
      await page.locator('[data-testid="filters-reset"]').waitFor({ state: 'detached' });
      assert.equal(await page.locator('[data-testid="filter-price-max"]').inputValue(), '');
      assert.match(await page.locator('[data-testid="facet-jurisdiction"]').innerText(), /全部地区/);
      assert.deepEqual(problems, []);
    } finally {
      await ctx.close();
    }
  });

  test('the catalogue pages open for visitors, with filters in a drawer on phones', async () => {
    const ctx = await newContext(browser, { viewport: PHONE, mobile: true });
    try {
      const page = await ctx.newPage();
      const problems = watchPage(page);
      await page.goto('/demands');
      await page.locator('h1', { hasText: '技术需求' }).waitFor();
      await page.locator('[data-testid="filters-open"]').click();
      await page.locator('.filters-drawer [data-testid="facet-industry"]').waitFor();
      await page.keyboard.press('Escape');
      await page.goto('/');
      // The home page at phone width: its search box and live counts.
      await page.locator('[data-testid="home-search"]').waitFor();
      await page.locator('[data-testid="home-counts"]').waitFor();
      assert.deepEqual(problems, []);
    } finally {
      await ctx.close();
    }
  });
  test('a search longer than the server takes is cut at 200 characters, not refused', async () => {
    const ctx = await newContext(browser);
    try {
      const page = await ctx.newPage();
      const problems = watchPage(page);
      const long = '钢箱梁桥施工'.repeat(60); // 360 characters
      // Typed: the box stops at 200.
      await page.goto('/achievements');
      const box = page.locator('[data-testid="catalogue-search"] input');
      await box.fill(long);
      assert.equal((await box.inputValue()).length, 200);
      await box.press('Enter');
      await page.waitForURL(/q=/);
      assert.equal(new URL(page.url()).searchParams.get('q').length, 200);
      // Linked (an old or pasted address): cut, and results rather than an error.
      for (const path of ['/achievements', '/demands']) {
        await page.goto(`${path}?q=${encodeURIComponent(long)}`);
        await page.locator('[data-testid="result-list"], [data-testid="catalogue-empty"]').first().waitFor();
        await page.waitForLoadState('networkidle');
        assert.equal(await page.locator('[data-testid="catalogue-error"]').count(), 0, `${path}: no error for a long link`);
      }
      await page.goto(`/listings?q=${encodeURIComponent(long)}`);
      await page.locator('[data-testid="hall-search"]').waitFor();
      assert.equal((await page.locator('[data-testid="hall-search"] input').inputValue()).length, 200);
      await screenshot(page, 'catalogue-long-search');
      assert.deepEqual(problems.filter((p) => /\b400\b/.test(p)), []);
    } finally {
      await ctx.close();
    }
  });
  test('a price in full-width digits is read, and a double click on 保存草稿 saves one draft, not two', async () => {
    const title = `双击保存测试成果（${uniqueSuffix().slice(-6)}）`;
    const ctx = await newContext(browser);
    try {
      const page = await ctx.newPage();
      const problems = watchPage(page);
      await loginViaUi(page, OWNER);
      await page.goto('/achievements/new');
      await page.locator('h1', { hasText: '登记成果' }).waitFor();
      await fillBasics(page, title);
      await fillCompleters(page, [100]);
      await page.locator('#transferModes').getByText('转让', { exact: true }).click();
      // Typed on a Chinese keyboard: full-width digits are the same price.
      await page.locator('#price').click();
      await page.keyboard.insertText('８０');
      await page.locator('#title').click();
      assert.equal(await page.locator('#price').inputValue(), '80');
      await page.locator('[data-testid="save-draft"]').dblclick();
      await page.waitForURL(/\/achievements\/[0-9a-f-]{36}$/);
      await page.locator('[data-testid="record-title"]', { hasText: title }).waitFor();
      await page.waitForLoadState('networkidle');
      const res = await ctx.request.get(`/api/achievements?scope=mine&q=${encodeURIComponent(title)}&sort=date&pageSize=50`);
      assert.equal(res.status(), 200);
      const mine = (await res.json()).items.filter((a) => a.title === title);
      assert.equal(mine.length, 1, 'one draft for one double click');
      assert.deepEqual(problems, []);
    } finally {
      await ctx.close();
    }
  });
});
