import fs from 'node:fs/promises';
import { z } from 'zod';
import { CONTRACT_KIND_LABELS, CONTRACT_SUBKIND_LABELS, createContractBody, ENTITY_TYPE_LABELS, type ContractImportDto } from '@kzt/shared';
import type { Db, Tx } from '../../db/client.ts';
import { membershipIn, type Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { systemContext, type RequestContext } from '../../platform/context.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { defineJob, scheduleJob } from '../../platform/jobs.ts';
import { actorOfUser } from '../../platform/sessions.ts';
import { issueMessage, t } from '../../platform/i18n.ts';
import {
  cellText,
  choiceOf,
  columnFor,
  date,
  fromLabels,
  industryColumn,
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
import { importPayload } from '../imports/imports.job.ts';
import { importRun, queueImport, readableImport, recordImport, storedFile } from '../imports/imports.service.ts';
import { checkQuota, unverifiedUpload } from '../storage/storage.service.ts';
import { contractNumbersTaken, deleteHiddenImported, importedContracts, importedRows, insertContract, prepareContract, revealImported, type ManualContractBody } from './contracts.service.ts';

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

/** Rows of one contract import: the catalogue's limit (the file reader refuses more). */
export const CONTRACT_IMPORT_MAX_ROWS = IMPORT_LIMITS.maxRows;
/** A file of at most this many rows is checked while the request waits; a larger one is checked by a job, and its report follows. */
export const CONTRACT_IMPORT_INLINE_ROWS = 200;

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
    (() => {
      const column = industryColumn('C 制造业');
      const pick = column.convert;
      return { ...column, required: false, help: `${column.help}；选填，留空时取所涉成果的行业`, convert: (v: Parameters<typeof pick>[0]) => (cellText(v) === '' ? ok(null) : pick(v)) };
    })(),
  ],
};

export const CONTRACT_IMPORT_GUIDE = {
  what: '平台外签订的技术合同',
  maxRows: CONTRACT_IMPORT_MAX_ROWS,
  steps: [
    '上传后系统先进行预检，逐行列出问题（行号、列名、原因），与在线录入合同的检查完全相同；确认后只导入通过预检的行。',
    `不超过 ${CONTRACT_IMPORT_INLINE_ROWS} 行的文件立即给出预检报告；更大的文件在后台预检和导入，页面显示进度，服务重启后继续。`,
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
async function checkRows(db: Db, ctx: Signed, table: Table, sellerOrganizationId: string | null, importId: string | null = null) {
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
    const numbers = await contractNumbersTaken(db, rows[0]!.prepared.seller, rows.map((r) => r.body.contractNo!), importId);
    for (const r of rows)
      if (numbers.includes(r.body.contractNo!)) {
        taken.add(r.row);
        report.push({ row: r.row, ...headerOf(['contractNo']), message: t('err.contractImport.numberTaken', lang, { number: r.body.contractNo! }) });
      }
  }
  report.sort((a, b) => a.row - b.row);
  return { report, valid: valid.filter((v) => !taken.has(v.row)) };
}

type Checked = Awaited<ReturnType<typeof checkRows>>;
const previewOf = (valid: Checked['valid']) =>
  valid.slice(0, IMPORT_LIMITS.previewRows).map((v) => ({
    row: v.row,
    title: v.body.title,
    kind: v.body.kind,
    contractNo: v.body.contractNo,
    signedOn: v.body.signedOn,
    seller: v.prepared.seller.name,
    buyer: v.prepared.buyer.name,
    contractAmount: v.body.contractAmount,
    technologyAmount: v.body.technologyAmount,
  }));

/**
 * Step 1, the dry run, as the catalogue import does: the file is kept (under
 * data/imports, counted against the organisation's quota, or the
 * administrator's when imported without one; swept like every import file) and recorded as an
 * import (imports module); a small file is checked at once and its report
 * answered, a larger one is checked by the `contracts.importCheck` job
 * (status `checking`, the report follows). With `dryRun` false the import of
 * the rows that pass is queued right after the check.
 */
export async function importContracts(
  db: Db,
  ctx: Signed,
  input: { dryRun: boolean; organizationId?: string; dataDir: string; quotaBytes: number; upload: () => Promise<{ fileName: string; buffer: Buffer }> },
) {
  const org = importingOrganization(ctx.actor, input.organizationId);
  const { fileName, buffer } = await input.upload();
  // An administrator's import made without an organisation is kept for, and counted against, the administrator.
  await checkQuota(db, org ? { organizationId: org.organizationId } : { userId: ctx.actor.user.id }, buffer.length, input.quotaBytes);
  const table = await readTableInWorker(buffer, fileName, shapeOf(CONTRACT_IMPORT_SPEC));
  const checked = table.rows.length <= CONTRACT_IMPORT_INLINE_ROWS ? await checkRows(db, ctx, table, org?.organizationId ?? null) : null;
  const row = await recordImport(db, ctx, {
    kind: 'contracts',
    organizationId: org?.organizationId ?? null,
    fileName,
    buffer,
    dataDir: input.dataDir,
    quotaBytes: input.quotaBytes,
    status: checked ? 'validated' : 'checking',
    totalRows: table.rows.length,
    validRows: checked?.valid.length ?? 0,
    report: checked?.report.slice(0, IMPORT_LIMITS.maxReport) ?? [],
    preview: checked ? previewOf(checked.valid) : [],
    audit: (tx, row, after) =>
      recordAudit(tx, ctx, {
        action: 'contract.import.dryRun',
        entityType: 'import',
        entityId: row.id,
        organizationId: org?.organizationId ?? null,
        jurisdictionCode: org?.jurisdictionPath.split('/').at(-1) ?? null,
        after,
      }),
  });
  const payload = { importId: row.id, file: storedFile(input.dataDir, row.sha256), actorId: ctx.actor.user.id, requestId: ctx.requestId, ip: ctx.ip, dataDir: input.dataDir, thenRun: !input.dryRun };
  if (!checked) await scheduleJob(db, contractImportCheckJob, { payload, key: `contracts.importCheck:${row.id}` });
  else if (!input.dryRun && checked.valid.length) await queueImport(db, ctx, row.id, input.dataDir, { job: contractImportJob, kinds: ['contracts'], payload: { dataDir: input.dataDir, thenRun: false } });
  return contractImport(db, ctx.actor, row.id, { reportTruncated: (checked?.report.length ?? 0) > IMPORT_LIMITS.maxReport });
}

/** Step 2: the import of a checked file's valid rows, as a job. */
export async function runContractImport(db: Db, ctx: Signed, id: string, dataDir: string) {
  await queueImport(db, ctx, id, dataDir, { job: contractImportJob, kinds: ['contracts'], payload: { dataDir, thenRun: false } });
  return contractImport(db, ctx.actor, id);
}

/**
 * Gives up an import that failed (the job stopped, or stopped for good): the
 * rows it entered, still hidden, are deleted with the import marked
 * `discarded` and its audit event, in one transaction — so the same file can
 * be uploaded again without its contract numbers being taken. Only its
 * readers may (404 for others), only once it failed (409 while it runs); a
 * retry of its job after that does nothing.
 */
export async function discardContractImport(db: Db, ctx: Signed, id: string) {
  await db.transaction(async (tx) => deleteHidden(tx, ctx, await importRun.discard(tx, ctx.actor, id, ['contracts']), false));
  return contractImport(db, ctx.actor, id);
}

/** The hidden rows of an import deleted, with the audit event saying how many and whether the job did it on its last failure. */
async function deleteHidden(tx: Tx, ctx: RequestContext, imp: { id: string; organizationId: string | null; fileName: string }, auto: boolean) {
  const deleted = await deleteHiddenImported(tx, imp.id);
  await recordAudit(tx, ctx, {
    action: 'contract.import.discard',
    entityType: 'import',
    entityId: imp.id,
    organizationId: imp.organizationId,
    jurisdictionCode: ctx.actor?.memberships.find((m) => m.organizationId === imp.organizationId)?.jurisdictionPath.split('/').at(-1) ?? null,
    after: { importId: imp.id, fileName: imp.fileName, deleted, auto },
  });
}

/** An import of contracts as its creator (or its organisation's members) sees it: status, progress, report, preview and the first drafts made. */
export async function contractImport(db: Db, actor: Actor, id: string, opts: { reportTruncated?: boolean } = {}) {
  const { row, policy } = await readableImport(db, actor, id);
  if (row.kind !== 'contracts') throw notFound('import');
  const report = row.report as ContractReportEntry[];
  const done = ['queued', 'importing', 'done', 'failed'].includes(row.status);
  // The drafts made show once the import is done (all at once); before, only the counts.
  return {
    id: row.id,
    status: row.status as ContractImportDto['status'],
    dryRun: !done,
    organizationId: row.organizationId,
    fileName: row.fileName,
    totalRows: row.totalRows,
    validRows: row.validRows,
    processedRows: row.processedRows,
    createdRows: row.createdRows,
    duplicateRows: row.duplicateRows,
    report,
    reportTruncated: opts.reportTruncated ?? (report.length >= IMPORT_LIMITS.maxReport),
    preview: row.preview as ContractImportDto['preview'],
    created: done ? (await importedContracts(db, row.id)).map((c) => ({ row: c.row ?? 0, id: c.id, title: c.title })) : [],
    error: row.error,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
    allowedActions: [...(policy.run ? (['run'] as const) : []), ...(policy.discard ? (['discard'] as const) : [])],
  };
}

// ---- the jobs: check a large file, import the valid rows

export const contractImportPayload = importPayload.extend({
  /** The server's data directory (where the file is kept), to queue the import after a check. */
  dataDir: z.string(),
  /** Queue the import once the check is done (an upload with dryRun=false). */
  thenRun: z.boolean(),
});
type ContractImportPayload = z.infer<typeof contractImportPayload>;

export type ContractImportRunOptions = {
  batchSize?: number;
  /** Called after each committed batch (tests use it to simulate a crash). */
  afterBatch?: (batch: number) => void | Promise<void>;
};

/** The person who uploaded the file, as the actor the rows are checked and entered for (their rights as they are now). */
async function jobContext(db: Db, p: ContractImportPayload, jobId: string): Promise<Signed> {
  const actor = await actorOfUser(db, p.actorId, { tokenHash: `job:${jobId}`, via: 'bearer' });
  if (!actor) throw new Error(`the user ${p.actorId} of import ${p.importId} is gone`);
  return { ...systemContext(p.requestId), ip: p.ip, actor };
}

/** The check of a large file: its report, valid rows and preview are stored; then, if asked, the import is queued. */
async function checkContractImport(db: Db, p: ContractImportPayload, jobId: string) {
  const imp = await importRun.byId(db, p.importId);
  if (!imp || (imp.status !== 'checking' && imp.status !== 'failed') || imp.startedAt) return; // a discarded one too
  const ctx = await jobContext(db, p, jobId);
  try {
    const table = await readTableInWorker(await fs.readFile(p.file), imp.fileName, shapeOf(CONTRACT_IMPORT_SPEC));
    const { report, valid } = await checkRows(db, ctx, table, imp.organizationId, imp.id);
    await importRun.checked(db, imp.id, { totalRows: table.rows.length, validRows: valid.length, report, preview: previewOf(valid) });
    if (p.thenRun && valid.length) await queueImport(db, ctx, imp.id, p.dataDir, { job: contractImportJob, kinds: ['contracts'], payload: { dataDir: p.dataDir, thenRun: false } });
  } catch (err) {
    await importRun.failed(db, imp.id, err);
    throw err;
  }
}

/**
 * The import of the valid rows: checked again (the seller's rights and the
 * numbers taken as they are now), then entered in batches, each its own
 * transaction, each row marked with its import and file row and hidden
 * (status `importing`: no list, page or reader sees it). Run again after a
 * crash or a restart (the job's lease runs out and the runner claims it
 * again), the rows already entered are skipped: nothing is entered twice.
 * The last transaction turns every row into a draft at once, marks the
 * import done and writes its audit event: a reader sees none of an import's
 * contracts, then all of them.
 */
async function executeContractImport(db: Db, p: ContractImportPayload, opts: ContractImportRunOptions & { jobId: string; heartbeat?: () => Promise<void>; final?: boolean }) {
  const imp = await importRun.byId(db, p.importId);
  if (!imp || imp.status === 'done' || imp.status === 'discarded') return;
  let ctx: Signed | undefined;
  try {
    const signed = (ctx = await jobContext(db, p, opts.jobId));
    const table = await readTableInWorker(await fs.readFile(p.file), imp.fileName, shapeOf(CONTRACT_IMPORT_SPEC));
    const { valid } = await checkRows(db, signed, table, imp.organizationId, imp.id);
    const entered = new Set(await importedRows(db, imp.id));
    if (!(await importRun.start(db, imp.id))) return; // discarded while this run checked the file
    if (entered.size) await importRun.progress(db, imp.id, { processed: entered.size, created: entered.size, duplicates: 0 });
    const left = valid.filter((v) => !entered.has(v.row));
    const size = opts.batchSize ?? IMPORT_LIMITS.batchSize;
    for (let start = 0, batch = 1; start < left.length; start += size, batch++) {
      const rows = left.slice(start, start + size);
      await db.transaction(async (tx) => {
        for (const v of rows) await insertContract(tx, signed, v.body, v.prepared, { importRow: v.row, fileName: imp.fileName }, { importId: imp.id, importRow: v.row });
        await importRun.progress(tx, imp.id, { processed: rows.length, created: rows.length, duplicates: 0 });
      });
      await opts.afterBatch?.(batch);
      await opts.heartbeat?.();
      await new Promise((resolve) => setTimeout(resolve, IMPORT_LIMITS.pauseMs));
    }
    const created = entered.size + left.length;
    // Rows that passed the dry run but not this check (a number entered meanwhile) are counted as duplicates.
    const duplicates = Math.max(0, imp.validRows - valid.length);
    await db.transaction(async (tx) => {
      await revealImported(tx, imp.id);
      await importRun.done(tx, imp.id, { created, duplicates });
      await recordAudit(tx, signed, {
        action: 'contract.import',
        entityType: 'import',
        entityId: imp.id,
        organizationId: imp.organizationId,
        jurisdictionCode: signed.actor.memberships.find((m) => m.organizationId === imp.organizationId)?.jurisdictionPath.split('/').at(-1) ?? null,
        after: { importId: imp.id, fileName: imp.fileName, created, duplicates },
      });
    });
  } catch (err) {
    await importRun.failed(db, imp.id, err);
    // Its last attempt: the rows it entered, never to be revealed, are deleted so the file can be uploaded again (the import stays failed; an operator's retry starts over).
    if (opts.final) await db.transaction((tx) => deleteHidden(tx, ctx ?? { ...systemContext(p.requestId), ip: p.ip }, imp, true));
    throw err;
  }
}

export const contractImportCheckJob = defineJob({
  name: 'contracts.importCheck',
  version: 1,
  payload: contractImportPayload,
  run: (db, payload, job) => checkContractImport(db, payload, job.id),
});

/** The import job, with options for tests (a smaller batch, a crash after a batch). */
export const contractImportJobWith = (opts: ContractImportRunOptions = {}) =>
  defineJob({
    name: 'contracts.import',
    version: 1,
    payload: contractImportPayload,
    run: (db, payload, job) => executeContractImport(db, payload, { ...opts, jobId: job.id, heartbeat: job.heartbeat, final: job.final }),
  });
export const contractImportJob = contractImportJobWith();
