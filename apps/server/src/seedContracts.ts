import { eq } from 'drizzle-orm';
import { shanghaiToday } from '@kzt/shared';
import type { Db } from './db/client.ts';
import { organizations, users } from './db/schema/index.ts';
import { systemContext } from './platform/context.ts';
import { loadActor } from './platform/sessions.ts';
import { addDays } from './modules/contracts/contracts.classify.ts';
import { createContract, createRegistrationPoint, recordContractPayment, reviewContract, submitContract, confirmContractPayment } from './modules/contracts/contracts.service.ts';

/**
 * Demo technology contracts: registration points of the five jurisdictions,
 * and contracts of 太行理工大学 in each state the desk meets — registered
 * (with a payment received), awaiting review, and a draft with a buyer off
 * the platform. Entered through the contracts services, as people would.
 */
export async function seedContracts(db: Db, now = new Date()) {
  const as = async (email: string) => {
    const [user] = await db.select().from(users).where(eq(users.email, email));
    const actor = await loadActor(db, user!, { tokenHash: 'seed-contracts', via: 'bearer' });
    return { ...systemContext('seed-contracts'), actor, now };
  };
  const org = async (name: string) => (await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, name)))[0]!.id;
  const today = shanghaiToday(now);
  const points: Record<string, string> = {};
  for (const [email, code, name] of [
    ['shanxi.admin@kzt.demo', '140000', '山西省技术市场管理办公室登记点'],
    ['jinzhong.admin@kzt.demo', '140700', '晋中市生产力促进中心登记点'],
    ['shaanxi.admin@kzt.demo', '610000', '陕西省技术合同登记中心'],
    ['shenyang.admin@kzt.demo', '210100', '沈阳市技术合同登记处'],
    ['weihai.admin@kzt.demo', '371000', '威海市技术市场服务中心登记点'],
  ] as const) {
    const p = await createRegistrationPoint(db, await as(email), code, { code: '01', name, address: '', staffUserIds: [] });
    points[code] = p.id;
  }
  const tyut = await as('tto@tyut.demo');
  const shanxi = await as('shanxi.admin@kzt.demo');
  const seller = { organizationId: await org('太行理工大学') };
  const jzsme = { organizationId: await org('晋中智造装备有限公司') };

  const registered = await createContract(db, tyut, {
    kind: 'transfer',
    subkind: 'patent',
    title: '高强耐磨钢板热处理工艺专利权转让合同',
    contractNo: 'TYUT-2026-ZR-018',
    signedOn: addDays(today, -12),
    validUntil: addDays(today, 720),
    seller,
    buyer: jzsme,
    agency: null,
    broker: null,
    contractAmount: 1_200_000_00,
    technologyAmount: 1_000_000_00,
    deductions: [{ item: '配套热处理设备', amount: 200_000_00 }],
    expectedInvestment: 3_000_000_00,
    expectedOutput: 12_000_000_00,
    achievementIds: [],
    ipItems: ['ZL202310000001.X'],
    payments: [
      { dueOn: addDays(today, -5), amount: 600_000_00 },
      { dueOn: addDays(today, 180), amount: 600_000_00 },
    ],
    dealId: null,
  });
  await submitContract(db, tyut, registered.contract.id, { pointId: points['140000']! });
  await reviewContract(db, shanxi, registered.contract.id, { decision: 'register', reason: '', certifiedAmount: 1_000_000_00, checklist: ['kindIdentified', 'technologyAmountJustified', 'signaturesAttached'] });
  const buyerSide = await as('sme@jzsme.demo');
  const paid = await recordContractPayment(db, buyerSide, registered.contract.id, { paidOn: addDays(today, -4), amount: 600_000_00, note: '首期款' });
  await confirmContractPayment(db, tyut, registered.contract.id, paid.payments[0]!.id);

  const waiting = await createContract(db, tyut, {
    kind: 'development',
    subkind: 'commissioned',
    title: '煤矸石制备陶粒关键技术委托开发合同',
    contractNo: 'TYUT-2026-KF-031',
    signedOn: addDays(today, -3),
    validUntil: addDays(today, 540),
    seller,
    buyer: { name: '太原某建材有限公司', creditCode: '91140100MA0T000001', region: '140105', entityType: 'enterprise' },
    agency: null,
    broker: null,
    contractAmount: 450_000_00,
    technologyAmount: 450_000_00,
    deductions: [],
    expectedInvestment: null,
    expectedOutput: null,
    achievementIds: [],
    ipItems: [],
    payments: [{ dueOn: addDays(today, 30), amount: 450_000_00 }],
    dealId: null,
  });
  await submitContract(db, tyut, waiting.contract.id, { pointId: points['140000']! });

  await createContract(db, tyut, {
    kind: 'service',
    subkind: 'training',
    title: '智能制造产线数字化改造技术培训服务合同',
    contractNo: null,
    signedOn: addDays(today, -1),
    validUntil: addDays(today, 120),
    seller,
    buyer: { name: '威海某船舶配件有限公司', creditCode: '', region: '371002', entityType: 'enterprise' },
    agency: null,
    broker: null,
    contractAmount: 80_000_00,
    technologyAmount: 80_000_00,
    deductions: [],
    expectedInvestment: null,
    expectedOutput: null,
    achievementIds: [],
    ipItems: [],
    payments: [],
    dealId: null,
  });
}
