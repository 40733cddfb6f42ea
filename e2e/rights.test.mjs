// Accounts that prove their address: registration with consent, password
// rules and a code; sign-in slowed down after failures (with the wait shown);
// an invitation accepted through its one-time link; the two legal pages.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_PASSWORD, PHONE, launchBrowser, newContext, readCodeFromOutbox, registerViaUi, screenshot, uniqueSuffix, watchPage } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

describe('rights', () => {
  test('registration shows the password rules while typing, asks consent, then a code', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const problems = watchPage(page);
    await page.goto('/register');
    await page.locator('#password').fill('12345678');
    const rules = page.locator('[data-testid="password-rules"] li');
    assert.equal(await rules.nth(2).getAttribute('data-ok'), 'false', '12345678 is a common password');
    await page.locator('#password').fill('Kzt-2026-secure');
    assert.equal(await rules.nth(2).getAttribute('data-ok'), 'true');
    // Without consent the form names both boxes.
    const suffix = uniqueSuffix();
    await page.locator('#name').fill(`权益${suffix.slice(-4)}`);
    await page.locator('#email').fill(`e2e-rights-${suffix}@example.com`);
    await page.locator('#confirm').fill('Kzt-2026-secure');
    await page.locator('form button[type="submit"]').click();
    await page.getByText('请阅读并同意《用户协议》').waitFor();
    await page.getByText('请阅读并同意《隐私政策》').waitFor();
    await screenshot(page, 'rights-01-register-consent');
    // The agreement and the policy are pages of their own.
    const terms = await ctx.newPage();
    await terms.goto('/legal/privacy');
    await terms.locator('[data-testid="legal-privacy"]').getByText('您的权利').waitFor();
    await screenshot(terms, 'rights-02-privacy');
    await terms.close();
    assert.deepEqual(problems, []);
    await ctx.close();
  });

  test('a new person registers at phone width, then accepts an invitation through its link', async () => {
    const owner = await newContext(browser);
    const ownerPage = await owner.newPage();
    const login = await ownerPage.request.post('/api/auth/login', { data: { login: 'sme@jzsme.demo', password: DEMO_PASSWORD } });
    assert.equal(login.status(), 200);
    const token = (await login.json()).token;
    const me = await (await ownerPage.request.get('/api/me', { headers: { authorization: `Bearer ${token}` } })).json();
    const org = me.organizations.find((o) => o.role === 'owner');
    const invited = `e2e-invited-${uniqueSuffix()}@example.com`;
    const inv = await ownerPage.request.post(`/api/organizations/${org.id}/invitations`, { headers: { authorization: `Bearer ${token}` }, data: { login: invited, role: 'member' } });
    assert.equal(inv.status(), 201);
    // The invitation's message carries its one-time link.
    let link;
    for (let i = 0; i < 50 && !link; i++) {
      const { items } = await (await ownerPage.request.get(`/api/dev/outbox?address=${encodeURIComponent(invited)}`)).json();
      link = items.map((m) => m.body.match(/(\/invitations\/[0-9a-f-]{36}\?token=[A-Za-z0-9_-]+)/)?.[1]).find(Boolean);
      if (!link) await ownerPage.waitForTimeout(300);
    }
    assert.ok(link, 'the invitation message has a link');
    await owner.close();

    const ctx = await newContext(browser, { viewport: PHONE, mobile: true });
    const page = await ctx.newPage();
    const problems = watchPage(page);
    await page.goto(link);
    await page.locator('[data-testid="invitation-card"]').getByText(org.name).waitFor();
    await screenshot(page, 'rights-03-invitation-anonymous');
    // The person registers with an address of their own (the link is the proof), and comes back.
    await registerViaUi(page, { name: '受邀人', email: `e2e-holder-${uniqueSuffix()}@example.com`, shot: 'rights-04-register-phone' });
    await page.goto(link);
    await page.locator('[data-testid="accept-invitation"]').click();
    await page.waitForURL(/\/org\/[0-9a-f-]{36}$/);
    await page.locator('[data-testid="org-name"]', { hasText: org.name }).waitFor();
    await screenshot(page, 'rights-05-joined');
    // The link was for one use.
    await page.goto(link);
    await page.getByText(/该邀请已处理/).waitFor();
    assert.deepEqual(problems, []);
    await ctx.close();
  });

  test('sign-in is slowed down after failures and says how long to wait', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const email = `e2e-slow-${uniqueSuffix()}@example.com`;
    // An account of its own, registered through the API (form and code as in the browser).
    assert.equal((await page.request.post('/api/auth/register', { data: { email, password: 'Kzt-2026-secure', name: '慢', acceptTerms: true, acceptPrivacy: true } })).status(), 202);
    const code = await readCodeFromOutbox(page, email);
    assert.equal((await page.request.post('/api/auth/register/verify', { data: { login: email, code } })).status(), 201);
    await ctx.clearCookies();
    await page.goto('/login');
    for (let i = 0; i < 6; i++) {
      await page.locator('#login').fill(email);
      await page.locator('#password').fill(`wrong-${i}-password`);
      await page.locator('form button[type="submit"]').click();
      await page.locator('[role="alert"]').waitFor();
      if (await page.locator('[data-testid="login-delayed"]').count()) break;
      await page.waitForTimeout(200);
    }
    const delayed = page.locator('[data-testid="login-delayed"]');
    await delayed.waitFor();
    assert.match(await delayed.textContent(), /秒后再试/);
    await screenshot(page, 'rights-06-login-delayed');
    await ctx.close();
  });
});
