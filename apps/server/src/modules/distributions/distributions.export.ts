import ExcelJS from 'exceljs';
import { DISTRIBUTION_BASIS_LABELS, DISTRIBUTION_ROLE_LABELS, SHARE_FORM_LABELS, type DistributionBasis, type DistributionRole, type ShareForm } from '@kzt/shared';
import type { organizationDistributions } from './distributions.service.ts';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const COLUMNS = [
  { header: '到账日期', width: 12 },
  { header: '合同名称', width: 36 },
  { header: '买方', width: 28 },
  { header: '到账金额（元）', width: 16 },
  { header: '成本（元）', width: 14 },
  { header: '净收入（元）', width: 16 },
  { header: '依据', width: 26 },
  { header: '受益人', width: 16 },
  { header: '所属单位', width: 26 },
  { header: '角色', width: 14 },
  { header: '形式', width: 8 },
  { header: '金额（元）', width: 16 },
] as const;

/** Exact yuan as a number with two decimals for a spreadsheet cell (fen / 100 is exact to the cent in a double below 2^53 fen). */
const yuan = (fen: number) => fen / 100;

/** One row per share of every plan of the unit. */
export async function distributionsWorkbook(data: Awaited<ReturnType<typeof organizationDistributions>>) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('收益分配');
  ws.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  for (const { plan, receipt, shares } of data.rows) {
    const costs = plan.costs.reduce((a, c) => a + c.amount, 0);
    for (const s of shares) {
      ws.addRow([
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
      ]);
    }
  }
  for (const c of [4, 5, 6, 12]) ws.getColumn(c).numFmt = '#,##0.00';

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
  const sum = wb.addWorksheet('按年度汇总');
  sum.columns = [
    { header: '年度', width: 8 },
    { header: '角色', width: 14 },
    { header: '现金（元）', width: 16 },
    { header: '股权（元）', width: 16 },
    { header: '合计（元）', width: 16 },
  ];
  sum.getRow(1).font = { bold: true };
  const order = (r: string) => ['completer', 'contributor', 'unit', 'agency', 'broker', 'government'].indexOf(r);
  for (const r of [...totals.values()].sort((a, b) => b.year.localeCompare(a.year) || order(a.role) - order(b.role))) {
    sum.addRow([Number(r.year), DISTRIBUTION_ROLE_LABELS[r.role as DistributionRole]?.zh ?? r.role, yuan(r.cash), yuan(r.equity), yuan(r.cash + r.equity)]);
  }
  for (const c of [3, 4, 5]) sum.getColumn(c).numFmt = '#,##0.00';
  return Buffer.from(await wb.xlsx.writeBuffer());
}
