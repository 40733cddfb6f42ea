import { eq } from 'drizzle-orm';
import { shanghaiToday, type IndustrySection } from '@kzt/shared';
import type { Db } from './db/client.ts';
import { organizations, users } from './db/schema/index.ts';
import { systemContext } from './platform/context.ts';
import { loadActor } from './platform/sessions.ts';
import { addDays } from './modules/contracts/contracts.classify.ts';
import { Readable } from 'node:stream';
import type { Config } from './config.ts';
import { attachmentStore } from './platform/files.ts';
import { demoPdf } from './seedLicence.ts';
import { addContractDocument, createContract, createRegistrationPoint, recordContractPayment, reviewContract, submitContract, confirmContractPayment } from './modules/contracts/contracts.service.ts';

type SellerContext = Parameters<typeof addContractDocument>[2];

/** The seller's side attaches the signed contract (a one-page demo PDF) before it applies, as the desk requires. */
async function attachSignedScan(db: Db, config: Config, ctx: SellerContext, id: string, title: string) {
  const pdf = demoPdf(`Signed technology contract (demo) ${id}`, title);
  await addContractDocument(db, attachmentStore(config.dataDir), ctx, id, null, async () => ({ filename: `${title}（签章版）.pdf`, file: Readable.from([pdf]) }), config.storageQuotaBytes);
}

/**
 * Demo technology contracts: registration points of the five jurisdictions,
 * and contracts of 太行理工大学 in each state the desk meets — registered
 * (with a payment received), awaiting review, and a draft with a buyer off
 * the platform. Entered through the contracts services, as people would.
 */
export async function seedContracts(db: Db, config: Config, now = new Date()) {
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
  await seedContractHistory(db, config, points, now);
  const tyut = await as('tto@tyut.demo');
  const shanxi = await as('shanxi.admin@kzt.demo');
  const seller = { organizationId: await org('太行理工大学') };
  const jzsme = { organizationId: await org('晋中智造装备有限公司') };

  const registered = await createContract(db, tyut, {
    kind: 'transfer',
    subkind: 'patent',
    title: '高强耐磨钢板热处理工艺专利权转让合同',
    industry: 'C',
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
  await attachSignedScan(db, config, tyut, registered.contract.id, registered.contract.title);
  await submitContract(db, tyut, registered.contract.id, { pointId: points['140000']! });
  await reviewContract(db, shanxi, registered.contract.id, { decision: 'register', reason: '', certifiedAmount: 1_000_000_00, checklist: ['kindIdentified', 'technologyAmountJustified', 'signaturesAttached'] });
  const buyerSide = await as('sme@jzsme.demo');
  const paid = await recordContractPayment(db, buyerSide, registered.contract.id, { paidOn: addDays(today, -4), amount: 600_000_00, note: '首期款' });
  await confirmContractPayment(db, tyut, registered.contract.id, paid.payments[0]!.id);

  const waiting = await createContract(db, tyut, {
    kind: 'development',
    subkind: 'commissioned',
    title: '煤矸石制备陶粒关键技术委托开发合同',
    industry: 'B',
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
  await attachSignedScan(db, config, tyut, waiting.contract.id, waiting.contract.title);
  await submitContract(db, tyut, waiting.contract.id, { pointId: points['140000']! });

  await createContract(db, tyut, {
    kind: 'service',
    subkind: 'training',
    title: '智能制造产线数字化改造技术培训服务合同',
    industry: 'C',
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

/** The sellers of the history and the jurisdiction whose point registers their contracts (the seller's own region). */
const HISTORY_SELLERS = [
  { org: '太行理工大学', owner: 'tto@tyut.demo', point: '140000', admin: 'shanxi.admin@kzt.demo' },
  { org: '晋中农林大学', owner: 'tto@jzny.demo', point: '140700', admin: 'jinzhong.admin@kzt.demo' },
  { org: '秦岭大学', owner: 'tto@qinling.demo', point: '610000', admin: 'shaanxi.admin@kzt.demo' },
  { org: '秦川工业技术研究院', owner: 'broker@kzt.demo', point: '610000', admin: 'shaanxi.admin@kzt.demo' },
  { org: '辽河科技大学', owner: 'tto@lhkj.demo', point: '210100', admin: 'shenyang.admin@kzt.demo' },
  { org: '威海海洋大学', owner: 'tto@whhy.demo', point: '371000', admin: 'weihai.admin@kzt.demo' },
] as const;

/** Buyers on the platform (they record what they paid) and off it (their region says where the technology went). */
const HISTORY_BUYERS = [
  { org: '晋中智造装备有限公司', owner: 'sme@jzsme.demo' },
  { org: '太原煤科清洁能源有限公司', owner: 'ty.sme@tymk.demo' },
  { org: '威海海洋生物科技有限公司', owner: 'weihai.sme@whbio.demo' },
  { org: '沈阳精密机械有限公司', owner: 'sy.sme@sypm.demo' },
  { org: '西安秦创电子科技有限公司', owner: 'xa.sme@qcdz.demo' },
  { name: '榆次区某液压件有限公司', region: '140702' },
  { name: '大同某煤机制造有限公司', region: '140200' },
  { name: '宝鸡某钛材有限公司', region: '610300' },
  { name: '铁西区某数控装备有限公司', region: '210106' },
  { name: '荣成市某海洋食品有限公司', region: '371082' },
  { name: '苏州某新材料有限公司', region: '320500' },
  { name: '郑州某环保科技有限公司', region: '410100' },
] as const;

const HISTORY_TITLES: { kind: 'transfer' | 'licence' | 'development' | 'consulting' | 'service'; subkind: string | null; title: string; industry: IndustrySection }[] = [
  { kind: 'transfer', subkind: 'patent', title: '一种高炉渣制备微晶玻璃方法专利权转让合同', industry: 'C' },
  { kind: 'licence', subkind: 'patent', title: '液压阀体快速检测装置专利实施许可合同', industry: 'C' },
  { kind: 'development', subkind: 'commissioned', title: '煤气化细渣残碳回收工艺委托开发合同', industry: 'B' },
  { kind: 'development', subkind: 'cooperative', title: '海洋多糖功能食品配方合作开发合同', industry: 'A' },
  { kind: 'service', subkind: 'general', title: '数控机床主轴热误差补偿技术服务合同', industry: 'C' },
  { kind: 'consulting', subkind: null, title: '园区余热综合利用可行性技术咨询合同', industry: 'D' },
  { kind: 'transfer', subkind: 'technical_secret', title: '钛合金薄壁件低应力焊接技术秘密转让合同', industry: 'C' },
  { kind: 'licence', subkind: 'patent', title: '果蔬采后保鲜涂膜剂专利实施许可合同', industry: 'A' },
  { kind: 'development', subkind: 'commissioned', title: '矿用智能巡检机器人样机委托开发合同', industry: 'B' },
  { kind: 'transfer', subkind: 'software', title: '工业视觉缺陷检测软件著作权转让合同', industry: 'I' },
  { kind: 'service', subkind: 'training', title: '企业知识产权运营实务技术培训合同', industry: 'M' },
  { kind: 'development', subkind: 'commissioned', title: '耐磨衬板材料成分优化委托开发合同', industry: 'C' },
];

/**
 * A year of registered contracts behind the demo's statistics,
 * subsidies and income pages: each seller's contracts signed month after
 * month, submitted two days later at its region's point, registered by that
 * jurisdiction's administrator five days after that, and (for a buyer on the
 * platform, every other one) the first instalment paid and confirmed three
 * weeks after signing — every step through the contracts services on its own
 * date, as it would have happened. Deterministic: the same rows every start.
 */
async function seedContractHistory(db: Db, config: Config, points: Record<string, string>, now: Date) {
  const people = new Map<string, Awaited<ReturnType<typeof loadActor>>>();
  const on = async (email: string, day: string) => {
    if (!people.has(email)) {
      const [user] = await db.select().from(users).where(eq(users.email, email));
      people.set(email, await loadActor(db, user!, { tokenHash: 'seed-contracts', via: 'bearer' }));
    }
    return { ...systemContext('seed-contracts'), actor: people.get(email)!, now: new Date(`${day}T10:00:00+08:00`) };
  };
  const orgIds = new Map<string, string>();
  for (const r of await db.select({ id: organizations.id, name: organizations.name }).from(organizations)) orgIds.set(r.name, r.id);
  const today = shanghaiToday(now);
  const AMOUNTS = [8, 15, 26, 45, 60, 88, 120, 150, 230, 380, 520, 760].map((wan) => wan * 1_000_000);
  let n = 0;
  for (let month = 12; month >= 1; month--) {
    for (const [si, seller] of HISTORY_SELLERS.entries()) {
      // Every other seller each month: three contracts a month over the five regions.
      if ((month + si) % 2 === 0) continue;
      n++;
      const signedOn = addDays(today, -month * 30 - ((si * 5) % 11) - 10);
      const t = HISTORY_TITLES[(n * 5 + si) % HISTORY_TITLES.length]!;
      const b = HISTORY_BUYERS[(n * 7 + si * 2) % HISTORY_BUYERS.length]!;
      const buyer = 'org' in b ? { organizationId: orgIds.get(b.org)! } : { name: b.name, creditCode: '', region: b.region, entityType: 'enterprise' as const };
      const amount = AMOUNTS[(n * 11 + si) % AMOUNTS.length]!;
      const equipment = t.kind === 'development' && amount >= 1_200_000_00 ? Math.round(amount / 5 / 100) * 100 : 0;
      const created = await createContract(db, await on(seller.owner, addDays(signedOn, 1)), {
        kind: t.kind,
        subkind: t.subkind,
        title: t.title,
        industry: t.industry,
        contractNo: `DEMO-${signedOn.slice(0, 4)}-${String(n).padStart(4, '0')}`,
        signedOn,
        validUntil: addDays(signedOn, 730),
        seller: { organizationId: orgIds.get(seller.org)! },
        buyer,
        agency: null,
        broker: null,
        contractAmount: amount,
        technologyAmount: amount - equipment,
        deductions: equipment ? [{ item: '试验设备与材料', amount: equipment }] : [],
        expectedInvestment: t.kind === 'transfer' || t.kind === 'licence' ? amount * 3 : null,
        expectedOutput: t.kind === 'transfer' || t.kind === 'licence' ? amount * 10 : null,
        achievementIds: [],
        ipItems: [],
        payments: [
          { dueOn: addDays(signedOn, 21), amount: amount / 2 },
          { dueOn: addDays(signedOn, 200), amount: amount / 2 },
        ],
        dealId: null,
      });
      const id = created.contract.id;
      await attachSignedScan(db, config, await on(seller.owner, addDays(signedOn, 2)), id, t.title);
      await submitContract(db, await on(seller.owner, addDays(signedOn, 2)), id, { pointId: points[seller.point]! });
      await reviewContract(db, await on(seller.admin, addDays(signedOn, 7)), id, {
        decision: 'register',
        reason: '',
        certifiedAmount: amount - equipment,
        checklist: ['kindIdentified', 'technologyAmountJustified', 'signaturesAttached'],
      });
      if ('org' in b && n % 3 === 0) {
        const paidOn = addDays(signedOn, 21);
        const paid = await recordContractPayment(db, await on(b.owner, paidOn), id, { paidOn, amount: amount / 2, note: '首期款' });
        await confirmContractPayment(db, await on(seller.owner, addDays(paidOn, 1)), id, paid.payments[0]!.id);
      }
    }
  }
}
