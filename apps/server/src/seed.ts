import { scheduleDemoPushAnswers } from './seedPushAnswers.ts';
import { creditCodeCheckChar, creditCodeSaysPublicInstitution, shanghaiToday, regionChain } from '@kzt/shared';
import type { Config } from './config.ts';
import type { Db } from './db/client.ts';
import { recordAudit } from './platform/audit.ts';
import { systemContext } from './platform/context.ts';
import { useActorSource } from './platform/sessions.ts';
import { profileActors } from './modules/profiles/profiles.actor.ts';
import { hashPassword } from './platform/passwords.ts';
import { accountRepository } from './modules/accounts/accounts.repository.ts';
import { profileRepository } from './modules/profiles/profiles.repository.ts';
import { presentUser } from './modules/accounts/accounts.presenter.ts';
import { bootstrapAdmin } from './modules/accounts/accounts.service.ts';
import { REFERENCE_JURISDICTIONS, ensureJurisdictions } from './modules/jurisdictions/jurisdictions.service.ts';
import { jurisdictionRepository } from './modules/jurisdictions/jurisdictions.repository.ts';
import { organizationRepository } from './modules/organizations/organizations.repository.ts';
import { auditOrganization } from './modules/organizations/organizations.presenter.ts';
import { seedCatalogue } from './seedCatalogue.ts';
import { seedTrading } from './seedTrading.ts';
import { seedDemoLicence } from './seedLicence.ts';
import { seedPolicy, seedPolicyApplication } from './seedPolicy.ts';
import { seedEngage } from './seedEngage.ts';
import { seedWorkbench } from './seedWorkbench.ts';
import { seedChallenges } from './seedChallenges.ts';
import { seedContracts } from './seedContracts.ts';
import { sweepCatalogue } from './modules/freshness/freshness.service.ts';
import { approveDemoProfiles, demoBrokerExpertWork } from './seedProfiles.ts';
import { ensureReferenceTargets, recordFacts, repairConversionsCountedBefore, repairRollupSums } from './modules/statistics/statistics.service.ts';

export const DEMO_PASSWORD = 'Demo@2026';

/** A valid 统一社会信用代码 from its first 17 characters. */
export const withCheckChar = (first17: string) => first17 + creditCodeCheckChar(first17)!;

type DemoUser = { email: string; name: string; platformAdmin?: boolean; adminOf?: string[]; profile?: { kind: string; title: string; fields: string[]; jurisdictionCode?: string; certificateNo?: string } };
type DemoOrg = { name: string; type: string; code17: string; jurisdictionCode: string; status: 'verified' | 'pending'; owner: string; members?: string[]; description: string };

export const DEMO_USERS: DemoUser[] = [
  { email: 'admin@kzt.demo', name: '平台管理员', platformAdmin: true },
  { email: 'shanxi.admin@kzt.demo', name: '山西省科技厅管理员', adminOf: ['140000'] },
  { email: 'jinzhong.admin@kzt.demo', name: '晋中市科技局管理员', adminOf: ['140700'] },
  { email: 'shaanxi.admin@kzt.demo', name: '陕西省科技厅管理员', adminOf: ['610000'] },
  { email: 'shenyang.admin@kzt.demo', name: '沈阳市科技局管理员', adminOf: ['210100'] },
  { email: 'weihai.admin@kzt.demo', name: '威海市科技局管理员', adminOf: ['371000'] },
  { email: 'tto@tyut.demo', name: '王晓明（技术转移中心）' },
  { email: 'researcher@tyut.demo', name: '李慧', profile: { kind: 'researcher', title: '教授', fields: ['新材料', '特种钢材'] } },
  { email: 'sme@jzsme.demo', name: '张建国' },
  { email: 'pending@newco.demo', name: '刘洋' },
  { email: 'tto@lhkj.demo', name: '周立新（技术转移办公室）' },
  { email: 'tto@jzny.demo', name: '郭文静（科技处）' },
  { email: 'tto@whhy.demo', name: '于海波（技术转移中心）' },
  { email: 'tto@qinling.demo', name: '杜明远（成果转化办公室）' },
  { email: 'sy.sme@sypm.demo', name: '韩宇' },
  { email: 'xa.sme@qcdz.demo', name: '马骏' },
  { email: 'weihai.sme@whbio.demo', name: '孙海涛' },
  { email: 'ty.sme@tymk.demo', name: '武建平' },
  { email: 'broker@kzt.demo', name: '赵敏（技术经纪人）', profile: { kind: 'broker', title: '高级技术经理人', fields: ['智能制造', '新能源汽车'], jurisdictionCode: '610000', certificateNo: 'JSJJR-610000-2024-0136' } },
  { email: 'expert@kzt.demo', name: '陈志远（评审专家）', profile: { kind: 'expert', title: '研究员', fields: ['现代医药', '生物技术'], jurisdictionCode: '140000' } },
  { email: 'expert2@kzt.demo', name: '黄立群（评审专家）', profile: { kind: 'expert', title: '教授级高级工程师', fields: ['液压传动', '智能制造'], jurisdictionCode: '140000' } },
  { email: 'expert3@kzt.demo', name: '罗文（评审专家）', profile: { kind: 'expert', title: '研究员', fields: ['流体传动与控制', '高端装备'], jurisdictionCode: '140000' } },
  { email: 'expert4@kzt.demo', name: '孟凡（评审专家）', profile: { kind: 'expert', title: '正高级工程师', fields: ['传感器', '机械电子'], jurisdictionCode: '140000' } },
  { email: 'broker2@kzt.demo', name: '刘晨（技术经纪人，待审核）', profile: { kind: 'broker', title: '技术经理人', fields: ['新材料', '节能环保'], jurisdictionCode: '140700', certificateNo: 'JSJJR-140700-2026-0009' } },
];

export const DEMO_ORGS: DemoOrg[] = [
  { name: '太行理工大学', type: 'university', code17: '12140000MB1234567', jurisdictionCode: '140000', status: 'verified', owner: 'tto@tyut.demo', members: ['researcher@tyut.demo'], description: '省属理工科高校，设有技术转移中心，重点方向为新材料、煤基能源与智能制造。' },
  { name: '晋中智造装备有限公司', type: 'enterprise', code17: '91140700MA0K12345', jurisdictionCode: '140700', status: 'verified', owner: 'sme@jzsme.demo', description: '专精特新中小企业，主营液压元件与智能装备。' },
  { name: '晋中新材料科技有限公司', type: 'enterprise', code17: '91140702MA0L54321', jurisdictionCode: '140702', status: 'pending', owner: 'pending@newco.demo', description: '新注册企业，申请平台认证中。' },
  { name: '威海海洋生物科技有限公司', type: 'enterprise', code17: '91371000MA3C98765', jurisdictionCode: '371000', status: 'verified', owner: 'weihai.sme@whbio.demo', description: '海洋生物医药企业，关注海洋多糖与功能食品技术。' },
  { name: '辽河科技大学', type: 'university', code17: '12210100MB2345678', jurisdictionCode: '210100', status: 'verified', owner: 'tto@lhkj.demo', description: '以冶金、机械、材料为特色的理工科大学。' },
  { name: '晋中农林大学', type: 'university', code17: '12140700MB3456789', jurisdictionCode: '140700', status: 'verified', owner: 'tto@jzny.demo', description: '农林类高校，设有园艺、农业工程、食品科学等学科。' },
  { name: '威海海洋大学', type: 'university', code17: '12371000MB4567890', jurisdictionCode: '371000', status: 'verified', owner: 'tto@whhy.demo', description: '以海洋科学、医学和药学见长的综合性大学。' },
  { name: '秦岭大学', type: 'university', code17: '12610000MB5678901', jurisdictionCode: '610000', status: 'verified', owner: 'tto@qinling.demo', description: '综合性研究型大学，理学与人文社会科学并重。' },
  { name: '沈阳精密机械有限公司', type: 'enterprise', code17: '91210100MA0P13579', jurisdictionCode: '210100', status: 'verified', owner: 'sy.sme@sypm.demo', description: '精密机械零部件制造企业。' },
  { name: '西安秦创电子科技有限公司', type: 'enterprise', code17: '91610000MA6R24680', jurisdictionCode: '610000', status: 'verified', owner: 'xa.sme@qcdz.demo', description: '电子信息与软件企业。' },
  { name: '太原煤科清洁能源有限公司', type: 'enterprise', code17: '91140000MA0T11223', jurisdictionCode: '140000', status: 'verified', owner: 'ty.sme@tymk.demo', description: '煤基清洁能源企业，关注煤气化、余热利用与固废综合利用技术。' },
  { name: '秦川工业技术研究院', type: 'rnd_institution', code17: '12610000MB0Q24680', jurisdictionCode: '610000', status: 'verified', owner: 'broker@kzt.demo', description: '新型研发机构，提供中试熟化与技术经纪服务。' },
];

/**
 * Start-up data. The reference jurisdictions are always ensured; the
 * bootstrap administrator when configured; demo accounts and organisations
 * when SEED=demo (never in production: no known password exists there).
 */
export async function seed(db: Db, config: Config, log: (m: string) => void = console.log) {
  // The demo acts as its people (seeded before the app is built, which registers the same source).
  useActorSource(profileActors);
  await ensureJurisdictions(db, REFERENCE_JURISDICTIONS);
  await ensureReferenceTargets(db);
  // Conversions counted from contracts before the statistics kept their causes: named, and taken back where the contract is terminated.
  const repaired = await repairConversionsCountedBefore(db);
  if (repaired) log(`统计：${repaired} 项合同转化记录已关联到其合同（已终止合同的转化已扣除）`);
  // Monthly and yearly sums that missed a change of the daily ones: built again from them.
  const rebuilt = await repairRollupSums(db);
  if (rebuilt.length) log(`统计：按月、按年汇总与按日汇总不一致（${rebuilt.join('、')}），已按日汇总重建`);
  const ctx = systemContext('seed');
  if (config.adminEmail && config.adminPassword) {
    if (config.adminPassword.length < 8) throw new Error('KZT_ADMIN_PASSWORD must have at least 8 characters');
    if (await bootstrapAdmin(db, ctx, config.adminEmail, config.adminPassword)) log(`created platform administrator ${config.adminEmail}`);
  }
  if (config.seed !== 'demo') return;
  if (config.env === 'production') {
    log('SEED=demo ignored in production: demo accounts have a published password');
    return;
  }
  // The pending organisation's business licence and the contracts' signed scans are files in the data directory, so they need the config.
  if (await seedDemo(db, config)) {
    await seedDemoLicence(db, config);
    await seedPolicyApplication(db, config);
  }
}

/** Seeds the demo once; true when it did (false: already there). */
export async function seedDemo(db: Db, config: Config): Promise<boolean> {
  if (await accountRepository.byLogin(db, DEMO_USERS[0]!.email)) return false;
  await ensureJurisdictions(db, [{ code: '140702', name: '榆次区', parentCode: '140700' }]);
  const ctx = systemContext('seed-demo');
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const orgs = new Map<string, { id: string; jurisdictionCode: string; jurisdictionPath: string; type: string; createdBy: string }>();
  await db.transaction(async (tx) => {
    const ids = new Map<string, string>();
    for (const u of DEMO_USERS) {
      const user = await accountRepository.insert(tx, { email: u.email, name: u.name, passwordHash, isPlatformAdmin: !!u.platformAdmin, verifiedAt: new Date() });
      ids.set(u.email, user.id);
      await recordAudit(tx, ctx, { action: 'user.register', entityType: 'user', entityId: user.id, after: presentUser(user) });
      for (const code of u.adminOf ?? []) {
        await jurisdictionRepository.addAdmin(tx, { jurisdictionCode: code, userId: user.id });
        await recordAudit(tx, ctx, { action: 'jurisdiction.admin.grant', entityType: 'jurisdiction', entityId: code, jurisdictionCode: code, after: { userId: user.id, name: user.name } });
      }
    }
    const admin = ids.get('admin@kzt.demo')!;
    for (const o of DEMO_ORGS) {
      const j = (await jurisdictionRepository.byCode(tx, o.jurisdictionCode))!;
      const org = await organizationRepository.insert(tx, {
        name: o.name,
        type: o.type,
        creditCode: withCheckChar(o.code17),
        publicInstitution: creditCodeSaysPublicInstitution(o.code17),
        jurisdictionCode: o.jurisdictionCode,
        status: o.status,
        description: o.description,
        createdBy: ids.get(o.owner)!,
        ...(o.status === 'verified' ? { reviewedBy: admin, reviewedAt: new Date(), reviewReason: '材料齐全，予以认证' } : {}),
      });
      await organizationRepository.addMember(tx, { organizationId: org.id, userId: ids.get(o.owner)!, role: 'owner' });
      orgs.set(o.name, { id: org.id, jurisdictionCode: j.code, jurisdictionPath: j.path, type: o.type, createdBy: org.createdBy });
      for (const m of o.members ?? []) await organizationRepository.addMember(tx, { organizationId: org.id, userId: ids.get(m)!, role: 'member' });
      await recordAudit(tx, ctx, { action: 'organization.apply', entityType: 'organization', entityId: org.id, organizationId: org.id, jurisdictionCode: org.jurisdictionCode, after: auditOrganization(org) });
      // Verified without the review command: statistics learn of it here, as they would from its organization.verified event.
      if (o.status === 'verified')
        await recordFacts(tx, [{ metric: 'organization.verified', sourceType: 'organization', sourceId: org.id, day: shanghaiToday(), kind: o.type, label: o.name, jurisdictions: regionChain(o.jurisdictionCode) }]);
    }
    for (const u of DEMO_USERS) {
      if (!u.profile) continue;
      const userId = ids.get(u.email)!;
      const p = await profileRepository.upsert(tx, {
        userId,
        kind: u.profile.kind,
        data: { title: u.profile.title, fields: u.profile.fields, ...(u.profile.certificateNo ? { certificateNo: u.profile.certificateNo } : {}) },
        // Broker and expert profiles wait for their jurisdiction's administrators (approveDemoProfiles); a researcher's needs no review.
        status: u.profile.kind === 'researcher' ? 'approved' : 'pending',
        jurisdictionCode: u.profile.jurisdictionCode ?? null,
      });
      await recordAudit(tx, ctx, { action: 'profile.create', entityType: 'profile', entityId: p.id, after: { kind: p.kind, userId } });
    }
  });
  await seedCatalogue(db, orgs);
  await approveDemoProfiles(db);
  await seedTrading(db);
  await seedEngage(db);
  await demoBrokerExpertWork(db);
  await seedWorkbench(db);
  await seedPolicy(db);
  await seedChallenges(db);
  await seedContracts(db, config);
  // The demo starts with the reminders a year of use would have produced (stale records, two-year unconverted flags).
  await sweepCatalogue(db);
  // 匹配回应: a few firms answer the matches pushed to them, once the app runs the push jobs (a job, so the start stays fast).
  await scheduleDemoPushAnswers(db);
  return true;
}
