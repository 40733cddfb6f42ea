// A page that fails (here: its code cannot be fetched, as after a release)
// shows a Chinese message inside the site's header with a way to reload and a
// way home, never React Router's developer screen.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, loginViaUi, newContext, screenshot } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

describe('a page that fails', () => {
  test('the workbench whose code cannot be fetched: reloaded once, then a plain message with the header kept', async () => {
    const ctx = await newContext(browser);
    try {
      const page = await ctx.newPage();
      await loginViaUi(page, 'sme@jzsme.demo');
      await page.goto('/');
      let aborted = 0;
      await page.route(/\/assets\/WorkbenchPage-[^/]+\.js$/, (route) => {
        aborted++;
        return route.abort();
      });
      await page.locator('[data-testid="user-menu"]').waitFor();
      await page.goto('/workbench');
      const error = page.locator('[data-testid="route-error"]');
      await error.waitFor();
      assert.match(await error.innerText(), /平台已更新，请刷新页面/);
      assert.doesNotMatch(await page.locator('body').innerText(), /Unexpected Application Error|Hey developer/);
      // The header stays, so the person can go elsewhere.
      await page.locator('[data-testid="user-menu"]').waitFor();
      assert.ok(aborted >= 2, `tried again after one automatic reload (${aborted} fetches refused)`);
      await screenshot(page, 'errors-stale-page');
      await page.unroute(/\/assets\/WorkbenchPage-[^/]+\.js$/);
      await error.getByRole('button', { name: '刷新页面' }).click();
      await page.locator('[data-testid="wb-tasks"]').waitFor();
    } finally {
      await ctx.close();
    }
  });
});
