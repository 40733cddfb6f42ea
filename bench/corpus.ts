/**
 * What the benchmarks share: the corpus recombined mechanically from the CSL
 * records, and the percentile used in every report.
 *
 * Record i < 4,758 is CSL record i itself (the demo seed); beyond that,
 * record i is built from three CSL records chosen by hashes of i: the first
 * half of one title and the second half of another, abstract sentences of
 * three records, keywords of two. Field values that the records lack come
 * from the demo seed's hash-based derivation (seedCatalogue.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { readCsl, stableHash, type CslRecord } from '../apps/server/src/seedCatalogue.ts';

export type { CslRecord };

/** The CSL records: ../shared/data/csl/records.jsonl when present, else the server's gzipped copy of the same file. */
export function readRecords(file = path.resolve(import.meta.dirname, '../../shared/data/csl/records.jsonl')): CslRecord[] {
  if (!fs.existsSync(file)) return readCsl();
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const { id, title, abstract, keywords, discipline, category } = JSON.parse(l) as CslRecord;
      return { id, title, abstract, keywords, discipline, category };
    });
}

/** Abstract sentences as the recombination cuts them. */
export const sentences = (s: string) => s.split(/(?<=[。；！？.;])/).filter((x) => x.trim().length > 4);

/** Record i of the corpus, built from three CSL records chosen by hashes of i. */
export function recombine(records: CslRecord[], i: number): CslRecord {
  const a = records[i % records.length]!;
  if (i < records.length) return a;
  const b = records[stableHash(`b${i}`) % records.length]!;
  const c = records[stableHash(`c${i}`) % records.length]!;
  const cut = Math.max(4, Math.floor(a.title.length / 2));
  return {
    id: `bench-${i}`,
    title: `${a.title.slice(0, cut)}${b.title.slice(Math.floor(b.title.length / 2))}`,
    abstract: [...sentences(a.abstract).slice(0, 2), ...sentences(b.abstract).slice(1, 3), ...sentences(c.abstract).slice(-1)].join(''),
    keywords: [...a.keywords.slice(0, 3), ...b.keywords.slice(0, 2)],
    discipline: a.discipline,
    category: a.category,
  };
}

/** The p-th percentile (nearest rank) of ascending values. */
export function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
