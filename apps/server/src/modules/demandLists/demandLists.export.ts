import { INDUSTRY_SECTIONS, TRANSFER_MODE_LABELS, shanghaiToday, type IndustrySection, type TransferMode } from '@kzt/shared';
import type { presentDemand } from '../demands/demands.presenter.ts';
import { addTitledSheet, newWorkbook } from '../../platform/workbook.ts';
import type { DemandListRow } from './demandLists.repository.ts';

type PresentedDemand = ReturnType<typeof presentDemand>;

export const EXPORT_COLUMNS = [
  { header: '序号', width: 6 },
  { header: '需求名称', width: 40 },
  { header: '需求单位', width: 28 },
  { header: '行业门类', width: 22 },
  { header: '预算（万元）', width: 14 },
  { header: '截止日期', width: 12 },
  { header: '合作方式', width: 22 },
  { header: '共性技术难题', width: 12 },
  { header: '联系方式提示', width: 48 },
] as const;

/** 1 万元 = 1,000,000 分; shown with at most two decimals, without trailing zeros. */
const wan = (fen: number) => String(Math.round(fen / 10_000) / 100);

export function budgetText(min: number | null | undefined, max: number | null | undefined) {
  if (min == null && max == null) return '面议';
  if (min != null && max != null) return min === max ? wan(min) : `${wan(min)}–${wan(max)}`;
  return min != null ? `${wan(min)} 以上` : `${wan(max!)} 以内`;
}

/** One row of the export. A restricted (abstract) demand shows only the fields everyone may see. */
export function exportRow(d: PresentedDemand, index: number) {
  const full = 'budgetMin' in d ? d : null;
  const link = `/demands/${d.id}`;
  return [
    index + 1,
    d.title,
    d.organization.name,
    INDUSTRY_SECTIONS[d.industry as IndustrySection]?.zh ?? d.industry,
    full ? budgetText(full.budgetMin, full.budgetMax) : '',
    d.deadline ?? '长期有效',
    full ? full.cooperationModes.map((m) => TRANSFER_MODE_LABELS[m as TransferMode]?.zh ?? m).join('、') : '',
    d.commonProblem ? '是' : '否',
    full ? `登录科转通查看需求页 ${link}，在线联系${d.organization.name}` : `摘要公开：登录科转通查看需求页 ${link}，经需求单位同意后可见详细信息`,
  ];
}

/** The workbook of a list: a title row, a line about it, the header, one row per demand. */
export function demandListWorkbook(list: DemandListRow, items: PresentedDemand[]) {
  const wb = newWorkbook();
  const industry = list.industry ? (INDUSTRY_SECTIONS[list.industry as IndustrySection]?.zh ?? list.industry) : '全部行业';
  addTitledSheet(wb, '需求清单', { title: list.title, about: `${list.jurisdictionName} · ${industry} · 共 ${items.length} 项 · 导出日期 ${shanghaiToday()}` }, EXPORT_COLUMNS, items.map(exportRow));
  return wb;
}
