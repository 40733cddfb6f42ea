import type { BudgetDto, EntitlementDto } from '@kzt/shared';
import { addSheet as sheet, newWorkbook, yuanCell as yuan } from '../../platform/workbook.ts';

const STATUS: Record<string, string> = { granted: '可申报', applied: '已申报', returned: '退回补正', approved: '已批准', rejected: '不予支持', paid: '已拨付', cancelled: '已取消' };
/** 奖补台账: every entitlement, the sums per beneficiary and year, and each budget line's use. Amounts in 元. */
export function ledgerWorkbook(items: EntitlementDto[], budgets: BudgetDto[]) {
  const wb = newWorkbook();
  sheet(
    wb,
    '奖补明细',
    [
      { header: '年度', width: 8 },
      { header: '辖区', width: 10 },
      { header: '预算科目', width: 36 },
      { header: '科目代码', width: 22 },
      { header: '条款', width: 36 },
      { header: '条款编号', width: 26 },
      { header: '受益单位', width: 30 },
      { header: '金额（元）', width: 16 },
      { header: '承诺额（元）', width: 16 },
      { header: '状态', width: 10 },
      { header: '拨付金额（元）', width: 16 },
      { header: '依据事件', width: 36 },
      { header: '计算说明', width: 80 },
    ],
    items.map((e) => [e.year, e.jurisdiction, e.budgetLineName.zh, e.budgetLine, e.ruleTitle, e.rule, e.beneficiaryName ?? e.beneficiary, yuan(e.amount), yuan(e.committed), STATUS[e.status] ?? e.status, yuan(e.paidAmount), e.event, e.explanation]),
  );
  const byBeneficiary = new Map<string, { name: string; year: number; granted: number; approved: number; paid: number; cancelled: number; rejected: number }>();
  for (const e of items) {
    const key = `${e.beneficiary}|${e.year}`;
    const b = byBeneficiary.get(key) ?? { name: e.beneficiaryName ?? e.beneficiary, year: e.year, granted: 0, approved: 0, paid: 0, cancelled: 0, rejected: 0 };
    // 应得 is what may still be or was paid: a cancelled or finally rejected entitlement is counted apart.
    if (e.status === 'cancelled') b.cancelled += e.amount;
    else if (e.status === 'rejected') b.rejected += e.amount;
    else b.granted += e.amount;
    if (e.status === 'approved' || e.status === 'paid') b.approved += e.amount;
    if (e.status === 'paid') b.paid += e.paidAmount ?? e.amount;
    byBeneficiary.set(key, b);
  }
  sheet(
    wb,
    '按受益单位',
    [
      { header: '受益单位', width: 30 },
      { header: '年度', width: 8 },
      { header: '应得（元）', width: 16 },
      { header: '已批准（元）', width: 16 },
      { header: '已拨付（元）', width: 16 },
      { header: '已取消（元）', width: 16 },
      { header: '不予支持（元）', width: 16 },
    ],
    [...byBeneficiary.values()].sort((a, b) => a.name.localeCompare(b.name) || a.year - b.year).map((b) => [b.name, b.year, yuan(b.granted), yuan(b.approved), yuan(b.paid), yuan(b.cancelled), yuan(b.rejected)]),
  );
  sheet(
    wb,
    '按预算科目',
    [
      { header: '辖区', width: 10 },
      { header: '预算科目', width: 36 },
      { header: '科目代码', width: 22 },
      { header: '年度', width: 8 },
      { header: '预算（元）', width: 16 },
      { header: '已批准（元）', width: 16 },
      { header: '余额（元）', width: 16 },
    ],
    budgets.map((b) => [b.jurisdiction, b.budgetLineName.zh, b.budgetLine, b.year, yuan(b.amount), yuan(b.used), yuan(b.amount - b.used)]),
  );
  return wb;
}
