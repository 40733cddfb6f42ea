import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { subsidyLine } from '@kzt/shared';

const run = promisify(execFile);
const root = path.join(import.meta.dirname, '../../../..');

const whUni = { id: 'whu', type: 'university', region: '371002' };
const whFirm = { id: 'whf', type: 'enterprise', region: '371002' };
const pay = (id: string, date: string, amount: number) => ({ id, type: 'contract_payment', date, jurisdiction: '371000', contract: { id: 'c1', kind: 'development' }, seller: whUni, buyer: whFirm, amount });

describe('npx kzt subsidies', () => {
  it('prints one line per event in file order against one fresh ledger, naming bad lines on stderr', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kzt-subsidies-'));
    const file = path.join(dir, 'events.jsonl');
    fs.writeFileSync(
      file,
      [
        JSON.stringify(pay('p1', '2025-02-01', 400_000_000)),
        '',
        '{"id": "broken", ',
        JSON.stringify(pay('p2', '2025-11-01', 400_000_000)),
        JSON.stringify({ id: 'x', type: 'contract_signed', date: '2025-01-01', jurisdiction: '371000' }),
        JSON.stringify({ id: 'jz', type: 'contract_registered', date: '2025-03-01', jurisdiction: '140700', contract: { id: 'k', kind: 'transfer', contractAmount: 2_000_000_000, technologyAmount: 2_000_000_000 }, seller: { id: 'u', type: 'university', region: '140702' }, buyer: { id: 'f', type: 'enterprise', region: '140702' } }),
        JSON.stringify(pay('feb30', '2025-02-30', 1)),
      ].join('\n'),
    );
    const { stdout, stderr } = await run('npx', ['kzt', 'subsidies', '--events', file], { cwd: root });
    const lines = stdout.trim().split('\n').map((l) => subsidyLine.parse(JSON.parse(l)));
    // Every event line is answered in its place, the broken one with its reason (and its id, which it still shows).
    expect(lines.map((l) => l.event)).toEqual(['p1', 'broken', 'p2', 'x', 'jz', 'feb30']);
    expect(lines[1]).toEqual({ event: 'broken', entitlements: [], refusals: [{ rule: 'event', reason: expect.stringContaining('不是有效的 JSON') }] });
    expect(lines[5]!.refusals[0]!.reason).toBe('字段 date：2025-02-30 日期不存在（如 2 月没有 30 日），须为日历上的日期 YYYY-MM-DD');
    lines.splice(1, 1);
    const buyer = (i: number) => lines[i]!.entitlements.find((e) => e.rule === 'wh-4-buyer');
    expect(buyer(0)!.amount).toBe(20_000_000);
    // The second payment meets the yearly cap of 300,000: the ledger carried the first.
    expect(buyer(1)).toMatchObject({ amount: 10_000_000, cap: { kind: 'yearly', limit: 30_000_000 } });
    expect(buyer(1)!.explanation).toContain('2025 年已获 200,000.00 元');
    expect(lines[2]!.refusals[0]!.reason).toContain('未知的事件类型');
    expect(lines[3]!.entitlements[0]).toMatchObject({ rule: 'jz-13-university-output', amount: 150_000_000 });
    expect(stderr).toContain(`${file}:3: 不是有效的 JSON`);
    expect(stderr).toContain(`${file}:5: 未知的事件类型 "contract_signed"`);
    expect(stderr).toContain(`${file}:7: 字段 date：2025-02-30 日期不存在`);
    expect(stderr).toMatch(/已计算 6 个事件（有误 3 行）/);
  });

  it('004-9: a provincial evaluation’s award enters the ledger, so the city’s excellent evaluation pays only the remainder', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kzt-subsidies-'));
    const file = path.join(dir, 'events.jsonl');
    const agency = { id: 'wha', type: 'agency', region: '371002' };
    const evaluation = (id: string, scheme: string, extra: Record<string, unknown> = {}) => JSON.stringify({ id, type: 'agency_evaluation', date: '2025-12-01', jurisdiction: '371000', agency, year: 2025, scheme, grade: 'excellent', ...extra });
    fs.writeFileSync(file, [evaluation('sd', 'provincial', { amount: 6_000_000 }), evaluation('wh', 'city')].join('\n'));
    const { stdout } = await run('npx', ['kzt', 'subsidies', '--events', file], { cwd: root });
    const [province, city] = stdout.trim().split('\n').map((l) => subsidyLine.parse(JSON.parse(l)));
    expect(province).toMatchObject({ event: 'sd', entitlements: [], refusals: [], recorded: [{ beneficiary: 'wha', group: 'wh-agency-evaluation', amount: 6_000_000 }] });
    expect(city!.entitlements[0]).toMatchObject({ rule: 'wh-9-agency-evaluation', amount: 4_000_000, cap: { kind: 'group' } });
  });

  it('004-15: a loan_repaid line lowers the firm’s covered balance, so the next loan enters the risk pool', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kzt-subsidies-'));
    const file = path.join(dir, 'events.jsonl');
    const loan = (id: string, principal: number) => JSON.stringify({ id, type: 'loan_registered', date: '2025-01-01', jurisdiction: '371000', loan: { id, principal }, borrower: whFirm, lender: '威海银行' });
    const repaid = JSON.stringify({ id: 'r1', type: 'loan_repaid', date: '2025-06-01', jurisdiction: '371000', loan: { id: 'l1' }, borrower: whFirm, principalRepaid: 500_000_000 });
    fs.writeFileSync(file, [loan('l1', 2_000_000_000), loan('l2', 500_000_000), repaid, loan('l3', 500_000_000)].join('\n'));
    const { stdout } = await run('npx', ['kzt', 'subsidies', '--events', file], { cwd: root });
    const lines = stdout.trim().split('\n').map((l) => subsidyLine.parse(JSON.parse(l)));
    expect(lines.map((l) => [l.event, l.refusals.length])).toEqual([['l1', 0], ['l2', 1], ['r1', 0], ['l3', 0]]);
  });

  it('refuses to start without --events', async () => {
    await expect(run(process.execPath, [path.join(import.meta.dirname, '../../bin/kzt.mjs'), 'subsidies'])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('需要 --events') });
  });
});
