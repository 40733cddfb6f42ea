// Screenshots of the policy pages (issue 16) as a person walks them, at 1280 px and 390 px:
// the rules with sources and the version editor, the trial (试算), the application queue with
// the approval's statement, the budgets, the records; the firm's entitlements, the application
// with its documents, a return for correction and the resubmission with its history.
// Usage: E2E_BASE_URL=http://127.0.0.1:3100 SHOT_DIR=/tmp/pol19 node e2e/shoot-policy.mjs (a server with SEED=demo).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser, loginViaUi, newContext } from './helpers.mjs';

const DIR = process.env.SHOT_DIR || '/tmp/pol19';
mkdirSync(DIR, { recursive: true });
const WIDTHS = [
  [{ width: 1280, height: 800 }, ''],
  [{ width: 390, height: 844 }, '-phone'],
];
const browser = await launchBrowser();
const settle = async (page) => {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(400);
};
const shot = (page, name, fullPage = true) => page.screenshot({ path: path.join(DIR, `${name}.png`), fullPage });
const pdf = (name) => ({ name, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n% ${Date.now()}\n`, 'latin1') });
try {
  for (const [viewport, sfx] of WIDTHS) {
    const phone = viewport.width < 500;
    // The administrator of 威海.
    const ctx = await newContext(browser, { viewport, mobile: phone, lang: 'zh' });
    const page = await ctx.newPage();
    await loginViaUi(page, 'weihai.admin@kzt.demo');
    await page.goto('/subsidies');
    await page.locator('[data-testid="rule-wh-4-buyer"]').waitFor();
    await settle(page);
    await shot(page, `01-rules${sfx}`, !phone);
    await page.locator('[data-testid="version-new"]').first().click().catch(() => {});
    await page.waitForTimeout(500);
    await shot(page, `02-version-editor${sfx}`, false);
    await page.keyboard.press('Escape');
    await page.goto('/subsidies?tab=trial');
    await page.locator('[data-testid="trial-run"]').click();
    await page.locator('[data-testid="trial-result"]').waitFor();
    await settle(page);
    await shot(page, `03-trial${sfx}`);
    await page.goto('/subsidies?tab=queue');
    await settle(page);
    await shot(page, `04-queue${sfx}`);
    const approve = page.locator('[data-testid^="approve-"]').first();
    if (await approve.count()) {
      await approve.click();
      await page.locator('[data-testid="decision-budget"]').waitFor();
      await page.waitForTimeout(300);
      await shot(page, `05-approve-statement${sfx}`, false);
      await page.keyboard.press('Escape');
      const ret = page.locator('[data-testid^="return-"]').first();
      await ret.click();
      await page.waitForTimeout(400);
      await shot(page, `06-return${sfx}`, false);
      await page.locator('[data-testid="decision-reason"]').fill('付款凭证不清晰，请补正银行回单');
      await page.locator('[data-testid="decision-ok"]').click();
      await page.getByText('已退回申报单位补正').waitFor();
    }
    await page.goto('/subsidies/records');
    await settle(page);
    await shot(page, `07-records${sfx}`, !phone);
    await ctx.close();

    // The 威海 firm: its entitlements, the returned application, the correction.
    const fctx = await newContext(browser, { viewport, mobile: phone, lang: 'zh' });
    const firm = await fctx.newPage();
    await loginViaUi(firm, 'weihai.sme@whbio.demo');
    await firm.goto('/workbench');
    await firm.getByText('退回补正的奖补申报').first().waitFor().catch(() => {});
    await settle(firm);
    await shot(firm, `08-workbench-firm${sfx}`, false);
    await firm.goto('/subsidies?tab=mine');
    await settle(firm);
    const expand = firm.locator('.ant-table-row-expand-icon').first();
    if (await expand.count()) await expand.click();
    await firm.waitForTimeout(300);
    await shot(firm, `09-mine${sfx}`);
    const again = firm.locator('[data-testid^="apply-"]').first();
    if (await again.count()) {
      await again.click();
      const dialog = firm.locator('.ant-modal');
      await dialog.locator('[data-testid^="doc-"]').first().waitFor();
      await firm.waitForTimeout(500);
      const slot = dialog.locator('[data-testid="doc-付款（到账）凭证"] input[type="file"]');
      if (await slot.count()) {
        await slot.setInputFiles(pdf('银行回单-清晰版.pdf'));
        await dialog.getByText('银行回单-清晰版.pdf').waitFor();
      }
      await shot(firm, `10-resubmit${sfx}`, false);
      await dialog.getByRole('button', { name: /重新提交申报|提交申报/ }).click();
      await firm.getByText(/已重新申报|已申报，等待审核/).waitFor();
      await settle(firm);
      const ex = firm.locator('.ant-table-row-expand-icon').first();
      if (await ex.count()) await ex.click();
      await firm.waitForTimeout(300);
      await shot(firm, `11-history${sfx}`);
    }
    await fctx.close();

    // The 晋中 university applies: a wrong file, deleted with confirmation.
    const uctx = await newContext(browser, { viewport, mobile: phone, lang: 'zh' });
    const uni = await uctx.newPage();
    await loginViaUi(uni, 'tto@jzny.demo');
    await uni.goto('/subsidies?tab=mine');
    await uni.locator('[data-testid^="apply-"]').first().waitFor();
    await settle(uni);
    await shot(uni, `12-mine-university${sfx}`);
    const apply = uni.locator('[data-testid^="apply-"]').first();
    if (await apply.count()) {
      await apply.click();
      const dialog = uni.locator('.ant-modal');
      await dialog.locator('[data-testid^="doc-"]').first().waitFor();
      await dialog.locator('[data-testid^="doc-"] input[type="file"]').first().setInputFiles(pdf('传错的文件.pdf'));
      await dialog.getByText('传错的文件.pdf').waitFor();
      await dialog.locator('[data-testid="doc-delete-传错的文件.pdf"]').click();
      await uni.waitForTimeout(400);
      await shot(uni, `13-delete-confirm${sfx}`, false);
      await uni.keyboard.press('Escape');
    }
    await uctx.close();
  }
} finally {
  await browser.close();
}
