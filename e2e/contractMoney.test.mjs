// Technology contracts (issue 15), the money after registration, in Chromium:
// a contract of 太行理工大学 with 晋中智造装备 registered at the 山西 desk;
// the buyer records a payment (asked to confirm the amount, to the fen and in
// 万元, since it cannot be removed); the university confirms receipt (asked
// first: it cannot be undone), files the inventors' distribution plan for it
// (shares that add up to the net income, confirmed before filing) and amends
// the registered contract (the change before → after confirmed, the figures
// registered kept, the amended ones in force).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PHONE, apiJson, apiToken, attachSignedContract, launchBrowser, loginViaUi, newContext, screenshot, uniqueSuffix, watchPage } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** The API's answer, failing the test (with the refusal) unless it succeeded. */
async function api(method, url, body, token) {
  const { status, json } = await apiJson(method, url, body, token);
  assert.ok(status < 300, `${method} ${url}: ${status} ${JSON.stringify(json)}`);
  return json;
}
const tokenOf = apiToken;
const day = (offset) => new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);

/** A development contract of 50 万元 (45 万元 technology), submitted by 太行理工大学 and registered by the 山西 desk, as seeded through the API. */
async function registeredContract() {
  const seller = await tokenOf('tto@tyut.demo');
  const buyer = await tokenOf('sme@jzsme.demo');
  const desk = await tokenOf('shanxi.admin@kzt.demo');
  const orgOf = async (token) => (await api('GET', '/api/me', undefined, token)).organizations.find((o) => o.role === 'owner').id;
  const title = `焦化废水深度处理工艺开发合同（e2e ${uniqueSuffix()}）`;
  const contract = await api(
    'POST',
    '/api/contracts',
    {
      kind: 'development',
      subkind: 'commissioned',
      title,
      industry: 'C',
      contractNo: `E2E-${uniqueSuffix()}`,
      // Signed within the last four weeks (the registration window is 30 days), on a day of its own: a second run on the same server is not the same contract.
      signedOn: day(-1 - Math.floor(Math.random() * 27)),
      validUntil: day(365),
      seller: { organizationId: await orgOf(seller) },
      buyer: { organizationId: await orgOf(buyer) },
      agency: null,
      broker: null,
      contractAmount: 50_000_000,
      technologyAmount: 45_000_000,
      deductions: [{ item: '试验材料', amount: 5_000_000 }],
      expectedInvestment: null,
      expectedOutput: null,
      achievementIds: [],
      ipItems: [],
      payments: [{ dueOn: day(30), amount: 50_000_000 }],
      dealId: null,
    },
    seller,
  );
  const points = await api('GET', '/api/jurisdictions/140000/registration-points', undefined, seller);
  await attachSignedContract(contract.id, seller);
  await api('POST', `/api/contracts/${contract.id}/submit`, { pointId: points.items[0].id }, seller);
  await api('POST', `/api/contracts/${contract.id}/review`, { decision: 'register', reason: '', certifiedAmount: 45_000_000, checklist: ['kindIdentified', 'technologyAmountJustified', 'signaturesAttached'] }, desk);
  return { id: contract.id, title };
}

describe('a registered contract’s money', () => {
  test('payment → confirmed receipt → the inventors’ distribution plan → amendment, each irrevocable step confirmed with its amount', async () => {
    const contract = await registeredContract();

    // 1. The buyer records 20 万元 paid today.
    const buyerCtx = await newContext(browser);
    const buyer = await buyerCtx.newPage();
    const buyerProblems = watchPage(buyer);
    await loginViaUi(buyer, 'sme@jzsme.demo');
    await buyer.goto(`/contracts/${contract.id}`);
    await buyer.locator('[data-testid="contract-status"]', { hasText: '已登记' }).waitFor();
    await buyer.locator('[data-testid="contract-pay"]').click();
    const payModal = buyer.locator('[data-testid="payment-modal"]');
    await payModal.locator('.ant-input-number input').fill('20');
    await payModal.locator('#note').fill('首付款');
    await screenshot(buyer, 'contract-money-01-payment');
    await payModal.locator('.ant-btn-primary').click();
    // Asked before it is recorded: the amount to the fen and in 万元, and that it stays.
    const ask = buyer.locator('.ant-modal-confirm');
    await ask.waitFor();
    const asked = await ask.innerText();
    assert.match(asked, /200,000\.00 元（20 万元）/);
    assert.match(asked, /不能修改或删除/);
    await screenshot(buyer, 'contract-money-02-payment-confirm');
    await ask.locator('[data-testid="form-modal-confirm-ok"]').click();
    await buyer.locator('[data-testid="contract-totals-recorded"]', { hasText: '20 万元' }).waitFor();
    assert.equal((await buyer.locator('[data-testid="contract-totals-confirmed"]').innerText()).trim(), '0 元');
    assert.deepEqual(buyerProblems, []);
    await buyerCtx.close();

    // 2. The university confirms the receipt — asked first — and plans its distribution, on a phone.
    const sellerCtx = await newContext(browser, { viewport: PHONE, mobile: true });
    const seller = await sellerCtx.newPage();
    const sellerProblems = watchPage(seller);
    await loginViaUi(seller, 'tto@tyut.demo');
    await seller.goto(`/contracts/${contract.id}`);
    await seller.locator('[data-testid="payment-confirm"]').click();
    const pop = seller.locator('.ant-popover:visible');
    assert.match(await pop.innerText(), new RegExp(`确认已收到 ${day(0)} 的付款 200,000\\.00 元（20 万元）`));
    assert.match(await pop.innerText(), /不能撤销/);
    await seller.waitForTimeout(400); // the popover's fade-in, for the screenshot
    await screenshot(seller, 'contract-money-03-confirm-receipt-phone', { fullPage: false });
    await seller.locator('[data-testid="payment-confirm-ok"]').click();
    await seller.locator('[data-testid="contract-totals-confirmed"]', { hasText: '20 万元' }).waitFor();

    await seller.locator('[data-testid="contract-distribution"]').click();
    await seller.waitForURL(new RegExp(`/distributions/${contract.id}$`));
    const editor = seller.locator('[data-testid="plan-editor"]');
    await editor.waitFor();
    // Costs of 1 万元 leave 19 万元 to share: 16 万 to the completer, 3 万 to the unit.
    await editor.getByRole('button', { name: /添加成本/ }).click();
    await editor.locator('input[id$="costs_0_item"]').fill('差旅与检测');
    await editor.locator('input[id$="costs_0_amount"]').fill('10000');
    await editor.locator('input[id$="shares_0_beneficiary"]').fill('李成果');
    await editor.locator('[data-testid="plan-share-amount-0"] input, input[data-testid="plan-share-amount-0"]').first().fill('160000');
    // The completer takes it as equity: 16 万 of 技术股, and buys 2 万 of 现金股 beside it (paid in, not part of the 19 万).
    await editor.locator('input[id$="shares_0_form"]').click({ force: true });
    await seller.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '股权' }).first().click();
    await editor.locator('[data-testid="plan-share-cash-0"] input, input[data-testid="plan-share-cash-0"]').first().fill('20000');
    await editor.getByRole('button', { name: /添加份额/ }).click();
    await editor.locator('input[id$="shares_1_beneficiary"]').fill('太行理工大学');
    await editor.locator('input[id$="shares_1_role"]').click({ force: true });
    await seller.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '单位' }).first().click();
    await editor.locator('[data-testid="plan-share-amount-1"] input, input[data-testid="plan-share-amount-1"]').first().fill('30000');
    const totals = editor.locator('[data-testid="plan-totals"]');
    await totals.getByText('合计与净收入一致').waitFor();
    assert.match(await totals.innerText(), /190,000\.00 元/);
    await screenshot(seller, 'contract-money-04-plan-phone');
    await editor.locator('[data-testid="plan-submit"]').click();
    const planAsk = seller.locator('.ant-modal-confirm');
    await planAsk.waitFor();
    const planAsked = await planAsk.innerText();
    assert.match(planAsked, /到账 200,000\.00 元/);
    assert.match(planAsked, /净收入 190,000\.00 元/);
    assert.match(planAsked, /分给 2 人/);
    assert.match(planAsked, /不能修改或撤回/);
    await screenshot(seller, 'contract-money-05-plan-confirm-phone', { fullPage: false });
    await planAsk.locator('[data-testid="plan-confirm-ok"]').click();
    const plans = seller.locator('[data-testid="dist-plans"]');
    await plans.waitFor();
    const filed = await plans.innerText();
    assert.match(filed, /净收入 190,000\.00 元（到账 200,000\.00 元，成本 10,000\.00 元）/);
    assert.match(filed, /李成果/);
    assert.match(filed, /160,000\.00 元/);
    // The equity's parts and the tax on a later transfer at that value: (18 万 − 2 万 paid in) × 20%.
    assert.match(filed, /技术股 160,000\.00 元 \+ 现金股 20,000\.00 元/);
    assert.match(filed, /按 180,000\.00 元 转让个税估算 32,000\.00 元/);
    await seller.getByText('已分配').first().waitFor();
    // On the phone the money is on screen, not behind a sideways scroll: the receipt's amount and each share's.
    for (const amount of ['200,000.00 元', '160,000.00 元', '30,000.00 元']) {
      const cell = seller.getByRole('cell', { name: amount }).first();
      const box = await cell.boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= PHONE.width, `${amount} is within the screen (${JSON.stringify(box)})`);
    }
    await screenshot(seller, 'contract-money-06-plan-filed-phone');
    assert.deepEqual(sellerProblems, []);
    await sellerCtx.close();

    // 3. The university amends the registered contract: 55 万元, 50 万元 technology; the change is confirmed before → after.
    const deskCtx = await newContext(browser);
    const page = await deskCtx.newPage();
    const problems = watchPage(page);
    await loginViaUi(page, 'tto@tyut.demo');
    await page.goto(`/contracts/${contract.id}`);
    await page.locator('[data-testid="contract-amend"]').click();
    const amend = page.locator('[data-testid="amend-modal"]');
    // 认定技术交易额 is the desk's to certify: the seller's amendment has no such field.
    assert.equal(await amend.locator('#certifiedAmount').count(), 0);
    await amend.locator('#contractAmount').fill('55');
    await amend.locator('#technologyAmount').fill('50');
    await amend.locator('#reason').fill('增加中试阶段的工艺验证内容');
    await amend.locator('.ant-btn-primary').click();
    const amendAsk = page.locator('.ant-modal-confirm');
    await amendAsk.waitFor();
    const amendAsked = await amendAsk.innerText();
    assert.match(amendAsked, /合同金额 500,000\.00 元（50 万元） → 550,000\.00 元（55 万元）/);
    assert.match(amendAsked, /技术交易额 450,000\.00 元（45 万元） → 500,000\.00 元（50 万元）/);
    assert.match(amendAsked, /不能撤回/);
    await screenshot(page, 'contract-money-07-amend-confirm', { fullPage: false });
    await amendAsk.locator('[data-testid="form-modal-confirm-ok"]').click();
    // The registered figures stay; the amended ones are in force, and the history says so.
    const inForce = page.getByText(/变更后现行金额/);
    await inForce.waitFor();
    assert.match(await inForce.innerText(), /合同金额 55 万元，技术交易额 50 万元/);
    assert.match(await page.locator('[data-testid="contract-detail"]').innerText(), /变更登记[\s\S]*增加中试阶段的工艺验证内容/);
    assert.match(await page.locator('[data-testid="contract-certified"]').innerText(), /45 万元/);
    await screenshot(page, 'contract-money-08-amended');
    assert.deepEqual(problems, []);
    await deskCtx.close();

    // 4. The 山西 desk certifies 48 万元 of the 50 万元 on an amendment; the change is confirmed before → after.
    const staffCtx = await newContext(browser);
    const staff = await staffCtx.newPage();
    const staffProblems = watchPage(staff);
    await loginViaUi(staff, 'shanxi.admin@kzt.demo');
    await staff.goto(`/contracts/${contract.id}`);
    await staff.locator('[data-testid="contract-amend"]').click();
    const certify = staff.locator('[data-testid="amend-modal"]');
    await certify.locator('#certifiedAmount').fill('48');
    await certify.locator('#reason').fill('补充中试验证材料后重新认定');
    await screenshot(staff, 'contract-money-09-certify');
    await certify.locator('.ant-btn-primary').click();
    const certifyAsk = staff.locator('.ant-modal-confirm');
    await certifyAsk.waitFor();
    const certifyAsked = await certifyAsk.innerText();
    assert.match(certifyAsked, /认定技术交易额 450,000\.00 元（45 万元） → 480,000\.00 元（48 万元）/);
    assert.doesNotMatch(certifyAsked, /合同金额/);
    await screenshot(staff, 'contract-money-10-certify-confirm', { fullPage: false });
    await certifyAsk.locator('[data-testid="form-modal-confirm-ok"]').click();
    await staff.getByText(/认定技术交易额 48 万元/).first().waitFor();
    assert.deepEqual(staffProblems, []);
    await staffCtx.close();
  });
});
