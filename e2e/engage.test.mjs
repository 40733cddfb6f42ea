// 我要洽谈 and 收藏 through the UI. A firm (沈阳精密机械) opens a published
// achievement of 辽河科技大学, sends 我要洽谈; the university's technology
// transfer office finds it awaiting its answer in 我的洽谈 and answers; the
// firm sees the answer. The firm saves the achievement and finds it in 我的收藏.
// At phone width, 晋中智造 (whose demo data holds a saved achievement since
// withdrawn) saves a demand, sees both in 我的收藏 — the withdrawn one marked —
// and reads its seeded 洽谈 with 太行理工大学.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PHONE, launchBrowser, loginViaUi, newContext, screenshot, watchPage } from './helpers.mjs';
import { apiLogin } from './catalogue-data.mjs';

const FIRM = 'sy.sme@sypm.demo';
const UNIVERSITY = 'tto@lhkj.demo';
const PHONE_FIRM = 'sme@jzsme.demo';

let browser;
let achievement;

before(async () => {
  browser = await launchBrowser();
  const uni = await apiLogin(UNIVERSITY);
  const mine = await uni('GET', '/achievements?scope=mine&status=published&sort=date&pageSize=20');
  achievement = mine.items.find((a) => a.confidentiality === 'public');
  assert.ok(achievement, 'the university has a published public achievement');
});

after(async () => {
  await browser?.close();
});

describe('我要洽谈 and 收藏', () => {
  let conversationUrl;

  test('a firm sends 我要洽谈 on an achievement and sees it kept in the thread', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const seen = watchPage(page);
    await loginViaUi(page, FIRM);
    await page.goto(`/achievements/${achievement.id}`);
    await page.locator('[data-testid="engage-ask"]').click();
    await page.locator('[data-testid="engage-message"]').fill('贵校这项成果能否在我公司精密轴承产线上试用？请告知许可方式和大致费用。');
    await screenshot(page, 'engage-01-ask', { fullPage: false });
    await page.locator('[data-testid="engage-send"]').click();
    await page.waitForURL(/\/messages\/[0-9a-f-]{36}$/);
    conversationUrl = new URL(page.url()).pathname;
    await page.locator('[data-testid="thread-message"]').first().waitFor();
    assert.match(await page.locator('[data-testid="thread"]').textContent(), /精密轴承产线上试用/);
    assert.equal(await page.locator('[data-testid="conversation-record"]').textContent(), achievement.title);
    // Back on the record, the button now opens the thread.
    await page.goto(`/achievements/${achievement.id}`);
    await page.locator('[data-testid="engage-open"]').waitFor();
    assert.deepEqual(seen, []);
    await ctx.close();
  });

  test('the university finds it awaiting its answer and answers', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const seen = watchPage(page);
    await loginViaUi(page, UNIVERSITY);
    await page.locator('[data-testid="user-menu"]').click();
    await page.locator('[data-testid="menu-messages"]').click();
    await page.waitForURL(/\/messages$/);
    const item = page.locator('[data-testid="conversation-item"]', { hasText: achievement.title });
    await item.waitFor();
    assert.match(await item.textContent(), /待我方答复/);
    assert.match(await item.textContent(), /沈阳精密机械有限公司/);
    await screenshot(page, 'engage-02-inbox');
    await item.getByRole('link', { name: achievement.title }).click();
    await page.waitForURL(new RegExp(`${conversationUrl}$`));
    await page.locator('[data-testid="reply-message"]').fill('可以试用。许可费约 40 万元，可先签保密协议，下周安排课题组到厂交流。');
    await page.locator('[data-testid="reply-send"]').click();
    await page.locator('[data-testid="thread-message"][data-side="owner"]').waitFor();
    await screenshot(page, 'engage-03-answered');
    assert.deepEqual(seen, []);
    await ctx.close();
  });

  test('the firm sees the answer, saves the achievement and finds it in 我的收藏', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const seen = watchPage(page);
    await loginViaUi(page, FIRM);
    await page.goto('/messages');
    const item = page.locator('[data-testid="conversation-item"]', { hasText: achievement.title });
    await item.waitFor();
    assert.match(await item.textContent(), /对方已答复/);
    assert.match(await item.textContent(), /新消息/);
    await page.goto(conversationUrl);
    await page.locator('[data-testid="thread-message"][data-side="owner"]').waitFor();
    assert.match(await page.locator('[data-testid="thread"]').textContent(), /许可费约 40 万元/);

    await page.goto(`/achievements/${achievement.id}`);
    const fav = page.locator('[data-testid="favourite-button"][data-ready="true"]');
    await fav.waitFor();
    assert.equal(await fav.getAttribute('data-saved'), 'false');
    await fav.click();
    await page.locator('[data-testid="favourite-button"][data-saved="true"]').waitFor();
    await screenshot(page, 'engage-04-saved', { fullPage: false });
    await page.locator('[data-testid="user-menu"]').click();
    await page.locator('[data-testid="menu-favourites"]').click();
    await page.waitForURL(/\/favourites$/);
    await page.locator('[data-testid="favourite-item"]', { hasText: achievement.title }).waitFor();
    assert.deepEqual(seen, []);
    await ctx.close();
  });

  test('phone: a firm saves a demand, sees a withdrawn saved item marked, and reads its 洽谈', async () => {
    const ctx = await newContext(browser, { viewport: PHONE, mobile: true });
    const page = await ctx.newPage();
    const seen = watchPage(page);
    await loginViaUi(page, PHONE_FIRM);
    const api = await apiLogin('xa.sme@qcdz.demo');
    const demand = (await api('GET', '/demands?scope=mine&status=published&pageSize=1')).items[0];
    assert.ok(demand, 'the demo has a published demand of 西安秦创');
    await page.goto(`/demands/${demand.id}`);
    await page.locator('[data-testid="engage-ask"]').waitFor();
    await page.locator('[data-testid="favourite-button"][data-ready="true"]').click();
    await page.locator('[data-testid="favourite-button"][data-saved="true"]').waitFor();
    await screenshot(page, 'engage-05-phone-demand', { fullPage: false });

    await page.goto('/favourites');
    await page.locator('[data-testid="favourite-item"]', { hasText: demand.title }).waitFor();
    const gone = page.locator('[data-testid="favourite-item"]', { has: page.locator('[data-testid="favourite-gone"]') });
    assert.equal(await gone.count(), 1, 'the achievement withdrawn since it was saved');
    assert.match(await gone.textContent(), /已撤回/);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width + 1, `no sideways scrolling (${width}px)`);
    await screenshot(page, 'engage-06-phone-favourites');

    await page.goto('/messages');
    await page.locator('[data-testid="conversation-item"] a').first().click();
    await page.locator('[data-testid="thread-message"]').first().waitFor();
    assert.match(await page.locator('[data-testid="thread"]').textContent(), /液压元件与智能装备/);
    await screenshot(page, 'engage-07-phone-thread');
    assert.deepEqual(seen, []);
    await ctx.close();
  });
});
