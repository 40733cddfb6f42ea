import ExcelJS from 'exceljs';
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../../platform/errors.ts';
import type { CellProblem, CellValue } from './imports.columns.ts';
import { IMPORT_LIMITS, maxColumnsOf, type SheetShape } from './imports.schemas.ts';
import { inspectXlsx, Refusal } from './imports.zip.ts';

/**
 * Reading an uploaded file into a table of cells. The content is checked by
 * its bytes, not its name: an .xlsx must be an Office Open XML zip, a .csv
 * must be text (UTF-8, with or without BOM, or GB18030 as saved by Chinese
 * Excel). Formulas give their cached result; a formula without one is
 * reported at its cell. Runs in a worker thread (imports.parse.ts): an .xlsx
 * is inspected first (imports.zip.ts) and only then read by ExcelJS, never
 * wider than the template allows; a CSV stops at the first row too wide or
 * too many.
 */

export type Cell = CellValue | { problem: CellProblem };
export type Table = { headers: string[]; rows: { row: number; cells: Cell[] }[] };

export const isCellProblem = (c: Cell): c is { problem: CellProblem } => typeof c === 'object' && c !== null && !(c instanceof Date) && 'problem' in c;

/** A refusal of the whole file, as a 400 problem whose detail names what is wrong. */
export const fileProblem = (key: string, params: Record<string, string | number> = {}) =>
  new AppError(400, 'import-file-invalid', 'problem.import.file', key, params, [{ path: 'file', key }]);

export type FileKind = 'xlsx' | 'csv';

export function fileKindOf(fileName: string): FileKind {
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (ext === 'xlsx' || ext === 'csv') return ext;
  throw fileProblem('err.import.extension', { name: fileName || '?' });
}

export async function readTable(buffer: Buffer, fileName: string, spec: SheetShape): Promise<Table> {
  const kind = fileKindOf(fileName);
  if (buffer.length === 0) throw fileProblem('err.import.empty');
  const detected = await fileTypeFromBuffer(buffer);
  const actual = detected ? `${detected.ext.toUpperCase()}（${detected.mime}）` : '文本';
  if (kind === 'xlsx') {
    // An .xlsx is a zip; file-type names it xlsx when [Content_Types].xml comes first, zip otherwise.
    if (detected?.ext !== 'xlsx' && detected?.ext !== 'zip') throw fileProblem('err.import.mismatch', { ext: kind, actual });
    try {
      inspectXlsx(buffer, spec);
    } catch (err) {
      if (err instanceof Refusal) throw fileProblem(err.key, err.params);
      throw err;
    }
    return countRows(await readXlsx(buffer, spec));
  }
  // Text first: sniffing a few bytes of text can look like some binary format.
  let text: string;
  try {
    text = decodeText(buffer);
  } catch (err) {
    if (detected && !isUtf16(buffer)) throw fileProblem('err.import.mismatch', { ext: kind, actual });
    throw err;
  }
  return countRows(parseCsv(text, maxColumnsOf(spec)));
}

const isUtf16 = (b: Buffer) => (b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff);

function countRows(table: Table): Table {
  if (table.rows.length === 0) throw fileProblem('err.import.noRows');
  if (table.rows.length > IMPORT_LIMITS.maxRows) throw fileProblem('err.import.tooManyRows', { rows: table.rows.length, max: IMPORT_LIMITS.maxRows });
  return table;
}

// ---- xlsx

async function readXlsx(buffer: Buffer, spec: SheetShape): Promise<Table> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch {
    throw fileProblem('err.import.xlsxBroken');
  }
  const ws = wb.worksheets.find((s) => s.name.trim() === spec.sheet);
  if (!ws) throw fileProblem('err.import.sheet', { sheet: spec.sheet, found: wb.worksheets.map((s) => `“${s.name}”`).join('、') || '无' });
  // Never wider than the template allows (inspectXlsx refused content further right; empty styled cells there are skipped).
  const width = Math.min(ws.columnCount, maxColumnsOf(spec));
  const header = ws.getRow(1);
  const headers = Array.from({ length: width }, (_, i) => textOf(cellValue(header.getCell(i + 1).value)));
  const rows: Table['rows'] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (n === 1) return;
    const cells = Array.from({ length: width }, (_, i) => cellValue(row.getCell(i + 1).value));
    if (cells.some((c) => isCellProblem(c) || textOf(c) !== '')) rows.push({ row: n, cells });
  });
  return { headers, rows };
}

const textOf = (c: Cell) => (c === null || isCellProblem(c) ? '' : c instanceof Date ? c.toISOString() : String(c).trim());

/** exceljs' many cell shapes → one value. */
function cellValue(v: ExcelJS.CellValue | undefined): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if ('error' in v) return { problem: { key: 'err.import.cellError', params: { value: String(v.error) } } };
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('formula' in v || 'sharedFormula' in v) {
    const result = (v as { result?: ExcelJS.CellValue }).result;
    if (result === undefined || result === null) return { problem: { key: 'err.import.formula' } };
    return cellValue(result as ExcelJS.CellValue);
  }
  if ('text' in v) return typeof v.text === 'string' ? v.text : cellValue(v.text as ExcelJS.CellValue);
  return null;
}

// ---- csv

/** UTF-8 (BOM stripped) or, failing that, GB18030; binary content is refused. */
export function decodeText(buffer: Buffer): string {
  if (isUtf16(buffer) || buffer.includes(0)) throw fileProblem('err.import.encoding');
  const bytes = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? buffer.subarray(3) : buffer;
  for (const encoding of ['utf-8', 'gb18030']) {
    try {
      return new TextDecoder(encoding, { fatal: true }).decode(bytes);
    } catch {
      // try the next encoding
    }
  }
  throw fileProblem('err.import.encoding');
}

/**
 * RFC 4180: quoted fields, doubled quotes, CRLF or LF; a header without commas
 * but with tabs is tab-separated. A field with content beyond `maxColumns`, or
 * more data rows than an import takes, stops the reading at once.
 */
export function parseCsv(text: string, maxColumns = Infinity): Table {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const sep = !firstLine.includes(',') && firstLine.includes('\t') ? '\t' : ',';
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  let dataRows = 0;
  const colName = (n: number): string => (n > 26 ? colName(Math.floor((n - 1) / 26)) : '') + String.fromCharCode(65 + ((n - 1) % 26));
  let col = 0;
  const push = () => {
    // Empty fields beyond the width (trailing commas) are dropped, a field with content there refuses the file.
    col++;
    if (col > maxColumns) {
      if (field.trim() !== '') throw fileProblem('err.import.tooWide', { cell: `${colName(col)}${records.length + 1}`, max: maxColumns });
    } else record.push(field);
    field = '';
  };
  const endRecord = () => {
    if (records.length > 0 && record.some((c) => c.trim() !== '') && ++dataRows > IMPORT_LIMITS.maxRows) {
      throw fileProblem('err.import.rowsOver', { max: IMPORT_LIMITS.maxRows });
    }
    records.push(record);
    record = [];
    col = 0;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === sep) {
      push();
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      push();
      endRecord();
    } else field += ch;
  }
  if (field !== '' || record.length) {
    push();
    endRecord();
  }
  const [headers = [], ...body] = records;
  const rows: Table['rows'] = [];
  body.forEach((cells, i) => {
    if (cells.some((c) => c.trim() !== '')) rows.push({ row: i + 2, cells: cells.map((c) => (c.trim() === '' ? null : c)) });
  });
  return { headers: headers.map((h) => h.trim()), rows };
}
