import { INDUSTRY_SECTIONS, MATURITY_LEVELS, TRANSFER_MODE_LABELS, formatFen, type IndustrySection, type TransferMode } from '@kzt/shared';
import type { Lang } from '../../platform/i18n.ts';
import type { MatchReason } from './matching.engine.ts';

const list = (items: readonly string[], lang: Lang) => items.join(lang === 'zh' ? '、' : ', ');
const industryName = (code: unknown, lang: Lang) => INDUSTRY_SECTIONS[code as IndustrySection]?.[lang] ?? String(code);
const modeNames = (modes: readonly string[], lang: Lang) => modes.map((m) => TRANSFER_MODE_LABELS[m as TransferMode]?.[lang] ?? m);
const stage = (n: number, lang: Lang) => MATURITY_LEVELS[n]?.stage[lang] ?? '';

/** The sentence a person reads for one reason of a match. */
export function reasonText(r: MatchReason, lang: Lang = 'zh'): string {
  const v = r.values ?? {};
  const zh = lang === 'zh';
  switch (r.kind) {
    case 'terms':
      return zh ? `共同关键词：${list(r.terms ?? [], lang)}` : `Shared terms: ${list(r.terms ?? [], lang)}`;
    case 'related':
      return zh
        ? `相关技术词：${list(r.terms ?? [], lang)}（常与“${list(r.via ?? [], lang)}”同时出现）`
        : `Related terms: ${list(r.terms ?? [], lang)} (often named with “${list(r.via ?? [], lang)}”)`;
    case 'industry':
      return zh ? `同属行业：${industryName(v.industry, lang)}` : `Same industry: ${industryName(v.industry, lang)}`;
    case 'maturity': {
      const m = Number(v.maturity);
      const range = `${v.min}–${v.max}`;
      if (r.fit === 'good') return zh ? `成熟度 ${m} 级（${stage(m, lang)}），符合需求所处阶段（${range} 级）` : `Maturity ${m} (${stage(m, lang)}) fits the stage wanted (${range})`;
      return zh ? `成熟度 ${m} 级（${stage(m, lang)}），低于需求期望（${range} 级），需进一步开发` : `Maturity ${m} (${stage(m, lang)}) is below the stage wanted (${range}); more development needed`;
    }
    case 'mode':
      return zh ? `合作方式一致：${list(modeNames(r.terms ?? [], lang), lang)}` : `Cooperation modes agree: ${list(modeNames(r.terms ?? [], lang), lang)}`;
    case 'budget': {
      const price = formatFen(v.price as number, lang);
      const budget = v.budgetMin != null ? `${formatFen(v.budgetMin as number, lang)}–${formatFen(v.budgetMax as number, lang)}` : formatFen(v.budgetMax as number, lang);
      if (r.fit === 'good') return zh ? `预期价格 ${price}，在预算（${budget}）以内` : `Expected price ${price} is within the budget (${budget})`;
      if (r.fit === 'weak') return zh ? `预期价格 ${price}，略高于预算（${budget}）` : `Expected price ${price} is a little above the budget (${budget})`;
      return zh ? `预期价格 ${price}，明显高于预算（${budget}）` : `Expected price ${price} is well above the budget (${budget})`;
    }
    case 'region':
      return v.level === 'city' ? (zh ? '同一城市，利于本地转化' : 'Same city: local conversion') : zh ? '同一省份，利于本地转化' : 'Same province: local conversion';
    case 'fresh':
      return zh ? `近 ${Math.max(1, Number(v.days))} 天内发布` : `Published in the last ${Math.max(1, Number(v.days))} days`;
    case 'stale':
      return zh ? '信息超期未确认，可能已过时' : 'Not confirmed recently; may be out of date';
    case 'feedback':
      return r.fit === 'good' ? (zh ? '您已标记为感兴趣' : 'You marked it as interesting') : zh ? '多位用户认为不相关' : 'Several people found it not relevant';
  }
}

export type PresentedReason = { kind: MatchReason['kind']; text: string; terms?: string[] };

/**
 * Reasons as the API shows them. `restricted`: one side's confidential fields
 * may not be shown to the caller, so reasons naming prices, budgets and modes
 * are left out.
 */
export function presentReasons(reasons: readonly MatchReason[], lang: Lang = 'zh', restricted = false): PresentedReason[] {
  return reasons
    .filter((r) => !restricted || (r.kind !== 'budget' && r.kind !== 'mode'))
    .map((r) => ({ kind: r.kind, text: reasonText(r, lang), ...(r.terms && (r.kind === 'terms' || r.kind === 'related') ? { terms: r.terms } : {}) }));
}
