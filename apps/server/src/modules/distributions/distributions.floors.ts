import { regionChain } from '@kzt/shared';
import type { Db, Executor } from '../../db/client.ts';
import { findJurisdiction } from '../jurisdictions/jurisdictions.service.ts';
import { distributionRepository as repo, type FloorRow } from './distributions.repository.ts';

/**
 * The statutory floors as jurisdiction data (issue 15). Each keeps its
 * source: the seed file under shared/seeds, the item, and the sentence
 * quoted. A later policy-rules module takes these rows over unchanged.
 */
export const REFERENCE_FLOORS = [
  {
    id: '610000.self_conversion',
    jurisdictionCode: '610000',
    basis: 'self_conversion',
    roles: ['completer'],
    minBp: 8000,
    sourceFile: '002_9de4a09c2f9ce9e4.txt',
    sourceItem: '陕西 002 第 11 条',
    sourceQuote: '成果完成人自行转化的，享有收益比例不低于80%。',
  },
  {
    id: '610000.listed_after_unconverted',
    jurisdictionCode: '610000',
    basis: 'listed_after_unconverted',
    roles: ['completer', 'contributor'],
    minBp: 7000,
    sourceFile: '002_9de4a09c2f9ce9e4.txt',
    sourceItem: '陕西 002 第 11 条',
    sourceQuote: '科技成果2年内未转化的，采取挂牌交易、拍卖等方式实施转化，将不低于70%转化净收益奖励给成果完成人和为成果转化做出贡献的人员。',
  },
];

/** Inserted at every start (seed): a floor already there is left as it is. */
export async function ensureDistributionFloors(db: Db) {
  for (const f of REFERENCE_FLOORS) await repo.ensureFloor(db, f);
}

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

/** The floors of the seller's jurisdiction and every one above it. */
export async function floorsFor(db: Executor, region: string): Promise<FloorRow[]> {
  return repo.floorsIn(db, (await jurisdictionChain(db, region)).codes);
}

export const presentFloor = (f: FloorRow) => ({
  id: f.id,
  jurisdictionCode: f.jurisdictionCode,
  basis: f.basis,
  roles: f.roles,
  minBp: f.minBp,
  source: { file: f.sourceFile, item: f.sourceItem, quote: f.sourceQuote },
});
