// Screenshots of the challenges pages at phone width (390 px) and desktop:
// the timeline of a challenge, the team's milestone board, the poser's
// acceptance, the expert scoring one bid at a time, the panel picker with
// avoidance reasons and the agreement (军令状).
// Usage: E2E_BASE_URL=http://127.0.0.1:3417 node e2e/shoot-challenges.mjs (a server with SEED=demo).
// Files go to e2e/screenshots/challenges-shot-*.png.
import { DESKTOP, launchBrowser, loginViaUi, newContext, screenshot } from './helpers.mjs';

const PHONE390 = { width: 390, height: 844 };
const browser = await launchBrowser();
const settle = async (page) => {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-card-loading'), null, { timeout: 15_000 });
  await page.waitForTimeout(400);
};
const idOf = async (page, title) => {
  const { items } = await (await page.request.get(`/api/challenges?pageSize=50&q=${encodeURIComponent(title)}`)).json();
  return items.find((c) => c.title === title).id;
};
const as = async (login, viewport) => {
  const ctx = await newContext(browser, { viewport, mobile: viewport === PHONE390, lang: 'zh' });
  const page = await ctx.newPage();
  if (login) await loginViaUi(page, login);
  return { ctx, page };
};
const wide = async (page, name) => {
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  if (w > 391) console.log(`WIDE ${name}: ${w}px`);
};
const only = process.argv[2];
try {
  if (!only || only === 'public') {
    const { ctx, page } = await as(null, PHONE390);
    const id = await idOf(page, '海洋褐藻多糖高效提取与纯化工艺');
    await page.goto(`/challenges/${id}`);
    await settle(page);
    await wide(page, 'public detail');
    await screenshot(page, 'challenges-shot-detail-phone', { fullPage: true });
    await ctx.close();
  }
  if (!only || only === 'team') {
    for (const vp of [PHONE390, DESKTOP]) {
      const sfx = vp === PHONE390 ? '-phone' : '';
      const { ctx, page } = await as('tto@whhy.demo', vp);
      const id = await idOf(page, '海洋褐藻多糖高效提取与纯化工艺');
      await page.goto(`/challenges/${id}/milestones`);
      await settle(page);
      await wide(page, 'milestones');
      await screenshot(page, `challenges-shot-milestones${sfx}`, { fullPage: true });
      const c = await (await page.request.get(`/api/challenges/${id}`)).json();
      await page.goto(`/challenges/${id}/agreement/${c.winners[0].bidId}`);
      await settle(page);
      await wide(page, 'agreement');
      await screenshot(page, `challenges-shot-agreement${sfx}`, { fullPage: true });
      await ctx.close();
    }
  }
  if (!only || only === 'poser') {
    const { ctx, page } = await as('weihai.sme@whbio.demo', PHONE390);
    const id = await idOf(page, '海洋褐藻多糖高效提取与纯化工艺');
    await page.goto(`/challenges/${id}`);
    await settle(page);
    await wide(page, 'poser');
    await screenshot(page, 'challenges-shot-poser-phone', { fullPage: true });
    await ctx.close();
  }
  if (!only || only === 'expert') {
    const { ctx, page } = await as('expert@kzt.demo', PHONE390);
    const id = await idOf(page, '液压油液在线污染度监测传感器');
    await page.goto(`/challenges/${id}/score`);
    await settle(page);
    await wide(page, 'scoring');
    await screenshot(page, 'challenges-shot-scoring-phone', { fullPage: true });
    await ctx.close();
  }
  if (!only || only === 'admin') {
    for (const vp of [PHONE390, DESKTOP]) {
      const sfx = vp === PHONE390 ? '-phone' : '';
      const { ctx, page } = await as('jinzhong.admin@kzt.demo', vp);
      const id = await idOf(page, '高压液压多路阀寿命提升技术攻关');
      await page.goto(`/challenges/${id}`);
      await settle(page);
      await page.getByRole('button', { name: '组建专家组' }).click();
      await page.locator('[data-testid="panel-candidate"]').first().waitFor();
      await page.waitForTimeout(400);
      await screenshot(page, `challenges-shot-panel${sfx}`, { fullPage: false });
      await ctx.close();
    }
  }
} finally {
  await browser.close();
}
