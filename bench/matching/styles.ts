/**
 * The demands people actually type (protocol: bench/README.md, "matching
 * quality", tasks S1–S5): a title of one technical term, of two or three
 * terms, terms inside the sentences every demand carries, a demand with
 * only keywords. The terms are keywords of a source record; relevance comes
 * from the records' own keywords, so these tasks run on the records
 * indexed without their keywords (title and abstract only), for every
 * system alike.
 *
 * Templates are split: dev queries and test queries are worded differently
 * (titles, sentences, separators between terms), so a system tuned on dev
 * cannot learn the test wording. A seeded share of the queries of both
 * splits is written in traditional characters, or with full-width Latin
 * letters, digits and spaces.
 *
 * Also here: the demand side of the corpus — demands the platform would
 * hold besides the ones evaluated, made from the records outside dev and
 * test, worded as the dev templates, the speed benchmark's demands and the
 * demo seed's demands are (never as the test templates). A system may
 * learn from it which words demands share.
 */
import * as OpenCC from 'opencc-js';
import { demandFromCsl } from '../../apps/server/src/seedCatalogue.ts';
import { normalizeText } from '../../apps/server/src/platform/text.ts';
import { speedDemands } from './demands.ts';
import { Judge, demandFromAbstract, rng, type CslRecord, type DemandText, type Query, type Split } from './queries.ts';

export type StyleName = 'S1' | 'S2' | 'S3' | 'S4' | 'S5';
export const STYLES: StyleName[] = ['S1', 'S2', 'S3', 'S4', 'S5'];
export const STYLE_NAMES: Record<StyleName, string> = {
  S1: 'one term',
  S2: 'two terms',
  S3: 'three terms',
  S4: 'terms in boilerplate',
  S5: 'keywords only',
};

/** Firms ask for technology: the sources are records of the engineering, agricultural, medical and natural sciences. */
const TECHNICAL = new Set(['工学', '农学', '医学', '理学']);

const pick = <T>(items: readonly T[], random: () => number) => items[Math.floor(random() * items.length)]!;
function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const a = items.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** Separators between terms typed in one title box. */
const SEPARATORS: Record<Split, string[]> = {
  dev: [' ', '、', '，', ',', ' 与 ', '和', ' / '],
  test: [' ', '、', '；', '，', '及', '', '　', ' + '],
};

const joinTerms = (terms: string[], split: Split, random: () => number) => {
  const sep = pick(SEPARATORS[split], random);
  // Two terms joined by a conjunction read naturally; three take a list separator for the first ones.
  if (terms.length === 3 && /[与和及]/.test(sep)) return `${terms[0]}、${terms[1]}${sep}${terms[2]}`;
  return terms.join(sep);
};

type Boilerplate = { titles: ((a: string, b: string) => string)[]; openings: string[]; difficulties: ((a: string) => string)[]; requests: ((b: string) => string)[]; closings: string[] };
const BOILERPLATE: Record<Split, Boilerplate> = {
  dev: {
    titles: [(a) => `${a}技术需求`, (a) => `寻求${a}方面的技术合作`, (a) => `关于${a}的技术难题`, () => '企业技术需求', (a, b) => `${a}及${b}相关技术征集`],
    openings: ['我公司是一家以研发和生产为主的科技型企业。', '本单位长期从事相关产品的开发，近年来业务发展较快。', '我们是一家中小型制造企业，对新技术有迫切需求。', ''],
    difficulties: [
      (a) => `目前我公司在${a}方面存在技术难题，现有工艺难以满足生产要求。`,
      (a) => `企业在${a}环节遇到技术瓶颈，产品质量不够稳定。`,
      (a) => `由于缺乏${a}方面的核心技术，公司发展受到制约。`,
    ],
    requests: [
      (b) => `希望与高校、科研院所开展合作，引进${b}相关技术成果。`,
      (b) => `现寻求${b}方面的成熟技术或解决方案。`,
      (b) => `拟通过技术转让、合作开发等方式引进${b}技术。`,
    ],
    closings: ['具体合作方式可面议。', '欢迎有意向的单位与我们联系。', ''],
  },
  test: {
    titles: [(a) => `${a}相关技术需求`, (a) => `急需${a}技术`, () => '技术合作需求', (a) => `${a}技术难题求解`, (a, b) => `征求${a}、${b}解决方案`],
    openings: ['我司是一家专注于产品研发、生产和销售的民营企业。', '公司成立以来始终重视技术创新，目前正处于转型升级阶段。', '作为一家成长型企业，我们在技术储备上仍有不足。', ''],
    difficulties: [
      (a) => `我们在${a}方面遇到了较大的技术困难，亟需外部技术力量支持。`,
      (a) => `公司现有${a}技术水平较低，与行业先进水平存在差距。`,
      (a) => `在${a}这一环节，企业自身研发能力有限，一直未能取得突破。`,
    ],
    requests: [
      (b) => `诚邀掌握${b}技术的高校院所和专家团队开展产学研合作。`,
      (b) => `希望能够找到${b}领域的科技成果进行转化落地。`,
      (b) => `期待与在${b}方面有研究基础的团队共同攻关。`,
    ],
    closings: ['合作方式灵活，费用可协商。', '有相关成果者请尽快联系我们洽谈。', ''],
  },
};

/** Titles of a demand that has only keywords. */
const KEYWORD_TITLES: Record<Split, string[]> = {
  dev: ['技术需求', '寻求技术合作', '企业技术难题'],
  test: ['技术合作需求', '征集技术成果', '新技术引进需求'],
};

function boilerplate(terms: string[], split: Split, random: () => number): DemandText {
  const t = BOILERPLATE[split];
  const [a, b] = random() < 0.5 ? [terms[0]!, terms[1]!] : [terms[1]!, terms[0]!];
  const description = [pick(t.openings, random), pick(t.difficulties, random)(a), pick(t.requests, random)(b), pick(t.closings, random)].join('');
  return { title: pick(t.titles, random)(a, b), description, keywords: [] };
}

const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
/** Latin letters, digits and spaces as a full-width input method types them. */
const fullWidth = (s: string) => s.replace(/[A-Za-z0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).replace(/ /g, '\u3000');

/** A share of the demands as people also type them: 15 % in traditional characters, 10 % in full width. */
function typed(d: DemandText, random: () => number): DemandText {
  const x = random();
  const f = x < 0.15 ? toTraditional : x < 0.25 ? fullWidth : null;
  if (!f) return d;
  return { title: f(d.title), description: f(d.description), keywords: d.keywords.map(f) };
}

/** A keyword as compared between records: normalised, without spaces. */
const keyOf = (k: string) => normalizeText(k).replace(/\s+/g, '');

/** How many records' titles and abstracts hold a keyword (remembered). */
const inTexts = new Map<string, number>();
function textCount(judge: Judge, key: string) {
  let n = inTexts.get(key);
  if (n === undefined) {
    n = 0;
    for (const r of judge.records) if (judge.textOf(r.id).includes(key)) n++;
    inTexts.set(key, n);
  }
  return n;
}

/**
 * The keywords of a record a firm could type as a technical term: 2–12
 * characters without punctuation, named as a keyword by at most `most`
 * records, and in the titles and abstracts of at most 60 (1.3 %): 分析,
 * 设计, 性能, 优化 are words every abstract uses, not the name of a need.
 */
function termsOf(judge: Judge, r: CslRecord, most: number) {
  const seen = new Set<string>();
  return r.keywords.filter((k) => {
    const key = keyOf(k);
    if (seen.has(key) || key.length < 2 || key.length > 12 || /[\p{P}]/u.test(key.replace(/[-·]/g, '')) || judge.namedBy(key).length > most || textCount(judge, key) > 60) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Graded relevance of a demand naming `terms`: for one term, records naming
 * it as a keyword (2) and records of the source's discipline whose title or
 * abstract contains it (1), as T2; for several, records naming all of them
 * (3), naming two, or holding all in their title or abstract (2), naming one,
 * or of the source's discipline holding one in their text (1).
 */
export function termsRelevance(judge: Judge, terms: string[], discipline: string) {
  const keys = terms.map(keyOf);
  if (keys.length === 1) return judge.keywordRelevance(keys[0]!, discipline);
  const rel = new Map<string, number>();
  for (const r of judge.records) {
    const named = keys.filter((k) => judge.keywordsOf(r.id).has(k)).length;
    const text = judge.textOf(r.id);
    const inText = keys.filter((k) => text.includes(k)).length;
    const grade = named === keys.length ? 3 : named >= 2 || inText === keys.length ? 2 : named === 1 || (inText > 0 && r.discipline === discipline) ? 1 : 0;
    if (grade) rel.set(r.id, grade);
  }
  return rel;
}

/** `perTask` queries of each style from the technical records of a split, repeatable for a seed. */
export function buildStyleQueries(judge: Judge, split: Split, perTask: number, seed: string): Query[] {
  const sources = judge.records.filter((r) => r.split === split && TECHNICAL.has(r.category));
  const out: Query[] = [];
  const make = (task: StyleName, source: CslRecord, demand: DemandText, relevant: Map<string, number>): Query => ({
    task,
    split,
    source: source.id,
    demand,
    text: [demand.title, demand.description, demand.keywords.join(' ')].filter(Boolean).join(' '),
    relevant,
    keywordsWithheld: true,
  });
  const styles: [StyleName, number][] = [
    ['S1', 1],
    ['S2', 2],
    ['S3', 3],
    ['S4', 2],
    ['S5', 0],
  ];
  for (const [style, m] of styles) {
    const random = rng(`${seed}/${split}/${style}`);
    const used = new Set<string>();
    let n = 0;
    for (const r of shuffled(sources, random)) {
      if (n >= perTask) break;
      const count = m || 2 + Math.floor(random() * 2);
      const candidates = termsOf(judge, r, 30);
      // One term: named by 2–30 records, each term once; several: at least one named by another record too, each combination once.
      const eligible = count === 1 ? candidates.filter((k) => judge.namedBy(keyOf(k)).length >= 2 && !used.has(keyOf(k))) : candidates;
      if (eligible.length < count) continue;
      const terms = shuffled(eligible, random).slice(0, count);
      const key = terms.map(keyOf).sort().join('|');
      if (used.has(key) || (count > 1 && !terms.some((k) => judge.namedBy(keyOf(k)).length >= 2))) continue;
      used.add(key);
      let demand: DemandText;
      if (style === 'S4') demand = boilerplate(terms, split, random);
      else if (style === 'S5') demand = { title: pick(KEYWORD_TITLES[split], random), description: '', keywords: terms };
      else demand = { title: joinTerms(terms, split, random), description: '', keywords: [] };
      out.push(make(style, r, typed(demand, random), termsRelevance(judge, terms, r.discipline)));
      n++;
    }
  }
  return out;
}

/**
 * The demand side of the corpus: `count` demands made from the records that
 * are neither dev nor test, worded as the dev templates of every task, the
 * speed benchmark's demands and the demo seed's are, in equal shares. The
 * evaluated queries are not among them, and the test wording is not used.
 */
export function demandCorpus(judge: Judge, count: number, seed: string): DemandText[] {
  const rest = judge.records.filter((r) => r.split !== 'dev' && r.split !== 'test');
  const random = rng(`${seed}/demand-corpus`);
  const speed = speedDemands(rest, rest.length, Math.ceil(count / 6), `${seed}/corpus`);
  const now = new Date(0);
  const out: DemandText[] = [];
  for (let i = 0; out.length < count; i++) {
    const r = rest[Math.floor(random() * rest.length)]!;
    const terms = termsOf(judge, r, 1000);
    const kind = i % 6;
    if (kind === 0) {
      const s = speed[Math.floor(i / 6) % speed.length]!;
      out.push({ title: s.title, description: s.description, keywords: s.keywords });
    } else if (kind === 1) {
      const d = demandFromCsl(r, now);
      out.push({ title: d.title, description: d.description, keywords: d.keywords });
    } else if (kind === 2 && terms.length) {
      out.push({ title: pick([(k: string) => `寻求${k}相关技术`, (k: string) => `征集${k}方面的技术成果`], random)(terms[0]!), description: '', keywords: [] });
    } else if (kind === 3) {
      const text = demandFromAbstract(r.abstract);
      if (text) out.push({ title: '', description: `我公司成立于${1985 + Math.floor(random() * 36)}年，主营${pick(rest, random).title}等产品。${text}${pick(['希望与高校合作解决上述问题。', '现寻求高校或科研院所的技术支持。'], random)}`, keywords: [] });
    } else if (kind === 4 && terms.length >= 2) {
      out.push(boilerplate(terms, 'dev', random));
    } else if (kind === 5 && terms.length) {
      const some = terms.slice(0, 1 + Math.floor(random() * 3));
      out.push(random() < 0.3 ? { title: pick(KEYWORD_TITLES.dev, random), description: '', keywords: some } : { title: joinTerms(some, 'dev', random), description: '', keywords: [] });
    }
  }
  return out;
}
