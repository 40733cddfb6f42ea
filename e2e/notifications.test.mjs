// Reminders reach the owner: the header bell counts what waits to be done
// apart from news, the notification centre lists them (stale records come as
// one digest per organisation), and they can be marked read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, loginViaUi, newContext, screenshot, watchPage } from './helpers.mjs';

test('the owner of stale demo achievements sees one digest of them and marks everything read', async () => {
  const browser = await launchBrowser();
  try {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const problems = watchPage(page);
    await loginViaUi(page, 'tto@tyut.demo');
    const bell = page.locator('[data-testid="notification-bell"]');
    await bell.waitFor();
    const badge = bell.locator('[data-testid="bell-todo"] .ant-badge-count');
    await badge.waitFor();
    assert.ok(Number((await badge.textContent()).replace('+', '')) > 0, 'unread reminders are counted as to-do');
    await bell.click();
    const panel = page.locator('[data-testid="notification-panel"]');
    await panel.waitFor();
    await panel.locator('[data-testid="bell-todo-count"]').waitFor();
    await page.waitForTimeout(400); // the drop-down's opening animation, for the screenshot
    await screenshot(page, 'notifications-01-bell', { fullPage: false });
    await panel.getByText('查看全部').click();
    await page.waitForURL(/\/notifications$/);
    await page.locator('[data-testid="notification-item"]').first().waitFor();
    // The to-do filter: the stale records come as one digest (other tests of the run may have added newer notices to this owner).
    await page.locator('.ant-segmented-item', { hasText: '待办' }).click();
    const digest = page.locator('[data-testid="notification-item"]', { hasText: /待处理提醒：\d+ 项成果长期未更新/ });
    await digest.first().waitFor();
    // 太行理工大学 is in 山西: the 陕西 two-year rule is not named to it.
    assert.doesNotMatch(await digest.first().innerText(), /陕西/);
    await page.locator('[data-testid="notifications-read-all"]').click();
    await page.getByText(/已将 \d+ 条通知标为已读/).waitFor();
    await bell.locator('.ant-badge-count').first().waitFor({ state: 'detached' });
    await screenshot(page, 'notifications-02-centre');
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
});
