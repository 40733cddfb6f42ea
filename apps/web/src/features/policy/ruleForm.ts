import { formatYuanExact, type PolicyRule } from '@kzt/shared';
import { percentToBp, yuanToFen } from '../../lib/money.ts';
import { numberText } from '../../lib/numbers.ts';

/**
 * The version editor's form of a rule: what an official edits in fields
 * (rates in %, money in 元), and everything else of the rule kept as it was
 * (`rest`), so a rule published through the form loses nothing.
 */
export type RuleFormValues = {
  id: string;
  title: string;
  kind: PolicyRule['kind'];
  mode: PolicyRule['mode'];
  trigger: PolicyRule['trigger'] | undefined;
  beneficiary: PolicyRule['beneficiary'] | undefined;
  beneficiaryTypes: string[];
  sellerTypes: string[];
  buyerTypes: string[];
  localRoles: string[];
  contractKinds: string[];
  agencyPresent: boolean;
  base: PolicyRule['base'];
  ratePct: string;
  itemCapYuan: string;
  yearlyCapYuan: string;
  totalCapYuan: string;
  noStackingGroup: string;
  budgetLine: string;
  sourceFile: string;
  sourceItem: string;
  sourceQuote: string;
  /** The rule's other fields (selector, fixed amounts, grade share …), unchanged. */
  rest: string;
};

/** Fen → 元 as typed (no grouping, decimals only when there are any). */
export function fenToYuanText(fen: number | undefined): string {
  if (fen === undefined) return '';
  const neg = fen < 0;
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  return `${neg ? '-' : ''}${yuan}${cents ? `.${String(cents).padStart(2, '0').replace(/0$/, '')}` : ''}`;
}

/** 元 as typed (a sign, at most two decimals; commas allowed) → fen; undefined for empty, null when not a number. Negative stays negative: the server refuses it at the field. */
export function yuanTextToFen(text: string | undefined): number | undefined | null {
  const s = numberText(text).trim();
  if (!s) return undefined;
  const negative = /^-\d/.test(s);
  const fen = yuanToFen(negative ? s.slice(1) : s);
  return fen !== null && negative ? -fen : fen;
}


const FORM_KEYS = new Set(['id', 'title', 'kind', 'mode', 'trigger', 'beneficiary', 'conditions', 'base', 'rateBp', 'itemCap', 'yearlyCap', 'totalCap', 'noStackingGroup', 'budgetLine', 'source']);
const FORM_CONDITIONS = ['beneficiaryTypes', 'sellerTypes', 'buyerTypes', 'localRoles', 'contractKinds', 'agencyPresent'] as const;

export function ruleToForm(r: PolicyRule): RuleFormValues {
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r)) if (!FORM_KEYS.has(k) && v !== undefined) rest[k] = v;
  const otherConditions = Object.fromEntries(Object.entries(r.conditions ?? {}).filter(([k]) => !(FORM_CONDITIONS as readonly string[]).includes(k)));
  if (Object.keys(otherConditions).length > 0) rest['conditions'] = otherConditions;
  const c = r.conditions ?? {};
  return {
    id: r.id,
    title: r.title,
    kind: r.kind,
    mode: r.mode,
    trigger: r.trigger ?? undefined,
    beneficiary: r.beneficiary ?? undefined,
    beneficiaryTypes: c.beneficiaryTypes ?? [],
    sellerTypes: c.sellerTypes ?? [],
    buyerTypes: c.buyerTypes ?? [],
    localRoles: c.localRoles ?? [],
    contractKinds: c.contractKinds ?? [],
    agencyPresent: c.agencyPresent === true,
    base: r.base,
    ratePct: String(r.rateBp / 100),
    itemCapYuan: fenToYuanText(r.itemCap),
    yearlyCapYuan: fenToYuanText(r.yearlyCap),
    totalCapYuan: fenToYuanText(r.totalCap),
    noStackingGroup: r.noStackingGroup ?? '',
    budgetLine: r.budgetLine,
    sourceFile: r.source.file,
    sourceItem: r.source.item,
    sourceQuote: r.source.quote,
    rest: Object.keys(rest).length > 0 ? JSON.stringify(rest) : '',
  };
}

/** A field the form could not read, named by its form field. */
export type FormProblem = { field: keyof RuleFormValues; key: 'pol.ed.badYuan' | 'pol.ed.badPct' | 'pol.ed.badRest' | 'pol.ed.restShadows' };

/** The rule the server receives (it checks rates, caps and the rest, and names the field at fault). */
export function formToRule(v: RuleFormValues): { rule: Record<string, unknown>; problems: FormProblem[] } {
  const problems: FormProblem[] = [];
  let rest: Record<string, unknown> = {};
  if (v.rest && v.rest.trim()) {
    try {
      const parsed: unknown = JSON.parse(v.rest);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) rest = parsed as Record<string, unknown>;
      else problems.push({ field: 'rest', key: 'pol.ed.badRest' });
    } catch {
      problems.push({ field: 'rest', key: 'pol.ed.badRest' });
    }
  }
  // A field the form shows, typed again in the other parameters, would silently override what the form says: refused at the field.
  const restConditions = (rest['conditions'] && typeof rest['conditions'] === 'object' ? rest['conditions'] : {}) as Record<string, unknown>;
  const shadowed = Object.keys(rest).some((k) => k !== 'conditions' && FORM_KEYS.has(k)) || Object.keys(restConditions).some((k) => (FORM_CONDITIONS as readonly string[]).includes(k));
  if (shadowed) problems.push({ field: 'rest', key: 'pol.ed.restShadows' });
  const rateBp = percentToBp(v.ratePct);
  if (rateBp === null) problems.push({ field: 'ratePct', key: 'pol.ed.badPct' });
  const cap = (field: 'itemCapYuan' | 'yearlyCapYuan' | 'totalCapYuan') => {
    const fen = yuanTextToFen(v[field]);
    if (fen === null) problems.push({ field, key: 'pol.ed.badYuan' });
    return fen ?? undefined;
  };
  const itemCap = cap('itemCapYuan');
  const yearlyCap = cap('yearlyCapYuan');
  const totalCap = cap('totalCapYuan');
  const conditions: Record<string, unknown> = { ...restConditions };
  const list = (k: 'beneficiaryTypes' | 'sellerTypes' | 'buyerTypes' | 'localRoles' | 'contractKinds') => {
    const vals = (v[k] ?? []).map((x) => x.trim()).filter(Boolean);
    if (vals.length > 0) conditions[k] = vals;
  };
  list('beneficiaryTypes');
  list('sellerTypes');
  list('buyerTypes');
  list('localRoles');
  list('contractKinds');
  if (v.agencyPresent) conditions['agencyPresent'] = true;
  const { conditions: _c, ...others } = rest;
  const rule: Record<string, unknown> = {
    id: (v.id ?? '').trim(),
    title: (v.title ?? '').trim(),
    kind: v.kind,
    mode: v.mode,
    source: { file: (v.sourceFile ?? '').trim(), item: (v.sourceItem ?? '').trim(), quote: (v.sourceQuote ?? '').trim() },
    trigger: v.trigger ?? null,
    beneficiary: v.beneficiary ?? null,
    conditions,
    base: v.base,
    rateBp: rateBp ?? 0,
    ...(itemCap !== undefined ? { itemCap } : {}),
    ...(yearlyCap !== undefined ? { yearlyCap } : {}),
    ...(totalCap !== undefined ? { totalCap } : {}),
    ...(v.noStackingGroup && v.noStackingGroup.trim() ? { noStackingGroup: v.noStackingGroup.trim() } : {}),
    budgetLine: (v.budgetLine ?? '').trim(),
    ...others,
  };
  return { rule, problems };
}

/** The server's field path inside a rule (`rateBp`, `source.quote`, `conditions.localRoles.0`) → the form's field. */
export function formFieldOf(path: string): keyof RuleFormValues {
  const [head, sub] = path.split('.');
  switch (head) {
    case 'rateBp':
      return 'ratePct';
    case 'itemCap':
      return 'itemCapYuan';
    case 'yearlyCap':
      return 'yearlyCapYuan';
    case 'totalCap':
      return 'totalCapYuan';
    case 'source':
      return sub === 'file' ? 'sourceFile' : sub === 'item' ? 'sourceItem' : 'sourceQuote';
    case 'conditions':
      return sub && (FORM_CONDITIONS as readonly string[]).includes(sub) ? (sub as keyof RuleFormValues) : 'rest';
    case 'id':
    case 'title':
    case 'kind':
    case 'mode':
    case 'trigger':
    case 'beneficiary':
    case 'base':
    case 'noStackingGroup':
    case 'budgetLine':
      return head;
    default:
      return head ? 'rest' : 'id';
  }
}

/* ---------- what a new version changes ---------- */

export type FieldChange = { field: string; before: string; after: string };
export type RuleDiff = { added: Record<string, unknown>[]; removed: PolicyRule[]; changed: { id: string; title: string; changes: FieldChange[] }[] };

const MONEY = new Set(['itemCap', 'yearlyCap', 'totalCap', 'balanceCap', 'fixedAmount', 'minAmount']);

function show(field: string, v: unknown, lang: 'zh' | 'en'): string {
  if (v === undefined || v === null || (Array.isArray(v) && v.length === 0)) return '—';
  if (field === 'rateBp' && typeof v === 'number') return `${v / 100}%`;
  if (MONEY.has(field) && typeof v === 'number') return formatYuanExact(v, lang);
  if (Array.isArray(v)) return v.join('、');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** Rules added, removed and changed (field by field, conditions and source each by their parts) against the current version. */
export function diffRules(current: PolicyRule[], next: Record<string, unknown>[], lang: 'zh' | 'en' = 'zh'): RuleDiff {
  const before = new Map(current.map((r) => [r.id, r as unknown as Record<string, unknown>]));
  const afterIds = new Set(next.map((r) => String(r['id'])));
  const out: RuleDiff = { added: [], removed: current.filter((r) => !afterIds.has(r.id)), changed: [] };
  for (const r of next) {
    const old = before.get(String(r['id']));
    if (!old) {
      out.added.push(r);
      continue;
    }
    const changes: FieldChange[] = [];
    const flat = (o: Record<string, unknown>) => {
      const m = new Map<string, unknown>();
      for (const [k, v] of Object.entries(o)) {
        if ((k === 'conditions' || k === 'source' || k === 'selector') && v && typeof v === 'object') for (const [k2, v2] of Object.entries(v)) m.set(`${k}.${k2}`, v2);
        else m.set(k, v);
      }
      return m;
    };
    const a = flat(old);
    const b = flat(r);
    for (const k of new Set([...a.keys(), ...b.keys()])) {
      const x = a.get(k);
      const y = b.get(k);
      const empty = (v: unknown) => v === undefined || v === null || (Array.isArray(v) && v.length === 0) || v === false;
      if (empty(x) && empty(y)) continue;
      if (JSON.stringify(x) === JSON.stringify(y)) continue;
      const leaf = k.includes('.') ? k.split('.')[1]! : k;
      changes.push({ field: k, before: show(leaf, x, lang), after: show(leaf, y, lang) });
    }
    if (changes.length > 0) out.changed.push({ id: String(r['id']), title: String(r['title'] ?? old['title']), changes });
  }
  return out;
}
