import { randomBytes } from 'node:crypto';
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
