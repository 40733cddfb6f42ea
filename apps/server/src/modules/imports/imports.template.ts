import ExcelJS from 'exceljs';
import { IMPORT_LIMITS } from './imports.schemas.ts';
import type { SheetSpec } from './imports.columns.ts';

const OPTIONS_SHEET = '选项';
const colLetter = (n: number) => {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
};

/** What the 填写说明 sheet says of another module's import: what a row is, and the steps after the upload. */
export type TemplateGuide = { what: string; steps: string[]; maxRows?: number };

/**
 * The template workbook of one kind: 填写说明 (how to fill it in), the data
 * sheet (成果 / 需求) with its Chinese header, one example row and drop-downs,
 * and a hidden sheet holding the drop-downs' options.
 */
export async function buildTemplate(spec: SheetSpec & { kind?: string }, guide?: TemplateGuide): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '科转通';
  wb.created = new Date(0);
  const what = guide?.what ?? (spec.kind === 'achievements' ? '科技成果' : '技术需求');

  const help = wb.addWorksheet('填写说明');
  help.columns = [
    { header: '列名', key: 'header', width: 34 },
    { header: '是否必填', key: 'required', width: 10 },
    { header: '填写要求', key: 'help', width: 90 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of spec.columns) help.addRow({ header: c.header, required: c.required ? '必填' : '选填', help: c.help });
  help.addRow({});
  const steps = guide?.steps ?? [
    '上传后系统先进行预检，逐行列出问题（行号、列名、原因），确认后只导入通过预检的行；导入的记录均为草稿，需在“我的成果/我的需求”中逐条提交审核。',
    '重复导入同一文件不会产生重复记录：有外部编号的按外部编号去重，没有的按标题去重。',
  ];
  for (const line of [
    `请在“${spec.sheet}”工作表中从第 2 行起逐行填写，每行一条${what}；不要修改第 1 行的表头和工作表名称。第 2 行是示例，导入前请删除或改写。`,
    `每次最多 ${(guide?.maxRows ?? IMPORT_LIMITS.maxRows).toLocaleString('en-US')} 行，文件不超过 10 MB；也可以另存为 CSV（UTF-8）后上传。`,
    ...steps,
    '如使用公式，请确保文件已在 Excel 中计算并保存；没有计算结果的公式单元格会被标出。',
  ].map((l, n) => `${n + 1}. ${l}`)) {
    const r = help.addRow({ header: line });
    help.mergeCells(`A${r.number}:C${r.number}`);
    r.alignment = { wrapText: true };
    r.height = 32;
  }

  const data = wb.addWorksheet(spec.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  data.columns = spec.columns.map((c) => ({ header: c.header, key: c.field, width: c.width ?? 16 }));
  const head = data.getRow(1);
  head.font = { bold: true };
  head.height = 22;
  spec.columns.forEach((c, i) => {
    const cell = head.getCell(i + 1);
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.required ? 'FFFDE2E2' : 'FFEFF3F8' } };
    if (c.required) cell.font = { bold: true, color: { argb: 'FFC0392B' } };
    cell.note = `${c.required ? '【必填】' : '【选填】'}${c.help}`;
  });
  data.addRow(Object.fromEntries(spec.columns.map((c) => [c.field, c.example])));

  const options = wb.addWorksheet(OPTIONS_SHEET, { state: 'hidden' });
  const last = IMPORT_LIMITS.maxRows + 1;
  let optionCol = 0;
  spec.columns.forEach((c, i) => {
    const range = `${colLetter(i + 1)}2:${colLetter(i + 1)}${last}`;
    if (c.options) {
      optionCol++;
      const col = colLetter(optionCol);
      c.options.forEach((o, j) => (options.getCell(`${col}${j + 1}`).value = o));
      addValidation(data, range, {
        type: 'list',
        allowBlank: !c.required,
        formulae: [`'${OPTIONS_SHEET}'!$${col}$1:$${col}$${c.options.length}`],
        showErrorMessage: true,
        errorStyle: 'warning',
        errorTitle: c.header,
        error: `请从下拉列表中选择：${c.help}`,
      });
    } else if (c.whole) {
      addValidation(data, range, {
        type: 'whole',
        operator: 'between',
        allowBlank: !c.required,
        formulae: c.whole,
        showErrorMessage: true,
        errorTitle: c.header,
        error: c.help,
      });
    }
  });
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 1, visibility: 'visible' }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** exceljs writes a validation for a whole range (its typings only know single cells). */
function addValidation(ws: ExcelJS.Worksheet, range: string, v: ExcelJS.DataValidation) {
  (ws as unknown as { dataValidations: { add: (address: string, v: ExcelJS.DataValidation) => void } }).dataValidations.add(range, v);
}
