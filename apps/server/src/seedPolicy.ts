import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { shanghaiToday } from '@kzt/shared';
import type { Db } from './db/client.ts';
import { organizations, users } from './db/schema/index.ts';
import { systemContext } from './platform/context.ts';
import { loadActor } from './platform/sessions.ts';
import { Readable } from 'node:stream';
import type { Config } from './config.ts';
import { attachmentStore } from './platform/files.ts';
import { applyForEntitlement, computePlatformEvent, listEntitlements, setBudget, uploadEntitlementFile } from './modules/policy/policy.service.ts';
import { demoPdf } from './seedLicence.ts';

/**
 * Demo subsidies: a 威海 contract paid this year (the buyer's 5% and the
 * university's 1%) and a 晋中 registration (15%), computed by the engine as
 * the contracts' events would; 威海's budget line is set; the buyer
 * applies for its subsidy (seedPolicyApplication), so the administrator's queue has work.
 */
export async function seedPolicy(db: Db, now = new Date()) {
  const orgRows = await db.select({ id: organizations.id, name: organizations.name, jurisdictionCode: organizations.jurisdictionCode }).from(organizations);
  const org = (name: string) => orgRows.find((o) => o.name === name)!;
  const as = (email: string) => signIn(db, email);
  const today = shanghaiToday(now);
  const year = Number(today.slice(0, 4));
  const whFirm = org('威海海洋生物科技有限公司');
  const whUni = org('威海海洋大学');
  const jzFirm = org('晋中智造装备有限公司');
  const jzUni = org('晋中农林大学');
  const party = (o: { id: string }, type: 'enterprise' | 'university', region: string) => ({ id: o.id, type, region });
  const names = { [whFirm.id]: '威海海洋生物科技有限公司', [whUni.id]: '威海海洋大学', [jzFirm.id]: '晋中智造装备有限公司', [jzUni.id]: '晋中农林大学' };

  const whContract = randomUUID();
  await computePlatformEvent(
    db,
    randomUUID(),
    { id: `contract.payment:${randomUUID()}`, type: 'contract_payment', date: today, jurisdiction: '371000', contract: { id: whContract, kind: 'development' }, seller: party(whUni, 'university', '371000'), buyer: party(whFirm, 'enterprise', '371000'), amount: 4_000_000_00 },
    names,
  );
  await computePlatformEvent(
    db,
    randomUUID(),
    {
      id: `contract.registered:${randomUUID()}`,
      type: 'contract_registered',
      date: today,
      jurisdiction: '140700',
      contract: { id: randomUUID(), kind: 'transfer', contractAmount: 2_000_000_00, technologyAmount: 2_000_000_00 },
      seller: party(jzUni, 'university', '140700'),
      buyer: party(jzFirm, 'enterprise', '140700'),
    },
    names,
  );

  const whAdmin = await as('weihai.admin@kzt.demo');
  await setBudget(db, whAdmin, { jurisdiction: '371000', budgetLine: 'wh-industry-university', year, amount: 2_000_000_00 });
  const jzAdmin = await as('jinzhong.admin@kzt.demo');
  await setBudget(db, jzAdmin, { jurisdiction: '140700', budgetLine: 'jz-achievement-output', year, amount: 5_000_000_00 });
}

async function signIn(db: Db, email: string) {
  const [user] = await db.select().from(users).where(eq(users.email, email));
  const actor = await loadActor(db, user!, { tokenHash: 'seed-policy', via: 'bearer' });
  return { ...systemContext('seed-policy'), actor };
}

/** The 威海 buyer uploads the documents its subsidy asks for (申报材料) and applies, as a person would. */
export async function seedPolicyApplication(db: Db, config: Config) {
  const buyer = await signIn(db, 'weihai.sme@whbio.demo');
  const store = attachmentStore(config.dataDir);
  const mine = await listEntitlements(db, buyer.actor, { page: 1, pageSize: 10 });
  for (const e of mine.items.filter((x) => x.status === 'granted')) {
    const documents = [];
    for (const [i, name] of e.requiredDocuments.entries()) {
      const pdf = demoPdf(`Subsidy application document ${i + 1} (demo) ${e.id}`, name);
      const file = await uploadEntitlementFile(db, store, buyer, e.id, async () => ({ filename: `${name}.pdf`, file: Readable.from([pdf]) }), config.storageQuotaBytes);
      documents.push({ name, attachmentId: file.id });
    }
    await applyForEntitlement(db, buyer, e.id, { note: '已完成技术开发合同登记，本年度实际支付 400 万元，附银行回单与登记证明。', documents });
  }
}
