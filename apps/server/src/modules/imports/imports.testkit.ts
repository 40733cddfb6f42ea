import { randomBytes } from 'node:crypto';
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';

/** Helpers for the import tests and the authorization matrix: uploads and workbooks built in code. */

/** A multipart/form-data body with one file, for `app.inject`. */
export function multipart(fileName: string, content: Buffer | string, contentType = 'application/octet-stream') {
  const boundary = `----kzt${randomBytes(8).toString('hex')}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`),
    typeof content === 'string' ? Buffer.from(content) : content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A workbook with one data sheet (and an instructions sheet before it, as in the template). */
export async function workbook(sheet: string, headers: string[], rows: ExcelJS.CellValue[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('填写说明').addRow(['说明']);
  const ws = wb.addWorksheet(sheet);
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const ACHIEVEMENT_HEADERS = ['标题', '摘要', '关键词(以、或,分隔)', '成果类型', '行业门类', '成熟度(1-9)', '转化方式(以、分隔)', '价格(万元，空为面议)', '完成人(姓名:份额，以、分隔)', '外部编号'];

/** A valid achievement row in the order of ACHIEVEMENT_HEADERS. */
export const achievementRow = (title: string, overrides: Partial<Record<string, ExcelJS.CellValue>> = {}): ExcelJS.CellValue[] => {
  const v: Record<string, ExcelJS.CellValue> = {
    标题: title,
    摘要: '一种连续轧制与在线热处理一体化工艺。',
    关键词: '特种钢材、连续轧制',
    成果类型: '应用研究',
    行业门类: '制造业',
    成熟度: 6,
    转化方式: '转让、许可',
    价格: 50,
    完成人: '李慧(太行理工大学):60、王强:40',
    外部编号: null,
    ...overrides,
  };
  return ['标题', '摘要', '关键词', '成果类型', '行业门类', '成熟度', '转化方式', '价格', '完成人', '外部编号'].map((k) => v[k] ?? null);
};

/** One entry of a hand-made zip: its name, its content, and optionally a size to declare instead of the real one (a lying header). */
export type ZipPart = { name: string; data: Buffer; declaredSize?: number; deflated?: Buffer };

/** A zip built byte by byte (deflated entries), so tests can make files no office program would: bombs, lying headers. */
export function zipOf(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const body = p.deflated ?? deflateRawSync(p.data);
    const crc = crc32(p.data);
    const size = p.declaredSize ?? p.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** The parts of a minimal .xlsx whose only sheet is `sheet` with the XML rows given (`<row>…</row>` strings). */
export function xlsxParts(sheet: string, rowsXml: string): ZipPart[] {
  const x = (s: string) => Buffer.from(s, 'utf8');
  return [
    {
      name: '[Content_Types].xml',
      data: x(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
      ),
    },
    { name: '_rels/.rels', data: x('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>') },
    {
      name: 'xl/workbook.xml',
      data: x(`<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${sheet}" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    },
    { name: 'xl/_rels/workbook.xml.rels', data: x('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>') },
    { name: 'xl/worksheets/sheet1.xml', data: x(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rowsXml}</sheetData></worksheet>`) },
  ];
}

/** A row of inline-string cells: `row(3, ['A', 'x'], ['XFD', 'y'])`. */
export const xmlRow = (r: number, ...cells: [string, string | number][]) =>
  `<row r="${r}">${cells.map(([col, v]) => (typeof v === 'number' ? `<c r="${col}${r}"><v>${v}</v></c>` : `<c r="${col}${r}" t="inlineStr"><is><t>${v}</t></is></c>`)).join('')}</row>`;
