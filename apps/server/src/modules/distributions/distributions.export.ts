import { DISTRIBUTION_BASIS_LABELS, DISTRIBUTION_ROLE_LABELS, SHARE_FORM_LABELS, type DistributionBasis, type DistributionRole, type ShareForm } from '@kzt/shared';
import { addSheet, newWorkbook, yuanCell as yuan } from '../../platform/workbook.ts';
import type { organizationDistributions } from './distributions.service.ts';

const COLUMNS = [
  { header: '到账日期', width: 12 },
  { header: '合同名称', width: 36 },
  { header: '买方', width: 28 },
  { header: '到账金额（元）', width: 16, money: true },
  { header: '成本（元）', width: 14, money: true },
  { header: '净收入（元）', width: 16, money: true },
  { header: '依据', width: 26 },
  { header: '受益人', width: 16 },
  { header: '所属单位', width: 26 },
  { header: '角色', width: 14 },
  { header: '形式', width: 8 },
  { header: '金额（元）', width: 16, money: true },
  { header: '其中股权的现金股（元，本人出资，不计入分配）', width: 22, money: true },
] as const;

/** One row per share of every plan of the unit. */
export function distributionsWorkbook(data: Awaited<ReturnType<typeof organizationDistributions>>) {
  const wb = newWorkbook();
  const rows = data.rows.flatMap(({ plan, receipt, shares }) => {
    const costs = plan.costs.reduce((a, c) => a + c.amount, 0);
    return shares.map((s) => [
        receipt.paidOn,
        receipt.title,
        receipt.buyerName,
        yuan(plan.received),
        yuan(costs),
        yuan(plan.netIncome),
        DISTRIBUTION_BASIS_LABELS[plan.basis as DistributionBasis]?.zh ?? plan.basis,
        s.beneficiary,
        s.organization ?? '',
        DISTRIBUTION_ROLE_LABELS[s.role as DistributionRole]?.zh ?? s.role,
        SHARE_FORM_LABELS[s.form as ShareForm]?.zh ?? s.form,
        yuan(s.amount),
        s.form === 'equity' ? yuan(s.cashShares) : '',
      ]);
  });
  addSheet(wb, '收益分配', COLUMNS, rows);

  // 按年度汇总: per year of receipt and role, cash and equity.
  const totals = new Map<string, { year: string; role: string; cash: number; equity: number }>();
  for (const { receipt, shares } of data.rows) {
    for (const s of shares) {
      const key = `${receipt.paidOn.slice(0, 4)}|${s.role}`;
      const row = totals.get(key) ?? { year: receipt.paidOn.slice(0, 4), role: s.role, cash: 0, equity: 0 };
      if (s.form === 'equity') row.equity += s.amount;
      else row.cash += s.amount;
      totals.set(key, row);
    }
  }
  const order = (r: string) => ['completer', 'contributor', 'unit', 'agency', 'broker', 'government'].indexOf(r);
  addSheet(
    wb,
    '按年度汇总',
    [
      { header: '年度', width: 8 },
      { header: '角色', width: 14 },
      { header: '现金（元）', width: 16, money: true },
      { header: '股权（元）', width: 16, money: true },
      { header: '合计（元）', width: 16, money: true },
    ],
    [...totals.values()]
      .sort((a, b) => b.year.localeCompare(a.year) || order(a.role) - order(b.role))
      .map((r) => [Number(r.year), DISTRIBUTION_ROLE_LABELS[r.role as DistributionRole]?.zh ?? r.role, yuan(r.cash), yuan(r.equity), yuan(r.cash + r.equity)]),
  );
  return wb;
}
