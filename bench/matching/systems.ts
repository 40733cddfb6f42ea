/**
 * The systems compared by the matching-quality benchmark. Every one of them
 * gets the same jieba tokens (apps/server/src/platform/search.ts:
 * indexTokens for records, queryTokens for queries) and the same fields
 * (title and keywords weighed 1, abstract 0.2, as the platform's search
 * vector weighs A and C), so the comparison is about ranking, not about
 * Chinese segmentation.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Document } from 'flexsearch';
import MiniSearch from 'minisearch';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import stopwords from 'stopwords-iso' with { type: 'json' };
import { MatchIndex, demandQuery, recordTerms, type MatchDoc, type MatchQuery } from '../../apps/server/src/modules/matching/matching.engine.ts';
import { ROLE_WEIGHT, describeIntent } from '../../apps/server/src/modules/matching/matching.intent.ts';
import { RelatedTerms, type RelatedOptions } from '../../apps/server/src/modules/matching/matching.terms.ts';
import { TermCounts, type TermShares } from '../../apps/server/src/modules/matching/matching.engine.common.ts';
import { indexTokens, queryTokens } from '../../apps/server/src/platform/search.ts';
import type { CslRecord, DemandText, Query } from './queries.ts';

export type System = {
  name: string;
  /** The ids of the first `k` records for a query (everything from the raw demand text on, tokenising included). */
  search(q: Query, k: number): string[] | Promise<string[]>;
  close?(): Promise<void>;
};

const tokenCache = new Map<string, string[]>();
/** indexTokens, remembered: every system indexes the same texts. */
export function docTokens(text: string): string[] {
  let t = tokenCache.get(text);
  if (!t) tokenCache.set(text, (t = indexTokens(text)));
  return t;
}

/**
 * A demand's tokens for a plain search engine: queryTokens sentence by
 * sentence, without duplicates. (queryTokens alone keeps the first 500
 * characters and 32 tokens — a catalogue search box's limit — which would
 * cut a long demand short and handicap the baselines.)
 */
export function baselineQueryTokens(text: string, tokenizer: QueryTokenizer = 'query', drop?: Set<string>): string[] {
  const out = new Set<string>();
  for (const s of text.split(/(?<=[。！？；;!?\n])/)) for (const t of tokenizer === 'query' ? queryTokens(s) : indexTokens(s)) if (!drop?.has(t)) out.add(t);
  return [...out];
}

/**
 * The engine's own list of words every demand uses to ask (GENERIC in
 * matching.engine.query.ts), read from its source: a diagnostic baseline option
 * (`generic: true`) that shows how much of the engine's lead that list makes.
 */
export function engineGenericWords(): Set<string> {
  const src = fs.readFileSync(path.resolve(import.meta.dirname, '../../apps/server/src/modules/matching/matching.engine.query.ts'), 'utf8');
  const m = /const GENERIC = new Set\(\s*'([^']+)'/.exec(src);
  return new Set(m ? m[1]!.split(' ') : []);
}

/** How a baseline cuts a query: queryTokens (precise mode, the platform's choice for queries) or indexTokens (search mode, as records are cut). */
export type QueryTokenizer = 'query' | 'index';

const head = (r: CslRecord) => `${r.title} ${r.keywords.join(' ')}`;

// ---------------------------------------------------------------- our engine

export type EngineVariant = {
  name: string;
  /** Related terms on (default) or off. */
  expand?: boolean;
  /** Sentence roles weigh the description (default) or every sentence counts as 'plain'. */
  intent?: boolean;
  /** Options for learning related terms (default: matching.terms.ts defaults through index.learnRelated()). */
  related?: RelatedOptions;
};

export function engineDocs(records: CslRecord[]): MatchDoc[] {
  return records.map((r) => ({
    id: r.id,
    organizationId: 'org',
    jurisdictionPath: '',
    secret: false,
    stale: false,
    publishedAt: 0,
    industry: null,
    maturity: null,
    modes: [],
    priceFen: null,
    budgetMinFen: null,
    budgetMaxFen: null,
    terms: recordTerms(head(r), '', r.abstract),
    wanted: null,
    head: () => queryTokens(head(r)),
  }));
}

/** The engine's query for a demand; with `intent: false` every description sentence weighs as a 'plain' one. */
export function engineQuery(d: DemandText, intent = true): MatchQuery {
  if (intent) return demandQuery(d);
  const q = demandQuery({ ...d, description: '' });
  for (const s of describeIntent(d.description)) {
    for (const t of indexTokens(s.text)) q.terms.set(t, Math.min(3, (q.terms.get(t) ?? 0) + ROLE_WEIGHT.plain));
  }
  return q;
}

/** The demand side of the corpus, counted as the platform's demand index counts its records' search tokens: the engine learns from it which words demands share. */
export function askersOf(index: { askers: TermShares | null }, demands: readonly DemandText[]) {
  index.askers = demands.length ? TermCounts.of(demands.map((d) => indexTokens([d.title, ...d.keywords, d.description].join(' ')))) : null;
}

export function buildEngine(records: CslRecord[], docs = engineDocs(records), demands: readonly DemandText[] = []) {
  const index = new MatchIndex('achievement');
  for (const d of docs) index.upsert(d);
  index.learnRelated();
  askersOf(index, demands);
  return index;
}

export function engineSystem(index: MatchIndex, records: CslRecord[], v: EngineVariant): System {
  let related = index.related;
  if (v.related) related = RelatedTerms.learn(records.map((r) => queryTokens(head(r))), records.length, v.related);
  return {
    name: v.name,
    search(q, k) {
      const saved = index.related;
      index.related = related;
      try {
        return index.match(engineQuery(q.demand, v.intent !== false), { limit: k, expand: v.expand !== false, now: 0 }).map((h) => h.id);
      } finally {
        index.related = saved;
      }
    },
  };
}

// ---------------------------------------------------------------- MiniSearch

export type MiniOptions = { tokenizer?: QueryTokenizer; generic?: boolean; abstractBoost?: number; bm25?: { k: number; b: number; d: number } };

export function miniSearchSystem(records: CslRecord[], o: MiniOptions = {}, name = 'MiniSearch'): System {
  const ms = new MiniSearch<{ id: string; title: string; keywords: string; abstract: string }>({
    fields: ['title', 'keywords', 'abstract'],
    tokenize: (text) => docTokens(text),
    processTerm: (t) => t,
    searchOptions: {
      boost: { title: 1, keywords: 1, abstract: o.abstractBoost ?? 0.2 },
      combineWith: 'OR',
      prefix: false,
      fuzzy: false,
      ...(o.bm25 ? { bm25: o.bm25 } : {}),
    },
  });
  ms.addAll(records.map((r) => ({ id: r.id, title: r.title, keywords: r.keywords.join(' '), abstract: r.abstract })));
  const drop = o.generic ? engineGenericWords() : undefined;
  return {
    name,
    search(q, k) {
      const tokens = baselineQueryTokens(q.text, o.tokenizer, drop);
      if (!tokens.length) return [];
      return ms
        .search(tokens.join(' '), { tokenize: (s) => s.split(' ') })
        .slice(0, k)
        .map((r) => r.id as string);
    },
  };
}

// ---------------------------------------------------------------- FlexSearch

export type FlexOptions = { tokenizer?: QueryTokenizer; generic?: boolean; resolution?: number; context?: boolean; abstractBoost?: number };

export function flexSearchSystem(records: CslRecord[], o: FlexOptions = {}, name = 'FlexSearch'): System {
  // Records and queries arrive as space-joined jieba tokens; the encoder only splits them.
  const encoder = { encode: (s: string) => s.split(' ').filter(Boolean) };
  const resolution = o.resolution ?? 9;
  const field = (f: string) => ({
    field: f,
    tokenize: 'strict' as const,
    resolution,
    encoder,
    ...(o.context ? { context: { depth: 1, bidirectional: true, resolution: Math.min(resolution, 3) } } : {}),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const index = new (Document as any)({ document: { id: 'id', index: [field('title'), field('keywords'), field('abstract')] } });
  for (const r of records)
    index.add({ id: r.id, title: docTokens(r.title).join(' '), keywords: docTokens(r.keywords.join(' ')).join(' '), abstract: docTokens(r.abstract).join(' ') });
  const boosts: Record<string, number> = { title: 1, keywords: 1, abstract: o.abstractBoost ?? 0.2 };
  const drop = o.generic ? engineGenericWords() : undefined;
  return {
    name,
    search(q, k) {
      const tokens = baselineQueryTokens(q.text, o.tokenizer, drop);
      if (!tokens.length) return [];
      const query = tokens.join(' ');
      // Each field's ranked list (FlexSearch ranks by how many query terms a record has and how early), merged with the fields' boosts.
      const results: { field: string; result: (string | number)[] }[] = index.search(query, { suggest: true, limit: Math.max(100, k * 10) });
      const score = new Map<string, number>();
      for (const { field: f, result } of results) {
        result.forEach((id, i) => score.set(String(id), (score.get(String(id)) ?? 0) + boosts[f]! / (i + 1)));
      }
      return [...score.entries()]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, k)
        .map(([id]) => id);
    },
  };
}

// ---------------------------------------------------------------- a plain BM25 with a stop list

export type PlainOptions = { tokenizer?: QueryTokenizer; generic?: boolean; k1?: number; b?: number; abstractBoost?: number };

/** A published stop list (stopwords-iso: 794 Chinese and 1,298 English words), what a newcomer writing BM25 would take. */
const STOP_LIST = new Set<string>([...(stopwords as Record<string, string[]>).zh!, ...(stopwords as Record<string, string[]>).en!]);

/**
 * A plain BM25 (Robertson/Spärck Jones idf, k1 1.2, b 0.75) over one field
 * holding the record's jieba tokens (title and keywords, then the abstract,
 * whose occurrences count `abstractBoost` each: 1 is the plain case), the
 * stop list dropped from records and queries; the query's distinct tokens
 * summed.
 */
export function plainBm25System(records: CslRecord[], o: PlainOptions = {}, name = 'BM25 + stop list'): System {
  const k1 = o.k1 ?? 1.2;
  const b = o.b ?? 0.75;
  const boost = o.abstractBoost ?? 1;
  const postings = new Map<string, { docs: number[]; tf: number[] }>();
  const lengths = new Float64Array(records.length);
  records.forEach((r, d) => {
    const tf = new Map<string, number>();
    for (const [text, w] of [[head(r), 1], [r.abstract, boost]] as const)
      for (const t of docTokens(text)) if (!STOP_LIST.has(t)) tf.set(t, (tf.get(t) ?? 0) + w);
    for (const [t, f] of tf) {
      let p = postings.get(t);
      if (!p) postings.set(t, (p = { docs: [], tf: [] }));
      p.docs.push(d);
      p.tf.push(f);
      lengths[d] = lengths[d]! + f;
    }
  });
  const mean = lengths.reduce((a, x) => a + x, 0) / Math.max(1, records.length);
  const scores = new Float64Array(records.length);
  const drop = o.generic ? new Set([...STOP_LIST, ...engineGenericWords()]) : STOP_LIST;
  return {
    name,
    search(q, k) {
      const touched: number[] = [];
      for (const t of baselineQueryTokens(q.text, o.tokenizer, drop)) {
        const p = postings.get(t);
        if (!p) continue;
        const idf = Math.log(1 + (records.length - p.docs.length + 0.5) / (p.docs.length + 0.5));
        p.docs.forEach((d, i) => {
          const f = p.tf[i]!;
          if (scores[d] === 0) touched.push(d);
          scores[d]! += (idf * f * (k1 + 1)) / (f + k1 * (1 - b + (b * lengths[d]!) / mean));
        });
      }
      const ranked = touched.sort((x, y) => scores[y]! - scores[x]! || x - y).slice(0, k);
      const ids = ranked.map((d) => records[d]!.id);
      for (const d of touched) scores[d] = 0;
      return ids;
    },
  };
}

// ---------------------------------------------------------------- PostgreSQL full-text search

type Sql = { query<T>(text: string, params?: unknown[]): Promise<{ rows: T[] }>; close(): Promise<void> };

export type PgOptions = { tokenizer?: QueryTokenizer; generic?: boolean; normalization?: number; rank?: 'ts_rank_cd' | 'ts_rank' };

const lexeme = (t: string) => `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/** PostgreSQL full-text search: a weighted tsvector (A title and keywords, C abstract) of the jieba tokens, an OR query, ts_rank_cd. */
export async function postgresSystem(records: CslRecord[], target: 'pglite' | string, o: PgOptions = {}, name?: string): Promise<System> {
  let db: Sql;
  if (target === 'pglite') {
    const lite = new PGlite();
    db = { query: (text, params) => lite.query(text, params as never[]) as never, close: () => lite.close() };
  } else {
    const client = new pg.Client({ connectionString: target });
    await client.connect();
    db = { query: (text, params) => client.query(text, params as never[]) as never, close: () => client.end() };
  }
  // A temporary table: nothing is left behind on a real server.
  await db.query(`create temporary table bench_match (id text primary key, v tsvector not null)`);
  const rows = records.map((r) => ({ id: r.id, a: docTokens(head(r)).join(' '), c: docTokens(r.abstract).join(' ') }));
  for (let i = 0; i < rows.length; i += 1000) {
    await db.query(
      `insert into bench_match (id, v)
       select id, setweight(to_tsvector('simple', a), 'A') || setweight(to_tsvector('simple', c), 'C')
       from json_to_recordset($1::json) as x(id text, a text, c text)`,
      [JSON.stringify(rows.slice(i, i + 1000))],
    );
  }
  await db.query(`create index on bench_match using gin (v)`);
  await db.query(`analyze bench_match`);
  const rank = o.rank ?? 'ts_rank_cd';
  const drop = o.generic ? engineGenericWords() : undefined;
  const norm = o.normalization ?? 1;
  return {
    name: name ?? (target === 'pglite' ? 'PostgreSQL FTS (PGlite)' : 'PostgreSQL FTS (server)'),
    async search(q, k) {
      const tokens = baselineQueryTokens(q.text, o.tokenizer, drop);
      if (!tokens.length) return [];
      const tsq = tokens.map(lexeme).join(' | ');
      const { rows } = await db.query<{ id: string }>(
        `select id from bench_match, to_tsquery('simple', $1) q
         where v @@ q
         order by ${rank}('{0.1, 0.2, 0.4, 1.0}', v, q, ${norm}) desc, id
         limit ${k}`,
        [tsq],
      );
      return rows.map((r) => r.id);
    },
    close: () => db.close(),
  };
}
