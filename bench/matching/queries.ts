/**
 * The queries and relevance judgements of the matching-quality benchmark,
 * derived mechanically from the CSL records (protocol: bench/README.md,
 * "matching quality"). Nothing here knows about any system under test: the
 * cue words that pick abstract sentences and the templates of T2 and T4 are
 * the protocol's own and fixed, and the templates are split so that dev
 * queries and test queries are worded differently (a system tuned on dev
 * cannot learn the test wording).
 */
import fs from 'node:fs';
import { normalizeText } from '../../apps/server/src/platform/text.ts';

export type Split = 'dev' | 'test';
export type TaskName = 'T1' | 'T2' | 'T3' | 'T4' | 'S1' | 'S2' | 'S3' | 'S4' | 'S5';
export const TASKS: TaskName[] = ['T1', 'T2', 'T3', 'T4'];

export type CslRecord = {
  id: string;
  split: string;
  title: string;
  abstract: string;
  keywords: string[];
  discipline: string;
  category: string;
};

/** A demand as the platform receives it: a title, a description, keywords (any may be empty). */
export type DemandText = { title: string; description: string; keywords: string[] };

export type Query = {
  task: TaskName;
  split: Split;
  source: string;
  demand: DemandText;
  /** The demand as one text (title, description, keywords), what a plain search box gets. */
  text: string;
  /** Record id → grade (1–3); records not named are not relevant. */
  relevant: Map<string, number>;
  /** Ranked among the records indexed without their keywords (the styles S1–S5, judged by those keywords: styles.ts). */
  keywordsWithheld?: boolean;
};

export function readRecords(file: string): CslRecord[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as CslRecord);
}

/** A repeatable random source (mulberry32), seeded from a string. */
export function rng(seed: string) {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
  let s = h;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const a = items.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

const pick = <T>(items: readonly T[], random: () => number) => items[Math.floor(random() * items.length)]!;

/** A keyword as compared between records: normalised, without spaces. */
const keyOf = (k: string) => normalizeText(k).replace(/\s+/g, '');

/** Abstract sentences: at Chinese and Latin sentence ends (a '.' between digits is a decimal point). */
export function abstractSentences(text: string): string[] {
  return text
    .split(/(?<=[。！？；;!?])|(?<=[^\d]\.)(?=\D)|(?<=\d\.)(?=[^\d\s])/)
    .map((s) => s.trim().replace(/^(目的|方法|结果|结论|背景|摘要|意义)\s*[:：]\s*/, ''))
    .filter((s) => s.length >= 8);
}

/** Sentences that say what the work is for or what it achieved: the part of an abstract a demand would state. */
const AIM = /(目的|旨在|为了|为解决|针对|以期|以便|致力于|需要|亟待|难以|不足|问题)/;
const RESULT = /(结果表明|结果显示|表明|显示|实现了?|提高了?|降低了?|减少了?|改善了?|有效|能够|可以|可有效|显著)/;

/** T3's demand text: up to 3 aim/result sentences of the abstract, in order (the first two sentences if none qualify). */
export function demandFromAbstract(abstract: string): string | null {
  const all = abstractSentences(abstract);
  if (!all.length) return null;
  let chosen = all.filter((s) => AIM.test(s) || RESULT.test(s)).slice(0, 3);
  if (!chosen.length) chosen = all.slice(0, 2);
  const text = chosen.map((s) => (/[。！？.!?；;]$/.test(s) ? s : `${s}。`)).join('');
  return text.length >= 20 ? text : null;
}

/** Templates, half for dev queries and half for test queries. */
const T2_TEMPLATES: Record<Split, ((k: string) => string)[]> = {
  dev: [(k) => `寻求${k}相关技术`, (k) => `征集${k}方面的技术成果`],
  test: [(k) => `需要${k}相关技术`, (k) => `${k}技术合作需求`],
};
type Background = { year: number; city: string; product: string; staff: number; money: number };
const BACKGROUNDS: Record<Split, ((b: Background) => string)[]> = {
  dev: [
    (b) => `我公司成立于${b.year}年，位于${b.city}，主营${b.product}等产品。`,
    (b) => `本企业创建于${b.year}年，是一家${b.city}的民营科技企业，主要从事${b.product}相关业务。`,
    (b) => `${b.city}某有限公司现有员工${b.staff}人，年产值约${b.money}亿元，主导产品为${b.product}。`,
  ],
  test: [
    (b) => `我公司成立于${b.year}年，地处${b.city}，主要生产${b.product}等产品。`,
    (b) => `我们是${b.city}一家专注于${b.product}的高新技术企业，成立于${b.year}年。`,
    (b) => `公司注册资本${b.money}千万元，坐落于${b.city}，主营业务包括${b.product}。`,
  ],
};
const REQUESTS: Record<Split, string[]> = {
  dev: ['希望与高校合作解决上述问题。', '现寻求高校或科研院所的技术支持。'],
  test: ['希望与高校合作解决上述问题。', '欢迎有相关技术成果的单位联系洽谈。'],
};
const CITIES = ['沈阳', '大连', '威海', '青岛', '苏州', '无锡', '宁波', '温州', '佛山', '东莞', '合肥', '芜湖', '长沙', '株洲', '成都', '绵阳', '西安', '宝鸡', '郑州', '洛阳'];

/** The graded relevance judgements need, per record, its keyword set and its text. */
export class Judge {
  readonly byId = new Map<string, CslRecord>();
  private keywords = new Map<string, Set<string>>();
  private text = new Map<string, string>();
  /** Keyword → records naming it. */
  private named = new Map<string, string[]>();

  constructor(readonly records: CslRecord[]) {
    for (const r of records) {
      this.byId.set(r.id, r);
      const ks = new Set(r.keywords.map(keyOf).filter((k) => k.length >= 2));
      this.keywords.set(r.id, ks);
      this.text.set(r.id, normalizeText(`${r.title} ${r.abstract}`).replace(/\s+/g, ''));
      for (const k of ks) {
        const list = this.named.get(k) ?? [];
        list.push(r.id);
        this.named.set(k, list);
      }
    }
  }

  keywordsOf(id: string) {
    return this.keywords.get(id)!;
  }

  namedBy(k: string) {
    return this.named.get(k) ?? [];
  }

  /** Title and abstract, normalised, without spaces. */
  textOf(id: string) {
    return this.text.get(id)!;
  }

  /** T2: records naming the keyword (2); records of the source's discipline whose title or abstract contains it (1). */
  keywordRelevance(k: string, discipline: string) {
    const rel = new Map<string, number>();
    for (const r of this.records) {
      if (this.keywords.get(r.id)!.has(k)) rel.set(r.id, 2);
      else if (r.discipline === discipline && this.text.get(r.id)!.includes(k)) rel.set(r.id, 1);
    }
    return rel;
  }

  /** T3/T4: the source (3); records sharing ≥ 2 keywords with it (2); 1 keyword and the same discipline (1). */
  sourceRelevance(source: CslRecord) {
    const rel = new Map<string, number>();
    const mine = this.keywords.get(source.id)!;
    const shared = new Map<string, number>();
    for (const k of mine) for (const id of this.namedBy(k)) if (id !== source.id) shared.set(id, (shared.get(id) ?? 0) + 1);
    for (const [id, n] of shared) {
      if (n >= 2) rel.set(id, 2);
      else if (this.byId.get(id)!.discipline === source.discipline) rel.set(id, 1);
    }
    rel.set(source.id, 3);
    return rel;
  }
}

const joinText = (d: DemandText) => [d.title, d.description, d.keywords.join(' ')].filter(Boolean).join(' ');

/** `perTask` queries of each task from the records of a split, repeatable for a seed. */
export function buildQueries(judge: Judge, split: Split, perTask: number, seed: string): Query[] {
  const sources = judge.records.filter((r) => r.split === split);
  const out: Query[] = [];
  const make = (task: TaskName, source: CslRecord, demand: DemandText, relevant: Map<string, number>): Query => ({
    task,
    split,
    source: source.id,
    demand,
    text: joinText(demand),
    relevant,
  });

  // T1 known item: the title.
  {
    const random = rng(`${seed}/${split}/T1`);
    for (const r of shuffled(sources, random).slice(0, perTask))
      out.push(make('T1', r, { title: r.title, description: '', keywords: [] }, new Map([[r.id, 3]])));
  }
  // T2 one keyword of the source, named by 2–30 records; each keyword once.
  {
    const random = rng(`${seed}/${split}/T2`);
    const used = new Set<string>();
    let n = 0;
    for (const r of shuffled(sources, random)) {
      if (n >= perTask) break;
      const ks = [...judge.keywordsOf(r.id)].filter((k) => !used.has(k) && judge.namedBy(k).length >= 2 && judge.namedBy(k).length <= 30);
      if (!ks.length) continue;
      const k = pick(ks, random);
      used.add(k);
      const title = pick(T2_TEMPLATES[split], random)(k);
      out.push(make('T2', r, { title, description: '', keywords: [] }, judge.keywordRelevance(k, r.discipline)));
      n++;
    }
  }
  // T3 description demand and T4 the same with an SME's background and request around it (same sources).
  {
    const random = rng(`${seed}/${split}/T3`);
    const noise = rng(`${seed}/${split}/T4`);
    let n = 0;
    for (const r of shuffled(sources, random)) {
      if (n >= perTask) break;
      const description = demandFromAbstract(r.abstract);
      if (!description) continue;
      const relevant = judge.sourceRelevance(r);
      out.push(make('T3', r, { title: '', description, keywords: [] }, relevant));
      let other = pick(judge.records, noise);
      while (other.id === r.id) other = pick(judge.records, noise);
      const background = pick(BACKGROUNDS[split], noise)({
        year: 1985 + Math.floor(noise() * 36),
        city: pick(CITIES, noise),
        product: other.title,
        staff: 20 + Math.floor(noise() * 980),
        money: 1 + Math.floor(noise() * 20),
      });
      const request = pick(REQUESTS[split], noise);
      out.push(make('T4', r, { title: '', description: `${background}${description}${request}`, keywords: [] }, relevant));
      n++;
    }
  }
  return out;
}
