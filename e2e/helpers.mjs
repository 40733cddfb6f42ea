// Shared helpers for the browser tests: launching Debian's Chromium through
// playwright-core, signing in through the UI, screenshots, and test data.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const E2E_DIR = path.dirname(fileURLToPath(import.meta.url));
export const SCREENSHOT_DIR = path.join(E2E_DIR, 'screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const BASE_URL = (process.env.E2E_BASE_URL || 'http://127.0.0.1:3000').replace(/\/$/, '');
export const DEMO_PASSWORD = 'Demo@2026';

export const DESKTOP = { width: 1366, height: 900 };
export const PHONE = { width: 375, height: 812 };

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * A fresh, isolated browser context (own cookies and localStorage) with the
 * base URL set; `lang` pre-seeds the language choice the app keeps in localStorage.
 */
export async function newContext(browser, { viewport = DESKTOP, lang, mobile = false } = {}) {
  const context = await browser.newContext({
    baseURL: BASE_URL,
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    deviceScaleFactor: 1,
    isMobile: mobile,
    hasTouch: mobile,
  });
  if (lang) await context.addInitScript((l) => localStorage.setItem('kzt.lang', l), lang);
  context.setDefaultTimeout(15_000);
  return context;
}

/** Fails the test on uncaught page errors; collects console errors for inspection. */
export function watchPage(page) {
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  return problems;
}

export async function screenshot(page, name, { fullPage = true } = {}) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

/** Signs in through the login form and waits until the header shows the user menu. */
export async function loginViaUi(page, login, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.locator('#login').fill(login);
  await page.locator('#password').fill(password);
  await page.locator('form button[type="submit"]').click();
  // Signing in lands on the workbench (or the page asked for): wait until the login page is left,
  // so a click made next is not undone by that navigation.
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.locator('[data-testid="user-menu"]').waitFor();
}

/**
 * The latest registration code sent to an address. Development and test
 * servers have no real sender: the code waits in the outbox, read through
 * /api/dev/outbox (absent in production). The job runner moves it there
 * within about a second, so this polls.
 */
export async function readCodeFromOutbox(page, address, { timeoutMs = 15_000 } = {}) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const res = await page.request.get(`/api/dev/outbox?address=${encodeURIComponent(address)}`);
    if (res.ok()) {
      const { items } = await res.json();
      const code = items.map((m) => m.body.match(/验证码是 (\d{6})/)?.[1]).find(Boolean);
      if (code) return code;
    }
    await page.waitForTimeout(300);
  }
  throw new Error(`no registration code for ${address} in the outbox`);
}

/**
 * Registers through /register as a person does: the form with both consents,
 * the code from the outbox, and the confirmation; waits until signed in.
 */
export async function registerViaUi(page, { name, email, password = 'Test@2026pass', shot } = {}) {
  await page.goto('/register');
  await page.locator('#name').fill(name);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await page.locator('#confirm').fill(password);
  await page.locator('#acceptTerms').check();
  await page.locator('#acceptPrivacy').check();
  if (shot) await screenshot(page, `${shot}-form`);
  await page.locator('form button[type="submit"]').click();
  await page.locator('[data-testid="code-sent"]').waitFor();
  const code = await readCodeFromOutbox(page, email);
  await page.locator('#code').fill(code);
  if (shot) await screenshot(page, `${shot}-code`);
  await page.locator('form button[type="submit"]').click();
  // Signing in lands on the workbench (or the page asked for): wait until the login page is left,
  // so a click made next is not undone by that navigation.
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.locator('[data-testid="user-menu"]').waitFor();
}

/** Unique suffix for names, e-mails and phones across runs. */
export function uniqueSuffix() {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

// 统一社会信用代码 (GB 32100-2015): 31-character alphabet, weights 3^i mod 31.
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCheckChar(first17) {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = ALPHABET.indexOf(first17[i]);
    if (v < 0) throw new Error(`invalid character ${first17[i]}`);
    sum += v * WEIGHTS[i];
  }
  return ALPHABET[(31 - (sum % 31)) % 31];
}

/**
 * A random, valid credit code: registration authority and category (`91` 工商·企业 unless said, `12` 机构编制·事业单位),
 * the given 6-digit division code, 9 random organisation-code characters, check character.
 */
export function makeCreditCode(division = '140702', kind = '91') {
  let body = '';
  for (let i = 0; i < 9; i++) body += ALPHABET[Math.floor(Math.random() * ALPHABET.length)];
  const first17 = `${kind}${division}${body}`;
  return first17 + creditCheckChar(first17);
}

/** Picks an option of an antd Select/TreeSelect whose dropdown is open, by its visible text. */
/**
 * Chooses the option labelled `text` in a multiple Select by typing it and
 * pressing Enter (which does not depend on where the dropdown's virtual list
 * has scrolled, or on options still loading), closes the dropdown, and waits
 * until the option shows as chosen; tries again if it does not.
 */
export async function chooseInMultiSelect(page, select, text) {
  for (let attempt = 1; ; attempt++) {
    await select.click();
    await page.keyboard.type(text);
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option-active', { hasText: text })
      .waitFor({ timeout: 5000 })
      .catch(() => undefined);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    try {
      await select.locator('.ant-select-selection-item', { hasText: text }).waitFor({ timeout: 3000 });
      return;
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
}

/**
 * Clicks the option labelled `text` in the open Select or TreeSelect dropdown,
 * and makes sure it took: a single Select closes its dropdown, a multiple
 * one marks the option chosen. The dropdown's virtual list scrolls and
 * re-renders its rows while opening, and in Debian's Chromium a click there
 * sometimes lands without choosing: then it clicks again.
 */
export async function pickOption(page, text) {
  const dropdown = page.locator('.ant-select-dropdown:visible, .ant-select-tree:visible');
  const option = dropdown.getByText(text, { exact: true }).first();
  for (let attempt = 1; ; attempt++) {
    try {
      await option.click({ timeout: 5000 });
      for (let i = 0; i < 20; i++) {
        if (!(await option.isVisible())) return;
        if (await dropdown.locator('.ant-select-item-option-selected, .ant-select-tree-treenode-selected', { hasText: text }).count()) return;
        await page.waitForTimeout(100);
      }
      throw new Error(`the option ${text} was clicked but not chosen`);
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
}

/**
 * Picks a region in a RegionPicker (an Ant Design Cascader with search) as a
 * person does: opens it, types part of the name (or the code), and clicks the
 * result whose path is `path` (山西省 / 晋中市 / 榆次区); then waits until the
 * picker shows that path.
 */
export async function pickRegion(page, picker, typed, path) {
  await picker.click();
  await page.keyboard.type(typed);
  const result = page.locator('.ant-cascader-dropdown:visible .ant-cascader-menu-item', { hasText: path });
  await result.first().click();
  await picker.getByText(path).waitFor();
}

/**
 * JSON to the API as a script would, without a browser's cookies (so no
 * CSRF token is asked), with a bearer token where one is given: for seeding
 * what a test needs through the API. Answers `{ status, json }`.
 */
export async function apiJson(method, url, body, token) {
  const res = await fetch(`${BASE_URL}${url}`, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, json: await res.json() };
}

/** A one-page PDF standing in for a signed contract's scan. */
export const TINY_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

/**
 * The seller's side attaches the signed contract (a tiny PDF) to a draft or returned contract through the API, as
 * the registration desk requires before it registers; answers the contract.
 */
export async function attachSignedContract(contractId, token, fileName = '技术合同（签章版）.pdf') {
  const form = new FormData();
  form.append('file', new Blob([TINY_PDF], { type: 'application/pdf' }), fileName);
  const res = await fetch(`${BASE_URL}/api/contracts/${contractId}/documents`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  if (res.status !== 201) throw new Error(`attaching the signed contract: ${res.status} ${await res.text()}`);
  return res.json();
}

/** A bearer token for an account (the demo password unless another is given). */
export async function apiToken(login, password = DEMO_PASSWORD) {
  const res = await apiJson('POST', '/api/auth/login', { login, password });
  if (res.status !== 200) throw new Error(`sign-in of ${login}: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json.token;
}

/**
 * A signed-in page of a demo person in a fresh context (desktop unless said), with its page problems collected.
 * `api: true` signs in through the API (the session cookies land in the context) instead of the login form, for
 * tests where signing in is not the point: the page is still blank, so go to the page under test next.
 */
export async function signedInPage(browser, login, opts = {}) {
  const ctx = await newContext(browser, opts);
  const page = await ctx.newPage();
  const problems = watchPage(page);
  if (opts.api) {
    const res = await page.request.post('/api/auth/login', { data: { login, password: DEMO_PASSWORD } });
    if (!res.ok()) throw new Error(`sign-in of ${login}: ${res.status()} ${await res.text()}`);
  } else await loginViaUi(page, login);
  return { ctx, page, problems };
}

/** The id of the challenge board's challenge with this title. */
export async function challengeIdByTitle(page, title) {
  const { items } = await (await page.request.get(`/api/challenges?pageSize=50&q=${encodeURIComponent(title)}`)).json();
  return items.find((c) => c.title === title).id;
}
