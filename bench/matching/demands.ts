/**
 * Demand queries for the matching-speed benchmark, derived mechanically from
 * the corpus (bench/corpus.ts) with a seeded random source: the title names a
 * keyword or two of one corpus record; the description is a company-background
 * sentence, two abstract sentences of another record and a goal sentence
 * naming the keywords again — the shape of a demand a company posts. The
 * templates are fixed here; nothing is tuned to any system under test.
 */
import type { TransferMode } from '@kzt/shared';
import { industryOf, stableHash } from '../../apps/server/src/seedCatalogue.ts';
import { recombine, sentences, type CslRecord } from '../corpus.ts';

export type SpeedDemand = {
  id: string;
  title: string;
  description: string;
  keywords: string[];
  industry: string;
  cooperationModes: TransferMode[];
  budgetMinFen: number | null;
  budgetMaxFen: number | null;
};

function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CITIES = ['太原', '晋中', '沈阳', '威海', '西安', '大连', '烟台', '宝鸡'];
const TITLES: ((a: string, b: string) => string)[] = [
  (a) => `征集${a}相关技术`,
  (a) => `${a}技术攻关需求`,
  (a, b) => `寻求${a}与${b}技术合作`,
  (a) => `${a}关键技术研发`,
  (a, b) => `${a}、${b}技术需求`,
];
const BACKGROUNDS: ((d: string, city: string, n: number) => string)[] = [
  (d, _c, n) => `我公司成立于${2000 + (n % 24)}年，是一家从事${d}相关产品研发与生产的高新技术企业，年产值约${1 + (n % 30)}亿元。`,
  (d, c, n) => `本企业位于${c}，主营${d}领域的产品与服务，现有员工${50 + (n % 900)}人。`,
  (d, c) => `我单位是${c}的一家民营企业，长期从事${d}方面的生产经营。`,
];
const GOALS: ((a: string, b: string) => string)[] = [
  (a) => `希望与高校或科研院所合作，解决${a}方面的技术难题，提升产品性能。`,
  (a) => `拟引进${a}相关的成熟技术，实现产业化应用。`,
  (a, b) => `需要在${a}和${b}方面取得突破，欢迎有相关成果的团队联系。`,
];
const MODES: TransferMode[][] = [[], ['joint_development'], ['transfer', 'licence'], ['use_first_pay_later', 'equity']];

/** `count` demands, the same for the same `salt`, N and records. */
export function speedDemands(records: CslRecord[], N: number, count: number, salt: string): SpeedDemand[] {
  const random = mulberry32(stableHash(`speed-demands:${salt}`));
  const out: SpeedDemand[] = [];
  while (out.length < count) {
    const a = recombine(records, Math.floor(random() * N));
    const b = recombine(records, Math.floor(random() * N));
    const kws = a.keywords.filter((k) => k.length >= 2 && k.length <= 12);
    const pool = sentences(b.abstract);
    if (!kws.length || pool.length < 2) continue;
    const n = Math.floor(random() * 1e9);
    const k1 = kws[n % kws.length]!;
    const k2 = kws[(n + 1) % kws.length]!;
    const s = Math.floor(random() * (pool.length - 1));
    const budget = n % 3 === 0 ? null : (10 + (n % 490)) * 10_000 * 100;
    out.push({
      id: `speed-demand-${salt}-${out.length}`,
      title: TITLES[n % TITLES.length]!(k1, k2),
      description: [BACKGROUNDS[(n >>> 3) % BACKGROUNDS.length]!(a.discipline, CITIES[(n >>> 5) % CITIES.length]!, n), pool[s], pool[s + 1], GOALS[(n >>> 7) % GOALS.length]!(k1, k2)].join(''),
      keywords: [...new Set([k1, k2])].slice(0, 1 + (n % 2)),
      industry: industryOf(a.discipline),
      cooperationModes: MODES[(n >>> 9) % MODES.length]!,
      budgetMinFen: budget && budget / 2,
      budgetMaxFen: budget,
    });
  }
  return out;
}

/** The demand as one text (title, description, keywords): what a plain search engine gets. */
export const demandText = (d: SpeedDemand) => `${d.title}。${d.description}${d.keywords.join('，')}`;
