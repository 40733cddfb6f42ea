// 揭榜挂帅 in Chromium with the demo data: the public board at phone width,
// a team bidding through the milestone editor (shares must make 100%), the
// expert scoring one bid at a time, the administrator awarding, the losing
// team reading why and objecting during the award's notice, the panel picked from the expert pool,
// a milestone reported by the team with a file and accepted by the poser after reading the file and what
// acceptance releases, and the agreement signed by the team.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PHONE, challengeIdByTitle, launchBrowser, newContext, screenshot, signedInPage, watchPage } from './helpers.mjs';

/** A small real PDF for the report's file. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const challengeId = challengeIdByTitle;
/** A signed-in page of a demo person (desktop unless said). */
const as = (login, opts = {}) => signedInPage(browser, login, opts);

describe('challenges', () => {
  test('the board lists challenges of the five regions with filters, at phone width, and opens one with its timeline', async () => {
    const ctx = await newContext(browser, { viewport: PHONE, mobile: true });
    const page = await ctx.newPage();
    const problems = watchPage(page);
    await page.goto('/challenges');
    await page.locator('[data-testid="challenge-card"]').first().waitFor();
    assert.ok((await page.locator('[data-testid="challenge-card"]').count()) >= 6);
    await screenshot(page, 'challenges-01-board-phone');
    await page.goto('/challenges?jurisdiction=371000');
    await page.getByText('海洋褐藻多糖高效提取与纯化工艺').click();
    await page.locator('[data-testid="challenge-timeline"]').getByText('通过验收').waitFor();
    await page.locator('[data-testid="challenge-winners"]').getByText('威海海洋大学').waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width + 1, `no sideways scrolling (${width})`);
    await screenshot(page, 'challenges-02-detail-phone');
    assert.deepEqual(problems, []);
    await ctx.close();
  });

  test('an English reader sees the default criteria and the kind in English, on the board and the detail page', async () => {
    const ctx = await newContext(browser, { lang: 'en' });
    const page = await ctx.newPage();
    const problems = watchPage(page);
    await page.goto('/challenges?jurisdiction=371000');
    const card = page.locator('[data-testid="challenge-card"]').filter({ hasText: '海洋褐藻多糖高效提取与纯化工艺' });
    await card.locator('.ant-tag').getByText('Breakthrough', { exact: true }).waitFor();
    await card.getByText('海洋褐藻多糖高效提取与纯化工艺').click();
    await page.getByText('Soundness and novelty of the technical plan · 40%').waitFor();
    await page.getByText('Schedule and milestones · 15%').waitFor();
    assert.equal(await page.getByText('技术方案先进性与可行性').count(), 0);
    assert.deepEqual(problems, []);
    await ctx.close();
  });

  test('a team bids with milestones whose shares must make 100%', async () => {
    const { ctx, page, problems } = await as('tto@jzny.demo');
    const id = await challengeId(page, '高压液压多路阀寿命提升技术攻关');
    await page.goto(`/challenges/${id}`);
    await page.locator('[data-testid="challenge-bid"]').click();
    await page.locator('#budget').fill('150');
    await page.locator('#team').fill('园艺与农业工程学院联合团队');
    await page.locator('#plan').fill('基于生物基润滑介质的低磨损方案。');
    for (const [i, title, due, share] of [[0, '方案验证', '2027-06-01', '50'], [1, '样机与验收', '2028-06-01', '40']]) {
      // The share first: with the shares at 100% an Enter in the date field would send the form.
      await page.locator(`#milestones_${i}_shareBp`).fill(share);
      await page.locator(`#milestones_${i}_shareBp`).press('Tab');
      await page.locator(`#milestones_${i}_title`).fill(title);
      await page.locator(`#milestones_${i}_dueOn`).click();
      await page.locator(`#milestones_${i}_dueOn`).fill(due);
      await page.locator(`#milestones_${i}_dueOn`).press('Enter');
    }
    await page.locator('[data-testid="shares-total"]').getByText('各里程碑拨付比例之和须为 100%').waitFor();
    assert.equal(await page.locator('[data-testid="bid-submit"]').isDisabled(), true);
    await screenshot(page, 'challenges-03-bid-shares-90');
    await page.locator('#milestones_1_shareBp').fill('50');
    await page.locator('#milestones_1_shareBp').press('Tab');
    await page.locator('[data-testid="shares-total"]').getByText('拨付比例合计 100%').waitFor();
    await page.locator('[data-testid="bid-submit"]').click();
    await page.waitForURL(`**/challenges/${id}`);
    await page.locator('[data-testid="challenge-bids"]').getByText('晋中农林大学').waitFor();
    await screenshot(page, 'challenges-04-bid-sent');
    assert.deepEqual(problems, []);
    await ctx.close();
  });

  test('the administrator picks the panel from the expert pool, each expert shown with any reason to avoid them', async () => {
    const { ctx, page, problems } = await as('jinzhong.admin@kzt.demo', { viewport: PHONE, mobile: true });
    const id = await challengeId(page, '高压液压多路阀寿命提升技术攻关');
    await page.goto(`/challenges/${id}`);
    await page.getByRole('button', { name: '组建专家组' }).click();
    const candidate = page.locator('[data-testid="panel-candidate"]').filter({ hasText: '陈志远' });
    await candidate.waitFor();
    const { items } = await (await page.request.get(`/api/challenges/${id}/panel/candidates`)).json();
    assert.ok(items.length >= 1);
    assert.equal(await page.locator('[data-testid="panel-avoid"]').count(), items.filter((x) => x.avoid.length > 0).length);
    // 黄立群 completed an achievement with 太行理工大学's 李慧 (a bidder): he cannot be ticked, and the reason says why.
    const avoided = page.locator('[data-testid="panel-candidate"]').filter({ hasText: '黄立群' });
    await avoided.locator('[data-testid="panel-reason"]').getByText('共同完成成果「高压柱塞泵配流副表面复合强化技术」').waitFor();
    assert.match(await avoided.locator('[data-testid="panel-reason"]').first().innerText(), /太行理工大学/);
    assert.equal(await avoided.locator('input[type="checkbox"]').isDisabled(), true);
    await candidate.getByText('陈志远').click();
    await screenshot(page, 'challenges-04b-panel-picker-phone');
    await page.locator('.ant-modal .ant-btn-primary').click();
    await page.locator('.ant-card').filter({ hasText: '专家组' }).getByText('陈志远').first().waitFor();
    assert.deepEqual(problems, []);
    await ctx.close();
  });

  test('the expert scores each bid, the administrator awards, and the other team reads why it was not chosen', async () => {
    const expert = await as('expert@kzt.demo');
    const id = await challengeId(expert.page, '液压油液在线污染度监测传感器');
    await expert.page.goto(`/challenges/${id}/score`);
    for (const [n, values] of [[0, ['90', '85', '80', '80']], [1, ['70', '70', '75', '70']]]) {
      await expert.page.locator('[data-testid="scoring-tab"]').nth(n).click();
      for (const [k, key] of ['technical', 'team', 'budget', 'schedule'].entries()) await expert.page.locator(`#scores_${key}`).fill(values[k]);
      if (n === 0) await screenshot(expert.page, 'challenges-05-scoring');
      await expert.page.locator('[data-testid="score-submit"]').click();
      await expert.page.locator('[data-testid="scoring-card"]').getByText('综合评分').waitFor();
    }
    assert.deepEqual(expert.problems, []);
    await expert.ctx.close();

    const admin = await as('jinzhong.admin@kzt.demo');
    await admin.page.goto(`/challenges/${id}`);
    await admin.page.locator('[data-testid="challenge-award"]').click();
    await admin.page.locator('.ant-modal').getByText('太行理工大学').click();
    // Before the irrevocable step the modal says what it will do: the notice, the agreement and contract, the others told.
    const consequences = admin.page.locator('[data-testid="award-consequences"]');
    await consequences.getByText('公示拟中标结果 5 天：太行理工大学').waitFor();
    await consequences.getByText('其余 1 个揭榜方收到未中标结果').waitFor();
    await screenshot(admin.page, 'challenges-05b-award-confirm');
    await admin.page.locator('.ant-modal .ant-btn-primary').click();
    await admin.page.locator('[data-testid="challenge-winners"]').getByText('太行理工大学').waitFor();
    await admin.page.locator('[data-testid="challenge-notice"]').getByText('拟中标结果公示中').waitFor();
    await screenshot(admin.page, 'challenges-06-awarded');
    assert.deepEqual(admin.problems, []);
    await admin.ctx.close();

    const loser = await as('tto@lhkj.demo');
    await loser.page.goto(`/challenges/${id}`);
    await loser.page.locator('[data-testid="challenge-bids"]').getByText('未中标：本方案综合评分').waitFor();
    // During the notice the losing team objects; the public list names no one.
    await loser.page.locator('[data-testid="challenge-object"]').click();
    await loser.page.locator('[data-testid="objection-reason"]').fill('中标方案的样机指标与公开资料不符，请复核。');
    await loser.page.locator('.ant-modal .ant-btn-primary').click();
    await loser.page.locator('[data-testid="objection-item"]').getByText('待处理').waitFor();
    await screenshot(loser.page, 'challenges-06b-objection');
    const { items } = await (await loser.page.request.get(`/api/challenges/${id}/objections`)).json();
    assert.equal(items.length, 1);
    assert.deepEqual(loser.problems, []);
    await loser.ctx.close();
  });

  test('the winning team reports a milestone and the poser accepts it', async () => {
    const team = await as('tto@whhy.demo');
    const id = await challengeId(team.page, '海洋褐藻多糖高效提取与纯化工艺');
    await team.page.goto(`/challenges/${id}/milestones`);
    await team.page.locator('[data-testid="milestone-report"]').first().click();
    await team.page.locator('[data-testid="report-note"]').fill('中试线连续运行 72 小时，收率 15.8%。');
    // The report's files go up through the attachments' upload button; a wrong one is removed before sending.
    const input = team.page.locator('.ant-modal input[type="file"]');
    await input.setInputFiles({ name: '传错的文件.pdf', mimeType: 'application/pdf', buffer: PDF });
    await team.page.locator('.ant-modal [data-testid="attachment-item"]').getByText('传错的文件.pdf').waitFor();
    await team.page.locator('.ant-modal [data-testid="attachment-delete"]').click();
    await team.page.locator('.ant-popconfirm .ant-btn-dangerous').click();
    await team.page.locator('.ant-modal [data-testid="attachment-item"]').waitFor({ state: 'detached' });
    await input.setInputFiles({ name: '中试报告.pdf', mimeType: 'application/pdf', buffer: PDF });
    await team.page.locator('.ant-modal [data-testid="attachment-item"]').getByText('中试报告.pdf').waitFor();
    await screenshot(team.page, 'challenges-07a-report-with-file');
    await team.page.locator('.ant-modal .ant-btn-primary').click();
    await team.page.locator('[data-testid="challenge-milestones"]').getByText('待验收').waitFor();
    await team.page.locator('[data-testid="milestone-files"]').getByText('中试报告.pdf').waitFor();
    await screenshot(team.page, 'challenges-07-milestone-reported');
    // The agreement: the winning plan with its parties, amounts and due dates; the team signs it.
    await team.page.locator('[data-testid="agreement-link"]').click();
    await team.page.locator('[data-testid="agreement-title"]').getByText('双向揭榜合作协议').waitFor();
    await team.page.locator('[data-testid="agreement-milestones"]').getByText('中试放大').waitFor();
    await team.page.locator('[data-testid="agreement-sign"]').click();
    await team.page.locator('[data-testid="agreement-confirm"]').click();
    await team.page.locator('.ant-modal .ant-btn-primary').click();
    await team.page.locator('[data-testid="agreement-signed"]').getByText('在线签署').waitFor();
    assert.equal(await team.page.locator('[data-testid="agreement-sign"]').count(), 0);
    await screenshot(team.page, 'challenges-07b-agreement-signed');
    assert.deepEqual(team.problems, []);
    await team.ctx.close();

    const poser = await as('weihai.sme@whbio.demo', { viewport: PHONE, mobile: true });
    await poser.page.goto(`/challenges/${id}`);
    // The poser reads the report's file on the acceptance page and downloads it.
    const link = poser.page.locator('[data-testid="milestone-files"] [data-testid="attachment-link"]').filter({ hasText: '中试报告.pdf' });
    await link.waitFor();
    const file = await poser.page.request.get(await link.getAttribute('href'));
    assert.equal(file.status(), 200);
    assert.equal((await file.body()).toString('latin1').slice(0, 5), '%PDF-');
    await poser.page.locator('[data-testid="milestone-accept"]').click();
    // Acceptance releases money: the modal says how much, to whom, and that it cannot be undone, before the button.
    const what = poser.page.locator('[data-testid="accept-consequences"]');
    await what.getByText('验收通过后不能撤销').waitFor();
    await what.getByText('威海海洋大学可获拨付本节点经费').waitFor();
    await poser.page.locator('.ant-modal .ant-btn-primary').getByText('确认验收并拨付').waitFor();
    await screenshot(poser.page, 'challenges-07c-accept-confirm-phone');
    await poser.page.locator('[data-testid="accept-comment"]').fill('中试数据完整，同意验收。');
    await poser.page.locator('.ant-modal .ant-btn-primary').click();
    await poser.page.locator('[data-testid="challenge-timeline"]').getByText('第 2 个里程碑「中试放大」通过验收').waitFor();
    await screenshot(poser.page, 'challenges-08-milestone-accepted-phone');
    assert.deepEqual(poser.problems, []);
    await poser.ctx.close();
  });
});
