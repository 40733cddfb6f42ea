import ExcelJS from 'exceljs';
import { INDUSTRY_SECTIONS, TRANSFER_MODE_LABELS, shanghaiToday, type IndustrySection, type TransferMode } from '@kzt/shared';
import type { presentDemand } from '../demands/demands.presenter.ts';
import type { DemandListRow } from './demandLists.repository.ts';

type PresentedDemand = ReturnType<typeof presentDemand>;

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

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
export async function demandListWorkbook(list: DemandListRow, items: PresentedDemand[]) {
  const wb = new ExcelJS.Workbook();
  wb.creator = '科转通';
  wb.created = new Date();
  const ws = wb.addWorksheet('需求清单', { views: [{ state: 'frozen', ySplit: 3 }] });
  ws.columns = EXPORT_COLUMNS.map((c) => ({ width: c.width }));
  const last = String.fromCharCode(64 + EXPORT_COLUMNS.length);

  ws.addRow([list.title]);
  ws.mergeCells(`A1:${last}1`);
  ws.getRow(1).font = { bold: true, size: 16 };
  ws.getRow(1).alignment = { horizontal: 'center' };
  ws.getRow(1).height = 28;

  const industry = list.industry ? (INDUSTRY_SECTIONS[list.industry as IndustrySection]?.zh ?? list.industry) : '全部行业';
  ws.addRow([`${list.jurisdictionName} · ${industry} · 共 ${items.length} 项 · 导出日期 ${shanghaiToday()}`]);
  ws.mergeCells(`A2:${last}2`);
  ws.getRow(2).font = { color: { argb: 'FF666666' } };

  const header = ws.addRow(EXPORT_COLUMNS.map((c) => c.header));
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8F0FE' } };
    cell.border = { bottom: { style: 'thin' } };
  });

  items.forEach((d, i) => {
    const row = ws.addRow(exportRow(d, i));
    row.alignment = { vertical: 'top', wrapText: true };
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
