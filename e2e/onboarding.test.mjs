// A new person registers, applies for an organisation, and an admin of its
// jurisdiction approves (or rejects) it; all through the UI.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  launchBrowser,
  loginViaUi,
  makeCreditCode,
  newContext,
  pickOption,
  readCodeFromOutbox,
  registerViaUi,
  screenshot,
  uniqueSuffix,
  watchPage,
} from './helpers.mjs';

const ADMIN = 'jinzhong.admin@kzt.demo';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** Registers a fresh account through /register (form, consent, code from the outbox); lands on /org/apply. */
async function registerNewUser(page, tag) {
  const suffix = uniqueSuffix();
  const email = `e2e-${tag}-${suffix}@example.com`;
  await registerViaUi(page, { name: `测试用户${suffix.slice(-4)}`, email, shot: tag === 'approve' ? 'register' : undefined });
  await page.waitForURL('**/org/apply');
  // Router navigations render in a transition: wait for the new page, not just the URL.
  await page.locator('h1', { hasText: '申请单位认证' }).waitFor();
  await page.locator('[data-testid="user-menu"]').waitFor();
  return email;
}

/** Fills the application form for an enterprise in 晋中市 and submits it; lands on /org/:id. */
/** A 1×1 PNG standing in for a scanned business licence. */
const LICENCE_PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4e00000000049454e44ae426082', 'hex');

async function applyForOrganization(page, orgName, shotName) {
  await page.locator('#name').fill(orgName);
  await page.locator('#type').click();
  await page.locator('.ant-select-dropdown:visible').getByText('企业', { exact: true }).click();
  // A code beginning 12 (a 事业单位's) ticks 事业单位; an enterprise's code clears it again, until the applicant sets it.
  const checked = (want) => page.waitForFunction((w) => document.querySelector('input[data-testid="org-public-institution"]')?.checked === w, want);
  await page.locator('#creditCode').fill(makeCreditCode('140700', '12'));
  await checked(true);
  await page.locator('#creditCode').fill(makeCreditCode('140700'));
  await checked(false);
  await page.locator('#jurisdictionCode').click();
  await page.locator('.ant-select-tree:visible .ant-select-tree-title', { hasText: /^晋中市$/ }).click();
  await page.locator('#address').fill('山西省晋中市榆次区测试路 1 号');
  await page.locator('#contactName').fill('联系人');
  await page.locator('#contactPhone').fill('13800000000');
  // The verification request carries the business licence (issue 12).
  await page.locator('input[type="file"]').setInputFiles({ name: '营业执照.png', mimeType: 'image/png', buffer: LICENCE_PNG });
  if (shotName) await screenshot(page, shotName);
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL(/\/org\/[0-9a-f-]{36}$/);
  await page.locator('[data-testid="org-name"]', { hasText: orgName }).waitFor();
}

async function adminOpensQueue(context) {
  const page = await context.newPage();
  watchPage(page);
  await loginViaUi(page, ADMIN);
  await page.goto('/admin/verification');
  await page.locator('[data-testid="verification-table"]').waitFor();
  return page;
}

describe('onboarding', () => {
  test('an organisation not verified yet fills a demand: told at the top, saves a draft, and 提交审核 waits (disabled, with the reason) instead of failing', async () => {
    const ctx = await newContext(browser);
    try {
      const page = await ctx.newPage();
      const problems = watchPage(page);
      await loginViaUi(page, 'pending@newco.demo');
      await page.goto('/demands/new');
      const alert = page.locator('[data-testid="org-unverified-alert"]');
      assert.match(await alert.innerText(), /尚未通过单位认证[\s\S]*认证通过后，才能提交审核/);
      assert.equal(await alert.getByRole('link', { name: '我的单位' }).getAttribute('href'), '/org');
      assert.equal(await page.locator('[data-testid="save-submit"]').isDisabled(), true);
      const title = `新型复合材料界面改性技术${uniqueSuffix()}`;
      await page.locator('#title').fill(title);
      await page.locator('#industry').click();
      await pickOption(page, 'C · 制造业');
      await screenshot(page, 'onboarding-pending-demand-form', { fullPage: false });
      await page.locator('[data-testid="save-draft"]').click();
      await page.waitForURL(/\/demands\/[0-9a-f-]{36}$/);
      // The draft says the same, and its 提交审核 is disabled rather than a button that answers 409.
      await page.locator('[data-testid="record-title"]', { hasText: title }).waitFor();
      await page.locator('[data-testid="org-unverified-alert"]').waitFor();
      assert.equal(await page.locator('[data-testid="record-submit"]').isDisabled(), true);
      await screenshot(page, 'onboarding-pending-demand-draft', { fullPage: false });
      assert.deepEqual(problems, []);
    } finally {
      await ctx.close();
    }
  });

  test('register → apply → admin approves → applicant sees 已认证', async () => {
    const applicantCtx = await newContext(browser);
    const adminCtx = await newContext(browser);
    try {
      const page = await applicantCtx.newPage();
      const problems = watchPage(page);
      await registerNewUser(page, 'approve');
      const orgName = `晋中测试科技有限公司${uniqueSuffix()}`;
      await applyForOrganization(page, orgName, 'onboarding-01-apply-form');
      assert.equal(await page.locator('[data-testid="org-name"]').innerText().then((s) => s.includes(orgName)), true);
      assert.match(await page.locator('[data-testid="org-status"]').first().innerText(), /待审核/);
      await screenshot(page, 'onboarding-02-pending');

      const admin = await adminOpensQueue(adminCtx);
      const row = admin.locator('.ant-table-row', { hasText: orgName });
      await row.waitFor();
      // The reviewing administrator opens the licence from the queue.
      const href = await row.locator('[data-testid="licence-link"]').getAttribute('href');
      const licence = await admin.request.get(href);
      assert.equal(licence.status(), 200);
      assert.equal(licence.headers()['content-type'], 'image/png');
      await screenshot(admin, 'onboarding-03-queue');
      await row.locator('[data-testid="approve"]').click();
      await admin.locator('.ant-popconfirm:visible .ant-btn-primary').click();
      await row.waitFor({ state: 'detached' });
      await screenshot(admin, 'onboarding-04-approved');

      await page.reload();
      await page.locator('[data-testid="org-status"]').first().waitFor();
      assert.match(await page.locator('[data-testid="org-status"]').first().innerText(), /已认证/);
      await screenshot(page, 'onboarding-05-verified');
      assert.deepEqual(problems.filter((p) => p.startsWith('pageerror')), []);
    } finally {
      await applicantCtx.close();
      await adminCtx.close();
    }
  });

  test('admin rejects with a reason → applicant sees 未通过 and the reason', async () => {
    const applicantCtx = await newContext(browser);
    const adminCtx = await newContext(browser);
    try {
      const page = await applicantCtx.newPage();
      await registerNewUser(page, 'reject');
      const orgName = `晋中驳回测试有限公司${uniqueSuffix()}`;
      await applyForOrganization(page, orgName);

      const admin = await adminOpensQueue(adminCtx);
      const row = admin.locator('.ant-table-row', { hasText: orgName });
      await row.waitFor();
      await row.locator('[data-testid="reject"]').click();
      const modal = admin.locator('.ant-modal:visible');
      await modal.waitFor();
      // The reason is required: confirming without one shows the error and keeps the modal open.
      await modal.locator('textarea').waitFor();
      await admin.waitForTimeout(300); // the modal's opening animation
      await modal.locator('[data-testid="reject-confirm"]').click();
      await modal.getByText('驳回时必须填写原因').waitFor();
      const reason = '营业执照信息与统一社会信用代码不一致，请核对后重新提交。';
      await modal.locator('textarea').fill(reason);
      await screenshot(admin, 'onboarding-06-reject-modal', { fullPage: false });
      await modal.locator('[data-testid="reject-confirm"]').click();
      await row.waitFor({ state: 'detached' });

      await page.reload();
      await page.locator('[data-testid="org-status"]').first().waitFor();
      assert.match(await page.locator('[data-testid="org-status"]').first().innerText(), /未通过/);
      assert.match(await page.locator('[data-testid="review-reason"]').innerText(), new RegExp(reason.slice(0, 10)));
      await screenshot(page, 'onboarding-07-rejected');
    } finally {
      await applicantCtx.close();
      await adminCtx.close();
    }
  });

  test('step 2 of /register in the demo: no table or API path, a button shows the demo code; where the dev outbox route is absent (production) nothing of it shows', async () => {
    const ctx = await newContext(browser);
    try {
      const page = await ctx.newPage();
      const problems = watchPage(page);
      const fill = async (email) => {
        await page.goto('/register');
        await page.locator('#name').fill('演示验证码用户');
        await page.locator('#email').fill(email);
        await page.locator('#password').fill('Test@2026pass');
        await page.locator('#confirm').fill('Test@2026pass');
        await page.locator('#acceptTerms').check();
        await page.locator('#acceptPrivacy').check();
        await page.locator('form button[type="submit"]').click();
        await page.locator('[data-testid="code-sent"]').waitFor();
      };
      await fill(`e2e-democode-${uniqueSuffix()}@example.com`);
      const hint = page.locator('[data-testid="demo-code-hint"]');
      await hint.getByText('这是演示环境，不会发送真实的短信或邮件。').waitFor();
      assert.doesNotMatch(await page.locator('main').innerText(), /outbox|\/api\//);
      await page.locator('[data-testid="demo-code-show"]').click();
      const shown = await page.locator('[data-testid="demo-code"]').innerText();
      const code = shown.match(/\d{6}/)?.[0];
      assert.ok(code, shown);
      await page.locator('#code').fill(code);
      await screenshot(page, 'onboarding-01c-demo-code');
      await page.locator('form button[type="submit"]').click();
      await page.waitForURL((url) => !url.pathname.startsWith('/register'));
      await page.locator('[data-testid="user-menu"]').waitFor();
      assert.deepEqual(problems, []);

      // Production has no /api/dev/outbox: the step says nothing of a demo.
      await ctx.clearCookies();
      await page.route('**/api/dev/outbox**', (route) => route.fulfill({ status: 404, contentType: 'application/problem+json', body: JSON.stringify({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'Not Found' }) }));
      await fill(`e2e-prodcode-${uniqueSuffix()}@example.com`);
      await page.waitForTimeout(500);
      assert.equal(await page.locator('[data-testid="demo-code-hint"]').count(), 0);
      assert.doesNotMatch(await page.locator('main').innerText(), /演示|outbox/);
    } finally {
      await ctx.close();
    }
  });

  test('a person types the phone number and the code with a Chinese keyboard’s full-width digits, registers and signs in with them', async () => {
    const ctx = await newContext(browser);
    try {
      const page = await ctx.newPage();
      const problems = watchPage(page);
      const phone = `139${String(Date.now()).slice(-8)}`;
      const wide = (s) => s.replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
      await page.goto('/register');
      await page.locator('#name').fill('全角手机用户');
      await page.locator('#phone').fill(wide(phone));
      await page.locator('#password').fill('Test@2026pass');
      await page.locator('#confirm').fill('Test@2026pass');
      await page.locator('#acceptTerms').check();
      await page.locator('#acceptPrivacy').check();
      await page.locator('#phone').blur();
      assert.equal(await page.getByText('手机号格式不正确').count(), 0);
      await page.locator('form button[type="submit"]').click();
      await page.locator('[data-testid="code-sent"]').getByText(`${phone.slice(0, 3)}****${phone.slice(-4)}`).waitFor();
      const code = await readCodeFromOutbox(page, phone);
      await page.locator('#code').fill(wide(code));
      await page.locator('#code').blur();
      assert.equal(await page.getByText('验证码为 6 位数字').count(), 0);
      await screenshot(page, 'onboarding-01b-fullwidth-code');
      await page.locator('form button[type="submit"]').click();
      await page.waitForURL((url) => !url.pathname.startsWith('/register'));
      await page.locator('[data-testid="user-menu"]').waitFor();
      const me = await (await page.request.get('/api/me')).json();
      assert.equal(me.user.phone, phone);
      // Signing in again with the full-width number: the same account.
      await ctx.clearCookies();
      await loginViaUi(page, wide(phone), 'Test@2026pass');
      assert.deepEqual(problems, []);
    } finally {
      await ctx.close();
    }
  });

  test('client-side credit code validation shows the Chinese message', async () => {
    const ctx = await newContext(browser);
    try {
      const page = await ctx.newPage();
      await registerNewUser(page, 'credit');
      const good = makeCreditCode('140700');
      const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
      await page.locator('#creditCode').fill(bad);
      await page.locator('#creditCode').blur();
      await page.getByText('统一社会信用代码校验位不正确，请核对').waitFor();
      await page.locator('#creditCode').fill('12345');
      await page.locator('#creditCode').blur();
      await page.getByText('统一社会信用代码应为 18 位').waitFor();
    } finally {
      await ctx.close();
    }
  });

  test('audit log: the chain check shows 完整', async () => {
    const ctx = await newContext(browser);
    try {
      const page = await ctx.newPage();
      await loginViaUi(page, ADMIN);
      await page.goto('/admin/audit');
      await page.locator('[data-testid="audit-table"] .ant-table-row').first().waitFor();
      await page.locator('[data-testid="verify-chain"]').click();
      const result = page.locator('[data-testid="chain-result"]');
      await result.waitFor();
      const text = await result.innerText();
      assert.match(text, /完整/);
      assert.doesNotMatch(text, /篡改/);
      await page.locator('.ant-table-row-expand-icon').first().click();
      await page.locator('.json-block').first().waitFor();
      await screenshot(page, 'onboarding-08-audit');
    } finally {
      await ctx.close();
    }
  });
});
