import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { shanghaiToday, type AchievementType, type Confidentiality, type IndustrySection, type TransferMode, regionChain } from '@kzt/shared';
import type { Db, Executor } from './db/client.ts';
import { achievements, demands } from './db/schema/index.ts';
import { recordAudit } from './platform/audit.ts';
import { systemContext } from './platform/context.ts';
import { titleKey } from './platform/search.ts';
import { achievementSearchVector } from './modules/achievements/achievements.repository.ts';
import { demandSearchVector } from './modules/demands/demands.repository.ts';
import { recordFacts } from './modules/statistics/statistics.service.ts';
import { scheduleMatchPush } from './modules/push/push.job.ts';

/**
 * The demo catalogue, built mechanically from the CSL records (see
 * seed-data/README.md): the records that read as technologies (engineering,
 * agriculture, medicine, applied biology and geology; no reviews or essays)
 * become published achievements of demo universities, enterprises and an
 * institute chosen by discipline; demands are written from the keywords of
 * every 12th of them by the firms of the five regions, in varied sentences.
 * Field values that the records lack (maturity, price, transfer modes,
 * dates, the wording of a demand) are drawn from a hash of the record id, so
 * every seeding gives the same catalogue. `achievementFromCsl` and
 * `demandFromCsl` stay as they were: the benchmarks derive their corpora
 * from them.
 */

export type CslRecord = { id: string; title: string; abstract: string; keywords: string[]; discipline: string; category: string };

export const CSL_FILE = path.resolve(import.meta.dirname, '../seed-data/csl-records.jsonl.gz');

export function readCsl(file = CSL_FILE): CslRecord[] {
  return zlib
    .gunzipSync(fs.readFileSync(file))
    .toString('utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as CslRecord);
}

/** FNV-1a: a stable number per string. */
export function stableHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

const INDUSTRY_BY_DISCIPLINE: [RegExp, IndustrySection][] = [
  [/园艺|作物|农业|林学|畜牧|兽医|水产|植物保护|草学|农林/, 'A'],
  [/矿业|石油|地质/, 'B'],
  [/食品|材料|化学|机械|冶金|纺织|轻工|仪器|航空|船舶|兵器|核|药学|中药/, 'C'],
  [/电气|动力|能源/, 'D'],
  [/土木|建筑|测绘/, 'E'],
  [/交通/, 'G'],
  [/计算机|信息|通信|电子|软件|控制/, 'I'],
  [/经济|金融/, 'J'],
  [/管理|工商/, 'L'],
  [/水利|环境|海洋|大气/, 'N'],
  [/教育|心理/, 'P'],
  [/医学|护理|公共卫生/, 'Q'],
  [/体育|艺术|新闻|文学|历史|语言|音乐|美术/, 'R'],
  [/法学|政治|社会|马克思|哲学|军事/, 'S'],
];

export function industryOf(discipline: string): IndustrySection {
  return INDUSTRY_BY_DISCIPLINE.find(([re]) => re.test(discipline))?.[1] ?? 'M';
}

const TAGS: [RegExp, string][] = [
  [/汽车|电池|动力/, '新能源汽车'],
  [/钢|冶金|合金/, '特种钢材'],
  [/药|医/, '现代医药'],
  [/材料/, '新材料'],
  [/机械|装备|制造/, '高端装备制造'],
  [/计算机|信息|通信|软件/, '新一代信息技术'],
  [/环境|节能/, '节能环保'],
  [/农|园艺|作物/, '现代农业'],
  [/海洋|水产/, '海洋经济'],
  [/矿|煤/, '煤基产业'],
];

const MODES: TransferMode[] = ['transfer', 'licence', 'equity', 'joint_development', 'use_first_pay_later'];
const DAY = 86400_000;

/** The achievement columns of one record. */
export function achievementFromCsl(r: CslRecord, now: Date) {
  const h = stableHash(r.id);
  const type: AchievementType = r.category === '理学' ? 'basic_research' : ['工学', '农学', '医学'].includes(r.category) ? (h % 3 === 0 ? 'development' : 'applied_research') : 'soft_science';
  const maturity = type === 'basic_research' ? 1 + (h % 3) : type === 'soft_science' ? 3 : type === 'applied_research' ? 3 + (h % 4) : 4 + (h % 5);
  const modes: TransferMode[] = type === 'basic_research' || type === 'soft_science' ? ['joint_development'] : [MODES[h % 5]!, MODES[(h >>> 3) % 5]!].filter((m, i, a) => a.indexOf(m) === i);
  // Prices from 5万 to 500万 yuan in whole 万, a fifth negotiable.
  const priceFen = h % 5 === 0 || type === 'soft_science' ? null : (5 + ((h >>> 5) % 496)) * 10_000 * 100;
  // Published over the last three years; confirmed some time after.
  const publishedAt = new Date(now.getTime() - ((h >>> 7) % 1095) * DAY);
  const confirmedAt = new Date(Math.min(now.getTime(), publishedAt.getTime() + ((h >>> 11) % 400) * DAY));
  const industry = industryOf(r.discipline);
  const industryTags = TAGS.filter(([re]) => re.test(`${r.discipline}${r.title}`)).map(([, t]) => t).slice(0, 2);
  return {
    title: r.title,
    summary: r.abstract,
    keywords: r.keywords.slice(0, 20).map((k) => k.slice(0, 30)),
    type,
    industry,
    industryTags,
    maturity,
    transferModes: modes,
    priceFen,
    confidentiality: (h % 20 === 0 ? 'abstract' : 'public') as Confidentiality,
    externalId: r.id,
    source: 'CSL',
    status: 'published' as const,
    publishedAt,
    confirmedAt,
    reviewedAt: publishedAt,
  };
}

/** A demand derived from a record's keywords and discipline. */
export function demandFromCsl(r: CslRecord, now: Date) {
  const h = stableHash(`demand:${r.id}`);
  const kws = r.keywords.filter((k) => k.length <= 12).slice(0, 3);
  const subject = kws.length ? kws.join('、') : r.title.slice(0, 20);
  const min = (10 + (h % 90)) * 10_000 * 100;
  return {
    title: `征集${kws[0] ?? r.discipline}相关技术解决方案`.slice(0, 200),
    description: `我单位在${r.discipline}方向存在技术需求，涉及${subject}等方面，希望与高校、科研院所合作攻关或引进成熟技术，要求技术指标先进、具备工程化条件。`,
    keywords: kws,
    industry: industryOf(r.discipline),
    industryTags: TAGS.filter(([re]) => re.test(`${r.discipline}${r.title}`)).map(([, t]) => t).slice(0, 2),
    budgetMinFen: min,
    budgetMaxFen: min * 2,
    deadline: new Date(now.getTime() + (30 + (h % 300)) * DAY).toISOString().slice(0, 10),
    cooperationModes: [MODES[h % 4]!, 'joint_development'].filter((m, i, a) => a.indexOf(m) === i),
    commonProblem: h % 10 === 0,
    confidentiality: 'public' as const,
    externalId: `demand-${r.id}`,
    status: 'published' as const,
    publishedAt: new Date(now.getTime() - ((h >>> 7) % 300) * DAY),
    confirmedAt: new Date(now.getTime() - ((h >>> 9) % 200) * DAY),
  };
}

/** Disciplines of 理学 whose records read as technologies (the rest is theory: mathematics, astronomy, atmosphere…). */
const APPLIED_SCIENCE = ['生物学/生物科学与工程', '地质学/地质资源与地质工程'];
/** Disciplines of 工学 and 医学 whose records read as design theory or surveys rather than technologies. */
const NOT_TECHNOLOGY_DISCIPLINES = ['公共卫生与预防医学', '建筑学'];
/** Titles of reviews, essays and teaching notes, which are not technologies one could license. */
const NOT_A_TECHNOLOGY = /综述|进展|现状|展望|浅析|浅谈|探讨|思考|回顾|启示|述评|发展趋势|发展方向|对策|研究热点|文献计量|教学|课程/;

/** Whether a record reads as a technology a firm could take up (the demo catalogue holds only these). */
export function isTechnology(r: CslRecord): boolean {
  const field = (['工学', '农学', '医学'].includes(r.category) && !NOT_TECHNOLOGY_DISCIPLINES.includes(r.discipline)) || (r.category === '理学' && APPLIED_SCIENCE.includes(r.discipline));
  return field && !NOT_A_TECHNOLOGY.test(r.title);
}

/** Demo owners that are not universities: enterprises and a 新型研发机构, each with the disciplines it works in. */
const OTHER_OWNERS: { name: string; disciplines: RegExp; share: number }[] = [
  { name: '沈阳精密机械有限公司', disciplines: /机械工程|兵器|力学/, share: 3 },
  { name: '西安秦创电子科技有限公司', disciplines: /计算机|电子科学|信息与通信|控制科学/, share: 3 },
  { name: '威海海洋生物科技有限公司', disciplines: /水产|药学/, share: 4 },
  { name: '太原煤科清洁能源有限公司', disciplines: /矿业|动力工程|石油/, share: 4 },
  { name: '晋中智造装备有限公司', disciplines: /农业工程|电气工程/, share: 5 },
  { name: '秦川工业技术研究院', disciplines: /材料科学|化学|光学|航空|核科学/, share: 4 },
];

/** The organisation that owns a demo achievement: a firm or the institute for some of their disciplines, else a university by field. */
export function ownerOf(r: CslRecord): string {
  const h = stableHash(`owner:${r.id}`);
  const other = OTHER_OWNERS.find((o) => o.disciplines.test(r.discipline) && h % o.share === 0);
  if (other) return other.name;
  const d = r.discipline;
  if (r.category === '医学' || d === '水产') return '威海海洋大学';
  if (r.category === '农学' || /食品|农业工程/.test(d)) return '晋中农林大学';
  if (/计算机|电子|信息与通信|控制|测绘|交通|生物学/.test(d)) return '秦岭大学';
  if (/冶金|机械|材料|兵器|船舶|航空|纺织|力学/.test(d)) return '辽河科技大学';
  return '太行理工大学';
}

/**
 * A demo achievement: the fields of achievementFromCsl, priced only where a
 * price makes sense — a developed or mature applied technology offered for
 * transfer or licence, most of them, at a price that grows with maturity;
 * basic research, joint development only and the rest are 面议.
 */
export function demoAchievement(r: CslRecord, now: Date) {
  const a = achievementFromCsl(r, now);
  const h = stableHash(`price:${r.id}`);
  const sellable = a.transferModes.some((m) => m === 'transfer' || m === 'licence' || m === 'use_first_pay_later');
  const mature = a.type === 'development' || (a.type === 'applied_research' && a.maturity >= 5);
  const [lo, hi] = a.maturity >= 8 ? [80, 600] : a.maturity >= 6 ? [30, 300] : [10, 80];
  const priceFen = sellable && mature && h % 4 !== 0 ? (lo + ((h >>> 4) % (hi - lo + 1))) * 10_000 * 100 : null;
  return { ...a, priceFen };
}

/** The firms that post demo demands (one or more per region), what they make and the disciplines they ask in. */
export const DEMAND_FIRMS: { name: string; product: string; line: string; disciplines: RegExp }[] = [
  { name: '晋中智造装备有限公司', product: '液压元件与智能装备', line: '液压阀体', disciplines: /机械|农业工程|电气|控制|冶金|纺织/ },
  { name: '沈阳精密机械有限公司', product: '精密机械零部件', line: '精密轴承', disciplines: /机械|材料|力学|光学|兵器|航空|交通|船舶/ },
  { name: '西安秦创电子科技有限公司', product: '工业电子与软件', line: '工业控制器', disciplines: /计算机|电子|信息与通信|控制|测绘/ },
  { name: '威海海洋生物科技有限公司', product: '海洋生物制品与功能食品', line: '海藻多糖', disciplines: /水产|药学|中医|食品|生物|医学|园艺|畜牧/ },
  { name: '太原煤科清洁能源有限公司', product: '煤基清洁能源', line: '煤气化', disciplines: /矿业|动力|石油|化学|环境|土木|水利|地质|核/ },
];

export function demandFirmOf(r: CslRecord): string {
  const h = stableHash(`firm:${r.id}`);
  const fits = DEMAND_FIRMS.filter((f) => f.disciplines.test(r.discipline));
  const from = fits.length ? fits : DEMAND_FIRMS;
  return from[h % from.length]!.name;
}

const MODE_TEXT: Record<TransferMode, string> = { transfer: '技术转让', licence: '专利许可', equity: '作价入股', joint_development: '联合开发', use_first_pay_later: '先使用后付费' };
/** A hash whose every bit depends on every character (FNV-1a's low bits barely vary across similar ids), for picking wordings. */
const mixed = (s: string) => {
  let h = stableHash(s);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
};
/** Pick the n-th of a list by a hash and a bit offset. */
const pick = <T>(list: T[], h: number, shift: number): T => list[(h >>> shift) % list.length]!;

/**
 * A demo demand written as a firm would: an opening about its own situation,
 * the problem, what it asks for, a target, the budget (or 面议), the
 * deadline and the cooperation it accepts — each drawn from several wordings
 * by a hash of the record, around the record's keywords.
 */
export function demoDemand(r: CslRecord, firmName: string, now: Date) {
  const h = mixed(`demo-demand:${r.id}`);
  const g = mixed(`demo-demand-2:${r.id}`);
  const firm = DEMAND_FIRMS.find((f) => f.name === firmName) ?? DEMAND_FIRMS[0]!;
  const kws = r.keywords.filter((k) => k.length >= 2 && k.length <= 12).slice(0, 3);
  const k0 = kws[0] ?? r.title.slice(0, 12);
  const k1 = kws[1] ?? k0;
  const k2 = kws[2] ?? k1;
  const bare = k0.replace(/技术$/, '') || k0;
  const months = 3 + (g % 16);
  const title = pick(
    [
      `${k0}工艺优化合作`,
      `寻求${bare}成熟技术`,
      `${k0}国产化替代方案征集`,
      `${k0}与${k1}联合攻关`,
      `急需${bare}相关技术`,
      `${bare}降本增效技术需求`,
      `${k0}中试放大合作伙伴`,
      `${k0}在${firm.line}生产中的应用难题`,
      `${k0}检测与质量控制方案`,
      `引进${bare}技术用于${firm.line}产品升级`,
    ],
    h,
    0,
  );
  const opening = pick(
    [
      `${k0}是我公司${firm.product}生产中的关键环节。`,
      `围绕${k0}，我们已自行试验两年，效果一直不理想。`,
      `近期下游客户对${k0}提出了更高要求。`,
      `${k1}相关产品订单持续增长，公司计划明年扩产。`,
      `针对${k0}环节，现有方案已难以满足生产需要。`,
      `随着${k1}业务量增加，${k0}成为产能瓶颈。`,
      `在${k0}方面，公司内部缺乏专门的研发人员。`,
      `${k0}是${firm.line}产品升级中绕不开的一环。`,
    ],
    h,
    4,
  );
  const problem = pick(
    [
      `目前${k0}稳定性不足，批次间波动较大，返工率约${5 + (g % 15)}%。`,
      `现有工艺能耗偏高，单位产品成本比同行高出约${10 + (g % 20)}%。`,
      `${k1}的检测主要依靠人工，效率低，漏检时有发生。`,
      `关键的${k1}依赖进口，采购周期长、价格高。`,
      `${k0}与${k1}之间的匹配问题一直没有很好解决。`,
      `环保部门对排放提出了新要求，现有处理方式难以稳定达标。`,
    ],
    h,
    8,
  );
  const ask = pick(
    [
      '希望引进可直接落地的成熟技术，最好已有工程应用案例。',
      '拟与高校或科研院所联合攻关，可共同申报科技项目。',
      `寻求在${k2}方面有积累的团队提供整体技术方案。`,
      '欢迎持有相关专利的单位洽谈专利许可。',
      '可先小批量试用验证，效果达标后再商谈转让。',
      '希望对方能派技术人员驻厂指导，解决现场问题。',
    ],
    h,
    12,
  );
  const target = pick(['技术指标应达到或优于现行行业标准。', `力争在 ${months} 个月内完成中试。`, '方案须具备工程化条件，能在现有产线上改造实施。', `项目周期预计 ${months} 个月。`], h, 16);
  const negotiable = g % 6 === 0;
  const min = [10, 20, 30, 50, 80, 100, 150, 200][(g >>> 5) % 8]!;
  const max = min * [2, 3, 5][(g >>> 8) % 3]!;
  const budget = negotiable ? '经费面议。' : pick([`预算约 ${min}–${max} 万元。`, `经费预算 ${min} 万元左右，效果好可追加至 ${max} 万元。`, `投入上限约 ${max} 万元。`], g, 11);
  const modes = MODES.filter((_, i) => (g >>> (14 + i)) & 1);
  const cooperationModes: TransferMode[] = modes.length ? modes : [MODES[g % 5]!];
  const cooperation = `合作方式可采用${cooperationModes.map((m) => MODE_TEXT[m]).join('、')}。`;
  return {
    title: title.slice(0, 200),
    description: `${opening}${problem}${ask}${target}${budget}${cooperation}`,
    keywords: kws,
    industry: industryOf(r.discipline),
    industryTags: TAGS.filter(([re]) => re.test(`${r.discipline}${r.title}`)).map(([, t]) => t).slice(0, 2),
    budgetMinFen: negotiable ? null : min * 10_000 * 100,
    budgetMaxFen: negotiable ? null : max * 10_000 * 100,
    deadline: new Date(now.getTime() + (45 + (g % 360)) * DAY).toISOString().slice(0, 10),
    cooperationModes,
    commonProblem: h % 10 === 0,
    confidentiality: 'public' as const,
    externalId: `demand-${r.id}`,
    status: 'published' as const,
    publishedAt: new Date(now.getTime() - ((h >>> 7) % 300) * DAY),
    confirmedAt: new Date(now.getTime() - ((h >>> 9) % 200) * DAY),
  };
}

/** Organisations whose last records wait for their administrators' review on first login (one queue item or two per region). */
export const PENDING_REVIEW = ['太行理工大学', '晋中农林大学', '辽河科技大学', '威海海洋大学', '秦岭大学'];
export const PENDING_DEMANDS = ['晋中智造装备有限公司', '沈阳精密机械有限公司', '威海海洋生物科技有限公司', '西安秦创电子科技有限公司', '太原煤科清洁能源有限公司'];

type OrgRef = { id: string; jurisdictionCode: string; jurisdictionPath: string; type: string; createdBy: string };

/** Inserts the demo catalogue in batches; one audit event per organisation records the import. */
export async function seedCatalogue(db: Db, orgs: Map<string, OrgRef>, records = readCsl(), now = new Date()) {
  const ctx = systemContext('seed-demo');
  const byOrg = new Map<string, number>();
  const batch = 250;
  const tech = records.filter(isTechnology);
  const owners = tech.map(ownerOf);
  // The last two of each reviewed organisation wait for review, submitted a day or two ago.
  const submitted = new Set(PENDING_REVIEW.flatMap((name) => owners.flatMap((o, i) => (o === name ? [i] : [])).slice(-2)));
  const achievementRows = tech.map((r, i) => {
    const org = orgs.get(owners[i]!)!;
    const fields = demoAchievement(r, now);
    const waiting = submitted.has(i);
    if (!waiting) byOrg.set(org.id, (byOrg.get(org.id) ?? 0) + 1);
    return {
      ...fields,
      ...(waiting ? { id: randomUUID(), status: 'submitted' as const, submittedAt: new Date(now.getTime() - (1 + (i % 2)) * DAY), publishedAt: null, reviewedAt: null } : {}),
      organizationId: org.id,
      jurisdictionCode: org.jurisdictionCode,
      jurisdictionPath: org.jurisdictionPath,
      ownerType: org.type,
      createdBy: org.createdBy,
      searchTitle: titleKey(fields.title),
      searchVector: achievementSearchVector(fields),
    };
  });
  const asked = tech.filter((r) => stableHash(r.id) % 12 === 0);
  const firms = asked.map(demandFirmOf);
  const pendingDemands = new Set(PENDING_DEMANDS.map((name) => firms.lastIndexOf(name)).filter((i) => i >= 0));
  const demandRows = asked.map((r, i) => {
    const org = orgs.get(firms[i]!)!;
    const fields = demoDemand(r, firms[i]!, now);
    return {
      ...fields,
      ...(pendingDemands.has(i) ? { id: randomUUID(), status: 'submitted' as const, submittedAt: new Date(now.getTime() - 5 * 3_600_000), publishedAt: null } : {}),
      organizationId: org.id,
      jurisdictionCode: org.jurisdictionCode,
      jurisdictionPath: org.jurisdictionPath,
      ownerType: org.type,
      createdBy: org.createdBy,
      searchTitle: titleKey(fields.title),
      searchVector: demandSearchVector(fields),
    };
  });
  await db.transaction(async (tx) => {
    const facts: Parameters<typeof recordFacts>[1] = [];
    const published = (metric: 'achievement.published' | 'demand.published', sourceType: string) => (r: { id: string; status: string; jurisdictionCode: string; industry: string; publishedAt: Date | null }) => {
      if (r.status === 'published' && r.publishedAt) facts.push({ metric, sourceType, sourceId: r.id, day: shanghaiToday(r.publishedAt), kind: r.industry, jurisdictions: regionChain(r.jurisdictionCode) });
    };
    const columns = { id: achievements.id, status: achievements.status, jurisdictionCode: achievements.jurisdictionCode, industry: achievements.industry, publishedAt: achievements.publishedAt };
    for (let i = 0; i < achievementRows.length; i += batch) {
      (await tx.insert(achievements).values(achievementRows.slice(i, i + batch)).onConflictDoNothing().returning(columns)).forEach(published('achievement.published', 'achievement'));
    }
    const demandColumns = { id: demands.id, status: demands.status, jurisdictionCode: demands.jurisdictionCode, industry: demands.industry, publishedAt: demands.publishedAt };
    for (let i = 0; i < demandRows.length; i += batch) {
      (await tx.insert(demands).values(demandRows.slice(i, i + batch)).onConflictDoNothing().returning(demandColumns)).forEach(published('demand.published', 'demand'));
    }
    // The demo's records were published before the platform counted them: statistics learn of them here, as they would from each publication's event.
    await recordFacts(tx, facts);
    await scheduleDemoPushes(tx, facts, now);
    for (const row of [...achievementRows, ...demandRows]) {
      if (row.status !== 'submitted') continue;
      const type = 'summary' in row ? 'achievement' : 'demand';
      await recordAudit(tx, ctx, { action: type === 'achievement' ? 'achievement.submit' : 'demand.submit', entityType: type, entityId: (row as { id?: string }).id!, organizationId: row.organizationId, jurisdictionCode: row.jurisdictionCode, after: { status: 'submitted', title: row.title } });
    }
    for (const [organizationId, count] of byOrg) {
      await recordAudit(tx, ctx, { action: 'achievement.import', entityType: 'organization', entityId: organizationId, organizationId, after: { source: 'CSL', count } });
    }
  });
  return { achievements: achievementRows.length, demands: demandRows.length };
}

/** How far back the demo's published achievements are pushed as they would have been on publication (every published demand is). */
export const DEMO_PUSHED_ACHIEVEMENT_DAYS = 30;

/**
 * The pushes the demo's publications would have made: the push module's own
 * job (match.push) for every published demand — it pushes both ways, the
 * demand to the owners of the achievements it matches and those achievements
 * to the demand's firm — and for the achievements published in the last
 * month. The jobs run in the background once the server is up (a few seconds
 * on, like a publication's), so start-up does not wait for the matching; the
 * pushes become notifications, the match pages' 推送 and the statistics'
 * 匹配推送, as in production.
 */
async function scheduleDemoPushes(tx: Executor, facts: { metric: string; sourceId: string; day: string }[], now: Date) {
  const since = shanghaiToday(new Date(now.getTime() - DEMO_PUSHED_ACHIEVEMENT_DAYS * DAY));
  for (const f of facts) {
    const recordType = f.metric === 'demand.published' ? 'demand' : f.metric === 'achievement.published' && f.day >= since ? 'achievement' : null;
    if (recordType) await scheduleMatchPush(tx, { recordType, recordId: f.sourceId, version: 1, changedAt: new Date(`${f.day}T12:00:00+08:00`) });
  }
}
