import ExcelJS from 'exceljs';
import { shanghaiToday } from '@kzt/shared';
import type { BatchResultRow, BatchRow, ListHead } from './matchBatches.repository.ts';

export const BATCH_EXPORT_COLUMNS = [
  { header: '需求', width: 40 },
  { header: '排名', width: 6 },
  { header: '成果', width: 40 },
  { header: '单位', width: 28 },
  { header: '匹配度', width: 8 },
  { header: '匹配理由', width: 60 },
] as const;

/** The rows of one demand: one per match, or one saying none was found. */
export function batchRows(r: Pick<BatchResultRow, 'title' | 'matches'>): (string | number)[][] {
  if (!r.matches.length) return [[r.title, '', '（未找到匹配的成果）', '', '', '']];
  return r.matches.map((m, i) => [r.title, i + 1, m.title, m.organization, m.score, m.reasons.map((x) => x.text).join('；')]);
}

/** The workbook of a batch: a title row, a line about it, the header, one row per demand and match. */
export async function batchWorkbook(list: ListHead, batch: BatchRow, results: BatchResultRow[]) {
  const wb = new ExcelJS.Workbook();
  wb.creator = '科转通';
  wb.created = new Date();
  const ws = wb.addWorksheet('匹配结果', { views: [{ state: 'frozen', ySplit: 3 }] });
  ws.columns = BATCH_EXPORT_COLUMNS.map((c) => ({ width: c.width }));
  const last = String.fromCharCode(64 + BATCH_EXPORT_COLUMNS.length);

  ws.addRow([`${list.title} · 批量匹配结果`]);
  ws.mergeCells(`A1:${last}1`);
  ws.getRow(1).font = { bold: true, size: 16 };
  ws.getRow(1).alignment = { horizontal: 'center' };
  ws.getRow(1).height = 28;

  ws.addRow([`${list.jurisdictionName} · 共 ${results.length} 项需求 · 每项前 ${batch.top} 个匹配成果 · 导出日期 ${shanghaiToday()}`]);
  ws.mergeCells(`A2:${last}2`);
  ws.getRow(2).font = { color: { argb: 'FF666666' } };

  const header = ws.addRow(BATCH_EXPORT_COLUMNS.map((c) => c.header));
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8F0FE' } };
    cell.border = { bottom: { style: 'thin' } };
  });

  for (const r of results) {
    for (const values of batchRows(r)) ws.addRow(values).alignment = { vertical: 'top', wrapText: true };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
