import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { contentDisposition } from './files.ts';

/** The content type of an .xlsx workbook. */
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A column of a sheet: its header, its width, `money` for amounts in 元 (two decimals, thousands grouped), `percent` for fractions 0–1. */
export type SheetColumn = { header: string; width: number; money?: boolean; percent?: boolean };

function formatColumns(ws: ExcelJS.Worksheet, columns: readonly SheetColumn[]) {
  columns.forEach((c, i) => {
    if (c.money) ws.getColumn(i + 1).numFmt = '#,##0.00';
    else if (c.percent) ws.getColumn(i + 1).numFmt = '0.0%';
  });
}

/** Fen as exact 元 for a cell Excel can add (fen / 100 is exact to the cent below 2^53 fen); null stays empty. */
export const yuanCell = (fen: number | null | undefined) => (fen == null ? null : fen / 100);

/** A new workbook made by 科转通. */
export function newWorkbook() {
  const wb = new ExcelJS.Workbook();
  wb.creator = '科转通';
  wb.created = new Date();
  return wb;
}

/** Adds a sheet: a bold, frozen header row, then the rows; money columns formatted as 元, percent columns as %. */
export function addSheet(wb: ExcelJS.Workbook, name: string, columns: readonly SheetColumn[], rows: readonly unknown[][]) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(r).alignment = { vertical: 'top', wrapText: true };
  formatColumns(ws, columns);
  return ws;
}

/**
 * Adds a sheet for print and for people: a large title row and a grey line about it (both across
 * all columns), a shaded header, frozen under the header, then the rows.
 */
export function addTitledSheet(wb: ExcelJS.Workbook, name: string, head: { title: string; about: string }, columns: readonly SheetColumn[], rows: Iterable<unknown[]>) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 3 }] });
  ws.columns = columns.map((c) => ({ width: c.width }));
  const last = ws.getColumn(columns.length).letter;
  ws.addRow([head.title]);
  ws.mergeCells(`A1:${last}1`);
  ws.getRow(1).font = { bold: true, size: 16 };
  ws.getRow(1).alignment = { horizontal: 'center' };
  ws.getRow(1).height = 28;
  ws.addRow([head.about]);
  ws.mergeCells(`A2:${last}2`);
  ws.getRow(2).font = { color: { argb: 'FF666666' } };
  const header = ws.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8F0FE' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  for (const r of rows) ws.addRow(r).alignment = { vertical: 'top', wrapText: true };
  formatColumns(ws, columns);
  return ws;
}

/** The workbook as the bytes of an .xlsx file. */
export async function workbookBytes(wb: ExcelJS.Workbook) {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Sends the workbook as a download named `fileName`. */
export async function sendWorkbook(reply: FastifyReply, fileName: string, wb: ExcelJS.Workbook) {
  const body = await workbookBytes(wb);
  return reply.header('content-type', XLSX_MIME).header('content-disposition', contentDisposition(fileName)).header('x-content-type-options', 'nosniff').send(body);
}
