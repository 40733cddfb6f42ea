import {
  ACHIEVEMENT_TYPE_LABELS,
  CONFIDENTIALITY_LABELS,
  INDUSTRY_SECTIONS,
  IP_KIND_LABELS,
  IP_STATUS_LABELS,
  TRANSFER_MODE_LABELS,
} from '@kzt/shared';
import { normalizeText } from '../../platform/text.ts';
import type { ImportKind, SheetShape } from './imports.schemas.ts';

/**
 * The columns of the import templates: the Chinese header a person sees, the
 * API field it fills, and how a cell becomes the value the API's request
 * schema expects. Labels (应用研究, 制造业, 许可) and codes (applied_research,
 * C, licence) are both accepted.
 */

/** A cell as read from the file: text, number, boolean or date (formulas already resolved). */
export type CellValue = string | number | boolean | Date | null;

/** A conversion that failed: an i18n key and its params. */
export type CellProblem = { key: string; params?: Record<string, string | number> };
export type Converted = { value: unknown } | { problem: CellProblem };

export type Choice = { code: string; labels: string[] };

export type ColumnDef = {
  /** Header in the template. */
  header: string;
  /** Other headers accepted (the base name before a bracket is always accepted, and the API field name). */
  aliases?: string[];
  field: string;
  required?: boolean;
  /** Shown in 填写说明. */
  help: string;
  width?: number;
  /** Options for a drop-down (single-value columns only). */
  options?: string[];
  /** Excel validation for whole numbers between two bounds. */
  whole?: [number, number];
  example: string | number;
  convert: (cell: CellValue) => Converted;
};

// ---- cell conversions

export const cellText = (v: CellValue): string => {
  if (v === null) return '';
  if (v instanceof Date) return isoDate(v);
  return String(v).trim();
};

/** An Excel date is a UTC midnight of the calendar day typed. */
const isoDate = (d: Date) => d.toISOString().slice(0, 10);

export const ok = (value: unknown): Converted => ({ value });
export const problem = (key: string, params?: Record<string, string | number>): Converted => ({ problem: { key, params } });

/** Full-width digits and punctuation to half-width (Ｃ → C, １２ → 12). */
const halfWidth = (s: string) => s.normalize('NFKC');

export const text: ColumnDef['convert'] = (v) => ok(cellText(v));

export const list = (v: CellValue) =>
  cellText(v)
    .split(/[、,，;；\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);

export const parseNumber = (v: CellValue): number | undefined => {
  if (typeof v === 'number') return v;
  const s = halfWidth(cellText(v)).replace(/[,\s]/g, '').replace(/万元?$/, '');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(s)) return undefined;
  return Number(s);
};

/** 万元 → fen (1 万元 = 1,000,000 分), exact for up to 6 decimals; anything else fails the schema. */
export function wanToFen(wan: number): number {
  const fen = wan * 1_000_000;
  const rounded = Math.round(fen);
  return Math.abs(fen - rounded) < 1e-6 ? rounded : fen;
}

export const money =
  (blank: unknown): ColumnDef['convert'] =>
  (v) => {
    const s = cellText(v);
    if (s === '' || s === '面议') return ok(blank);
    const n = parseNumber(v);
    if (n === undefined || n < 0) return problem('err.import.money');
    const fen = wanToFen(n);
    return Number.isInteger(fen) ? ok(fen) : problem('err.import.money');
  };

const integer: ColumnDef['convert'] = (v) => {
  const n = parseNumber(v);
  // The schema gives the API's own message for a non-integer or out of range.
  return n === undefined ? ok(cellText(v)) : ok(n);
};

/**
 * A label as compared: the platform's one text normalisation (full-width to
 * half-width, traditional to simplified, lower case) without spaces, so
 * 「技術開發與產業化」「轉讓」「公開」 read as the simplified labels they are.
 */
const normalizeLabel = (s: string) => normalizeText(halfWidth(s)).replace(/\s+/g, '');

export function choiceOf(choices: Choice[]) {
  const index = new Map<string, string>();
  for (const c of choices) for (const l of [c.code, ...c.labels]) index.set(normalizeLabel(l), c.code);
  const shown = choices.map((c) => c.labels[0] ?? c.code).join('、');
  return (raw: string): Converted => {
    const code = index.get(normalizeLabel(raw));
    return code ? ok(code) : problem('err.import.choice', { value: raw, options: shown });
  };
}

export const single = (choices: Choice[]): ColumnDef['convert'] => {
  const pick = choiceOf(choices);
  return (v) => pick(cellText(v));
};

const multiple = (choices: Choice[]): ColumnDef['convert'] => {
  const pick = choiceOf(choices);
  return (v) => {
    const codes: string[] = [];
    for (const part of list(v)) {
      const r = pick(part);
      if ('problem' in r) return r;
      codes.push(r.value as string);
    }
    return ok(codes);
  };
};

export const fromLabels = (labels: Record<string, { zh: string }>): Choice[] => Object.entries(labels).map(([code, l]) => ({ code, labels: [l.zh] }));

export const ACHIEVEMENT_TYPE_CHOICES = fromLabels(ACHIEVEMENT_TYPE_LABELS);
export const INDUSTRY_CHOICES: Choice[] = Object.entries(INDUSTRY_SECTIONS).map(([code, l]) => ({
  code,
  labels: [`${code} ${l.zh}`, l.zh, `${code}${l.zh}`, `${code}-${l.zh}`],
}));
const TRANSFER_CHOICES = fromLabels(TRANSFER_MODE_LABELS);
const CONFIDENTIALITY_CHOICES = fromLabels(CONFIDENTIALITY_LABELS);
const IP_KIND_CHOICES = fromLabels(IP_KIND_LABELS);
const IP_STATUS_CHOICES = fromLabels(IP_STATUS_LABELS);
export const labelsOf = (choices: Choice[]) => choices.map((c) => c.labels[0]!);

const yesNo: ColumnDef['convert'] = (v) => {
  if (typeof v === 'boolean') return ok(v);
  const s = normalizeLabel(cellText(v));
  if (['是', 'y', 'yes', 'true', '1', '√'].includes(s)) return ok(true);
  if (['否', 'n', 'no', 'false', '0', '×'].includes(s)) return ok(false);
  return problem('err.import.boolean');
};

export const date: ColumnDef['convert'] = (v) => {
  if (v instanceof Date) return ok(isoDate(v));
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(halfWidth(cellText(v)));
  if (!m) return problem('err.import.date');
  return ok(`${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`);
};

/** 李慧(太行理工大学):60、王强:40 */
const completers: ColumnDef['convert'] = (v) => {
  const out: { name: string; organization?: string; share: number }[] = [];
  for (const part of list(v)) {
    const m = /^(.+?)\s*(?:[（(]\s*(.+?)\s*[）)])?\s*[:：]\s*([\d.]+)\s*[%％]?$/.exec(halfWidth(part));
    if (!m) return problem('err.import.completers');
    out.push({ name: m[1]!, ...(m[2] ? { organization: m[2] } : {}), share: Number(m[3]) });
  }
  return ok(out);
};

/** ZL202310123456.7:发明专利:已授权 */
const ipItems: ColumnDef['convert'] = (v) => {
  const kind = choiceOf(IP_KIND_CHOICES);
  const status = choiceOf(IP_STATUS_CHOICES);
  const out: { number: string; kind: string; status?: string }[] = [];
  for (const part of list(v)) {
    const [number, k, st, ...rest] = part.split(/\s*[:：]\s*/);
    if (!number || !k || rest.length) return problem('err.import.ip');
    const kc = kind(k);
    if ('problem' in kc) return kc;
    const item: { number: string; kind: string; status?: string } = { number, kind: kc.value as string };
    if (st) {
      const sc = status(st);
      if ('problem' in sc) return sc;
      item.status = sc.value as string;
    }
    out.push(item);
  }
  return ok(out);
};

// ---- the two templates

/** A template: its data sheet and columns (the catalogue's kinds, and other modules' imports such as contracts). */
export type SheetSpec = {
  /** Name of the data sheet. */
  sheet: string;
  columns: ColumnDef[];
};
export type KindSpec = SheetSpec & { kind: ImportKind };

/** The shape the file reader checks a file against. */
export const shapeOf = (spec: SheetSpec): SheetShape => ({ sheet: spec.sheet, columnCount: spec.columns.length });

const keywordsColumn: ColumnDef = {
  header: '关键词(以、或,分隔)',
  field: 'keywords',
  help: '最多 20 个，每个不超过 30 字，以顿号“、”或逗号分隔',
  width: 26,
  example: '',
  convert: (v) => ok(list(v)),
};
export const industryColumn = (example: string): ColumnDef => ({
  header: '行业门类',
  field: 'industry',
  required: true,
  help: '国民经济行业分类门类，可填代码（如 C）或名称（如 制造业），或从下拉列表选择',
  width: 22,
  options: INDUSTRY_CHOICES.map((c) => c.labels[0]!),
  example,
  convert: single(INDUSTRY_CHOICES),
});
const industryTagsColumn: ColumnDef = {
  header: '行业标签(以、分隔)',
  field: 'industryTags',
  help: '重点产业标签，如 新材料、智能制造；最多 10 个',
  width: 20,
  example: '',
  convert: (v) => ok(list(v)),
};
const confidentialityColumn: ColumnDef = {
  header: '保密级别',
  field: 'confidentiality',
  help: '公开 / 摘要公开 / 保密；留空为公开',
  width: 12,
  options: labelsOf(CONFIDENTIALITY_CHOICES),
  example: '公开',
  convert: single(CONFIDENTIALITY_CHOICES),
};
const externalIdColumn: ColumnDef = {
  header: '外部编号',
  field: 'externalId',
  help: '本单位系统中的编号（选填，最多 100 字）。重复导入时按外部编号去重；没有外部编号时按标题去重',
  width: 16,
  example: '',
  convert: text,
};

export const ACHIEVEMENT_SPEC: KindSpec = {
  kind: 'achievements',
  sheet: '成果',
  columns: [
    { header: '标题', field: 'title', required: true, help: '成果名称，不超过 200 字', width: 36, example: '高强度耐腐蚀特种钢材连续轧制工艺', convert: text },
    { header: '摘要', field: 'summary', help: '成果简介，不超过 5000 字', width: 48, example: '提出一种特种钢材连续轧制与在线热处理一体化工艺，屈服强度提高 15%。', convert: text },
    { ...keywordsColumn, example: '特种钢材、连续轧制、热处理' },
    {
      header: '成果类型',
      field: 'type',
      required: true,
      help: `${labelsOf(ACHIEVEMENT_TYPE_CHOICES).join(' / ')}`,
      width: 18,
      options: labelsOf(ACHIEVEMENT_TYPE_CHOICES),
      example: '技术开发与产业化',
      convert: single(ACHIEVEMENT_TYPE_CHOICES),
    },
    industryColumn('C 制造业'),
    { ...industryTagsColumn, example: '特种钢材' },
    { header: '成熟度(1-9)', field: 'maturity', required: true, help: '技术成熟度 1–9 的整数（1 基本原理提出 … 9 规模化产业化）', width: 12, whole: [1, 9], example: 6, convert: integer },
    {
      header: '转化方式(以、分隔)',
      field: 'transferModes',
      help: `可多选，以顿号分隔：${labelsOf(TRANSFER_CHOICES).join('、')}`,
      width: 20,
      example: '转让、许可',
      convert: multiple(TRANSFER_CHOICES),
    },
    { header: '价格(万元，空为面议)', aliases: ['价格'], field: 'price', help: '期望价格，单位万元，可含小数；留空或填“面议”表示面议', width: 18, example: 50, convert: money(null) },
    confidentialityColumn,
    {
      header: '完成人(姓名:份额，以、分隔)',
      field: 'completers',
      help: '如 李慧(太行理工大学):60、王强:40；份额为百分比，合计须为 100',
      width: 30,
      example: '李慧(太行理工大学):60、王强:40',
      convert: completers,
    },
    {
      header: '知识产权(编号:类型:状态，以、分隔)',
      field: 'ip',
      help: `如 ZL202310123456.7:发明专利:已授权；类型：${labelsOf(IP_KIND_CHOICES).join('、')}；状态：${labelsOf(IP_STATUS_CHOICES).join('、')}（留空为已授权）`,
      width: 34,
      example: 'ZL202310123456.7:发明专利:已授权',
      convert: ipItems,
    },
    { ...externalIdColumn, example: 'TYUT-2026-001' },
  ],
};

export const DEMAND_SPEC: KindSpec = {
  kind: 'demands',
  sheet: '需求',
  columns: [
    { header: '需求名称', aliases: ['标题'], field: 'title', required: true, help: '需求名称，不超过 200 字', width: 36, example: '液压阀体铸件气孔缺陷在线检测', convert: text },
    { header: '需求描述', field: 'description', help: '需求的具体内容、技术指标，不超过 5000 字', width: 48, example: '需要一套基于机器视觉的铸件气孔缺陷在线检测方案，检出率不低于 99%。', convert: text },
    { ...keywordsColumn, example: '机器视觉、缺陷检测' },
    industryColumn('C 制造业'),
    { ...industryTagsColumn, example: '智能制造' },
    { header: '预算下限(万元)', aliases: ['预算下限'], field: 'budgetMin', help: '单位万元，可留空', width: 14, example: 20, convert: money(null) },
    { header: '预算上限(万元)', aliases: ['预算上限'], field: 'budgetMax', help: '单位万元，可留空；不能低于预算下限', width: 14, example: 50, convert: money(null) },
    { header: '截止日期', field: 'deadline', help: '如 2026-12-31，不能早于今天；可留空', width: 14, example: '2099-12-31', convert: date },
    {
      header: '合作方式(以、分隔)',
      field: 'cooperationModes',
      help: `可多选，以顿号分隔：${labelsOf(TRANSFER_CHOICES).join('、')}`,
      width: 20,
      example: '合作开发、许可',
      convert: multiple(TRANSFER_CHOICES),
    },
    confidentialityColumn,
    {
      header: '共性技术难题(是/否)',
      field: 'commonProblem',
      help: '是 / 否，留空为否；只有企业或政府部门可以发布共性技术难题',
      width: 14,
      options: ['是', '否'],
      example: '否',
      convert: yesNo,
    },
    { ...externalIdColumn, example: 'XQ-2026-001' },
  ],
};

export const SPECS: Record<ImportKind, KindSpec> = { achievements: ACHIEVEMENT_SPEC, demands: DEMAND_SPEC };

/** The name a header is known by: without spaces, a trailing *, or a bracketed note. */
export const headerKey = (h: string) =>
  normalizeText(halfWidth(h))
    .replace(/\s+/g, '')
    .replace(/^\*|\*$/g, '')
    .replace(/[(（].*$/, '')
    .toLowerCase();

/** Finds the column a header names, or undefined. */
export function columnFor(spec: SheetSpec, header: string): ColumnDef | undefined {
  const key = headerKey(header);
  if (!key) return undefined;
  return spec.columns.find((c) => [c.header, ...(c.aliases ?? []), c.field].some((h) => headerKey(h) === key));
}
