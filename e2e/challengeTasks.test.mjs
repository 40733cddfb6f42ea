// 研发众包 in Chromium with the demo data: 西安's crowdsourcing challenge shows its tasks against the bounty;
// the poser accepts 太行理工大学's submission after reading what acceptance records and adds a task;
// 辽河科技大学 submits to another task at phone width; the public sees the accepted work.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PHONE, challengeIdByTitle, launchBrowser, newContext, screenshot, signedInPage } from './helpers.mjs';

const TITLE = '电子元件外观缺陷视觉检测算法众包';
let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const challengeId = (page) => challengeIdByTitle(page, TITLE);
const as = (login, opts = {}) => signedInPage(browser, login, opts);

describe('研发众包 tasks', () => {
  test('the poser accepts a submission, recording the reward paid, and adds a task within the bounty', async () => {
    const { ctx, page, problems } = await as('xa.sme@qcdz.demo');
    await page.goto(`/challenges/${await challengeId(page)}`);
    const card = page.locator('[data-testid="crowd-tasks"]');
    await card.waitFor();
    await card.locator('[data-testid="task-budget"]').getByText('已支付').waitFor();
    assert.equal(await card.locator('[data-testid="task-item"]').count(), 3);
    await card.locator('[data-testid="task-submissions-toggle"]').first().click();
    const sub = card.locator('[data-testid="task-submission"]').first();
    await sub.getByText('太行理工大学').waitFor();
    await sub.locator('[data-testid="submission-accept"]').click();
    const modal = page.locator('.ant-modal').filter({ has: page.locator('[data-testid="submission-reference"]') });
    await modal.locator('[data-testid="submission-accept-what"]').getByText('6 万元').waitFor();
    await modal.locator('[data-testid="submission-reference"]').fill('ZF-2026-1206');
    await screenshot(page, 'challenge-tasks-01-accept-desktop');
    await modal.getByRole('button', { name: '验收并记录支付' }).click();
    await sub.getByText('已验收').waitFor();
    await sub.getByText('凭证 ZF-2026-1206').waitFor();

    // A fourth task: more than what is left is refused at the field; within it, added.
    await card.locator('[data-testid="task-add"]').click();
    const add = page.locator('.ant-modal').filter({ has: page.locator('[data-testid="task-title"]') });
    await add.locator('[data-testid="task-title"]').fill('检测结果可视化界面');
    await add.locator('[data-testid="task-reward"]').fill('60000');
    await add.getByRole('button', { name: /确\s*定|OK/ }).click();
    await add.locator('.ant-form-item-explain-error').filter({ hasText: '超过榜单金额' }).waitFor();
    await add.locator('[data-testid="task-reward"]').fill('30000');
    await add.getByRole('button', { name: /确\s*定|OK/ }).click();
    await card.locator('[data-testid="task-item"]').nth(3).getByText('检测结果可视化界面').waitFor();
    await screenshot(page, 'challenge-tasks-02-poser-desktop');
    assert.deepEqual(problems.filter((p) => !p.includes('422')), []);
    await ctx.close();
  });

  test('another university submits to an open task at phone width, and the public sees accepted work only', async () => {
    const { ctx, page, problems } = await as('tto@lhkj.demo', { viewport: PHONE, mobile: true });
    const id = await challengeId(page);
    await page.goto(`/challenges/${id}`);
    const card = page.locator('[data-testid="crowd-tasks"]');
    const second = card.locator('[data-testid="task-item"]').nth(1);
    await second.locator('[data-testid="task-submit"]').click();
    const modal = page.locator('.ant-modal').filter({ has: page.locator('[data-testid="task-text"]') });
    await modal.locator('[data-testid="task-text"]').fill('基于 YOLO 轻量模型的缺件、错件与极性识别，附 500 张测试图的评测结果。');
    await modal.getByRole('button', { name: /确\s*定|OK/ }).click();
    // The modal closes on success; if it stays, say what it shows (a field's error, a refusal) and what the page logged.
    await modal.waitFor({ state: 'hidden', timeout: 30_000 }).catch(async () => {
      throw new Error(`the submission did not go through: ${await modal.innerText().catch(() => '')} | ${problems.join(' | ')}`);
    });
    await second.locator('[data-testid="task-submission"]').getByText('待验收').waitFor({ timeout: 30_000 });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width + 1, `no sideways scrolling (${width})`);
    await second.scrollIntoViewIfNeeded();
    await screenshot(page, 'challenge-tasks-03-submit-phone');
    assert.deepEqual(problems, []);
    await ctx.close();

    const anon = await (await newContext(browser, { viewport: PHONE, mobile: true })).newPage();
    await anon.goto(`/challenges/${id}`);
    const pub = anon.locator('[data-testid="crowd-tasks"]');
    await pub.locator('[data-testid="task-submissions-toggle"]').nth(1).click();
    await pub.locator('[data-testid="task-item"]').nth(1).getByText('暂无可查看的成果').waitFor();
    await pub.locator('[data-testid="task-submissions-toggle"]').first().click();
    await pub.locator('[data-testid="task-item"]').first().locator('[data-testid="task-submission"]').getByText('太行理工大学').waitFor();
    await screenshot(anon, 'challenge-tasks-04-public-phone');
  });
});
