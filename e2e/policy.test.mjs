// Policy rules and subsidies (issue 16): a visitor reads each jurisdiction's
// rules with the quoted source; an administrator of 威海 computes "what would
// this contract get?" on the trial page; the 威海 firm sees its entitlement
// (applied in the demo) and the administrator approves it against the budget.
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

describe('政策奖补', () => {
  test('a visitor reads the rules of 威海 with their source sentence, on a phone too', async () => {
    for (const viewport of [undefined, PHONE]) {
      const ctx = await newContext(browser, viewport ? { viewport, mobile: true } : {});
      try {
        const page = await ctx.newPage();
        const problems = watchPage(page);
        await page.goto('/subsidies');
        const rule = page.locator('[data-testid="rule-wh-4-buyer"]');
        await rule.waitFor();
        assert.match(await rule.innerText(), /按不超過當年實際支付金額的5%給予購買方補助/);
        assert.match(await rule.innerText(), /年度上限 300,000\.00 元/);
        await page.locator('[data-testid="rules-jurisdiction"]').getByText('晋中市 140700').click();
        await page.locator('[data-testid="rule-jz-13-university-output"]').waitFor();
        await screenshot(page, viewport ? 'policy-02-rules-phone' : 'policy-01-rules');
        assert.deepEqual(problems, []);
      } finally {
        await ctx.close();
      }
    }
  });

  test('the administrator of 威海 tries a contract, then approves the firm’s application within the budget', async () => {
    const ctx = await newContext(browser);
    try {
      const page = await ctx.newPage();
      const problems = watchPage(page);
      await loginViaUi(page, 'weihai.admin@kzt.demo');
      await page.goto('/subsidies?tab=trial');
      await page.locator('[data-testid="trial-run"]').click();
      const result = page.locator('[data-testid="trial-result"]');
      await result.getByText('合计可得 60,000.00 元').waitFor();
      assert.match(await result.innerText(), /按 5% 计 50,000\.00 元/);
      await screenshot(page, 'policy-03-trial');

      await page.goto('/subsidies?tab=queue');
      const approve = page.locator('[data-testid^="approve-"]').first();
      await approve.waitFor();
      await approve.click();
      await page.getByText('已完成').waitFor();
      await page.locator('[data-testid="budgets"]').getByText('200,000.00 元').waitFor();
      await screenshot(page, 'policy-04-queue');
      assert.deepEqual(problems, []);
    } finally {
      await ctx.close();
    }

    const firm = await newContext(browser);
    try {
      const page = await firm.newPage();
      await loginViaUi(page, 'weihai.sme@whbio.demo');
      await page.goto('/subsidies?tab=mine');
      await page.getByText('产学研合作购买方补助').waitFor();
      await page.getByText('已批准').waitFor();
      await screenshot(page, 'policy-05-mine');
    } finally {
      await firm.close();
    }
  });
});
