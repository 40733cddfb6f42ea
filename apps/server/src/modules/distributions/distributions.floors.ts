import { regionChain, shanghaiToday, type DistributionBasis, type DistributionRole } from '@kzt/shared';
import type { Executor } from '../../db/client.ts';
import { findJurisdiction } from '../jurisdictions/jurisdictions.service.ts';
import { incomeFloorsFor } from '../policy/policy.service.ts';

/**
 * The statutory floors (陕西 002 item 11) are the policy module's
 * `income_floor` rules, jurisdiction data with their source, versioned with
 * their pack: this module asks `incomeFloorsFor` and keeps no copy. What it
 * adds is how each case of the law reads on a plan: the basis a plan states
 * and the roles whose shares count towards the floor.
 */
const CASES: Record<string, { basis: DistributionBasis; roles: DistributionRole[] }> = {
  /** 成果完成人自行转化的，享有收益比例不低于80%. */
  self_conversion: { basis: 'self_conversion', roles: ['completer'] },
  /** 2年内未转化…挂牌交易、拍卖…不低于70%转化净收益奖励给成果完成人和为成果转化做出贡献的人员. */
  unconverted_two_years: { basis: 'listed_after_unconverted', roles: ['completer', 'contributor'] },
};

export type Floor = {
  /** The policy rule's id. */
  id: string;
  jurisdictionCode: string;
  basis: DistributionBasis;
  roles: DistributionRole[];
  minBp: number;
  title: string;
  source: { file: string; item: string; quote: string };
  /** How a refusal names the rule: the jurisdiction, the document, the item and the rule's title. */
  label: string;
};

/** GB/T 2260 parents of a region code: 610102 → 610000, 610100, 610102. */
function codeAncestors(region: string): string[] {
  const chain = regionChain(region);
  return chain.length ? chain : [region];
}

/**
 * The region and every jurisdiction above it: the tree the jurisdictions
 * module keeps when it knows the region, and the code's own structure
 * (province, city) in any case.
 */
export async function jurisdictionChain(db: Executor, region: string): Promise<{ codes: string[]; path: string; known: string | null }> {
  const structural = codeAncestors(region);
  let j = await findJurisdiction(db, region);
  // A region the tree does not hold (a district, a city not yet created) is placed at its nearest known ancestor.
  for (const code of [...structural].reverse()) {
    if (j) break;
    j = await findJurisdiction(db, code);
  }
  const fromTree = j ? j.path.split('/') : [];
  return { codes: [...new Set([...fromTree, ...structural])], path: j && j.code === region ? j.path : structural.join('/'), known: j?.code ?? null };
}

/** The floors that hold for the seller's region (its jurisdiction and every one above it) on a date (default today, Beijing). */
export async function floorsFor(db: Executor, region: string, date: string = shanghaiToday()): Promise<Floor[]> {
  const rules = await incomeFloorsFor(db, region, date);
  const names = new Map<string, string>();
  const floors: Floor[] = [];
  for (const r of rules) {
    const c = CASES[r.case];
    if (!c) continue;
    if (!names.has(r.jurisdiction)) names.set(r.jurisdiction, (await findJurisdiction(db, r.jurisdiction))?.name ?? r.jurisdiction);
    const doc = r.source.file.split('_')[0] ?? r.source.file;
    const item = `${names.get(r.jurisdiction)} ${doc} 第 ${r.source.item} 条`;
    floors.push({ id: r.rule, jurisdictionCode: r.jurisdiction, ...c, minBp: r.floorBp, title: r.title, source: { file: r.source.file, item, quote: r.source.quote }, label: `${item}「${r.title}」` });
  }
  return floors;
}

export const presentFloor = (f: Floor) => ({ id: f.id, jurisdictionCode: f.jurisdictionCode, basis: f.basis, roles: f.roles, minBp: f.minBp, source: f.source });
