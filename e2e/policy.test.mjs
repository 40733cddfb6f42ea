// Policy rules and subsidies (issue 16): a visitor reads each jurisdiction's
// rules with the quoted source; an administrator of 威海 computes "what would
// this contract get?" on the trial page; the 威海 firm sees its entitlement
// (applied in the demo, with its documents) and the administrator approves it
// against the budget; the 晋中 university applies uploading the document its
// rule asks for; the 威海 administrator records a loan and its default in forms.
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
        // 威海's source is written in traditional characters: read in simplified ones, the original kept beneath.
        assert.match(await rule.innerText(), /按不超过当年实际支付金额的5%给予购买方补助/);
        // On a narrow screen the original is cut to a line, opened by 展开原文.
        const expand = rule.getByText('展开原文');
        if (await expand.count()) await expand.click();
        assert.match(await rule.innerText(), /原文（繁体）：.*按不超過當年實際支付金額的5%給予購買方補助/);
        assert.match(await rule.innerText(), /年度上限 30 万元/);
        // The source is named by its document, and no rule code or seed file name is shown to a reader.
        assert.match(await rule.innerText(), /出处：《威海市关于促进科技成果转化的若干措施（试行）（征求意见稿）》 第/);
        const shown = await page.locator('main').innerText();
        assert.doesNotMatch(shown, /\.txt|wh-\d|jz-\d/);
        await page.locator('[data-testid="rules-jurisdiction"]').getByText('晋中市', { exact: true }).click();
        // Jurisdictions are named, never by their code.
        assert.doesNotMatch(await page.locator('[data-testid="rules-jurisdiction"]').innerText(), /\d{6}/);
        // 晋中 shows its history: version 3 (the pool) first, as current, then version 2 before it.
        await page.locator('[data-testid="rule-jz-13-university-output"]').first().waitFor();
        assert.equal(await page.locator('[data-testid="rule-jz-13-university-output"]').count(), 2);
        await screenshot(page, viewport ? 'policy-02-rules-phone' : 'policy-01-rules');
        assert.deepEqual(problems, []);
      } finally {
        await ctx.close();
      }
    }
  });

  test('the administrator of 威海 tries a contract, returns the firm’s application for correction, the firm resubmits, and the approval states amount, beneficiary and budget left before it is made', async () => {
    const pdf = (name) => ({ name, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n% ${name}\n`, 'latin1') });
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    try {
      const problems = watchPage(page);
      await loginViaUi(page, 'weihai.admin@kzt.demo');
      await page.goto('/subsidies?tab=trial');
      // An amount is typed as an official says it (30万), read back in full; what is no amount is refused with what to type.
      const amount = page.locator('[data-testid="trial-amount"]');
      const amountItem = page.locator('.ant-form-item', { has: amount });
      await amount.fill('30万');
      await amountItem.getByText('300,000.00 元').waitFor();
      await amount.fill('三十万');
      await amountItem.getByText('请填写金额（元），如 300000 或 30万，最多两位小数').waitFor();
      await amount.fill('1000000');
      // The event lines are for administrators checking the rules, folded under 高级, worded without commands.
      const advanced = page.locator('[data-testid="trial-advanced"]');
      await advanced.getByText('高级：按事件数据试算').waitFor();
      assert.doesNotMatch(await page.locator('main').innerText(), /npx|kzt subsidies|JSON Lines/);
      await page.locator('[data-testid="trial-run"]').click();
      const result = page.locator('[data-testid="trial-result"]');
      await result.getByText('合计可得 60,000.00 元').waitFor();
      assert.match(await result.innerText(), /按 5% 计 50,000\.00 元/);
      // What does not apply names the event, never its internal type; no rule code is shown.
      assert.doesNotMatch(await result.innerText(), /contract_payment|contract_registered|wh-\d/);
      await screenshot(page, 'policy-03-trial');
      // A buyer elsewhere (北京市东城区 in the trial): the refusal names the place, and no region code shows on the form or the result.
      await page.locator('[data-testid="trial-buyer-local"]').click();
      await page.locator('[data-testid="trial-run"]').click();
      await result.getByText(/买方所在地北京市东城区不在本辖区（威海市）/).first().waitFor();
      assert.doesNotMatch(await result.innerText(), /\d{6}/);
      assert.doesNotMatch(await page.locator('[data-testid="trial-form"]').innerText(), /\d{6}/);
      await screenshot(page, 'policy-03b-trial-elsewhere');

      // 退回补正: the reason is required, then the application goes back to the firm.
      await page.goto('/subsidies?tab=queue');
      const ret = page.locator('[data-testid^="return-"]').first();
      await ret.waitFor();
      await ret.click();
      const decision = page.locator('.ant-modal', { has: page.locator('[data-testid="decision-summary"]') });
      await page.locator('[data-testid="decision-ok"]').click();
      await decision.getByText('请写明原因').waitFor();
      await page.locator('[data-testid="decision-reason"]').fill('付款凭证不清晰，请补正银行回单');
      await page.locator('[data-testid="decision-ok"]').click();
      await page.getByText('已退回申报单位补正').waitFor();
      assert.deepEqual(problems, []);
    } catch (e) {
      await ctx.close();
      throw e;
    }

    const firm = await newContext(browser);
    try {
      const fp = await firm.newPage();
      const problems = watchPage(fp);
      await loginViaUi(fp, 'weihai.sme@whbio.demo');
      await fp.goto('/subsidies?tab=mine');
      await fp.locator('[data-testid="returned-hint"]').waitFor();
      await fp.getByText('付款凭证不清晰，请补正银行回单').first().waitFor();
      await fp.getByRole('button', { name: '补正后重新申报' }).click();
      const dialog = fp.locator('.ant-modal');
      await dialog.locator('[data-testid="returned-reason"]').waitFor();
      // A wrong file is deleted after confirming; the submitted one is replaced by a new upload.
      await dialog.locator('[data-testid="doc-付款（到账）凭证"] input[type="file"]').setInputFiles(pdf('传错的回单.pdf'));
      await dialog.getByText('传错的回单.pdf').waitFor();
      await dialog.locator('[data-testid="doc-delete-传错的回单.pdf"]').click();
      await fp.locator('.ant-popconfirm').getByRole('button', { name: /删\s?除/ }).click();
      await fp.getByText('已删除 传错的回单.pdf').waitFor();
      // The slot falls back to the file the first submission carried.
      await dialog.locator('[data-testid="doc-付款（到账）凭证"]').getByText('第 1 次申报已提交').waitFor();
      await dialog.locator('[data-testid="doc-付款（到账）凭证"] input[type="file"]').setInputFiles(pdf('银行回单-清晰版.pdf'));
      await dialog.getByText('银行回单-清晰版.pdf').waitFor();
      await screenshot(fp, 'policy-05-resubmit');
      await dialog.getByRole('button', { name: '重新提交申报' }).click();
      await fp.getByText('已重新申报，等待审核').waitFor();
      await fp.locator('.ant-table-row-expand-icon').first().click();
      const history = fp.locator('[data-testid^="history-"]').first();
      await history.getByText('第 2 次申报').waitFor();
      assert.match(await history.innerText(), /第 1 次申报[\s\S]*退回补正[\s\S]*付款凭证不清晰[\s\S]*第 2 次申报/);
      assert.deepEqual(problems, []);
    } finally {
      await firm.close();
    }

    try {
      await page.goto('/subsidies?tab=queue');
      const approve = page.locator('[data-testid^="approve-"]').first();
      await approve.waitFor();
      await approve.click();
      const summary = page.locator('[data-testid="decision-summary"]');
      await summary.locator('[data-testid="decision-budget"]').waitFor();
      const said = await summary.innerText();
      assert.match(said, /威海海洋生物科技有限公司/);
      assert.match(said, /200,000\.00 元/);
      assert.match(said, /本次之后剩余 1,800,000\.00 元/);
      await screenshot(page, 'policy-04-approve');
      await page.locator('[data-testid="decision-ok"]').click();
      await page.getByText('已批准，预算已占用').waitFor();
      await page.locator('[data-testid="budgets"]').getByText('1,800,000.00 元').waitFor();
      // 台账: the firm's approved 200,000.00 元 (the ledger reads in exact 元) under its name and under the budget line; the firm opens to its entitlements.
      await page.goto('/subsidies?tab=ledger');
      const firmRow = page.locator('[data-testid="ledger-beneficiaries"] tr', { hasText: '威海海洋生物科技有限公司' });
      await firmRow.waitFor();
      assert.match(await firmRow.innerText(), /200,000\.00 元/);
      await page.locator('[data-testid="ledger-view"]').getByText('按预算科目').click();
      await page.locator('[data-testid="ledger-lines"]').getByText('产学研合作补助（威海 4）').first().waitFor();
      await screenshot(page, 'policy-10-ledger-lines');
      await page.locator('[data-testid="ledger-view"]').getByText('按受益单位').click();
      await firmRow.getByRole('button').click();
      await page.locator('[data-testid="ledger-drill-title"]').getByText('威海海洋生物科技有限公司 的奖补明细').waitFor();
      await page.getByText('产学研合作购买方补助').first().waitFor();
      assert.equal(await page.locator('[data-testid="ledger-export"]').getAttribute('href'), '/api/policy/ledger.xlsx');
      await screenshot(page, 'policy-11-ledger-drill');
    } finally {
      await ctx.close();
    }

    const again = await newContext(browser);
    try {
      const page2 = await again.newPage();
      await loginViaUi(page2, 'weihai.sme@whbio.demo');
      await page2.goto('/subsidies?tab=mine');
      await page2.getByText('产学研合作购买方补助').waitFor();
      await page2.getByText('已批准').first().waitFor();
    } finally {
      await again.close();
    }
  });

  test('the 晋中 university applies for its subsidy, uploading the document the rule asks for; without it the form names what is missing', async () => {
    const ctx = await newContext(browser, { viewport: PHONE, mobile: true });
    try {
      const page = await ctx.newPage();
      const problems = watchPage(page);
      await loginViaUi(page, 'tto@jzny.demo');
      await page.goto('/subsidies?tab=mine');
      const apply = page.locator('[data-testid^="apply-"]').first();
      await apply.waitFor();
      await apply.click();
      const dialog = page.locator('.ant-modal');
      await dialog.getByText('技术合同登记证明').waitFor();
      await dialog.locator('textarea').fill('已完成技术转让合同登记，申请输出应用型成果补助。');
      await dialog.getByRole('button', { name: '提交申报' }).click();
      await dialog.getByText('缺少申报材料：技术合同登记证明').waitFor();
      await screenshot(page, 'policy-06-apply-missing-phone');
      const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');
      await dialog.locator('[data-testid="doc-技术合同登记证明"] input[type="file"]').setInputFiles({ name: '登记证明.pdf', mimeType: 'application/pdf', buffer: pdf });
      await dialog.getByText('登记证明.pdf').waitFor();
      await screenshot(page, 'policy-07-apply-uploaded-phone');
      await dialog.getByRole('button', { name: '提交申报' }).click();
      await page.getByText('已申报，等待审核').waitFor();
      await page.locator('.ant-tag', { hasText: '已申报' }).first().waitFor();
      assert.deepEqual(problems, []);
    } finally {
      await ctx.close();
    }
  });

  test('the administrator of 威海 registers a firm’s loan in the risk pool and its default in forms; the firm sees 70% of the bad principal', async () => {
    const loanId = `WHB-E2E-${Date.now().toString(36)}`;
    const ctx = await newContext(browser);
    try {
      const page = await ctx.newPage();
      const problems = watchPage(page);
      await loginViaUi(page, 'weihai.admin@kzt.demo');
      await page.goto('/subsidies?tab=queue');
      await page.locator('[data-testid="records-link"]').click();
      await page.locator('[data-testid="policy-records-page"]').waitFor();
      await page.getByRole('tab', { name: '贷款风险补偿' }).click();
      const form = page.locator('[data-testid="record-form-loan"]');
      await form.locator('[data-testid="record-organization"]').click();
      await page.keyboard.type('海洋生物');
      await page.locator('.ant-select-item-option', { hasText: '威海海洋生物科技有限公司' }).click();
      await form.locator('[data-testid="record-loan-id"]').fill(loanId);
      await form.getByLabel('贷款本金（元）').fill('5000000');
      await form.getByLabel('贷款银行').fill('威海市商业银行');
      await form.locator('[data-testid="record-submit"]').click();
      await form.locator('[data-testid="record-result"] .ant-alert').getByText('此事件本身不产生奖补', { exact: false }).waitFor();
      await page.locator('[data-testid="records-list"]').getByText(loanId).first().waitFor();

      await form.locator('[data-testid="record-kind"]').click();
      await page.locator('.ant-select-item-option', { hasText: '贷款违约（不良）' }).click();
      await form.locator('[data-testid="record-loan-id"]').fill(loanId);
      await form.getByLabel('不良本金（元）').fill('1000000');
      await form.locator('[data-testid="record-submit"]').click();
      await form.locator('[data-testid="record-result"]').getByText('合计可得 700,000.00 元').waitFor();
      await screenshot(page, 'policy-08-records-loan');
      assert.deepEqual(problems, []);
    } finally {
      await ctx.close();
    }

    const phone = await newContext(browser, { viewport: PHONE, mobile: true });
    try {
      const page = await phone.newPage();
      await loginViaUi(page, 'weihai.admin@kzt.demo');
      await page.goto('/subsidies/records?kind=evaluation');
      await page.locator('[data-testid="record-form-evaluation"]').waitFor();
      await screenshot(page, 'policy-09-records-evaluation-phone');
    } finally {
      await phone.close();
    }

    const firm = await newContext(browser);
    try {
      const page = await firm.newPage();
      await loginViaUi(page, 'weihai.sme@whbio.demo');
      await page.goto('/subsidies?tab=mine');
      await page.getByText('700,000.00 元').waitFor();
    } finally {
      await firm.close();
    }
  });
});
