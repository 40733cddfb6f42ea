// Issue 12, "Notices that matter", in Chromium at desktop and phone width: a
// university submits two achievements and sees which administration reviews
// them and why; the province administrator approves one and returns the other
// with a reason; the owner's bell counts the return as to-do and the approval
// as news, and the notices carry the reason to the record. The audit log shows
// what happened by name.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PHONE, launchBrowser, loginViaUi, newContext, pickOption, screenshot, uniqueSuffix, watchPage } from './helpers.mjs';

const OWNER = 'tto@tyut.demo';
// 太行理工大学 is registered in 山西省 (140000): the province's administration reviews its records.
const ADMIN = 'shanxi.admin@kzt.demo';
const REASON = '缺少知识产权权属说明，请补充专利号后重新提交';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

async function submitAchievement(page, title) {
  await page.goto('/achievements/new');
  await page.locator('h1', { hasText: '登记成果' }).waitFor();
  await page.locator('#title').fill(title);
  await page.locator('#type').click();
  await pickOption(page, '技术开发与产业化');
  await page.locator('#maturity').click();
  await pickOption(page, '6 · 中试 — 工程样机/中试完成');
  await page.locator('#industry').click();
  await pickOption(page, 'D · 电力、热力、燃气及水生产和供应业');
  await page.locator('#summary').fill('基于宽频阻抗谱与边缘计算的继电保护装置在线检测方法，可在不停电条件下发现装置隐性故障，检测时间缩短 60%。');
  await page.locator('#keywords').fill('继电保护');
  await page.keyboard.press('Enter');
  await page.locator('#completers_0_name').fill('完成人1');
  await page.locator('#completers_0_organization').fill('太行理工大学');
  await page.locator('#completers_0_share').fill('100');
  await page.locator('#completers_0_name').click();
  await page.locator('#transferModes').getByText('转让', { exact: true }).click();
  await page.locator('#price').fill('80');
  await page.locator('[data-testid="save-submit"]').click();
  await page.waitForURL(/\/achievements\/[0-9a-f-]{36}$/);
  await page.locator('[data-testid="record-status"][data-status="submitted"]').waitFor();
  return page.url();
}

describe('notices that matter', () => {
  test('submit → the submitter sees who reviews → admin approves one, returns one → the owner’s bell, desktop and phone', async () => {
    const suffix = uniqueSuffix().slice(-6);
    const okTitle = `配电网故障定位技术（通知${suffix}）`;
    const backTitle = `变压器油色谱在线监测（通知${suffix}）`;
    const ownerCtx = await newContext(browser);
    const adminCtx = await newContext(browser);
    const phoneCtx = await newContext(browser, { viewport: PHONE, mobile: true });
    try {
      // 1. the owner submits two achievements; the page names the reviewing administration and why
      const page = await ownerCtx.newPage();
      const problems = watchPage(page);
      await loginViaUi(page, OWNER);
      const bell = page.locator('[data-testid="notification-bell"]');
      const counts = async () => {
        await bell.click();
        const todo = Number((await page.locator('[data-testid="bell-todo-count"]').innerText()).replace(/\D/g, ''));
        const news = Number((await page.locator('[data-testid="bell-news-count"]').innerText()).replace(/\D/g, ''));
        await bell.click();
        await page.locator('[data-testid="notification-panel"]').waitFor({ state: 'hidden' });
        return { todo, news };
      };
      const start = await counts();
      await submitAchievement(page, okTitle);
      const backUrl = await submitAchievement(page, backTitle);
      const note = page.locator('[data-testid="reviewer-note"]');
      await note.waitFor();
      assert.equal(await page.locator('[data-testid="reviewer-name"]').innerText(), '山西省');
      assert.match(await note.innerText(), /注册地在山西省，由山西省科技成果转化管理部门审核/);
      await screenshot(page, 'notices-01-submitted-reviewer');

      // 2. the province administrator approves the first and returns the second with a reason
      const admin = await adminCtx.newPage();
      watchPage(admin);
      await loginViaUi(admin, ADMIN);
      await admin.goto('/admin/achievement-review');
      await admin.locator('h1', { hasText: '成果审核' }).waitFor();
      const okRow = admin.locator('[data-testid="review-table"] tr', { hasText: okTitle });
      await okRow.locator('[data-testid="review-approve"]').click();
      await admin.locator('.ant-popover:visible .ant-btn-primary').click();
      await okRow.waitFor({ state: 'detached' });
      const backRow = admin.locator('[data-testid="review-table"] tr', { hasText: backTitle });
      await backRow.locator('[data-testid="review-return"]').click();
      // Each row keeps its own return dialog: fill the one that is open.
      await admin.locator('.ant-modal:visible [data-testid="review-reason"]').fill(REASON);
      await admin.locator('.ant-modal:visible [data-testid="review-return-confirm"]').click();
      await backRow.waitFor({ state: 'detached' });

      // 3. desktop: the bell counts the return as to-do and the approval as news (the job runner delivers within seconds)
      let now = start;
      for (let i = 0; i < 20; i++) {
        await page.goto('/me/achievements');
        await page.locator('h1', { hasText: '我的成果' }).waitFor();
        now = await counts();
        if (now.todo > start.todo && now.news > start.news) break;
        await page.waitForTimeout(1000);
      }
      assert.deepEqual(now, { todo: start.todo + 1, news: start.news + 1 });
      await bell.locator('[data-testid="bell-todo"] .ant-badge-count').waitFor();
      await bell.click();
      const panel = page.locator('[data-testid="notification-panel"]');
      await panel.waitFor();
      const text = await panel.innerText();
      assert.match(text, new RegExp(`科技成果「${okTitle.replace(/[()（）]/g, '.')}」已通过审核并发布`));
      assert.match(text, /科技成果「.*」被退回，请修改后重新提交/);
      await page.waitForTimeout(400);
      await screenshot(page, 'notices-02-bell-desktop', { fullPage: false });
      await panel.getByText(okTitle, { exact: false }).first().click();
      await page.waitForURL(/\/achievements\/[0-9a-f-]{36}$/);
      await page.locator('[data-testid="record-title"]', { hasText: okTitle }).waitFor();
      assert.deepEqual(problems, []);

      // 4. phone: the owner sees the to-do, opens the notices and reads the reason, then the record
      const phone = await phoneCtx.newPage();
      const phoneProblems = watchPage(phone);
      await loginViaUi(phone, OWNER);
      await phone.locator('[data-testid="notification-bell"] [data-testid="bell-todo"] .ant-badge-count').waitFor();
      await phone.goto('/notifications');
      const item = phone.locator('[data-testid="notification-item"]', { hasText: backTitle });
      await item.waitFor();
      const itemText = await item.innerText();
      assert.match(itemText, /被退回，请修改后重新提交/);
      assert.match(itemText, new RegExp(REASON));
      assert.match(itemText, /山西省退回原因/);
      await screenshot(phone, 'notices-03-notifications-phone');
      await item.locator('a').first().click();
      await phone.waitForURL(new RegExp(`${backUrl.split('/').pop()}$`));
      await phone.locator('[data-testid="review-reason"]', { hasText: REASON }).waitFor();
      await screenshot(phone, 'notices-04-returned-record-phone');
      assert.deepEqual(phoneProblems, []);

      // 5. the administrator's audit log names the action, the object and the person
      await admin.goto('/admin/audit');
      const table = admin.locator('[data-testid="audit-table"]');
      await table.locator('[data-testid="audit-action-label"]', { hasText: '退回科技成果' }).first().waitFor();
      assert.match(await table.innerText(), new RegExp(backTitle.replace(/[()（）]/g, '.')));
      assert.match(await table.innerText(), /山西省科技厅管理员/);
      await screenshot(admin, 'notices-05-audit');
    } finally {
      await ownerCtx.close();
      await adminCtx.close();
      await phoneCtx.close();
    }
  });
});
