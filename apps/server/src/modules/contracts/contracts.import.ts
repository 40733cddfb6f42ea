import { createHash } from 'node:crypto';
import { CONTRACT_KIND_LABELS, CONTRACT_SUBKIND_LABELS, createContractBody, ENTITY_TYPE_LABELS } from '@kzt/shared';
import type { Db } from '../../db/client.ts';
import { membershipIn, type Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { AppError, forbidden } from '../../platform/errors.ts';
import { issueMessage, t } from '../../platform/i18n.ts';
import {
  cellText,
  choiceOf,
  columnFor,
  date,
  fromLabels,
  labelsOf,
  list,
  ok,
  parseNumber,
  problem,
  shapeOf,
  single,
  text,
  wanToFen,
  type ColumnDef,
  type Converted,
  type SheetSpec,
} from '../imports/imports.columns.ts';
import { fileProblem, isCellProblem, type Table } from '../imports/imports.file.ts';
import { readTableInWorker } from '../imports/imports.parse.ts';
import { IMPORT_LIMITS } from '../imports/imports.schemas.ts';
import { buildTemplate } from '../imports/imports.template.ts';
import { unverifiedUpload } from '../storage/storage.service.ts';
import { contractNumbersTaken, insertContract, prepareContract, type ManualContractBody } from './contracts.service.ts';

/**
 * Contracts signed off the platform, imported from Excel or CSV as the
 * catalogue import does: a template, a dry run reporting every row's problems
 * (row, column, field, a sentence), then the import of the rows that pass.
 * The file is read by the imports module's worker (same limits: size, rows,
 * width, zip inspection, heap and time). Each row becomes the body of
 * `POST /api/contracts` and is checked by the API's own schema and the same
 * service function (`prepareContract`); imported contracts are drafts.
 */

type Signed = RequestContext & { actor: Actor };

/** Rows of one contract import: fewer than the catalogue's, as they are checked and inserted while the request waits. */
export const CONTRACT_IMPORT_MAX_ROWS = 1_000;

/** 万元 → fen; exact to the fen or refused (never rounded). */
const money: ColumnDef['convert'] = (v) => {
  if (cellText(v) === '') return ok(undefined);
  const n = parseNumber(v);
  if (n === undefined || n < 0) return problem('err.contractImport.money');
  const fen = wanToFen(n);
  return Number.isInteger(fen) ? ok(fen) : problem('err.contractImport.money');
};
const optionalMoney: ColumnDef['convert'] = (v) => (cellText(v) === '' ? ok(null) : money(v));
const optionalText: ColumnDef['convert'] = (v) => (cellText(v) === '' ? ok(null) : text(v));

/** 设备费:10、材料费:2.5 (万元) */
const deductions: ColumnDef['convert'] = (v) => {
  const out: { item: string; amount: number }[] = [];
  for (const part of list(v)) {
    const m = /^(.+?)\s*[:：]\s*(.+)$/.exec(part.normalize('NFKC'));
    if (!m) return problem('err.contractImport.deductions');
    const amount = money(m[2]!);
    if ('problem' in amount) return amount;
    out.push({ item: m[1]!.trim(), amount: amount.value as number });
  }
  return ok(out);
};

/** 2026-06-30:50、2026-12-31:50 (万元) */
const schedule: ColumnDef['convert'] = (v) => {
  const out: { dueOn: string; amount: number }[] = [];
  for (const part of list(v)) {
    const m = /^(.+?)\s*[:：]\s*([^:：]+)$/.exec(part.normalize('NFKC'));
    if (!m) return problem('err.contractImport.payments');
    const due = date(m[1]!.trim());
    if ('problem' in due) return problem('err.contractImport.payments');
    const amount = money(m[2]!);
    if ('problem' in amount) return amount;
    out.push({ dueOn: due.value as string, amount: amount.value as number });
  }
  return ok(out);
};

const KIND_CHOICES = fromLabels(CONTRACT_KIND_LABELS);
const SUBKIND_CHOICES = fromLabels(CONTRACT_SUBKIND_LABELS);
const ENTITY_CHOICES = fromLabels(ENTITY_TYPE_LABELS);
const pickSubkind = choiceOf(SUBKIND_CHOICES);

const party = (side: 'seller' | 'buyer', who: string, required: boolean, example: { name: string; creditCode: string; region: string; entityType: string }): ColumnDef[] => {
  const note = required ? '' : '；卖方四列都留空时，卖方为导入所用的本单位';
  return [
    { header: `${who}名称`, field: `${side}.name`, required, help: `${who}单位全称，不超过 200 字${note}`, width: 28, example: example.name, convert: text },
    { header: `${who}统一社会信用代码`, field: `${side}.creditCode`, help: `18 位统一社会信用代码（个人可留空）`, width: 24, example: example.creditCode, convert: text },
    { header: `${who}所在地区代码`, field: `${side}.region`, required, help: `6 位行政区划代码（GB/T 2260），如 140702`, width: 14, example: example.region, convert: text },
    {
      header: `${who}主体类型`,
      field: `${side}.entityType`,
      required,
      help: labelsOf(ENTITY_CHOICES).join(' / '),
      width: 14,
      options: labelsOf(ENTITY_CHOICES),
      example: example.entityType,
      convert: single(ENTITY_CHOICES),
    },
  ];
};

export const CONTRACT_IMPORT_SPEC: SheetSpec = {
  sheet: '合同',
  columns: [
    { header: '合同名称', aliases: ['标题', '项目名称'], field: 'title', required: true, help: '合同名称，不超过 300 字', width: 36, example: '高强度耐腐蚀特种钢材连续轧制工艺技术转让', convert: text },
    { header: '合同编号', field: 'contractNo', help: '双方合同上的编号（选填）；同一卖方的编号不能重复，重复导入时据此识别已导入的合同', width: 18, example: 'TYUT-JS-2026-001', convert: optionalText },
    {
      header: '合同类别',
      field: 'kind',
      required: true,
      help: labelsOf(KIND_CHOICES).join(' / '),
      width: 12,
      options: labelsOf(KIND_CHOICES),
      example: '技术转让',
      convert: single(KIND_CHOICES),
    },
    {
      header: '细分类',
      field: 'subkind',
      help: '技术开发：委托开发 / 合作开发；技术转让：专利权 / 专利申请权 / 技术秘密 / 计算机软件 / 其他；技术许可：专利权 / 技术秘密 / 计算机软件 / 其他；技术服务：一般技术服务 / 技术培训 / 技术中介；技术咨询留空',
      width: 14,
      example: '专利权',
      convert: (v) => (cellText(v) === '' ? ok(null) : pickSubkind(cellText(v))),
    },
    { header: '签订日期', field: 'signedOn', required: true, help: '如 2026-03-15，不能晚于今天', width: 14, example: '2026-03-15', convert: date },
    { header: '有效期至', field: 'validUntil', required: true, help: '合同有效期截止日，如 2027-03-14，不能早于签订日期', width: 14, example: '2027-03-14', convert: date },
    ...party('seller', '卖方', false, { name: '', creditCode: '', region: '', entityType: '' }),
    ...party('buyer', '买方', true, { name: '长治市精工机械有限公司', creditCode: '91140400MA0K000001', region: '140403', entityType: '企业' }),
    { header: '合同金额(万元)', aliases: ['合同金额', '合同成交额'], field: 'contractAmount', required: true, help: '单位万元，最多 6 位小数（精确到分）', width: 14, example: 120, convert: money },
    {
      header: '非技术性费用(项目:万元，以、分隔)',
      aliases: ['非技术性费用'],
      field: 'deductions',
      help: '设备、材料等非技术性费用，如 设备费:15、材料费:5；没有则留空',
      width: 28,
      example: '设备费:15、材料费:5',
      convert: deductions,
    },
    { header: '技术交易额(万元)', aliases: ['技术交易额'], field: 'technologyAmount', required: true, help: '等于合同金额减去非技术性费用合计，单位万元', width: 14, example: 100, convert: money },
    { header: '预计新增投资(万元)', aliases: ['预计新增投资'], field: 'expectedInvestment', help: '技术转让、技术许可合同申请登记时须填写；单位万元', width: 14, example: 300, convert: optionalMoney },
    { header: '预计新增产值(万元)', aliases: ['预计新增产值'], field: 'expectedOutput', help: '技术转让、技术许可合同申请登记时须填写；单位万元', width: 14, example: 800, convert: optionalMoney },
    {
      header: '付款计划(日期:万元，以、分隔)',
      aliases: ['付款计划'],
      field: 'payments',
      help: '如 2026-06-30:60、2026-12-31:60；合计不能超过合同金额；没有则留空',
      width: 30,
      example: '2026-06-30:60、2026-12-31:60',
      convert: schedule,
    },
    { header: '技术经纪人', field: 'broker', help: '促成合同的技术经纪人姓名（选填）', width: 14, example: '', convert: optionalText },
  ],
};

export const CONTRACT_IMPORT_GUIDE = {
  what: '平台外签订的技术合同',
  maxRows: CONTRACT_IMPORT_MAX_ROWS,
  steps: [
    '上传后系统先进行预检，逐行列出问题（行号、列名、原因），与在线录入合同的检查完全相同；确认后只导入通过预检的行。',
    '导入的合同均为草稿（卖方为本单位，或管理员导入时填写的卖方），需在“技术合同”中逐份核对后申请认定登记。',
    '有合同编号的合同不会重复导入：同一卖方已有该编号的合同时，该行会被标出。',
  ],
};

export const contractImportTemplate = () => buildTemplate(CONTRACT_IMPORT_SPEC, CONTRACT_IMPORT_GUIDE);

export type ContractReportEntry = { row: number; column: string; field: string; message: string };

/**
 * For whom the contracts are: the organisation named (the actor must be a
 * member), else the actor's first; an administrator of some jurisdiction may
 * import without one (each row then names its seller). An unverified
 * organisation may not make the server read files (issue 11).
 */
function importingOrganization(actor: Actor, organizationId: string | undefined) {
  if (organizationId) {
    const m = membershipIn(actor, organizationId);
    if (!m) throw forbidden();
    if (m.organizationStatus !== 'verified') throw unverifiedUpload(m.organizationName);
    return m;
  }
  const m = actor.memberships.find((x) => x.organizationStatus === 'verified');
  if (m) return m;
  if (actor.user.isPlatformAdmin || actor.adminOf.length) return null;
  if (actor.memberships[0]) throw unverifiedUpload(actor.memberships[0].organizationName);
  throw forbidden();
}

type Issue = Parameters<typeof issueMessage>[0];
/** A party is one of two shapes: of a union's failures, the branch that came closest (fewest issues), at its full path. */
function branchIssues(issue: Issue): Issue[] {
  if (issue.code !== 'invalid_union' || !issue.errors.length) return [issue];
  const closest = issue.errors.reduce((a, b) => (b.length < a.length ? b : a));
  return closest.flatMap((i) => branchIssues({ ...i, path: [...issue.path, ...i.path] } as Issue));
}

/** Each row as the body of POST /api/contracts, checked by its schema and by `prepareContract`; the valid rows with what was prepared. */
async function checkRows(db: Db, ctx: Signed, table: Table, sellerOrganizationId: string | null) {
  const spec = CONTRACT_IMPORT_SPEC;
  const lang = ctx.lang;
  const mapped: { index: number; def: ColumnDef; header: string }[] = [];
  table.headers.forEach((header, index) => {
    const def = columnFor(spec, header);
    if (def && !mapped.some((m) => m.def === def)) mapped.push({ index, def, header });
  });
  const missing = spec.columns.filter((c) => c.required && !mapped.some((m) => m.def === c));
  if (missing.length) throw fileProblem('err.import.header', { columns: missing.map((c) => `“${c.header}”`).join('、') });
  const headerOf = (path: readonly PropertyKey[]) => {
    const two = path.slice(0, 2).map(String).join('.');
    const field = spec.columns.some((c) => c.field === two) ? two : String(path[0] ?? '');
    const def = spec.columns.find((c) => c.field === field);
    return { field, column: mapped.find((m) => m.def.field === field)?.header ?? def?.header ?? field };
  };

  const report: ContractReportEntry[] = [];
  const valid: { row: number; body: ManualContractBody; prepared: Awaited<ReturnType<typeof prepareContract>> }[] = [];
  const seenNo = new Map<string, number>();

  for (const { row, cells } of table.rows) {
    const problems: ContractReportEntry[] = [];
    const add = (path: readonly PropertyKey[], message: string) => problems.push({ row, ...headerOf(path), message });
    const failed = new Set<string>();
    const flat: Record<string, unknown> = {};
    for (const { index, def } of mapped) {
      const cell = cells[index] ?? null;
      if (isCellProblem(cell)) {
        add([def.field], t(cell.problem.key, lang, cell.problem.params));
        failed.add(def.field);
        continue;
      }
      if (cellText(cell) === '') continue;
      const converted: Converted = def.convert(cell);
      if ('problem' in converted) {
        add([def.field], t(converted.problem.key, lang, converted.problem.params));
        failed.add(def.field);
      } else if (converted.value !== undefined) flat[def.field] = converted.value;
    }
    // seller.name … into { seller: { name } }; a seller left blank is the importing organisation.
    const body: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(flat)) {
      const [a, b] = k.split('.');
      if (b) body[a!] = { ...((body[a!] as object) ?? {}), [b]: v };
      else body[a!] = v;
    }
    if (!body.seller && ![...failed].some((f) => f.startsWith('seller.'))) {
      if (sellerOrganizationId) body.seller = { organizationId: sellerOrganizationId };
      else add(['seller.name'], t('err.contractImport.sellerRequired', lang));
    }
    if (problems.length) {
      report.push(...problems);
      continue;
    }

    const parsed = createContractBody.safeParse(body, { reportInput: true });
    if (!parsed.success) {
      for (const issue of parsed.error.issues.flatMap(branchIssues)) if (!failed.has(headerOf(issue.path).field)) add(issue.path, issueMessage(issue, lang));
      // A union's issues can repeat per branch: one sentence per column.
      report.push(...problems.filter((p, i) => problems.findIndex((q) => q.column === p.column && q.message === p.message) === i));
      continue;
    }
    const data = parsed.data as ManualContractBody;
    try {
      const prepared = await prepareContract(db, ctx, data);
      if (data.contractNo) {
        const first = seenNo.get(data.contractNo);
        if (first !== undefined) add(['contractNo'], t('err.import.duplicateInFile', lang, { row: first, column: headerOf(['contractNo']).column }));
        else seenNo.set(data.contractNo, row);
      }
      if (!problems.length) valid.push({ row, body: data, prepared });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      if (err.status === 403) add(['seller.name'], t('err.contractImport.sellerNotYours', lang));
      else if (err.fieldErrors.length) for (const f of err.fieldErrors) add(f.path.split('.'), t(f.key, lang, err.params));
      else add(['title'], t(err.detailKey ?? err.titleKey, lang, err.params));
    }
    report.push(...problems);
  }

  // Numbers the seller has entered before (a second import of the same file).
  const bySeller = new Map<string, typeof valid>();
  for (const v of valid) {
    const key = JSON.stringify([v.prepared.seller.organizationId, v.prepared.seller.creditCode, v.prepared.seller.name]);
    if (v.body.contractNo) bySeller.set(key, [...(bySeller.get(key) ?? []), v]);
  }
  const taken = new Set<number>();
  for (const rows of bySeller.values()) {
    const numbers = await contractNumbersTaken(db, rows[0]!.prepared.seller, rows.map((r) => r.body.contractNo!));
    for (const r of rows)
      if (numbers.includes(r.body.contractNo!)) {
        taken.add(r.row);
        report.push({ row: r.row, ...headerOf(['contractNo']), message: t('err.contractImport.numberTaken', lang, { number: r.body.contractNo! }) });
      }
  }
  report.sort((a, b) => a.row - b.row);
  return { report, valid: valid.filter((v) => !taken.has(v.row)) };
}

/**
 * The dry run (`dryRun`) or the import of a file of contracts: the report of
 * every row, and, for the import, the drafts created from the rows that
 * pass (all in one transaction, with one audit record of the import).
 */
export async function importContracts(
  db: Db,
  ctx: Signed,
  input: { dryRun: boolean; organizationId?: string; upload: () => Promise<{ fileName: string; buffer: Buffer }> },
) {
  const org = importingOrganization(ctx.actor, input.organizationId);
  const { fileName, buffer } = await input.upload();
  const table = await readTableInWorker(buffer, fileName, shapeOf(CONTRACT_IMPORT_SPEC));
  if (table.rows.length > CONTRACT_IMPORT_MAX_ROWS) throw fileProblem('err.import.tooManyRows', { rows: table.rows.length, max: CONTRACT_IMPORT_MAX_ROWS });
  const { report, valid } = await checkRows(db, ctx, table, org?.organizationId ?? null);
  const audit = {
    entityType: 'import',
    entityId: org?.organizationId ?? ctx.actor.user.id,
    organizationId: org?.organizationId ?? null,
    jurisdictionCode: org?.jurisdictionPath.split('/').at(-1) ?? null,
  };
  const facts = { fileName: fileName.slice(0, 255), sha256: createHash('sha256').update(buffer).digest('hex'), bytes: buffer.length, totalRows: table.rows.length, validRows: valid.length };
  const created = await db.transaction(async (tx) => {
    if (input.dryRun) {
      await recordAudit(tx, ctx, { ...audit, action: 'contract.import.dryRun', after: facts });
      return [];
    }
    const out: { row: number; id: string; title: string }[] = [];
    for (const v of valid) {
      const c = await insertContract(tx, ctx, v.body, v.prepared, { importRow: v.row, fileName: facts.fileName });
      out.push({ row: v.row, id: c.id, title: c.title });
    }
    await recordAudit(tx, ctx, { ...audit, action: 'contract.import', after: { ...facts, created: out.length } });
    return out;
  });
  return {
    dryRun: input.dryRun,
    fileName: facts.fileName,
    totalRows: table.rows.length,
    validRows: valid.length,
    report: report.slice(0, IMPORT_LIMITS.maxReport),
    reportTruncated: report.length > IMPORT_LIMITS.maxReport,
    preview: valid.slice(0, IMPORT_LIMITS.previewRows).map((v) => ({
      row: v.row,
      title: v.body.title,
      kind: v.body.kind,
      contractNo: v.body.contractNo,
      signedOn: v.body.signedOn,
      seller: v.prepared.seller.name,
      buyer: v.prepared.buyer.name,
      contractAmount: v.body.contractAmount,
      technologyAmount: v.body.technologyAmount,
    })),
    created,
  };
}

