import fs from 'node:fs';
import readline from 'node:readline';
import { z } from 'zod';
import { queryTokens } from '../platform/search.ts';
import { MatchIndex, TermCounts, demandTerms, recordTerms } from '../modules/matching/matching.engine.ts';
import { batchLines, type BatchDemand } from '../modules/matching/matching.parallel.ts';
import type { Lang } from '../platform/i18n.ts';

/**
 * `kzt match-batch`: the matching engine without a database. Achievements
 * and demands come as JSON lines; one line per demand goes out:
 * `{"demand": id, "matches": [{"achievement": id, "score": n, "reasons": [...]}]}`.
 * A broken line is reported on stderr with its file and line number and skipped.
 */

const text = z.string().max(100_000).catch('');
const words = z.array(z.coerce.string()).catch([]);
const idSchema = z.union([z.string().min(1).max(200), z.number()]).transform(String);
const achievementLine = z.object({
  id: idSchema,
  title: z.string().min(1).max(1000),
  summary: text.optional(),
  keywords: words.optional(),
  industry: z.string().max(10).nullable().catch(null).optional(),
  maturity: z.coerce.number().int().min(1).max(9).nullable().catch(null).optional(),
});
const demandLine = z.object({
  id: idSchema,
  title: z.string().min(1).max(1000),
  description: text.optional(),
  keywords: words.optional(),
  industry: z.string().max(10).nullable().catch(null).optional(),
});

type Report = (message: string) => void;

/** Reads JSON lines, yielding each valid record; broken ones are reported and skipped. */
async function* jsonLines<T>(file: string, schema: z.ZodType<T>, report: Report): AsyncGenerator<T> {
  const lines = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (!line.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      report(`${file}:${n}: 不是有效的 JSON（${(err as Error).message}），已跳过`);
      continue;
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      report(`${file}:${n}: 字段 ${issue.path.join('.') || '(整行)'} 无效（${issue.message}），已跳过`);
      continue;
    }
    yield parsed.data;
  }
}

/** `threads`: how many cores match (default all of them; matching.parallel.ts). */
export type MatchBatchOptions = { achievements: string; demands: string; top: number; out?: string; lang: Lang; threads?: number };

export async function matchBatch(opts: MatchBatchOptions, report: Report = (m) => process.stderr.write(`${m}\n`)) {
  for (const f of [opts.achievements, opts.demands]) if (!fs.existsSync(f)) throw new Error(`找不到文件：${f}`);
  const index = new MatchIndex('achievement');
  let achievements = 0;
  for await (const a of jsonLines(opts.achievements, achievementLine, report)) {
    const keywords = a.keywords ?? [];
    const head = `${a.title} ${keywords.join(' ')}`;
    index.upsert({
      id: a.id,
      organizationId: '',
      jurisdictionPath: '',
      secret: false,
      stale: false,
      publishedAt: 0,
      industry: a.industry ?? null,
      maturity: a.maturity ?? null,
      modes: [],
      priceFen: null,
      budgetMinFen: null,
      budgetMaxFen: null,
      wanted: null,
      terms: recordTerms(head, '', a.summary ?? ''),
      head: () => queryTokens(head),
    });
    achievements++;
  }
  index.learnRelated();
  index.trim();
  // The demands are the asking side: a first pass counts which words most of them share (they weigh little in each query).
  const asking = TermCounts.empty();
  for await (const d of jsonLines(opts.demands, demandLine, () => {})) asking.add(demandTerms(d));
  index.askers = asking;

  const out: NodeJS.WritableStream = opts.out ? fs.createWriteStream(opts.out) : process.stdout;
  let demands = 0;
  const demandLines: AsyncIterable<BatchDemand> = jsonLines(opts.demands, demandLine, report);
  for await (const line of batchLines(index, demandLines, { top: opts.top, lang: opts.lang, threads: opts.threads })) {
    if (!out.write(`${line}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    demands++;
  }
  if (opts.out) await new Promise<void>((resolve) => out.end(() => resolve()));
  return { achievements, demands };
}
