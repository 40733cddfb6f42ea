// 揭榜挂帅 in Chromium with the demo data (a poser, two bidding teams, three experts): the public board at phone width,
// a team bidding through the milestone editor (shares must make 100%), the panel picked from the expert pool and
// a member replaced with the reason, three experts each scoring both bids one at a time (a score hidden from the others
// until all have scored), the administrator reading the trimmed mean and spread and awarding, the losing
// team reading why and objecting during the award's notice, a racing stage gate and a termination, a bounty paid on acceptance,
// a milestone reported by the team with a file and accepted by the poser after reading the file and what
// acceptance releases, and the agreement signed by the team.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PHONE, apiJson, apiToken, challengeIdByTitle, launchBrowser, newContext, screenshot, signedInPage, watchPage } from './helpers.mjs';

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

  test('a poser who types a past 揭榜截止 reads that it must lie after now, the date kept as typed', async () => {
    const poser = await as('sme@jzsme.demo');
    try {
      await poser.page.goto('/challenges/new');
      const deadline = poser.page.locator('[data-testid="form-deadline"] input, input[data-testid="form-deadline"]').first();
      await deadline.click();
      await deadline.fill('2026-12-01');
      await deadline.press('Enter');
      await poser.page.locator('h1').first().click();
      const error = poser.page.locator('.ant-form-item', { has: deadline }).locator('.ant-form-item-explain-error');
      await error.getByText('揭榜截止时间必须晚于当前时间').waitFor();
      assert.doesNotMatch(await error.innerText(), /必填/);
      assert.match(await deadline.inputValue(), /^2026-12-01/);
      await screenshot(poser.page, 'challenges-02b-deadline-past');
      // A date to come, typed without a time, is taken (its 00:00).
      await deadline.click();
      await deadline.fill('2099-12-01');
      await deadline.press('Enter');
      await poser.page.locator('h1').first().click();
      await poser.page.waitForTimeout(300);
      assert.equal(await error.count(), 0);
      assert.match(await deadline.inputValue(), /^2099-12-01/);
      assert.deepEqual(poser.problems, []);
    } finally {
      await poser.ctx.close();
    }
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

  test('the administrator picks the panel from the expert pool, each expert shown with any reason to avoid them, and replaces a member with the reason', async () => {
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
    const member = page.locator('[data-testid="panel-member"]').filter({ hasText: '陈志远' });
    await member.waitFor();
    // 陈志远 cannot serve after all: the administrator replaces him from the panel card, with the reason; the timeline says who, by whom and why.
    await member.locator('[data-testid="panel-member-replace"]').click();
    const modal = page.locator('.ant-modal').filter({ has: page.locator('[data-testid="replace-reason"]') });
    // Only experts off the panel with nothing to avoid are offered: 黄立群 is not.
    await modal.locator('[data-testid="replace-candidate"]').filter({ hasText: '罗文' }).waitFor();
    assert.equal(await modal.locator('[data-testid="replace-candidate"]').filter({ hasText: '黄立群' }).count(), 0);
    // 黄立群 is listed among those who must step aside, greyed, with the reason.
    await modal.locator('[data-testid="replace-avoided"]').filter({ hasText: '黄立群' }).getByText('须回避').waitFor();
    await modal.locator('[data-testid="replace-candidate"]').filter({ hasText: '罗文' }).click();
    assert.equal(await modal.locator('.ant-btn-primary').isDisabled(), true, 'no replacement without a reason');
    await modal.locator('[data-testid="replace-reason"]').fill('陈志远研究员出国交流，无法按期评审');
    await screenshot(page, 'challenges-04c-panel-replace-phone');
    await modal.locator('.ant-btn-primary').click();
    await page.locator('[data-testid="panel-member"]').filter({ hasText: '罗文' }).waitFor();
    assert.equal(await page.locator('[data-testid="panel-member"]').filter({ hasText: '陈志远' }).count(), 0);
    await page.locator('[data-testid="challenge-timeline"]').getByText('专家组成员更换：陈志远（评审专家） 由 罗文（评审专家） 接替（陈志远研究员出国交流，无法按期评审）').waitFor();
    await screenshot(page, 'challenges-04d-panel-replaced-phone');
    assert.deepEqual(problems, []);
    await ctx.close();
  });

  test('three experts score both bids, the administrator reads the trimmed mean and spread and awards, and the other team reads why it was not chosen', async () => {
    // Each expert's criteria alike, so each weighted score is that number: 太行 90/80/60 → trimmed mean 80; 辽河 70/75/85 → 75 (the plain means tie at 76.67).
    const marks = [
      ['expert@kzt.demo', { 太行理工大学: 90, 辽河科技大学: 70 }],
      ['expert3@kzt.demo', { 太行理工大学: 80, 辽河科技大学: 75 }],
      ['expert4@kzt.demo', { 太行理工大学: 60, 辽河科技大学: 85 }],
    ];
    let id;
    for (const [i, [login, byOrg]] of marks.entries()) {
      const expert = await as(login, { api: true });
      id ??= await challengeId(expert.page, '液压油液在线污染度监测传感器');
      if (i === 0) {
        // The first expert finds the bids waiting for their scores on the workbench's to-dos, then on the expert workbench, which opens the scoring page.
        await expert.page.goto('/workbench');
        const todo = expert.page.locator('[data-testid="wb-task-challengeScorings"]');
        await todo.waitFor();
        assert.match(await todo.innerText(), /^2\s+待评分的揭榜方案/);
        await expert.page.goto('/workbench/expert');
        const scorings = expert.page.locator('[data-testid="expert-scorings"]');
        await scorings.getByText('液压油液在线污染度监测传感器').waitFor();
        assert.match(await scorings.innerText(), /2 份方案待您评分/);
        await screenshot(expert.page, 'challenges-04-expert-workbench');
        await scorings.locator(`[data-testid="score-${id}"]`).click();
        await expert.page.waitForURL(`**/challenges/${id}/score`);
      } else await expert.page.goto(`/challenges/${id}/score`);
      for (const org of ['太行理工大学', '辽河科技大学']) {
        await expert.page.locator('[data-testid="scoring-tab"]').filter({ hasText: org }).click();
        if (i === 0 && org === '太行理工大学') {
          // Scores are final once sent: a score off the scale stays as typed with the reason on its field (never 120 → 100,
          // 70.5 → 71), a Chinese keyboard's ８５ is 85, and nothing is sent.
          const field = (key) => expert.page.locator(`#scores_${key}`);
          await field('technical').fill('120');
          await field('team').fill('70.5');
          await field('budget').fill('８５');
          await field('schedule').click();
          await expert.page.locator('[data-testid="score-submit"]').click();
          const errorOf = (key) => expert.page.locator('.ant-form-item', { has: field(key) }).locator('.ant-form-item-explain-error');
          await errorOf('technical').getByText('评分应为 0–100 的整数').waitFor();
          await errorOf('team').getByText('评分应为 0–100 的整数').waitFor();
          assert.equal(await field('technical').inputValue(), '120');
          assert.equal(await field('team').inputValue(), '70.5');
          assert.equal(await field('budget').inputValue(), '85');
          assert.equal(await errorOf('budget').count(), 0);
          // The running total counts only the scores on the scale (85 here) and says the other three are not counted.
          await expert.page.locator('[data-testid="score-weighted"]').getByText(/尚有 3 项未填或不在 0–100 整数内/).waitFor();
          assert.equal(await expert.page.locator('[data-testid="score-confirm"]').count(), 0);
          await screenshot(expert.page, 'challenges-05b-scoring-refused');
        }
        for (const key of ['technical', 'team', 'budget', 'schedule']) await expert.page.locator(`#scores_${key}`).fill(String(byOrg[org]));
        if (i === 0 && org === '太行理工大学') await screenshot(expert.page, 'challenges-05-scoring');
        await expert.page.locator('[data-testid="score-weighted"]').getByText(`加权得分 ${byOrg[org]}.00`, { exact: true }).waitFor({ timeout: 5000 });
        await expert.page.locator('[data-testid="score-submit"]').click();
        // Before sending, what will be sent: each criterion's score and the weighted total, final once confirmed.
        const confirm = expert.page.locator('[data-testid="score-confirm"]');
        await confirm.waitFor();
        await confirm.getByText('提交后不可修改').waitFor();
        for (const key of ['technical', 'team', 'budget', 'schedule']) assert.equal(await confirm.locator(`[data-testid="score-confirm-${key}"]`).innerText(), String(byOrg[org]));
        assert.equal(await confirm.locator('[data-testid="score-confirm-total"]').innerText(), `${byOrg[org]}.00`);
        if (i === 0 && org === '太行理工大学') await screenshot(expert.page, 'challenges-05c-scoring-confirm');
        await expert.page.locator('[data-testid="score-confirm-ok"]').click();
        const card = expert.page.locator('[data-testid="scoring-card"]');
        if (i < 2) {
          // Until every expert has scored, an expert sees only their own score and no result.
          await card.getByText('其他专家的评分在全部专家评完后可见').waitFor();
          assert.equal(await card.locator('[data-testid="scores-list"] .ant-list-item').count(), 1);
        } else {
          await card.getByText(org === '太行理工大学' ? '综合评分 80（专家 3/3，最低 60，最高 90）' : '综合评分 75（专家 3/3，最低 70，最高 85）').waitFor();
          assert.equal(await card.locator('[data-testid="scores-list"] .ant-list-item').count(), 3);
        }
      }
      if (i === 2) await screenshot(expert.page, 'challenges-05a-scoring-all-in');
      assert.deepEqual(expert.problems, []);
      await expert.ctx.close();
    }

    const admin = await as('jinzhong.admin@kzt.demo', { api: true });
    await admin.page.goto(`/challenges/${id}`);
    // The administrator reads each bid's trimmed mean with the spread before awarding.
    const bids = admin.page.locator('[data-testid="challenge-bids"] [data-testid="bid-item"]');
    await bids.filter({ hasText: '太行理工大学' }).getByText('综合评分 80（专家 3/3，最低 60，最高 90）').waitFor();
    await bids.filter({ hasText: '辽河科技大学' }).getByText('综合评分 75（专家 3/3，最低 70，最高 85）').waitFor();
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

    const loser = await as('tto@lhkj.demo', { api: true });
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

  test('赛马制: the administrator keeps the best team at the stage gate and the other ends with the reason; the poser then terminates the challenge', async () => {
    const TITLE = '大流量电液比例插装阀国产化研制';
    const admin = await as('jinzhong.admin@kzt.demo', { viewport: PHONE, mobile: true, api: true });
    const id = await challengeId(admin.page, TITLE);
    await admin.page.goto(`/challenges/${id}`);
    await admin.page.locator('[data-testid="challenge-stage-gate"]').click();
    const gate = admin.page.locator('.ant-modal').filter({ has: admin.page.locator('[data-testid="stage-gate-reason"]') });
    await gate.locator('.ant-checkbox-wrapper').filter({ hasText: '太行理工大学' }).click();
    assert.equal(await gate.locator('.ant-btn-primary').isDisabled(), true, 'no gate without a reason');
    await gate.locator('[data-testid="stage-gate-reason"]').fill('阶段样机台架试验流量与响应指标领先');
    await screenshot(admin.page, 'challenges-09-stage-gate-phone');
    await gate.locator('.ant-btn-primary').click();
    await admin.page.locator('[data-testid="challenge-timeline"]').getByText('赛马阶段评审：保留太行理工大学，终止辽河科技大学（阶段样机台架试验流量与响应指标领先）').waitFor();
    // One team left: no second gate.
    assert.equal(await admin.page.locator('[data-testid="challenge-stage-gate"]').count(), 0);
    assert.deepEqual(admin.problems, []);
    await admin.ctx.close();

    // The ended team's bid (as the team reads it through the API) carries the reason.
    const token = await apiToken('tto@lhkj.demo');
    const mine = (await apiJson('GET', `/api/challenges/${id}`, null, token)).json.bids.find((b) => b.mine);
    const { json: ended } = await apiJson('GET', `/api/challenges/${id}/bids/${mine.id}`, null, token);
    assert.deepEqual(ended.outcome, { status: 'ended', reason: '阶段评审未保留：阶段样机台架试验流量与响应指标领先' });

    // The poser ends the whole challenge with the reason; everyone reads it and the timeline records it.
    const poser = await as('sme@jzsme.demo', { api: true });
    await poser.page.goto(`/challenges/${id}`);
    await poser.page.locator('[data-testid="challenge-terminate"]').click();
    const ask = poser.page.locator('.ant-modal').filter({ has: poser.page.locator('[data-testid="prompt-text"]') });
    assert.equal(await ask.locator('.ant-btn-primary').isDisabled(), true, 'no termination without a reason');
    await ask.locator('[data-testid="prompt-text"]').fill('公司产品路线调整，项目不再实施');
    await ask.locator('.ant-btn-primary').click();
    await poser.page.getByText('榜单已终止：公司产品路线调整，项目不再实施', { exact: true }).waitFor();
    // The kept team's open milestones stop with the reason.
    await poser.page.locator('[data-testid="challenge-milestones"]').getByText('停止原因：榜单已终止：公司产品路线调整，项目不再实施').first().waitFor();
    await poser.page.locator('[data-testid="challenge-timeline"]').getByText('榜单终止：公司产品路线调整，项目不再实施').waitFor();
    assert.equal(await poser.page.locator('[data-testid="challenge-terminate"]').count(), 0);
    await screenshot(poser.page, 'challenges-10-terminated');
    assert.deepEqual(poser.problems, []);
    await poser.ctx.close();
  });

  test('悬赏: the poser accepts the winning solution and records the bounty paid, no more than the award', async () => {
    const poser = await as('ty.sme@tymk.demo', { api: true });
    const id = await challengeId(poser.page, '矿井粉尘浓度激光在线监测');
    await poser.page.goto(`/challenges/${id}`);
    const pay = poser.page.locator('[data-testid="bounty-payments"]');
    await pay.getByText('方案验收通过后支付').waitFor();
    assert.equal(await pay.locator('[data-testid="bounty-record"]').count(), 0, 'nothing to pay before acceptance');
    await poser.page.locator('[data-testid="milestone-accept"]').click();
    await poser.page.locator('[data-testid="accept-comment"]').fill('井下试验数据完整，同意验收。');
    await poser.page.locator('.ant-modal .ant-btn-primary').click();
    await pay.locator('[data-testid="bounty-record"]').click();
    const modal = poser.page.locator('.ant-modal').filter({ has: poser.page.locator('[data-testid="bounty-reference"]') });
    // More than the award is refused at the field.
    await modal.locator('[data-testid="bounty-amount"]').fill('300001');
    await modal.locator('[data-testid="bounty-reference"]').fill('TYMK-2026-0088');
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    await modal.locator('[data-testid="bounty-paid-on"]').click();
    await modal.locator('[data-testid="bounty-paid-on"]').fill(today);
    await modal.locator('[data-testid="bounty-paid-on"]').press('Enter');
    await modal.locator('[data-testid="bounty-next"]').click();
    await modal.locator('.ant-form-item-explain-error').first().waitFor();
    await modal.locator('[data-testid="bounty-amount"]').fill('300000');
    await modal.locator('[data-testid="bounty-next"]').click();
    await modal.locator('[data-testid="bounty-consequences"]').getByText('太行理工大学', { exact: true }).waitFor();
    await screenshot(poser.page, 'challenges-11-bounty-confirm');
    await modal.locator('[data-testid="bounty-confirm"]').click();
    await pay.locator('[data-testid="bounty-payment-record"]').getByText('凭证：TYMK-2026-0088').waitFor();
    await pay.getByText('已付清').waitFor();
    await screenshot(poser.page, 'challenges-12-bounty-paid');
    assert.deepEqual(poser.problems, []);
    await poser.ctx.close();
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
