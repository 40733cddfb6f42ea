// Batch import through the UI: from 我的成果 the university's technology
// transfer office opens 批量导入, uploads a workbook with one good and one bad
// row, sees the dry-run report (row, column, message), imports the good row
// and finds it as a draft in 我的成果.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { launchBrowser, loginViaUi, newContext, screenshot, uniqueSuffix, watchPage } from './helpers.mjs';

const OWNER = 'tto@tyut.demo';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

async function workbook(goodTitle) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('成果');
  ws.addRow(['标题', '摘要', '成果类型', '行业门类', '成熟度(1-9)', '转化方式(以、分隔)', '价格(万元，空为面议)', '完成人(姓名:份额，以、分隔)']);
  ws.addRow([goodTitle, '用于高压开关柜局部放电的在线监测方法。', '应用研究', '电力、热力、燃气及水生产和供应业', 5, '许可', 30, '张敏:100']);
  ws.addRow(['份额不对的成果', '摘要', '应用研究', 'D', 12, '转让', 10, '甲:60、乙:30']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('batch import of achievements', () => {
  test('upload → report → import → the draft is in 我的成果', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const problems = watchPage(page);
    await loginViaUi(page, OWNER);

    await page.goto('/me/achievements');
    await page.locator('[data-testid="achievements-import"]').click();
    await page.waitForURL(/\/imports\/new\?kind=achievements/);
    await page.locator('[data-testid="import-template"]').waitFor();
    assert.equal(await page.locator('[data-testid="import-template"]').getAttribute('href'), '/api/imports/templates/achievements.xlsx');
    await screenshot(page, 'imports-1-template');

    await page.locator('[data-testid="import-next"]').click();
    // Before a file is picked: the limits and the organisation's storage used/limit (issue 11).
    const quota = page.locator('[data-testid="storage-quota"]');
    await quota.waitFor();
    assert.match(await quota.innerText(), /本单位已用存储 .+ \/ 上限 1\.0 GB/);
    assert.match(await page.locator('[data-testid="import-dragger"]').innerText(), /最多 5,000 行数据/);
    await screenshot(page, 'imports-1b-upload');
    const title = `开关柜局放在线监测${uniqueSuffix()}`;
    await page.locator('[data-testid="import-dragger"] input[type="file"]').setInputFiles({
      name: '成果导入.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await workbook(title),
    });
    await page.locator('[data-testid="import-check"]').waitFor();
    const report = page.locator('[data-testid="import-report"]');
    await report.waitFor();
    const reportText = await report.innerText();
    assert.match(reportText, /成熟度\(1-9\)/);
    assert.match(reportText, /成熟度应为 1–9 的整数/);
    assert.match(reportText, /完成人份额合计必须为 100%/);
    assert.match(await page.locator('[data-testid="import-preview"]').innerText(), new RegExp(title));
    await screenshot(page, 'imports-2-report');

    await page.locator('[data-testid="import-run"]').click();
    // The server's job runner polls every 5 s; the page polls the import every second.
    await page.locator('[data-testid="import-done"]').waitFor({ timeout: 30_000 });
    assert.match(await page.locator('[data-testid="import-done"]').innerText(), /新建 1 条草稿/);
    await screenshot(page, 'imports-3-done');

    await page.locator('[data-testid="import-go-mine"]').click();
    await page.waitForURL(/\/me\/achievements/);
    const row = page.locator('[data-testid="my-records"] tr', { hasText: title });
    await row.waitFor();
    assert.match(await row.innerText(), /草稿/);
    await screenshot(page, 'imports-4-mine');

    // The same file again: nothing new.
    await page.goto('/imports/new?kind=achievements');
    await page.locator('[data-testid="import-next"]').click();
    await page.locator('[data-testid="import-dragger"] input[type="file"]').setInputFiles({ name: 'again.xlsx', mimeType: 'application/octet-stream', buffer: await workbook(title) });
    await page.locator('[data-testid="import-run"]').click();
    await page.locator('[data-testid="import-done"]').waitFor({ timeout: 30_000 });
    assert.match(await page.locator('[data-testid="import-done"]').innerText(), /新建 0 条草稿，1 条与已有记录重复已跳过/);

    assert.deepEqual(problems, []);

    // A file that is not what its name says is refused with a clear message (the browser logs that 400).
    await page.goto('/imports/new?kind=achievements');
    await page.locator('[data-testid="import-next"]').click();
    await page.locator('[data-testid="import-dragger"] input[type="file"]').setInputFiles({ name: 'fake.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('标题,成果类型\n某成果,应用研究\n') });
    const err = page.locator('[data-testid="import-upload-error"]');
    await err.waitFor();
    assert.match(await err.innerText(), /文件内容与扩展名不符/);
    await screenshot(page, 'imports-5-refused');
    await context.close();
  });
});
