// 需求清单 through the UI: the province administrator creates a list for one
// industry, compiles it, removes a demand, publishes it and exports it; an
// anonymous visitor finds it on /demand-lists, opens it and downloads the
// Excel file. Also: the owner of an achievement uploads a PDF attachment, a
// file over 20 MB is refused in the browser, and a visitor downloads the PDF.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, loginViaUi, newContext, pickOption, screenshot, uniqueSuffix, watchPage } from './helpers.mjs';

const ADMIN = 'shanxi.admin@kzt.demo';
const OWNER = 'tto@tyut.demo';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

describe('demand lists', () => {
  test('an administrator compiles and publishes a list; a visitor sees it and exports it', async () => {
    const title = `山西省制造业技术需求清单（测试${uniqueSuffix().slice(-6)}）`;
    const adminCtx = await newContext(browser);
    const admin = await adminCtx.newPage();
    const adminProblems = watchPage(admin);
    await loginViaUi(admin, ADMIN);

    await admin.goto('/admin/demand-lists');
    await admin.locator('[data-testid="demand-list-create"]').click();
    await admin.locator('#title').fill(title);
    await admin.locator('#industry').click();
    await pickOption(admin, 'C · 制造业');
    await admin.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
    await admin.locator('.ant-modal-footer .ant-btn-primary').click();
    await admin.locator('[data-testid="admin-demand-list"]').waitFor();
    assert.equal(await admin.locator('[data-testid="demand-list-title"]').textContent(), title);

    await admin.locator('[data-testid="demand-list-compile"]').click();
    await admin.locator('.ant-popconfirm:visible .ant-btn-primary').click();
    const rows = admin.locator('[data-testid="demand-list-items"] tbody tr.ant-table-row');
    await rows.first().waitFor();
    const countOf = async () => Number((await admin.getByText(/^技术需求（\d+）$/).textContent()).match(/\d+/)[0]);
    const compiled = await countOf();
    assert.ok(compiled > 1, `compiled ${compiled} demands`);
    await screenshot(admin, 'demand-list-admin-compiled');

    // Remove the first demand: the list is one shorter.
    const removed = (await rows.first().locator('td').nth(1).textContent())?.trim();
    await rows.first().getByRole('button', { name: '移出' }).click();
    await admin.getByText(`技术需求（${compiled - 1}）`, { exact: true }).waitFor();

    await admin.locator('[data-testid="demand-list-publish"]').click();
    await admin.locator('.ant-popconfirm:visible .ant-btn-primary').click();
    await admin.getByText('已发布', { exact: true }).first().waitFor();
    await screenshot(admin, 'demand-list-admin-published');
    assert.deepEqual(adminProblems, []);

    const visitorCtx = await newContext(browser);
    const visitor = await visitorCtx.newPage();
    const problems = watchPage(visitor);
    await visitor.goto('/demand-lists');
    await visitor.getByRole('link', { name: title }).click();
    await visitor.locator('[data-testid="demand-list-detail"]').waitFor();
    const visible = await visitor.locator('[data-testid="demand-list-items"] tbody tr.ant-table-row').count();
    assert.ok(visible > 0);
    if (removed) assert.equal(await visitor.locator('[data-testid="demand-list-items"]').getByText(removed, { exact: true }).count(), 0);
    await screenshot(visitor, 'demand-list-public');

    const [download] = await Promise.all([visitor.waitForEvent('download'), visitor.locator('[data-testid="demand-list-export"]').click()]);
    assert.equal(download.suggestedFilename(), `${title}.xlsx`);
    const file = await download.path();
    assert.ok(file);
    assert.deepEqual(problems, []);
    await adminCtx.close();
    await visitorCtx.close();
  });

  test('the owner attaches a PDF to a published achievement; a visitor downloads it', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const problems = watchPage(page);
    await loginViaUi(page, OWNER);
    await page.goto('/me/achievements');
    const published = await page.evaluate(async () => {
      const r = await fetch('/api/achievements?scope=mine&status=published&confidentiality=public&pageSize=20', { credentials: 'same-origin' });
      const d = await r.json();
      return d.items.find((a) => a.confidentiality === 'public')?.id;
    });
    assert.ok(published, 'the demo university has a published public achievement');
    await page.goto(`/achievements/${published}`);
    const card = page.locator('[data-testid="attachments-card"]');
    await card.waitFor();

    const name = `检测报告-${uniqueSuffix().slice(-5)}.pdf`;
    const pdf = Buffer.from(`%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%${name}\n%%EOF\n`, 'latin1');
    await card.locator('input[type="file"]').setInputFiles({ name, mimeType: 'application/pdf', buffer: pdf });
    await card.getByText(name).waitFor();
    // Over 20 MB is refused before it leaves the browser.
    await card.locator('input[type="file"]').setInputFiles({ name: 'big.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(21 * 1024 * 1024, 0x20) });
    await page.getByText('“big.pdf”超过 20 MB，请压缩后再上传').waitFor();
    await screenshot(page, 'attachments-owner');

    const visitorCtx = await newContext(browser);
    const visitor = await visitorCtx.newPage();
    await visitor.goto(`/achievements/${published}`);
    const link = visitor.locator('[data-testid="attachments-card"]').getByRole('link', { name });
    const [download] = await Promise.all([visitor.waitForEvent('download'), link.click()]);
    assert.equal(download.suggestedFilename(), name);
    await screenshot(visitor, 'attachments-visitor');
    assert.deepEqual(problems, []);
    await ctx.close();
    await visitorCtx.close();
  });
});
