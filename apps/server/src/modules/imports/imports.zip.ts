import { inflateRawSync } from 'node:zlib';
import { IMPORT_LIMITS, maxColumnsOf, type SheetShape } from './imports.schemas.ts';

/**
 * The checks an .xlsx passes before any spreadsheet library sees it (issue
 * 11, denial of service by one file). An .xlsx is a zip of XML files; a
 * small file can declare or hide an enormous content (a zip bomb), a sheet
 * can put one cell in column XFD so that every row is read 16,384 cells wide,
 * or carry more rows, cells, merged or validated ranges than an import ever
 * needs. Here the zip's central directory is read, every entry is inflated
 * with a hard cap on its output (the size it declares, never more), and the
 * sheets' XML is scanned for cell references, without building any cell.
 * A refusal is a `Refusal` (an i18n key and its params) that the caller turns
 * into a 400 problem on the field `file`.
 */

export class Refusal extends Error {
  constructor(
    readonly key: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(key);
  }
}

export type ZipEntry = { name: string; method: number; compressedSize: number; size: number; offset: number };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MB = 1024 * 1024;

/** The entries of a zip, read from its central directory (sizes as declared). */
export function zipEntries(buf: Buffer): ZipEntry[] {
  const broken = () => new Refusal('err.import.xlsxBroken');
  // The end-of-central-directory record: the last 22 bytes plus a comment of up to 64 KB.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw broken();
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  // ZIP64 (more than 65,535 entries or 4 GB) is never a spreadsheet of an import.
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) throw new Refusal('err.import.zipEntries', { max: IMPORT_LIMITS.maxZipEntries });
  if (count > IMPORT_LIMITS.maxZipEntries) throw new Refusal('err.import.zipEntries', { max: IMPORT_LIMITS.maxZipEntries });
  if (cdOffset + cdSize > eocd) throw broken();
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== CENTRAL) throw broken();
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const offset = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    if (compressedSize === 0xffffffff || size === 0xffffffff || offset === 0xffffffff) throw new Refusal('err.import.unzippedTooLarge', { max: `${IMPORT_LIMITS.maxUnzippedBytes / MB} MB` });
    entries.push({ name, method, compressedSize, size, offset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/**
 * Every entry's content, inflated with a cap: the declared sizes together may
 * not exceed the limit, and an entry that inflates to more than it declares
 * (a lying header) is refused the moment it does — zlib stops at the cap.
 */
export function unzipCapped(buf: Buffer): Map<string, Buffer> {
  const entries = zipEntries(buf);
  const max = IMPORT_LIMITS.maxUnzippedBytes;
  const tooLarge = () => new Refusal('err.import.unzippedTooLarge', { max: `${max / MB} MB` });
  const declared = entries.reduce((s, e) => s + e.size, 0);
  if (declared > max) throw tooLarge();
  const out = new Map<string, Buffer>();
  let total = 0;
  for (const e of entries) {
    if (e.offset + 30 > buf.length || buf.readUInt32LE(e.offset) !== LOCAL) throw new Refusal('err.import.xlsxBroken');
    const start = e.offset + 30 + buf.readUInt16LE(e.offset + 26) + buf.readUInt16LE(e.offset + 28);
    const data = buf.subarray(start, start + e.compressedSize);
    if (data.length !== e.compressedSize) throw new Refusal('err.import.xlsxBroken');
    let content: Buffer;
    if (e.method === 0) content = data;
    else if (e.method === 8) {
      try {
        // One byte more than declared: an entry that inflates past its declared size is caught, not followed.
        content = inflateRawSync(data, { maxOutputLength: Math.max(1, e.size + 1) });
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) throw tooLarge();
        throw new Refusal('err.import.xlsxBroken');
      }
    } else throw new Refusal('err.import.xlsxBroken');
    if (content.length !== e.size) throw e.method === 8 && content.length > e.size ? tooLarge() : new Refusal('err.import.xlsxBroken');
    total += content.length;
    if (total > max) throw tooLarge();
    if (!e.name.endsWith('/')) out.set(e.name, content);
  }
  return out;
}

/** Column letters → 1-based number (A → 1, XFD → 16384). */
export function columnNumber(letters: string) {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

const CELL_END = /<\/(?:\w+:)?c>/g;
const RANGE = /^\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?$/;

/** Number of cells a reference like `A1:C10` (or a whole `sqref` list `A1:A5 C1`) covers. */
export function areaOf(ref: string): number {
  let cells = 0;
  for (const part of ref.trim().split(/\s+/)) {
    const m = RANGE.exec(part.toUpperCase());
    if (!m) continue;
    const c1 = columnNumber(m[1]!);
    const r1 = Number(m[2]);
    const c2 = m[3] ? columnNumber(m[3]) : c1;
    const r2 = m[4] ? Number(m[4]) : r1;
    cells += (Math.abs(c2 - c1) + 1) * (Math.abs(r2 - r1) + 1);
  }
  return cells;
}

const decodeXml = (s: string) =>
  s.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]+|#\d+);/g, (_, e: string) =>
    e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'amp' ? '&' : e === 'quot' ? '"' : e === 'apos' ? "'" : String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))),
  );

/** The path in the zip of each sheet, by its name (workbook.xml + its relationships). */
function sheetPaths(files: Map<string, Buffer>): Map<string, string> {
  const workbook = files.get('xl/workbook.xml')?.toString('utf8');
  const rels = files.get('xl/_rels/workbook.xml.rels')?.toString('utf8');
  if (!workbook || !rels) throw new Refusal('err.import.xlsxBroken');
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b([^>]*)>/g)) {
    const id = /\bId="([^"]*)"/.exec(m[1]!)?.[1];
    const target = /\bTarget="([^"]*)"/.exec(m[1]!)?.[1];
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const out = new Map<string, string>();
  for (const m of workbook.matchAll(/<(?:\w+:)?sheet\b([^>]*)\/?>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[1]!)?.[1];
    const rid = /\br:id="([^"]*)"/.exec(m[1]!)?.[1] ?? /\b\w+:id="([^"]*)"/.exec(m[1]!)?.[1];
    const target = rid ? targets.get(rid) : undefined;
    if (name !== undefined && target) out.set(decodeXml(name).trim(), target.replace(/\/\.\//g, '/'));
  }
  return out;
}

/** What the scan of the data sheet found. */
export type SheetScan = { dataRows: number; width: number; cells: number };

/**
 * Scans one sheet's XML: counts its cells, the rows below the header that
 * have a cell with content, the widest column with content; refuses a cell
 * with content beyond `maxColumns` at once, naming it.
 */
export function scanSheet(xml: string, maxColumns: number | null): SheetScan {
  let cells = 0;
  let width = 0;
  let dataRows = 0;
  let lastRow = 0;
  let rowHasContent = false;
  const closeRow = () => {
    if (rowHasContent && lastRow > 1) dataRows++;
    rowHasContent = false;
  };
  // A cell: <c r="B7" ...>…</c> or <c r="B7" .../>; a row: <row r="7" ...>.
  const re = /<(?:\w+:)?(row|c)\b([^>]*?)(\/?)>/g;
  let autoRow = 0;
  let autoCol = 0;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    if (m[1] === 'row') {
      closeRow();
      const r = /\br="(\d+)"/.exec(m[2]!)?.[1];
      lastRow = r ? Number(r) : autoRow + 1;
      autoRow = lastRow;
      autoCol = 0;
      continue;
    }
    cells++;
    if (cells > IMPORT_LIMITS.maxCells) throw new Refusal('err.import.tooComplex', { max: IMPORT_LIMITS.maxCells.toLocaleString('en-US') });
    const ref = /\br="\$?([A-Z]{1,3})\$?(\d+)"/.exec(m[2]!);
    const col = ref ? columnNumber(ref[1]!) : autoCol + 1;
    autoCol = col;
    // Content: a value, an inline string's text or a formula inside the cell; a self-closed cell has none.
    let content = false;
    if (m[3] !== '/') {
      CELL_END.lastIndex = re.lastIndex;
      const end = CELL_END.exec(xml);
      const inner = xml.slice(re.lastIndex, end ? end.index : xml.length);
      content = /<(?:\w+:)?(?:v|t)\b[^>]*>[^<]+</.test(inner) || /<(?:\w+:)?f\b/.test(inner);
      if (end) re.lastIndex = end.index + end[0].length;
    }
    if (!content) continue;
    rowHasContent = true;
    if (col > width) width = col;
    if (maxColumns !== null && col > maxColumns) {
      throw new Refusal('err.import.tooWide', { cell: `${ref ? ref[1] : col}${ref ? ref[2] : lastRow}`, max: maxColumns });
    }
  }
  closeRow();
  return { dataRows, width, cells };
}

/**
 * All checks of an .xlsx before it is read: the zip (entries, declared and
 * actual sizes), then every sheet (cells in all, merged and validated areas),
 * then the data sheet (its width and its rows). Returns the data sheet's scan.
 */
export function inspectXlsx(buf: Buffer, spec: SheetShape): SheetScan | null {
  const files = unzipCapped(buf);
  const sheets = sheetPaths(files);
  let cells = 0;
  let area = 0;
  let found: SheetScan | null = null;
  for (const [name, file] of sheets) {
    const xml = files.get(file)?.toString('utf8');
    if (xml === undefined) continue;
    const isData = name === spec.sheet;
    const scan = scanSheet(xml, isData ? maxColumnsOf(spec) : null);
    cells += scan.cells;
    if (cells > IMPORT_LIMITS.maxCells) throw new Refusal('err.import.tooComplex', { max: IMPORT_LIMITS.maxCells.toLocaleString('en-US') });
    // Merged cells and data validations are expanded cell by cell by the spreadsheet reader.
    for (const m of xml.matchAll(/<(?:\w+:)?(?:mergeCell\b[^>]*?\bref|dataValidation\b[^>]*?\bsqref)="([^"]*)"/g)) area += areaOf(m[1]!);
    if (area > IMPORT_LIMITS.maxRangeCells) throw new Refusal('err.import.tooComplex', { max: IMPORT_LIMITS.maxCells.toLocaleString('en-US') });
    if (isData) {
      found = scan;
      if (scan.dataRows > IMPORT_LIMITS.maxRows) throw new Refusal('err.import.tooManyRows', { rows: scan.dataRows, max: IMPORT_LIMITS.maxRows });
    }
  }
  return found;
}
