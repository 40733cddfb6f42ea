/**
 * Not a benchmark: how high a lexical system can get on the styles S1–S5
 * (protocol: bench/README.md, "matching quality"). The records judged
 * relevant that hold one of the demand's terms (the source's keywords it
 * names) in their title or abstract — the only ones words can find, since
 * the records are indexed without their keywords — put in the order of
 * their grades, first to tenth: nDCG@10 of that ranking. Read beside the
 * goal (1.10 × the best baseline) to see how much of it words can reach.
 *
 *   npx tsx bench/matching/ceiling.ts [--splits dev,test] [--per-task 300] [--seed kzt-4]
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { normalizeText } from '../../apps/server/src/platform/text.ts';
import { K, f3, mean, ndcg } from './metrics.ts';
import { Judge, readRecords, type Split } from './queries.ts';
import { STYLES, buildStyleQueries } from './styles.ts';

const { values } = parseArgs({
  options: {
    splits: { type: 'string', default: 'dev,test' },
    'per-task': { type: 'string', default: '300' },
    seed: { type: 'string', default: 'kzt-4' },
    data: { type: 'string', default: path.resolve(import.meta.dirname, '../../../shared/data/csl/records.jsonl') },
  },
});

const judge = new Judge(readRecords(values.data!));
console.log(`| lexical ceiling, nDCG@10 | ${STYLES.join(' | ')} |\n|---|${STYLES.map(() => '---:').join('|')}|`);
for (const split of values.splits!.split(',') as Split[]) {
  const queries = buildStyleQueries(judge, split, Number(values['per-task']), values.seed!);
  const cells = STYLES.map((style) =>
    mean(
      queries
        .filter((q) => q.task === style)
        .map((q) => {
          const asked = normalizeText(q.text).replace(/\s+/g, '');
          const terms = [...judge.keywordsOf(q.source)].filter((k) => asked.includes(k));
          const findable = [...q.relevant].filter(([id]) => terms.some((t) => judge.textOf(id).includes(t))).sort((a, b) => b[1] - a[1]);
          return ndcg(findable.map(([id]) => id), q.relevant, K);
        }),
    ),
  );
  console.log(`| ${split} | ${cells.map(f3).join(' | ')} |`);
}
