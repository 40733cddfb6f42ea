import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readCsl } from '../seedCatalogue.ts';

const run = promisify(execFile);
const bin = path.join(import.meta.dirname, '../../bin/kzt.mjs');

function files() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kzt-batch-'));
  const a = path.join(dir, 'A.jsonl');
  const d = path.join(dir, 'D.jsonl');
  fs.writeFileSync(
    a,
    [
      { id: 'a1', title: '铸件气孔缺陷机器视觉在线检测系统', summary: '工业相机与卷积神经网络检测铸件气孔。', keywords: ['机器视觉', '铸件'], maturity: 7, extra: { ignored: true } },
      { id: 'a2', title: '水稻抗倒伏高产栽培技术', keywords: ['水稻'] },
      { id: 'a3', title: '混凝土裂缝自修复材料', summary: '微生物诱导碳酸钙沉积修复混凝土裂缝。' },
    ]
      .map((x) => JSON.stringify(x))
      .join('\n') + '\n{"id": "a4", "title": \n',
  );
  fs.writeFileSync(
    d,
    [
      JSON.stringify({ id: 'd1', title: '铸件缺陷检测', description: '需要机器视觉检测铸件气孔', keywords: ['机器视觉'] }),
      JSON.stringify({ id: 'd2', description: '没有标题' }),
      '',
      JSON.stringify({ id: 7, title: '混凝土開裂修復', unknown: 1 }),
      JSON.stringify({ id: 'd3', title: '🚀🔥' }),
    ].join('\n'),
  );
  return { dir, a, d };
}

describe('npx kzt match-batch', () => {
  it('writes one line per demand with ranked achievements, reporting broken lines by number', async () => {
    const { dir, a, d } = files();
    const out = path.join(dir, 'out.jsonl');
    const { stderr } = await run(process.execPath, [bin, 'match-batch', '--achievements', a, '--demands', d, '--top', '2', '--out', out]);
    const lines = fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.demand)).toEqual(['d1', '7', 'd3']);
    expect(lines[0].matches[0]).toMatchObject({ achievement: 'a1' });
    expect(lines[0].matches[0].score).toBeGreaterThan(0);
    expect(lines[0].matches[0].reasons[0]).toMatch(/^共同关键词：.*机器视觉/);
    expect(lines[0].matches.length).toBeLessThanOrEqual(2);
    // Traditional script matches simplified.
    expect(lines[1].matches[0].achievement).toBe('a3');
    expect(lines[2].matches).toEqual([]);
    expect(stderr).toContain(`${a}:4:`);
    expect(stderr).toContain(`${d}:2: 字段 title`);
    expect(stderr).toMatch(/已匹配 3 条需求（成果 3 条）/);
  });

  it('writes the same lines, in the same order, on one core and on several', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kzt-batch-'));
    const records = readCsl();
    const a = path.join(dir, 'A.jsonl');
    const d = path.join(dir, 'D.jsonl');
    fs.writeFileSync(a, records.slice(0, 1500).map((r) => JSON.stringify({ id: r.id, title: r.title, summary: r.abstract, keywords: r.keywords })).join('\n'));
    fs.writeFileSync(d, records.slice(1500, 1620).map((r, i) => JSON.stringify({ id: `d${i}`, title: r.keywords.join(' ') || r.title, description: r.abstract.slice(0, 80) })).join('\n'));
    const outputs: string[] = [];
    for (const threads of ['1', '2']) {
      const out = path.join(dir, `out${threads}.jsonl`);
      await run(process.execPath, [bin, 'match-batch', '--achievements', a, '--demands', d, '--threads', threads, '--out', out]);
      outputs.push(fs.readFileSync(out, 'utf8'));
    }
    const lines = outputs[1]!.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.demand)).toEqual(Array.from({ length: 120 }, (_, i) => `d${i}`));
    expect(lines.filter((l) => l.matches.length === 10).length).toBeGreaterThan(100);
    expect(outputs[1]).toBe(outputs[0]);
    const bad = await run(process.execPath, [bin, 'match-batch', '--achievements', a, '--demands', d, '--threads', '0']).catch((e) => e);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--threads');
  });

  it('explains its usage and refuses missing arguments', async () => {
    const err = await run(process.execPath, [bin, 'match-batch', '--demands', 'x.jsonl']).catch((e) => e);
    expect(err.code).toBe(2);
    expect(err.stderr).toContain('--achievements');
    const missing = await run(process.execPath, [bin, 'match-batch', '--achievements', 'nope.jsonl', '--demands', 'nope.jsonl']).catch((e) => e);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('找不到文件');
  });
});
