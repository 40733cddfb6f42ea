// Screenshots of the matching pages (智能匹配 on a demand and an achievement,
// 订阅与推送, 专家论证, 保密匹配咨询, 批量匹配) at desktop and phone widths.
// Usage: E2E_BASE_URL=http://127.0.0.1:3999 node e2e/shoot-matching.mjs [only] — files go to $SHOTS_DIR or e2e/screenshots/matching-*.png.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DESKTOP, PHONE, SCREENSHOT_DIR, launchBrowser, loginViaUi, newContext, watchPage } from './helpers.mjs';
import { apiLogin } from './catalogue-data.mjs';

const dir = process.env.SHOTS_DIR || SCREENSHOT_DIR;
mkdirSync(dir, { recursive: true });
const only = process.argv[2];

const sme = await apiLogin('sme@jzsme.demo');
const uni = await apiLogin('tto@tyut.demo');
const admin = await apiLogin('jinzhong.admin@kzt.demo');
const demands = await sme('GET', '/demands?scope=mine&status=published&pageSize=5');
const demand = demands.items[0].id;
const achievements = await uni('GET', '/achievements?scope=mine&status=published&pageSize=5');
const achievement = achievements.items.find((a) => a.confidentiality === 'public')?.id ?? achievements.items[0].id;
const subs = await sme('GET', '/subscriptions');
if (!subs.items.length) await sme('POST', '/subscriptions', { name: '液压与智能装备新成果', recordType: 'achievement', keywords: ['液压', '智能装备'], industries: ['C'], regions: ['140000'], active: true });
const lists = await admin('GET', '/demand-lists?pageSize=5');
let list = lists.items[0]?.id;
if (!list) {
  const l = await admin('POST', '/demand-lists', { title: '晋中市技术需求清单（示例）', jurisdictionCode: '140700' });
  await admin('POST', `/demand-lists/${l.id}/compile`, {});
  list = l.id;
}

const pages = [
  ['sme@jzsme.demo', 'demand', `/demands/${demand}`, '[data-testid="match-item"], [data-testid="match-section"] .ant-empty'],
  ['sme@jzsme.demo', 'subscriptions', '/subscriptions', '[data-testid="subscription-item"]'],
  ['tto@tyut.demo', 'achievement', `/achievements/${achievement}`, '[data-testid="match-item"], [data-testid="match-section"] .ant-empty'],
  ['jinzhong.admin@kzt.demo', 'demand-admin', `/demands/${demand}`, '[data-testid="match-item"], [data-testid="match-section"] .ant-empty'],
  ['jinzhong.admin@kzt.demo', 'batch', `/admin/demand-lists/${list}`, '[data-testid="match-batch"]'],
  ['jinzhong.admin@kzt.demo', 'inquiries', '/admin/match-inquiries', '[data-testid="admin-inquiries"]'],
  ['expert@kzt.demo', 'reviews', '/reviews', '[data-testid="reviews-page"]'],
  [null, 'unsubscribe', '/unsubscribe?token=abc', '[data-testid="unsubscribe-page"]'],
];

const browser = await launchBrowser();
const problems = [];
try {
  for (const [label, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
    const mobile = label === 'phone';
    const contexts = new Map();
    for (const [who, name, url, ready] of pages) {
      if (only && !name.includes(only)) continue;
      let page = contexts.get(who);
      if (!page) {
        const ctx = await newContext(browser, { viewport, mobile });
        page = await ctx.newPage();
        problems.push(watchPage(page));
        if (who) await loginViaUi(page, who);
        contexts.set(who, page);
      }
      await page.goto(url);
      await page.locator(ready).first().waitFor({ timeout: 20_000 }).catch(() => console.log(`${name}: ${ready} not found`));
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(400);
      const file = path.join(dir, `matching-${label}-${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
    }
    for (const page of contexts.values()) await page.context().close();
  }
} finally {
  await browser.close();
}
const all = problems.flat();
if (all.length) console.log('page problems:\n' + all.join('\n'));
