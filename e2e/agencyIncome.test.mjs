// Policy rules (issue 16), 晋中 000-20: a technology transfer agency gets 10% of
// its net transfer income where the achievement is converted in 晋中. The
// 晋中 administrator records the income in the form 机构净收入 (登记事项),
// sees the computed entitlement with the rule, the rate and the budget line,
// a record converted outside 晋中 refused with the reason; the agency then
// finds the entitlement under 我的奖补, at phone width.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, PHONE, apiJson, apiToken, launchBrowser, loginViaUi, makeCreditCode, newContext, pickRegion, readCodeFromOutbox, screenshot, uniqueSuffix, watchPage } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const LICENCE_PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4e00000000049454e44ae426082', 'hex');

/** A verified agency of 晋中 (榆次区 140702) with its own owner account, made through the API as a person and the administrator would. */
async function agencyOf(page) {
  const suffix = uniqueSuffix();
  const email = `e2e-agency-${suffix}@example.com`;
  const password = 'Kzt-2026-agency';
  assert.equal((await apiJson('POST', '/api/auth/register', { email, password, name: '赵技转', acceptTerms: true, acceptPrivacy: true })).status, 202);
  const code = await readCodeFromOutbox(page, email);
  assert.equal((await apiJson('POST', '/api/auth/register/verify', { login: email, code })).status, 201);
  const name = `晋中技术转移服务中心${suffix.slice(-4)}`;
  const ownerToken = await apiToken(email, password);
  const org = await apiJson('POST', '/api/organizations', { name, type: 'agency', creditCode: makeCreditCode('140702'), jurisdictionCode: '140702' }, ownerToken);
  assert.equal(org.status, 201, JSON.stringify(org.json));
  // The verification request carries its business licence (a 1×1 PNG standing in for the scan).
  const form = new FormData();
  form.append('file', new Blob([LICENCE_PNG], { type: 'image/png' }), '营业执照.png');
  const licence = await fetch(`${BASE_URL}/api/organizations/${org.json.id}/licence`, { method: 'PUT', headers: { authorization: `Bearer ${ownerToken}` }, body: form });
  assert.equal(licence.status, 200, await licence.text());
  const verified = await apiJson('POST', `/api/organizations/${org.json.id}/verify`, { decision: 'approve' }, await apiToken('jinzhong.admin@kzt.demo'));
  assert.equal(verified.status, 200, JSON.stringify(verified.json));
  return { id: org.json.id, name, email, password };
}

describe('机构净收入 (晋中 000-20)', () => {
  test('the 晋中 administrator records an agency’s net transfer income and sees 10% of it as its entitlement; the agency sees it under 我的奖补', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const problems = watchPage(page);
    const agency = await agencyOf(page);
    await loginViaUi(page, 'jinzhong.admin@kzt.demo');
    await page.goto('/subsidies/records?kind=income');
    const form = page.locator('[data-testid="record-form-income"]');
    await form.waitFor();
    assert.match(await form.innerText(), /登记技术转移机构净收入/);

    // The agency is picked by name among 晋中's verified agencies, not typed as an id.
    await form.locator('[data-testid="record-organization"]').click();
    await page.keyboard.type(agency.name.slice(-8));
    await page.locator('.ant-select-item-option', { hasText: agency.name }).click();
    await form.locator('[data-testid="record-contract-number"]').fill(`JZ-AG-${agency.id.slice(0, 6)}`);
    await form.locator('[data-testid="record-contract-kind"]').click();
    await page.locator('.ant-select-item-option', { hasText: '技术转让' }).click();
    await form.locator('[data-testid="record-net-income"]').fill('123,456.78');
    // Where it was converted: picked by typing part of the name, not a 6-digit code.
    await pickRegion(page, form.locator('[data-testid="record-converted-in"]'), '榆次', '山西省 / 晋中市 / 榆次区');
    await screenshot(page, 'agency-income-01-form');
    await form.locator('[data-testid="record-submit"]').click();

    const result = form.locator('[data-testid="record-result"]');
    await result.waitFor();
    const text = await result.innerText();
    // 10% of 123,456.78 元, rounded down to the fen.
    assert.match(text, /12,345\.67 元/);
    assert.match(text, /技术转化机构净收入奖补/);
    assert.match(text, /10%/);
    await screenshot(page, 'agency-income-02-computed');
    // The list beside it shows the record with its amount.
    await page.locator('[data-testid="records-list"] .ant-table-row', { hasText: agency.name }).getByText('12,345.67 元').waitFor();

    // Converted outside 晋中 (太原 140100): refused, saying why.
    await form.locator('[data-testid="record-contract-number"]').fill(`JZ-AG-${agency.id.slice(0, 6)}-2`);
    // Typed by its code this time (小店区 of 太原).
    await pickRegion(page, form.locator('[data-testid="record-converted-in"]'), '140105', '山西省 / 太原市 / 小店区');
    await form.locator('[data-testid="record-submit"]').click();
    await form.locator('[data-testid="record-result"]').getByText(/不在本辖区/).first().waitFor();
    const refused = await form.locator('[data-testid="record-result"]').innerText();
    assert.doesNotMatch(refused, /12,345\.67 元/);
    await screenshot(page, 'agency-income-03-refused');
    assert.deepEqual(problems, []);
    await ctx.close();

    // The agency signs in on a phone and finds what it may apply for, with the budget line it is paid from.
    const phone = await newContext(browser, { viewport: PHONE, mobile: true });
    const mine = await phone.newPage();
    const phoneProblems = watchPage(mine);
    await loginViaUi(mine, agency.email, agency.password);
    await mine.goto('/subsidies?tab=mine');
    const card = mine.locator('[data-testid^="entitlement-"]', { hasText: '技术转化机构净收入奖补' });
    await card.waitFor();
    assert.match(await card.innerText(), /12,345\.67 元/);
    assert.match(await card.innerText(), /可申报/);
    await card.getByText('测算依据、出处与申报记录').click();
    await card.getByText('预算科目：技术转化机构奖补（晋中 20）').waitFor();
    await screenshot(mine, 'agency-income-04-mine-phone');
    assert.deepEqual(phoneProblems, []);
    await phone.close();
  });
});
