// The rule-pack version editor (issue 16): the administrator of 威海 starts a
// new version as a copy of the current one, changes the buyer's rate in the
// rule's form, sees the server refuse 120 % at that field, previews what
// changes, publishes, and the trial page computes with the new rate from the
// version's start.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, loginViaUi, newContext, screenshot, watchPage } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

describe('政策条款新版本', () => {
  test('the 威海 administrator changes the buyer rate 5% → 8% in the form, a rate above 100% is refused at its field, the change is previewed and published, and the trial computes 8% from the start date', async () => {
    const ctx = await newContext(browser);
    try {
      const page = await ctx.newPage();
      const problems = watchPage(page);
      await loginViaUi(page, 'weihai.admin@kzt.demo');
      await page.goto('/subsidies');
      await page.locator('[data-testid="rule-wh-4-buyer"]').first().waitFor();
      await page.locator('[data-testid="version-new"]').click();
      const drawer = page.locator('.ant-drawer');
      await drawer.locator('[data-testid="version-valid-from"]').fill('2030-01-01');
      // The rule opens into its fields: the rate in %, the yearly cap in 元 (shown in 万元 too).
      const item = drawer.locator('.ant-collapse-item', { has: page.locator('[data-testid="version-rule-wh-4-buyer"]') });
      await item.locator('.ant-collapse-header').click();
      const rate = item.locator('[data-testid$="-rate"]');
      assert.equal(await rate.inputValue(), '5');
      assert.equal(await item.locator('[data-testid$="-yearlyCapYuan"]').inputValue(), '300000');
      await item.getByText('= 30 万元').waitFor();

      // 120 %: the server refuses it, and the refusal stands at the rate of this rule.
      await rate.fill('120');
      await drawer.locator('[data-testid="version-preview"]').click();
      await page.locator('[data-testid="diff-changed-wh-4-buyer"]').waitFor();
      await page.locator('[data-testid="version-confirm"]').click();
      await item.locator('.ant-form-item-explain-error').getByText('不能超过 100%').waitFor();
      await drawer.locator('[data-testid="version-problems"]').getByText('第 1 条（wh-4-buyer）').waitFor();
      await screenshot(page, 'policy-editor-01-refused');

      await rate.fill('8');
      await drawer.locator('[data-testid="version-preview"]').click();
      const diff = page.locator('[data-testid="diff-changed-wh-4-buyer"]');
      await diff.waitFor();
      const said = await diff.innerText();
      assert.match(said, /比例（%）/);
      assert.match(said, /5%[\s\S]*8%/);
      // Only this rule changed.
      assert.equal(await page.locator('[data-testid^="diff-changed-"]').count(), 1);
      await page.locator('[data-testid="version-diff"]').getByText('不可撤销', { exact: false }).first().waitFor();
      await screenshot(page, 'policy-editor-02-diff');
      await page.locator('[data-testid="version-confirm"]').click();
      await page.getByText('新版本已发布').waitFor();
      // The new version is the current one; the old stays as it was, closed the day before.
      await page.getByText('有效期 2030-01-01 至 长期').waitFor();
      await page.getByText('有效期 2020-01-01 至 2029-12-31').waitFor();
      assert.match(await page.locator('[data-testid="rule-wh-4-buyer"]').first().innerText(), /比例 8%|8%/);

      // The trial computes a payment dated in the new version at 8 %, and one before it at 5 %.
      await page.goto('/subsidies?tab=trial');
      const dateInput = page.locator('[data-testid="trial-form"] .ant-picker input');
      await dateInput.click();
      await dateInput.fill('2030-01-02');
      await dateInput.press('Enter');
      await page.locator('[data-testid="trial-run"]').click();
      const result = page.locator('[data-testid="trial-result"]');
      await result.getByText('按 8% 计 80,000.00 元').waitFor();
      await screenshot(page, 'policy-editor-03-trial');
      await dateInput.click();
      await dateInput.fill('2029-12-31');
      await dateInput.press('Enter');
      await page.locator('[data-testid="trial-run"]').click();
      await result.getByText('按 5% 计 50,000.00 元').waitFor();
      // The one refusal asked for above (400) is the only problem the page met.
      assert.deepEqual(problems, ['console: Failed to load resource: the server responded with a status of 400 (Bad Request)']);
    } finally {
      await ctx.close();
    }
  });
});
