import { beforeAll, describe, expect, it } from 'vitest';
import { isSearchWord, preciseCut, queryTokens } from '../../platform/search.ts';
import { normalizeText } from '../../platform/text.ts';
import { demandFromCsl, readCsl, type CslRecord } from '../../seedCatalogue.ts';
import { MatchIndex, TermCounts, demandQuery, demandTerms, recordTerms, type MatchDoc, type MatchHit } from './matching.engine.ts';

/**
 * Reasons a person can trust (issue 14), on the demo catalogue's real
 * records (the 4,758 CSL records of the seed): the keywords a match shows
 * are whole terms of both the demand and the record, and a demand for a
 * term ranks the records about that term above ones that only share its
 * parts.
 */

let records: CslRecord[] = [];
let ix: MatchIndex;
const text = new Map<string, string>();

function doc(r: CslRecord): MatchDoc {
  const head = `${r.title} ${r.keywords.join(' ')}`;
  return {
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
    wanted: null,
    terms: recordTerms(head, '', r.abstract),
    head: () => queryTokens(head),
  };
}

beforeAll(() => {
  records = readCsl();
  ix = new MatchIndex('achievement');
  for (const r of records) {
    ix.upsert(doc(r));
    text.set(r.id, normalizeText(`${r.title} ${r.keywords.join(' ')} ${r.abstract}`).replace(/\s+/g, ''));
  }
  ix.learnRelated();
  // The demo's demands are the asking side: the words most of them share weigh little.
  const now = new Date('2026-12-01T00:00:00Z');
  ix.askers = TermCounts.of(records.map((r) => demandTerms(demandFromCsl(r, now))));
}, 120_000);

const shown = (h: MatchHit) => h.reasons.filter((r) => r.kind === 'terms').flatMap((r) => r.terms ?? []);

describe('a demand for one technical term, on the demo catalogue', () => {
  it('ranks the metal-matrix composite records first and no filling material above them', () => {
    const holding = records.filter((r) => text.get(r.id)!.includes('金属基复合材料')).map((r) => r.id);
    expect(holding.length).toBeGreaterThanOrEqual(3);
    for (const demand of [{ title: '金属基复合材料' }, { title: '征集金属基复合材料相关技术', description: '我公司在金属基复合材料的界面方面存在技术难题，希望与高校合作。' }]) {
      const hits = ix.match(demandQuery(demand), { limit: 10, now: 0 });
      const first = hits.slice(0, holding.length).map((h) => h.id);
      expect(new Set(first)).toEqual(new Set(holding));
      for (const h of hits.slice(0, holding.length)) expect(shown(h)).toContain('金属基复合材料');
      // Records holding only parts (复合材料, 材料, 基) show no fragment of the term and score well below.
      for (const h of hits.slice(holding.length)) {
        for (const t of shown(h)) expect(['金属', '基', '材料', '复合', '基复合', '金属基']).not.toContain(t);
        expect(h.score).toBeLessThan(hits[0]!.score);
      }
      const filling = hits.findIndex((h) => /充填|煤矸石|填充/.test(text.get(h.id)!));
      if (filling >= 0) expect(filling).toBeGreaterThanOrEqual(holding.length);
    }
  });
});

describe('the keywords shown for the demo demands', () => {
  it('are whole terms held by both sides: no single character, number, unit or letter pair, no word most demands share', () => {
    const now = new Date('2026-12-01T00:00:00Z');
    const sample = records.filter((_, i) => i % 40 === 0);
    let named = 0;
    for (const r of sample) {
      const d = demandFromCsl(r, now);
      const asked = normalizeText(`${d.title} ${d.keywords.join(' ')} ${d.description}`).replace(/\s+/g, '');
      for (const h of ix.match(demandQuery(d), { limit: 5, now: 0 })) {
        for (const t of shown(h)) {
          named++;
          const norm = normalizeText(t).replace(/\s+/g, '');
          const han = (norm.match(/\p{Script=Han}/gu) ?? []).length;
          const letters = (norm.match(/\p{L}/gu) ?? []).length;
          expect(han >= 2 || (han === 0 && letters >= 3), `${t} (${h.id})`).toBe(true);
          expect(norm).not.toMatch(/^[\d.]+(mah|mm|cm|kg|mg|ml|kv|kw|mpa|%)?$/i);
          expect(asked, `${t} is not in the demand`).toContain(norm);
          // The index holds a record's words, not where they stand: every word of the term is in the record.
          for (const w of preciseCut(norm).filter(isSearchWord)) expect(text.get(h.id), `${w} of ${t} is not in ${h.id}`).toContain(w);
          for (const generic of ['高校', '科研院所', '合作', '技术', '引进', '需求', '解决方案', '工程化', '指标']) expect(norm).not.toBe(generic);
        }
      }
    }
    expect(named).toBeGreaterThan(100);
  });
});

describe('the score shown (匹配度)', () => {
  it('puts a record holding the term asked for far above one holding a part of it, whether the term is typed alone or inside sentences', () => {
    for (const demand of [{ title: '金属基复合材料' }, { title: '技术需求', description: '我公司成立于2010年，希望引进金属基复合材料方面的成熟技术，与高校开展合作。' }]) {
      const hits = ix.match(demandQuery(demand), { limit: 30, now: 0 });
      const whole = hits.find((h) => text.get(h.id)!.includes('金属基复合材料'))!;
      // Held in part: 复合材料 without 金属 (the index knows a record's words, not whether they stand together).
      const part = hits.find((h) => !text.get(h.id)!.includes('金属'))!;
      expect(hits[0]!.id).toBe(whole.id);
      expect(part.score).toBeLessThan(whole.score * 0.7);
      // Inside a sentence too the term is shown whole, not as 复合材料、金属.
      expect(shown(whole)).toContain('金属基复合材料');
      expect(shown(whole)).not.toContain('金属');
    }
  });

  // On the benchmark's dev demands (bench/RESULTS.md, issue 14, "the score shown for terms in sentences"): of the records in
  // a description-only demand's first 10 holding every term it named, 0.90 were relevant (the old score showed them 16 on
  // average); holding some of them, 0.50 (shown 9); holding the title's term but not the other term the sentences named, 0.47
  // (shown 70, as if it were all that was asked for).
  it('means for a term inside boilerplate sentences what it means for the term as the title', () => {
    const best = (demand: { title: string; description?: string }) => {
      const hits = ix.match(demandQuery(demand), { limit: 10, now: 0 });
      return new Map(hits.filter((h) => text.get(h.id)!.includes('金属基复合材料')).map((h) => [h.id, h.score]));
    };
    const title = best({ title: '金属基复合材料' });
    const sentence = best({ title: '技术需求', description: '我公司成立于2010年，希望引进金属基复合材料方面的成熟技术，与高校开展合作。' });
    expect(title.size).toBeGreaterThanOrEqual(3);
    // Every term the description names is held: about as sure as the title (it was 28 beside 92).
    for (const [id, score] of title) {
      expect(score).toBeGreaterThanOrEqual(60);
      expect(Math.abs(sentence.get(id)! - score), id).toBeLessThanOrEqual(15);
    }
    // The sentences name a second term the records do not hold: one of the two terms asked for (0.50 relevant on dev, 0.90 for both).
    const two = best({ title: '技术需求', description: '我公司成立于2010年，在激光熔覆方面存在技术难题，希望引进金属基复合材料方面的成熟技术，与高校开展合作。' });
    for (const [id, score] of sentence) if (!text.get(id)!.includes('激光熔覆')) expect(two.get(id)!, id).toBeLessThan(score - 15);
  });
});

describe('a demand in traditional characters about welding distortion (a first-time walk, 2026-12-07)', () => {
  const demand = {
    title: '高強度鋼焊接變形控制技術',
    keywords: ['焊接變形', '高強度鋼'],
    description: '我們需要控制高強度鋼（Q690）焊接變形，焊縫長度３０００ｍｍ，要求變形小於０．５ｍｍ。希望採用激光焊或攪拌摩擦焊。',
    cooperationModes: ['joint_development'],
  };

  it('shows no word of a phrase it asked for as a keyword on its own: 长度 of 焊缝长度, 搅拌 or 摩擦 of 搅拌摩擦焊, 激光 of 激光焊', () => {
    const hits = ix.match(demandQuery(demand), { limit: 30, now: 0 });
    const stirrer = hits.find((h) => /冰淇淋/.test(text.get(h.id)!));
    const girder = hits.find((h) => /桁梁/.test(text.get(h.id)!));
    expect(stirrer && girder).toBeTruthy();
    for (const h of hits) for (const t of shown(h)) expect(['长度', '搅拌', '摩擦', '激光', '焊'], `${t} (${h.id})`).not.toContain(t);
    // The phrase's specific word is still named (焊缝 of 焊缝长度３０００ｍｍ), and the keyword the record holds whole.
    expect(hits.some((h) => shown(h).includes('焊缝'))).toBe(true);
    // The record holding the keyword 焊接变形 whole (its own keyword too) comes first: the title's words no longer make one long
    // term no record holds, beside which holding 焊接变形 counted as holding a third of it.
    const monitoring = hits.find((h) => /智能全站仪/.test(text.get(h.id)!))!;
    expect(hits.indexOf(monitoring)).toBeLessThan(3);
    expect(shown(monitoring)).toEqual(['焊接變形']);
  });

  it('reads no maturity into joint development, and shows scores that never rise down the list', () => {
    const q = demandQuery(demand);
    expect(q.wanted).toBeNull();
    const hits = ix.match(q, { limit: 20, now: 0 });
    for (let i = 1; i < hits.length; i++) {
      expect(hits[i]!.score).toBeLessThanOrEqual(hits[i - 1]!.score);
      expect(hits[i]!.score).toBeLessThanOrEqual(hits[i]!.calibrated);
    }
    // Without the cap some would rise (the calibration is a model across queries, the order this query's ranking).
    expect(hits.some((h, i) => i > 0 && h.calibrated > hits[i - 1]!.calibrated)).toBe(true);
  });
});
