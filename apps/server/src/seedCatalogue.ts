import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { IndustrySection, TransferMode } from '@kzt/shared';
import type { Db } from './db/client.ts';
import { achievements, demands } from './db/schema/index.ts';
import { recordAudit } from './platform/audit.ts';
import { systemContext } from './platform/context.ts';
import { titleKey } from './platform/search.ts';
import { achievementSearchVector } from './modules/achievements/achievements.repository.ts';
import { demandSearchVector } from './modules/demands/demands.repository.ts';

/**
 * The demo catalogue, built mechanically from the CSL records (see
 * seed-data/README.md): every record becomes a published achievement of a
 * demo university chosen by its category; demands are derived from the
 * keywords of every 12th record. Field values that the records lack
 * (maturity, price, transfer modes, dates) are drawn from a hash of the
 * record id, so every seeding gives the same catalogue.
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

/** Demo universities and the categories of records they own. */
export const DEMO_UNIVERSITIES: { name: string; code17: string; jurisdictionCode: string; owner: string; categories: string[]; engineeringShare?: number }[] = [
  { name: '太行理工大学', code17: '12140000MB1234567', jurisdictionCode: '140000', owner: 'tto@tyut.demo', categories: ['工学'], engineeringShare: 0 },
  { name: '辽河科技大学', code17: '12210100MB2345678', jurisdictionCode: '210100', owner: 'tto@lhkj.demo', categories: ['工学'], engineeringShare: 1 },
  { name: '晋中农林大学', code17: '12140700MB3456789', jurisdictionCode: '140700', owner: 'tto@jzny.demo', categories: ['农学'] },
  { name: '威海海洋大学', code17: '12371000MB4567890', jurisdictionCode: '371000', owner: 'tto@whhy.demo', categories: ['医学'] },
  { name: '秦岭大学', code17: '12610000MB5678901', jurisdictionCode: '610000', owner: 'tto@qinling.demo', categories: ['理学', '管理学', '法学', '教育学', '文学', '经济学', '哲学', '历史学', '艺术学', '军事学'] },
];

/** Demo enterprises that post the derived demands, by the category of the source record. */
export const DEMAND_OWNERS: Record<string, string> = {
  工学: '晋中智造装备有限公司',
  医学: '威海海洋生物科技有限公司',
  农学: '威海海洋生物科技有限公司',
  理学: '沈阳精密机械有限公司',
};
export const DEFAULT_DEMAND_OWNER = '西安秦创电子科技有限公司';

const MODES: TransferMode[] = ['transfer', 'licence', 'equity', 'joint_development', 'use_first_pay_later'];
const DAY = 86400_000;

export function universityFor(r: CslRecord) {
  const candidates = DEMO_UNIVERSITIES.filter((u) => u.categories.includes(r.category));
  if (candidates.length === 0) return DEMO_UNIVERSITIES.at(-1)!;
  if (candidates.length === 1) return candidates[0]!;
  return candidates[stableHash(r.id) % candidates.length]!;
}

/** The achievement columns of one record. */
export function achievementFromCsl(r: CslRecord, now: Date) {
  const h = stableHash(r.id);
  const type = r.category === '理学' ? 'basic_research' : ['工学', '农学', '医学'].includes(r.category) ? (h % 3 === 0 ? 'development' : 'applied_research') : 'soft_science';
  const maturity = type === 'basic_research' ? 1 + (h % 3) : type === 'soft_science' ? 3 : type === 'applied_research' ? 3 + (h % 4) : 4 + (h % 5);
  const modes = type === 'basic_research' || type === 'soft_science' ? ['joint_development'] : [MODES[h % 5]!, MODES[(h >>> 3) % 5]!].filter((m, i, a) => a.indexOf(m) === i);
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
    confidentiality: h % 20 === 0 ? 'abstract' : 'public',
    externalId: r.id,
    source: 'CSL',
    status: 'published',
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
    confidentiality: 'public',
    externalId: `demand-${r.id}`,
    status: 'published',
    publishedAt: new Date(now.getTime() - ((h >>> 7) % 300) * DAY),
    confirmedAt: new Date(now.getTime() - ((h >>> 9) % 200) * DAY),
  };
}

type OrgRef = { id: string; jurisdictionCode: string; jurisdictionPath: string; type: string; createdBy: string };

/** Inserts the demo catalogue in batches; one audit event per organisation records the import. */
export async function seedCatalogue(db: Db, orgs: Map<string, OrgRef>, records = readCsl(), now = new Date()) {
  const ctx = systemContext('seed-demo');
  const byOrg = new Map<string, number>();
  const batch = 250;
  const achievementRows = records.map((r) => {
    const org = orgs.get(universityFor(r).name)!;
    byOrg.set(org.id, (byOrg.get(org.id) ?? 0) + 1);
    const fields = achievementFromCsl(r, now);
    return {
      ...fields,
      organizationId: org.id,
      jurisdictionCode: org.jurisdictionCode,
      jurisdictionPath: org.jurisdictionPath,
      ownerType: org.type,
      createdBy: org.createdBy,
      searchTitle: titleKey(fields.title),
      searchVector: achievementSearchVector(fields),
    };
  });
  const demandRows = records
    .filter((r) => stableHash(r.id) % 12 === 0)
    .map((r) => {
      const org = orgs.get(DEMAND_OWNERS[r.category] ?? DEFAULT_DEMAND_OWNER)!;
      const fields = demandFromCsl(r, now);
      return {
        ...fields,
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
    for (let i = 0; i < achievementRows.length; i += batch) {
      await tx.insert(achievements).values(achievementRows.slice(i, i + batch)).onConflictDoNothing();
    }
    for (let i = 0; i < demandRows.length; i += batch) {
      await tx.insert(demands).values(demandRows.slice(i, i + batch)).onConflictDoNothing();
    }
    for (const [organizationId, count] of byOrg) {
      await recordAudit(tx, ctx, { action: 'achievement.import', entityType: 'organization', entityId: organizationId, organizationId, after: { source: 'CSL', count } });
    }
  });
  return { achievements: achievementRows.length, demands: demandRows.length };
}

