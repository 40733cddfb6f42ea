// Screenshots of the catalogue pages (achievements and demands) at desktop and phone widths.
// Usage: E2E_BASE_URL=http://127.0.0.1:3200 node e2e/shoot-catalogue.mjs
// Creates sample records through the API when missing. Files go to e2e/screenshots/catalogue-*.png.
import { DESKTOP, PHONE, launchBrowser, loginViaUi, newContext, screenshot, watchPage } from './helpers.mjs';
import { apiLogin, ensureCatalogue } from './catalogue-data.mjs';

const ids = await ensureCatalogue();
const [pub, abstract] = ids.achievements;
const [demand] = ids.demands;

// One record waiting for review, one returned, so the queue and "mine" pages have content.
const uni = await apiLogin('tto@tyut.demo');
const admin = await apiLogin('shanxi.admin@kzt.demo');
const mine = await uni('GET', '/achievements?scope=mine&pageSize=50');
if (!mine.items.some((i) => i.status === 'submitted')) {
  const a = await uni('POST', '/achievements', { title: '矿井瓦斯抽采智能监测预警平台', type: 'development', industry: 'B', maturity: 6, summary: '面向高瓦斯矿井的抽采参数在线监测与预警平台。', completers: [{ name: '周明', share: 100 }], price: 8_000_000 });
  await uni('POST', `/achievements/${a.id}/submit`);
}
if (!mine.items.some((i) => i.status === 'returned')) {
  const a = await uni('POST', '/achievements', { title: '黄土高原旱作农业节水灌溉技术', type: 'applied_research', industry: 'A', maturity: 4, summary: '基于土壤墒情的滴灌控制。' });
  await uni('POST', `/achievements/${a.id}/submit`);
  await admin('POST', `/achievements/${a.id}/review`, { decision: 'return', reason: '请补充完成人及份额，并说明知识产权情况。' });
}
const detail = await uni('GET', `/achievements/${pub}`);
if ((detail.conversions ?? []).length === 0) {
  await uni('POST', `/achievements/${pub}/conversions`, { kind: 'licensed', date: '2026-09-15', counterparty: '山西晋中建材集团有限公司', amount: 1_500_000_00, note: '普通许可，5 年' });
  await uni('PUT', `/achievements/${pub}/followups/2026`, { status: 'in_progress', revenue: 800_000_00, note: '两座矿井应用' });
}

const anonymous = [
  ['achievements', '/achievements'],
  ['achievements-search', `/achievements?q=${encodeURIComponent('煤矸石 充填')}`],
  ['achievements-relaxed', `/achievements?q=${encodeURIComponent('煤矸石 区块链')}`],
  ['achievements-empty', `/achievements?q=${encodeURIComponent('量子引力波')}`],
  ['achievement-detail', `/achievements/${pub}`],
  ['achievement-restricted', `/achievements/${abstract}`],
  ['demands', '/demands'],
  ['demand-detail', `/demands/${demand}`],
  ['home', '/'],
];
const asUser = {
  'tto@tyut.demo': [
    ['me-achievements', '/me/achievements'],
    ['me-achievements-returned', '/me/achievements?status=returned'],
    ['achievement-new', '/achievements/new'],
    ['achievement-owner', `/achievements/${pub}`],
    ['achievement-edit', `/achievements/${pub}/edit`],
    ['me', '/me'],
  ],
  'sme@jzsme.demo': [
    ['demand-new', '/demands/new'],
    ['me-demands', '/me/demands'],
    ['achievement-request-access', `/achievements/${abstract}`],
  ],
  'shanxi.admin@kzt.demo': [
    ['admin-achievement-review', '/admin/achievement-review'],
    ['admin-demand-review', '/admin/demand-review'],
  ],
};

const only = process.argv[2];
const browser = await launchBrowser();
const problems = [];
try {
  for (const [label, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
    const mobile = label === 'phone';
    const ctx = await newContext(browser, { viewport, mobile });
    const page = await ctx.newPage();
    problems.push(watchPage(page));
    for (const [name, url] of anonymous) {
      if (only && !name.includes(only)) continue;
      await page.goto(url);
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(300);
      await screenshot(page, `catalogue-${label}-${name}`);
    }
    if (mobile && (!only || 'filters-drawer'.includes(only))) {
      await page.goto('/achievements');
      await page.waitForLoadState('networkidle');
      await page.locator('[data-testid="filters-open"]').click();
      await page.waitForTimeout(500);
      await screenshot(page, `catalogue-${label}-filters-drawer`, { fullPage: false });
    }
    await ctx.close();
    for (const [login, pages] of Object.entries(asUser)) {
      const c = await newContext(browser, { viewport, mobile });
      const p = await c.newPage();
      problems.push(watchPage(p));
      await loginViaUi(p, login);
      for (const [name, url] of pages) {
        if (only && !name.includes(only)) continue;
        await p.goto(url);
        await p.waitForLoadState('networkidle');
        await p.waitForTimeout(300);
        await screenshot(p, `catalogue-${label}-${name}`);
      }
      await c.close();
    }
  }
} finally {
  await browser.close();
}
const flat = problems.flat();
if (flat.length) console.log(flat.join('\n'));
console.log('done');
