// Language switch: navigation labels follow the chosen language, the choice
// survives a reload, and server errors come back in that language.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PHONE, launchBrowser, loginViaUi, newContext, screenshot, uniqueSuffix, watchPage } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const navText = (page) => page.locator('nav.navbar').innerText();

async function wrongLogin(page) {
  await page.goto('/login');
  await page.locator('#login').fill(`nobody-${uniqueSuffix()}@example.com`);
  await page.locator('#password').fill('not-the-password');
  await page.locator('form button[type="submit"]').click();
  const error = page.locator('[data-testid="form-error"]');
  await error.waitFor();
  return error.innerText();
}

describe('i18n', () => {
  test('switching to English changes the navigation labels and is remembered', async () => {
    const ctx = await newContext(browser);
    try {
      const page = await ctx.newPage();
      await page.goto('/');
      const zh = await navText(page);
      assert.match(zh, /科技成果/);
      assert.match(zh, /技术需求/);
      await page.locator('[data-testid="lang-switch"]').click();
      await page.locator('nav.navbar', { hasText: 'Achievements' }).waitFor();
      const en = await navText(page);
      assert.match(en, /Achievements/);
      assert.match(en, /Demands/);
      assert.doesNotMatch(en, /科技成果/);
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
      await screenshot(page, 'i18n-01-home-en');
      await page.reload();
      await page.locator('nav.navbar', { hasText: 'Achievements' }).waitFor();
      await page.locator('[data-testid="lang-switch"]').click();
      await page.locator('nav.navbar', { hasText: '科技成果' }).waitFor();
    } finally {
      await ctx.close();
    }
  });

  test('phone width: the menu collapses into a drawer that follows the language', async () => {
    const ctx = await newContext(browser, { viewport: PHONE, mobile: true, lang: 'en' });
    try {
      const page = await ctx.newPage();
      await page.goto('/');
      assert.equal(await page.locator('nav.navbar').count(), 0);
      await page.locator('[data-testid="nav-toggle"]').click();
      const drawer = page.locator('.nav-drawer');
      await drawer.waitFor();
      await drawer.getByText('Achievements').waitFor();
      await screenshot(page, 'i18n-02-phone-drawer-en', { fullPage: false });
    } finally {
      await ctx.close();
    }
  });

  test('a wrong password shows 账号或密码错误 in Chinese and an English message in English', async () => {
    const ctx = await newContext(browser);
    try {
      const page = await ctx.newPage();
      const zh = await wrongLogin(page);
      assert.match(zh, /账号或密码错误/);
      await screenshot(page, 'i18n-03-login-error-zh');

      await page.locator('[data-testid="lang-switch"]').click();
      await page.locator('nav.navbar', { hasText: 'Achievements' }).waitFor();
      const en = await wrongLogin(page);
      assert.match(en, /wrong/i);
      assert.doesNotMatch(en, /[\u4e00-\u9fff]/);
      await screenshot(page, 'i18n-04-login-error-en');
    } finally {
      await ctx.close();
    }
  });

  test('English mode: amounts in 10k yuan, notices in English', async () => {
    const ctx = await newContext(browser, { lang: 'en' });
    try {
      const page = await ctx.newPage();
      await page.goto('/achievements');
      await page.locator('[data-testid="achievement-card"]').first().waitFor();
      const list = await page.locator('main').innerText();
      assert.match(list, /\d × 10k yuan/);
      assert.doesNotMatch(list, /万元/);
      await screenshot(page, 'i18n-05-achievements-en');
      await loginViaUi(page, 'tto@tyut.demo');
      await page.goto('/notifications');
      const item = page.locator('[data-testid="notification-item"]').first();
      await item.waitFor();
      // The demo's pushes fill the news: the to-dos are one click away, as a person would look for them.
      await page.locator('.ant-segmented-item', { hasText: /^To do/ }).click();
      await page.locator('main').getByText(/To do: \d+ achievement\(s\) not confirmed for a long time/).first().waitFor();
      assert.match(await page.locator('main').innerText(), /To do: \d+ achievement\(s\) not confirmed for a long time/);
      await screenshot(page, 'i18n-06-notifications-en');
    } finally {
      await ctx.close();
    }
  });
  test('English mode: a challenge’s reward, the subsidy trial’s amounts and the contract notes are worded in English', async () => {
    const ctx = await newContext(browser, { lang: 'en' });
    try {
      const page = await ctx.newPage();
      const problems = watchPage(page);
      await page.goto('/challenges');
      const board = page.locator('main');
      await board.getByText('Reward').first().waitFor();
      assert.doesNotMatch(await board.innerText(), /Money on it/);
      await loginViaUi(page, 'weihai.admin@kzt.demo');
      await page.goto('/subsidies?tab=trial');
      const amount = page.locator('.ant-form-item', { has: page.locator('[data-testid="trial-amount"]') });
      await amount.waitFor();
      assert.match(await amount.innerText(), /CNY/);
      assert.doesNotMatch(await page.locator('[data-testid="trial-form"]').innerText(), /元/);
      await page.goto('/contracts?scope=payments');
      const note = page.locator('main .ant-alert-info').first();
      await note.waitFor();
      assert.match(await note.innerText(), /Weihai’s/);
      assert.doesNotMatch(await note.innerText(), /威海/);
      await screenshot(page, 'i18n-07-contract-payments-en');
      assert.deepEqual(problems, []);
    } finally {
      await ctx.close();
    }
  });
  test('in English a label is followed by ": ", not the Chinese full-width colon', async () => {
    const ctx = await newContext(browser, { lang: 'en' });
    try {
      const res = await ctx.request.get('/api/listings?kind=auction&status=open&pageSize=20');
      assert.equal(res.status(), 200);
      const auction = (await res.json()).items.find((l) => l.kind === 'auction');
      assert.ok(auction, 'the demo has an open auction');
      const page = await ctx.newPage();
      await page.goto(`/listings/${auction.id}`);
      const times = page.locator('.floor-times');
      await times.waitFor();
      const text = await times.innerText();
      assert.match(text, /^Bidding: \d{4}-/m);
      assert.doesNotMatch(text, /：/);
    } finally {
      await ctx.close();
    }
  });
  test('a page whose strings load with it (statistics) switches language too, and a deep link opens in the chosen one', async () => {
    const ctx = await newContext(browser);
    try {
      const page = await ctx.newPage();
      const problems = watchPage(page);
      await page.goto('/statistics');
      await page.locator('h1', { hasText: '数据统计' }).waitFor();
      await page.locator('[data-testid="lang-switch"]').click();
      await page.locator('h1', { hasText: 'Statistics' }).waitFor();
      assert.doesNotMatch(await page.locator('main, .container').first().innerText(), /\bstats\.\w/);
      await page.reload();
      await page.locator('h1', { hasText: 'Statistics' }).waitFor();
      await page.locator('[data-testid="lang-switch"]').click();
      await page.locator('h1', { hasText: '数据统计' }).waitFor();
      assert.deepEqual(problems, []);
    } finally {
      await ctx.close();
    }
  });
});
