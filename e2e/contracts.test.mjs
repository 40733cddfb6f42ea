// Issue 15, technology contracts, in Chromium: the 山西 registration desk
// (the province administrator) opens the contract 太行理工大学 submitted,
// ticks the checklist and registers it; the number appears on the contract
// and its certificate, and anyone — not signed in, at phone width — verifies
// it on the public page, which shows nothing confidential.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { BASE_URL, PHONE, TINY_PDF, apiJson, apiToken, chooseInMultiSelect, launchBrowser, loginViaUi, newContext, pickRegion, screenshot, uniqueSuffix, watchPage } from './helpers.mjs';

let browser;
/** The input of an amount field (AmountInput puts its test id on the input or on its wrapper). */
const amountField = (scope, id) => scope.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`);
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

describe('technology contracts', () => {
  test('the desk registers a submitted contract and anyone verifies its number', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const problems = watchPage(page);
    await loginViaUi(page, 'shanxi.admin@kzt.demo');
    await page.goto('/contracts?scope=desk');
    const row = page.locator('[data-testid="contract-row"]', { hasText: '煤矸石制备陶粒' });
    await row.locator('a').click();
    await page.locator('[data-testid="contract-status"]', { hasText: '待审核' }).waitFor();
    await page.locator('[data-testid="contract-review"]').click();
    const modal = page.locator('.ant-modal');
    // The signed contract the seller attached, downloadable from the review.
    const scan = modal.locator('[data-testid="review-document-link"]').first();
    await scan.waitFor();
    assert.equal((await page.request.get(await scan.getAttribute('href'))).headers()['content-type'], 'application/pdf');
    // Not registered before every point of the checklist is ticked.
    await modal.locator('.ant-btn-primary').click();
    await modal.locator('.ant-form-item-explain-error').getByText('予以登记前请逐项核对并勾选全部审核要点').waitFor();
    for (const item of ['合同类别认定正确', '技术交易额核定有据', '签章齐全、合同文本已上传']) await modal.getByText(item).click();
    await modal.locator('.ant-btn-primary').click();
    await page.locator('[data-testid="contract-status"]', { hasText: '已登记' }).waitFor();
    const number = (await page.locator('[data-testid="contract-number"]').textContent()).trim();
    assert.match(number, /^\d{4}-140000-01-\d{6}$/);
    await page.getByRole('button', { name: '登记证明' }).click();
    await page.locator('[data-testid="cert-number"]', { hasText: number }).waitFor();
    // The PDF the certificate page links to.
    const href = await page.locator('[data-testid="cert-pdf"]').getAttribute('href');
    const pdf = await page.request.get(href);
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    const bytes = (await pdf.body()).toString('latin1');
    assert.ok(bytes.startsWith('%PDF-'));
    assert.ok(bytes.includes(`/verify/contracts/${number}`), 'the PDF carries the verification link');
    assert.deepEqual(problems, []);
    await ctx.close();

    const anon = await newContext(browser, { viewport: PHONE, mobile: true });
    const phone = await anon.newPage();
    await phone.goto(`/verify/contracts/${number}`);
    const result = phone.locator('[data-testid="verify-result"]');
    await result.getByText('登记号有效').waitFor();
    const text = await result.textContent();
    assert.match(text, /技术开发/);
    assert.match(text, /45 万元/);
    assert.doesNotMatch(text, /太原某建材/, 'the buyer is not shown to the public');
    await phone.goto('/verify/contracts/2026-140000-01-999999');
    await phone.locator('[data-testid="verify-missing"]', { hasText: '查无此登记号' }).waitFor();
    await anon.close();
  });

  test('the 登记审核 tab is offered to those who staff a registration point or administer a jurisdiction, not to a firm', async () => {
    for (const [login, desk] of [['weihai.sme@whbio.demo', false], ['tto@tyut.demo', false], ['shanxi.admin@kzt.demo', true]]) {
      const ctx = await newContext(browser);
      try {
        const page = await ctx.newPage();
        const problems = watchPage(page);
        await loginViaUi(page, login);
        // The tabs follow the server's answer (scopes), which arrives with the first list.
        const answered = page.waitForResponse((r) => r.url().includes('/api/contracts?') && r.ok());
        await page.goto('/contracts?scope=payments');
        await answered;
        await page.locator('[data-testid="contracts-tab-payments"]').waitFor();
        await page.waitForTimeout(300);
        assert.equal(await page.locator('[data-testid="contracts-tab-desk"]').count(), desk ? 1 : 0, login);
        if (!desk) await screenshot(page, 'contracts-00-no-desk-tab');
        assert.deepEqual(problems, []);
      } finally {
        await ctx.close();
      }
    }
  });

  test('the seller submits at a point it picks; the desk returns it for the scan, the seller attaches it and resubmits, and the desk refuses it (未予登记) with the reason', async () => {
    // Set-up by API: a draft of 太行理工大学 (山西), without its signed contract.
    const sellerToken = await apiToken('tto@tyut.demo');
    const me = (await apiJson('GET', '/api/me', undefined, sellerToken)).json;
    const signedOn = new Date(Date.now() + 8 * 3_600_000 - (1 + Math.floor(Math.random() * 25)) * 86_400_000).toISOString().slice(0, 10);
    const amount = 3_000_000 + Math.floor(Math.random() * 100_000);
    const created = await apiJson(
      'POST',
      '/api/contracts',
      {
        kind: 'consulting',
        title: `焦炉煤气制氢可行性技术咨询合同（e2e ${uniqueSuffix()}）`,
        contractNo: `E2E-RR-${uniqueSuffix()}`,
        signedOn,
        validUntil: '2099-12-31',
        seller: { organizationId: me.organizations.find((o) => o.role === 'owner').id },
        buyer: { name: '太原某能源有限公司', creditCode: '', region: '140105', entityType: 'enterprise' },
        contractAmount: amount,
        technologyAmount: amount,
      },
      sellerToken,
    );
    assert.equal(created.status, 201, JSON.stringify(created.json));
    const contract = created.json;
    const sellerCtx = await newContext(browser);
    const deskCtx = await newContext(browser);
    try {
      const seller = await sellerCtx.newPage();
      const desk = await deskCtx.newPage();
      const problems = [seller, desk].map(watchPage);
      await Promise.all([loginViaUi(seller, 'tto@tyut.demo'), loginViaUi(desk, 'shanxi.admin@kzt.demo')]);

      // 1. The submit dialog: it warns that no signed contract is attached, and the seller picks the point of its region.
      await seller.goto(`/contracts/${contract.id}`);
      await seller.locator('[data-testid="contract-documents-missing"]').waitFor();
      await seller.locator('[data-testid="contract-submit"]').click();
      const submit = seller.locator('[data-testid="submit-modal"]');
      await submit.locator('[data-testid="submit-documents-missing"]').waitFor();
      await submit.locator('[data-testid="submit-point"]').click();
      await seller.locator('.ant-select-item-option', { hasText: '山西省技术市场管理办公室登记点' }).click();
      await screenshot(seller, 'contracts-submit-dialog');
      await submit.locator('.ant-btn-primary').click();
      await seller.locator('[data-testid="contract-status"]', { hasText: '待审核' }).waitFor();

      // 2. The desk's queue marks it as waiting without its signed text; the desk cannot register it nor tick
      // “scan attached”: it returns it with the reason.
      await desk.goto('/contracts?scope=desk&status=submitted');
      await desk.locator(`[data-testid="contract-row"][data-id="${contract.id}"] [data-testid="contract-row-no-document"]`).getByText('未上传合同文本').waitFor();
      await desk.goto(`/contracts/${contract.id}`);
      await desk.locator('[data-testid="contract-review"]').click();
      const review = desk.locator('[data-testid="review-modal"]');
      await review.locator('[data-testid="review-documents"] .ant-alert-error').waitFor();
      assert.ok(await review.getByRole('radio', { name: '予以登记' }).isDisabled(), 'register is not offered without the scan');
      assert.ok(await review.getByRole('checkbox', { name: '签章齐全、合同文本已上传' }).isDisabled(), 'the scan item cannot be ticked');
      await review.locator('textarea').fill('请上传双方签章的合同扫描件');
      await screenshot(desk, 'contracts-review-no-scan');
      await review.locator('.ant-btn-primary').click();
      await desk.locator('[data-testid="contract-status"]', { hasText: '退回修改' }).waitFor();

      // 3. The seller reads the reason, attaches the scan and submits again.
      await seller.reload();
      await seller.locator('.ant-alert-title', { hasText: '请上传双方签章的合同扫描件' }).waitFor();
      await seller.locator('[data-testid="contract-documents"] input[type="file"]').setInputFiles({ name: '咨询合同（签章版）.pdf', mimeType: 'application/pdf', buffer: TINY_PDF });
      await seller.locator('[data-testid="contract-documents-link"]', { hasText: '咨询合同（签章版）.pdf' }).waitFor();
      await seller.locator('[data-testid="contract-submit"]').click();
      await submit.locator('[data-testid="submit-point"]').click();
      await seller.locator('.ant-select-item-option', { hasText: '山西省技术市场管理办公室登记点' }).click();
      await submit.locator('.ant-btn-primary').click();
      await seller.locator('[data-testid="contract-status"]', { hasText: '待审核' }).waitFor();

      // 4. The desk sees the scan and refuses the contract (未予登记), with the reason the seller then reads.
      await desk.reload();
      await desk.locator('[data-testid="contract-review"]').click();
      await review.locator('[data-testid="review-document-link"]', { hasText: '咨询合同（签章版）.pdf' }).waitFor();
      await review.getByText('不予登记').click();
      await review.locator('textarea').fill('属于一般性业务咨询，不构成技术咨询合同');
      await review.locator('.ant-btn-primary').click();
      await desk.locator('[data-testid="contract-status"]', { hasText: '未予登记' }).waitFor();
      await seller.reload();
      await seller.locator('[data-testid="contract-status"]', { hasText: '未予登记' }).waitFor();
      await seller.locator('.ant-alert-title', { hasText: '属于一般性业务咨询，不构成技术咨询合同' }).waitFor();
      await screenshot(seller, 'contracts-refused-seller');
      assert.deepEqual(problems.flat(), []);
    } finally {
      await sellerCtx.close();
      await deskCtx.close();
    }
  });

  test('the university imports contracts signed off the platform from Excel: report per row, then drafts', async () => {
    const suffix = uniqueSuffix();
    const template = await fetch(`${BASE_URL}/api/contracts/import/template`);
    assert.equal(template.status, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await template.arrayBuffer()));
    const sheet = wb.getWorksheet('合同');
    const headers = sheet.getRow(1).values.slice(1);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const row = (over) => {
      const base = { 合同名称: `煤矸石陶粒中试技术咨询 ${suffix}`, 合同编号: `E2E-${suffix}`, 合同类别: '技术咨询', 签订日期: today, 有效期至: '2099-12-31', 买方名称: '晋中某建材有限公司', 买方所在地区代码: '140702', 买方主体类型: '企业', '合同金额(万元)': 12, '技术交易额(万元)': 12, ...over };
      return headers.map((h) => base[h] ?? null);
    };
    sheet.spliceRows(2, 1);
    sheet.addRow(row({}));
    sheet.addRow(row({ 合同编号: `E2E-${suffix}-2`, '技术交易额(万元)': 10 }));
    const file = Buffer.from(await wb.xlsx.writeBuffer());

    const ctx = await newContext(browser, { viewport: PHONE, mobile: true });
    const page = await ctx.newPage();
    const problems = watchPage(page);
    await loginViaUi(page, 'tto@tyut.demo');
    await page.goto('/contracts');
    await page.locator('[data-testid="contract-import"]').click();
    await page.locator('[data-testid="contract-import-dragger"] input[type="file"]').setInputFiles({ name: '合同.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });
    const report = page.locator('[data-testid="contract-import-report"]');
    await report.getByText('技术交易额应等于合同金额').waitFor();
    assert.equal(await report.locator('tbody tr.ant-table-row').count(), 1, 'only the second contract (row 3) has a problem');
    await screenshot(page, 'contracts-import-report-phone');
    // The import is kept in the address: a reload finds the same report.
    assert.match(page.url(), /[?&]import=[0-9a-f-]{36}/);
    await page.reload();
    await report.getByText('技术交易额应等于合同金额').waitFor();
    await page.locator('[data-testid="contract-import-run"]').click();
    // A background job imports the rows (the server's job runner claims it within seconds).
    await page.locator('[data-testid="contract-import-done"]', { hasText: '已导入 1 份合同草稿' }).waitFor({ timeout: 30_000 });
    await page.goto(`/contracts?status=draft&party=${encodeURIComponent('晋中某建材')}`);
    await page.locator('[data-testid="contract-row"]', { hasText: suffix }).waitFor();
    // The year's money paid and received, per organisation.
    await page.goto('/contracts?scope=payments');
    await page.locator('[data-testid="payment-totals"]').waitFor();
    assert.deepEqual(problems, []);
    await ctx.close();
  });
  test('an administrator gives up an import that failed, and sees their own files with when each is deleted', async () => {
    const suffix = uniqueSuffix();
    const template = await fetch(`${BASE_URL}/api/contracts/import/template`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await template.arrayBuffer()));
    const sheet = wb.getWorksheet('合同');
    const headers = sheet.getRow(1).values.slice(1);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const base = { 合同名称: `放弃导入测试 ${suffix}`, 合同编号: `GIVEUP-${suffix}`, 合同类别: '技术咨询', 签订日期: today, 有效期至: '2099-12-31', 卖方名称: '晋中市某研究所', 卖方所在地区代码: '140702', 卖方主体类型: '科研院所', 买方名称: '晋中某建材有限公司', 买方所在地区代码: '140702', 买方主体类型: '企业', '合同金额(万元)': 8, '技术交易额(万元)': 8 };
    sheet.spliceRows(2, 1);
    sheet.addRow(headers.map((h) => base[h] ?? null));
    const file = Buffer.from(await wb.xlsx.writeBuffer());

    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const problems = watchPage(page);
    await loginViaUi(page, 'jinzhong.admin@kzt.demo');
    await page.goto('/contracts/import');
    await page.locator('[data-testid="contract-import-dragger"] input[type="file"]').setInputFiles({ name: `放弃-${suffix}.xlsx`, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });
    await page.locator('[data-testid="contract-import-run"]').waitFor();
    // The kept file disappears before the job reads it: the import fails.
    const dataDir = process.env.E2E_DATA_DIR;
    assert.ok(dataDir, 'run through e2e/run.mjs (E2E_DATA_DIR)');
    rmSync(path.join(dataDir, 'imports', createHash('sha256').update(file).digest('hex')));
    await page.locator('[data-testid="contract-import-run"]').click();
    const giveUp = page.locator('[data-testid="contract-import-discard"]');
    await giveUp.waitFor({ timeout: 30_000 });
    await screenshot(page, 'contracts-import-failed');
    await giveUp.click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.locator('[data-testid="contract-import-discarded"]').getByText('已放弃本次导入').waitFor({ timeout: 30_000 }).catch(async (e) => {
      // Say what the page shows instead (a refusal, the import's state) and what it logged.
      const alerts = await page.locator('.ant-alert, .ant-message, .ant-result').allInnerTexts().catch(() => []);
      throw new Error(`${e.message}\nthe page shows: ${alerts.join(' | ')}\nproblems: ${problems.join(' | ')}`);
    });

    // My files, from the user menu: the import file, its size and when it is deleted.
    await page.locator('[data-testid="user-menu"]').click();
    await page.locator('[data-testid="menu-files"]').click();
    const row = page.locator('[data-testid="my-files-table"] tr', { hasText: `放弃-${suffix}.xlsx` });
    await row.waitFor();
    assert.match(await row.innerText(), /导入文件[\s\S]*KB[\s\S]*\d{4}-\d{2}-\d{2}/);
    assert.match(await page.locator('[data-testid="my-files-usage"]').innerText(), /已用 .+ \/ 上限 .+/);
    await screenshot(page, 'me-files');
    assert.deepEqual(problems, []);
    await ctx.close();
  });

  test('a contract entered by hand names its buyer on the platform by typing the name, not an id', async () => {
    const ctx = await newContext(browser);
    try {
      const page = await ctx.newPage();
      const problems = watchPage(page);
      await loginViaUi(page, 'tto@tyut.demo');
      await page.goto('/contracts/new');
      await page.getByText('手工录入（平台外签订）').click();
      await page.locator('#title').fill('液压阀体快速检测装置专利权转让合同（录入测试）');
      const buyer = page.locator('[data-testid="contract-party-buyer"]');
      await buyer.getByText('平台内单位').click();
      await buyer.locator('[data-testid="contract-buyer-organization"]').click();
      await page.keyboard.type('晋中智造');
      await page.locator('.ant-select-item-option', { hasText: '晋中智造装备有限公司' }).click();
      // The industry (statistics break contracts down by it), chosen by typing its name.
      await page.locator('[data-testid="contract-industry"]').click();
      await page.keyboard.type('制造');
      await page.locator('.ant-select-item-option', { hasText: '制造业' }).click();
      // The seller enters and registers the contract: the form says so first.
      assert.match(await page.locator('[data-testid="contract-seller-enters"]').innerText(), /技术合同由卖方（技术提供方）录入并申请认定登记/);
      // The technology amount follows the contract amount while it has not been typed (120 typed key by key)…
      await page.locator('#contractAmount').click();
      await page.keyboard.type('120');
      await page.waitForFunction(() => document.querySelector('#technologyAmount')?.value === '120');
      // …and the non-technical costs taken off it.
      await page.locator('[data-testid="contract-add-deduction"]').click();
      await page.locator('[data-testid="contract-deduction-item"]').fill('检测设备');
      await amountField(page, 'contract-deduction-amount').fill('1');
      await page.locator('[data-testid="contract-rule"]').getByText('当前应为 119 万元').waitFor();
      await page.waitForFunction(() => document.querySelector('#technologyAmount')?.value === '119');
      // An amount typed by the person is never overwritten: the contract amount changes, the check offers 填入 instead.
      await page.locator('#technologyAmount').fill('100');
      await page.locator('#contractAmount').fill('5');
      await page.locator('[data-testid="contract-rule"]').getByText('当前应为 4 万元').waitFor();
      assert.equal(await page.locator('#technologyAmount').inputValue(), '100');
      await page.locator('[data-testid="contract-use-expected"]', { hasText: '填入 4 万元' }).click();
      assert.equal(await page.locator('#technologyAmount').inputValue(), '4');
      // The achievement (one of the seller's, found by title) and an IP item.
      await page.locator('[data-testid="contract-achievements"]').click();
      const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').first();
      await option.waitFor();
      const achievement = (await option.innerText()).trim();
      // Found again by typing its title (the options are searched as it is typed), and checked as chosen.
      await page.keyboard.press('Escape');
      await chooseInMultiSelect(page, page.locator('[data-testid="contract-achievements"]'), achievement);
      await page.locator('[data-testid="contract-add-ip"]').click();
      await page.locator('[data-testid="contract-ip-input"]').fill('ZL202210000002.5 一种液压阀体快速检测装置');
      await screenshot(page, 'contracts-manual-subject');
      await page.getByRole('button', { name: '保存草稿' }).click();
      await page.waitForURL(/\/contracts\/[0-9a-f-]{36}$/);
      // The detail page of the draft names the buyer chosen by name, the achievement and the IP item.
      await page.locator('[data-testid="contract-status"]', { hasText: '草稿' }).waitFor();
      assert.match(await page.locator('body').innerText(), /晋中智造装备有限公司/);
      assert.equal((await page.locator('[data-testid="contract-industry"]').textContent()).trim(), 'C · 制造业');
      assert.equal((await page.locator('[data-testid="contract-achievement-list"] a').innerText()).trim(), achievement);
      assert.match(await page.locator('[data-testid="contract-ip-list"]').innerText(), /ZL202210000002\.5/);
      assert.match(await page.locator('body').innerText(), /检测设备 1 万元/);
      await screenshot(page, 'contracts-manual-buyer');
      // Edited again, the form shows the achievement by its title.
      await page.getByRole('button', { name: /修\s*改/ }).first().click();
      await page.locator('[data-testid="contract-achievements"]', { hasText: achievement }).waitFor();
      assert.deepEqual(problems, []);
    } finally {
      await ctx.close();
    }
  });

  test('an SME that signed a deal only as its buyer is not offered to draft its contract: the seller registers it, and its draft opens from here', async () => {
    const ctx = await newContext(browser);
    try {
      const page = await ctx.newPage();
      const problems = watchPage(page);
      await loginViaUi(page, 'sme@jzsme.demo');
      // The demo's signed deal where 晋中智造装备有限公司 buys from 晋中农林大学, whose draft contract the seed prefilled.
      const token = await apiToken('sme@jzsme.demo');
      const deal = (await apiJson('GET', '/api/deals?side=buyer&status=signed', undefined, token)).json.items[0];
      assert.ok(deal, 'the SME has a signed deal as buyer');
      const title = deal.listing.title;
      const drafted = (await apiJson('GET', `/api/contracts?scope=mine&dealId=${deal.id}`, undefined, token)).json.items[0];
      await page.goto('/contracts/new');
      const bought = page.locator('[data-testid="contract-bought-deals"]');
      await bought.waitFor();
      assert.match(await bought.innerText(), /技术合同由卖方（技术提供方）录入并申请认定登记/);
      const row = bought.locator('[data-testid="contract-bought-deal"]', { hasText: title });
      assert.match(await row.innerText(), new RegExp(`卖方 ${deal.seller.name}`));
      // Nothing to draft from: the deals a contract may be drawn from are the seller's side's only.
      if (await page.locator('[data-testid="contract-deal-select"]').count()) {
        await page.locator('[data-testid="contract-deal-select"]').click();
        assert.equal(await page.locator('.ant-select-item-option', { hasText: title }).count(), 0);
        await page.keyboard.press('Escape');
      } else {
        assert.match(await page.locator('[data-testid="contract-no-deals"]').innerText(), /暂无作为卖方/);
      }
      await screenshot(page, 'contracts-new-buyer-deals');
      // The manual entry says who enters the contract, in a warning since this organisation only ever bought.
      await page.getByText('手工录入（平台外签订）').click();
      const note = page.locator('[data-testid="contract-seller-enters"]');
      assert.match(await note.innerText(), /技术合同由卖方（技术提供方）录入并申请认定登记[\s\S]*均为买方/);
      await page.getByText('由已签约成交生成').click();
      // The seller's draft, once entered, opens from the note for the buyer to read.
      if (drafted) {
        await row.locator('[data-testid="contract-bought-open"]').click();
        await page.waitForURL(new RegExp(`/contracts/${drafted.id}$`));
        await page.locator('[data-testid="contract-status"]').waitFor();
      } else {
        await row.getByText('卖方尚未录入合同').waitFor();
      }
      assert.deepEqual(problems, []);
    } finally {
      await ctx.close();
    }
  });

  test('a buyer off the platform is placed by the name of its region (榆次, 濟南 in traditional characters), never by a 6-digit code', async () => {
    const ctx = await newContext(browser);
    try {
      const page = await ctx.newPage();
      const problems = watchPage(page);
      await loginViaUi(page, 'tto@tyut.demo');
      await page.goto('/contracts/new');
      await page.getByText('手工录入（平台外签订）').click();
      await page.locator('#title').fill(`液压缸密封件寿命检测技术服务合同（地区测试 ${uniqueSuffix()}）`);
      const buyer = page.locator('[data-testid="contract-party-buyer"]');
      await buyer.locator('#buyer_name').fill('榆次区某液压件有限公司');
      await buyer.locator('#buyer_entityType').click();
      await page.locator('.ant-select-item-option', { hasText: '企业' }).first().click();
      // The region: a traditional-character search finds the simplified name…
      const picker = buyer.locator('[data-testid="contract-buyer-region"]');
      await picker.click();
      await page.keyboard.type('濟南');
      await page.locator('.ant-cascader-dropdown:visible .ant-cascader-menu-item', { hasText: '山东省 / 济南市' }).first().waitFor();
      await page.keyboard.press('Escape');
      // …and typing part of a county's name lists it with its province and city.
      await picker.click();
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.type('榆次');
      const result = page.locator('.ant-cascader-dropdown:visible .ant-cascader-menu-item', { hasText: '山西省 / 晋中市 / 榆次区' });
      await result.waitFor();
      assert.match(await result.innerText(), /140702/, 'the result shows its code beside the names');
      await screenshot(page, 'contracts-region-search', { fullPage: false });
      await result.click();
      await picker.getByText('山西省 / 晋中市 / 榆次区').waitFor();
      await page.locator('[data-testid="contract-industry"]').click();
      await page.keyboard.type('制造');
      await page.locator('.ant-select-item-option', { hasText: '制造业' }).click();
      await page.locator('#contractAmount').fill('8');
      await page.locator('#technologyAmount').fill('8');
      await page.getByRole('button', { name: '保存草稿' }).click();
      await page.waitForURL(/\/contracts\/[0-9a-f-]{36}$/);
      // The API got the code: the detail names the region with it.
      await page.locator('[data-testid="contract-status"]', { hasText: '草稿' }).waitFor();
      assert.match(await page.locator('body').innerText(), /榆次区（140702）/);
      // Edited again, the picker shows the whole path, not the code.
      await page.getByRole('button', { name: /修\s*改/ }).first().click();
      await page.locator('[data-testid="contract-buyer-region"]').getByText('山西省 / 晋中市 / 榆次区').waitFor();
      await screenshot(page, 'contracts-region-edit');
      assert.deepEqual(problems, []);
    } finally {
      await ctx.close();
    }
  });

  test('the contract pages at 1280 px and at 390 px: nothing wider than the screen, Chinese throughout', async () => {
    const dir = process.env.CONTRACT_SHOTS;
    const shot = async (page, name) => {
      if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
      else await screenshot(page, `contracts-${name}`);
    };
    for (const [label, viewport, mobile] of [['1280', { width: 1280, height: 900 }, false], ['390', { width: 390, height: 844 }, true]]) {
      const ctx = await newContext(browser, { viewport, mobile });
      try {
        const page = await ctx.newPage();
        const problems = watchPage(page);
        const fits = async (what) => {
          const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
          assert.ok(scroll <= width + 1, `${what} at ${label} px is ${scroll} px wide`);
        };
        await loginViaUi(page, 'tto@tyut.demo');
        await page.goto('/contracts');
        await page.locator('[data-testid="contract-row"]').first().waitFor();
        await fits('my contracts');
        await shot(page, `${label}-mine`);
        await page.goto('/contracts/new');
        await page.getByText('手工录入（平台外签订）').click();
        await page.locator('[data-testid="contract-industry"]').waitFor();
        await fits('the wizard');
        await shot(page, `${label}-wizard`);
        await page.goto('/contracts?status=registered');
        await page.locator('[data-testid="contract-row"]', { hasText: '高强耐磨钢板' }).locator('a').first().click();
        await page.locator('[data-testid="contract-totals"]').waitFor();
        await fits('a contract with its payments');
        await shot(page, `${label}-payments`);
        const number = (await page.locator('[data-testid="contract-number"]').textContent()).trim();
        const distribution = page.locator('[data-testid="contract-distribution"]').first();
        if (await distribution.count()) {
          await distribution.click();
          await page.waitForLoadState('networkidle');
          await fits('the distribution plan');
          await shot(page, `${label}-distributions`);
        }
        await page.goto('/contracts?scope=payments');
        await page.locator('[data-testid="payment-totals"] .ant-table-row').first().waitFor();
        await fits('the year’s payments');
        await shot(page, `${label}-payment-totals`);
        await page.goto('/contracts/import');
        await page.locator('[data-testid="contract-import-dragger"]').waitFor();
        await fits('the import');
        await shot(page, `${label}-import`);
        await page.goto(`/verify/contracts/${number}`);
        await page.locator('[data-testid="verify-result"]').getByText('登记号有效').waitFor();
        await fits('the verification page');
        await shot(page, `${label}-verify`);
        assert.deepEqual(problems, []);
      } finally {
        await ctx.close();
      }
      const desk = await newContext(browser, { viewport, mobile });
      try {
        const page = await desk.newPage();
        await loginViaUi(page, 'shanxi.admin@kzt.demo');
        await page.goto('/contracts?scope=desk');
        await page.locator('[data-testid="contract-row"]').first().waitFor();
        const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
        assert.ok(scroll <= width + 1, `the registration desk at ${label} px is ${scroll} px wide`);
        await shot(page, `${label}-desk`);
      } finally {
        await desk.close();
      }
    }
  });

  test('the seller files 补充协议增加设备 at phone width: the costs in the amendment, the technology amount checked as typed', async () => {
    const ctx = await newContext(browser, { viewport: { width: 390, height: 844 }, mobile: true });
    try {
      const page = await ctx.newPage();
      const problems = watchPage(page);
      await loginViaUi(page, 'tto@tyut.demo');
      await page.goto('/contracts?status=registered');
      await page.locator('[data-testid="contract-row"]', { hasText: '高强耐磨钢板' }).locator('a').first().click();
      await page.locator('[data-testid="contract-subject"]').getByText('ZL202310000001.X').waitFor();
      await page.locator('[data-testid="contract-amend"]').click();
      const modal = page.locator('.ant-modal', { hasText: '变更登记' });
      await amountField(modal, 'amend-amount').fill('150');
      // 120 → 150 万元 with the equipment: the technology amount must stay 100 万元, so the costs are 50 万元.
      await modal.locator('[data-testid="amend-add-deduction"]').click();
      await modal.locator('[data-testid="amend-deduction-item"]').nth(1).fill('补充协议新增设备');
      await amountField(modal, 'amend-deduction-amount').nth(1).fill('20');
      await modal.locator('[data-testid="amend-rule"]').getByText('当前应为 110 万元').waitFor();
      // The technology amount typed (100 万元) does not fit: the check offers the figure the rule gives.
      await modal.locator('[data-testid="amend-use-expected"]', { hasText: '填入 110 万元' }).waitFor();
      await screenshot(page, 'contracts-amend-mismatch-390', { fullPage: false });
      await amountField(modal, 'amend-deduction-amount').nth(1).fill('30');
      await modal.locator('[data-testid="amend-rule"]').getByText('当前应为 100 万元').waitFor();
      assert.equal(await modal.locator('[data-testid="amend-use-expected"]').count(), 0);
      await modal.locator('textarea').fill('补充协议增加设备');
      await screenshot(page, 'contracts-amend-deductions-390');
      await modal.locator('.ant-btn-primary').click();
      const ask = page.locator('.ant-modal-confirm');
      await ask.getByText(/非技术性费用/).waitFor();
      await ask.locator('.ant-btn-primary').click();
      await page.locator('.ant-timeline', { hasText: '补充协议增加设备' }).waitFor();
      assert.match(await page.locator('body').innerText(), /现行[\s\S]*150 万元/);
      const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      assert.ok(scroll <= width + 1, `the amended contract at 390 px is ${scroll} px wide`);
      await screenshot(page, 'contracts-amended-390');
      await page.locator('[data-testid="contract-subject"]').scrollIntoViewIfNeeded();
      await screenshot(page, 'contracts-subject-390', { fullPage: false });
      assert.deepEqual(problems, []);
    } finally {
      await ctx.close();
    }
  });
});
