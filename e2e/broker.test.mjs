// Brokers work only once reviewed (issues 11 and 12): 晋中's administrator
// approves the pending broker 刘晨 on 管理后台; 晋中农林大学 entrusts an
// achievement to him; he opens 经纪人工作台 and logs a follow-up and the
// commission. At phone width the demo broker 赵敏 (approved by 陕西, seeded
// with an entrustment) logs a follow-up on hers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DESKTOP, PHONE, launchBrowser, loginViaUi, newContext, screenshot, uniqueSuffix, watchPage } from './helpers.mjs';
import { apiLogin } from './catalogue-data.mjs';

/** Opens the user menu and follows the broker workbench link. */
async function openWorkbench(page) {
  await page.locator('[data-testid="user-menu"]').click();
  await page.locator('[data-testid="menu-broker-workbench"]').click();
  await page.waitForURL(/\/workbench\/broker$/);
  await page.locator('[data-testid="broker-workbench"]').waitFor();
}

async function logFollowUp(page, content, next) {
  const deal = page.locator('[data-testid="broker-deal"]').first();
  await deal.waitFor();
  await deal.locator('[data-testid="add-follow-up"]').click();
  const dialog = page.locator('.ant-modal').filter({ hasText: '记录跟进' });
  await dialog.locator('[data-testid="follow-up-content"]').fill(content);
  await dialog.locator('[data-testid="follow-up-next"]').fill(next);
  await dialog.getByRole('button', { name: /确\s*定/ }).click();
  await page.getByText('跟进记录已保存').waitFor();
  await deal.locator('[data-testid="follow-up"]').filter({ hasText: content }).waitFor();
}

test('an administrator approves a broker, who then works from the broker workbench', async () => {
  const browser = await launchBrowser();
  try {
    // Before review: the pending broker sees why the workbench is closed.
    const bctx = await newContext(browser, { viewport: DESKTOP });
    const bpage = await bctx.newPage();
    const bproblems = watchPage(bpage);
    await loginViaUi(bpage, 'broker2@kzt.demo');
    await openWorkbench(bpage);
    await bpage.locator('[data-testid="profile-status"]').filter({ hasText: '等待' }).waitFor();
    await screenshot(bpage, 'broker-01-pending', { fullPage: false });

    // 晋中's administrator approves the profile from the queue.
    const actx = await newContext(browser, { viewport: DESKTOP });
    const apage = await actx.newPage();
    const aproblems = watchPage(apage);
    await loginViaUi(apage, 'jinzhong.admin@kzt.demo');
    await apage.goto('/admin/profile-review');
    const row = apage.locator('[data-testid="profile-review"] tr').filter({ hasText: '刘晨' });
    await row.waitFor();
    assert.match(await row.textContent(), /JSJJR-140700-2026-0009/);
    await screenshot(apage, 'broker-02-admin-queue', { fullPage: false });
    await row.getByRole('button', { name: /通\s*过/ }).click();
    await apage.getByText('已通过，申请人已收到通知').waitFor();
    await row.waitFor({ state: 'detached' });

    // 晋中农林大学 entrusts one of its achievements to the approved broker.
    const adminApi = await apiLogin('jinzhong.admin@kzt.demo');
    const approved = await adminApi('GET', '/profiles/reviews?status=approved&pageSize=100');
    const brokerId = approved.items.find((p) => p.user.name.startsWith('刘晨')).user.id;
    const owner = await apiLogin('tto@jzny.demo');
    const mine = await owner('GET', '/achievements?scope=mine&status=published&pageSize=50');
    const target = mine.items.find((a) => a.status === 'published' && a.confidentiality !== 'secret') ?? mine.items[0];
    await owner('POST', `/achievements/${target.id}/entrustments`, { agentUserId: brokerId, note: '委托刘晨经纪人对接省内企业' });

    // The broker is told, opens the workbench and logs a follow-up and a commission.
    await bpage.reload();
    await bpage.locator('[data-testid="profile-status"]').filter({ hasText: '已通过审核' }).waitFor();
    const deal = bpage.locator('[data-testid="broker-deal"]').first();
    await deal.waitFor();
    assert.match(await deal.textContent(), /委托方已确认/);
    const note = `与晋中农林大学科技处面谈，确认转让意向 ${uniqueSuffix()}`;
    await logFollowUp(bpage, note, '整理技术资料包并推送给三家意向企业');
    await deal.locator('[data-testid="record-commission"]').click();
    const cdialog = bpage.locator('.ant-modal').filter({ hasText: '记录佣金' });
    await cdialog.locator('[data-testid="commission-amount"]').fill('50000');
    await cdialog.getByRole('button', { name: /确\s*定/ }).click();
    await bpage.getByText('佣金约定已保存，委托方已收到通知').waitFor();
    await deal.locator('[data-testid="commission-terms"]').filter({ hasText: '50,000.00 元' }).waitFor();
    await screenshot(bpage, 'broker-03-workbench-desktop');
    assert.deepEqual(bproblems, []);
    assert.deepEqual(aproblems, []);
    await bctx.close();
    await actx.close();

    // At phone width, the seeded broker logs a follow-up on her entrustment from 秦岭大学.
    const pctx = await newContext(browser, { viewport: PHONE, mobile: true });
    const ppage = await pctx.newPage();
    const pproblems = watchPage(ppage);
    await loginViaUi(ppage, 'broker@kzt.demo');
    // 我的成交 lists her organisation's deals; the ones she brokers live in the broker workbench, and the page says where.
    await ppage.goto('/deals');
    const brokerNote = ppage.locator('[data-testid="deals-broker-note"]');
    assert.match(await brokerNote.innerText(), /受托促成的成交[\s\S]*工作台 › 经纪人工作台/);
    await screenshot(ppage, 'broker-05-deals-note');
    await brokerNote.locator('[data-testid="deals-broker-link"]').click();
    await ppage.waitForURL(/\/workbench\/broker$/);
    await ppage.locator('[data-testid="broker-workbench"]').waitFor();
    await ppage.locator('[data-testid="commission-terms"]').filter({ hasText: '3.00%' }).waitFor();
    await logFollowUp(ppage, `陪同西安秦创电子科技有限公司实地考察中试线 ${uniqueSuffix()}`, '起草技术转让合同初稿');
    const width = await ppage.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 375 + 1, `no horizontal scroll at phone width (scrollWidth ${width})`);
    await screenshot(ppage, 'broker-04-workbench-phone');
    assert.deepEqual(pproblems, []);
    await pctx.close();
  } finally {
    await browser.close();
  }
});
