import { numberText } from './numbers.ts';

/**
 * Amounts and rates typed as text, read exactly: nothing is rounded or
 * clamped, a value that is not what a person can mean is null for the field's
 * rule to refuse. Full-width digits and points of a Chinese input method and
 * thousands commas are read as plain ones (lib/numbers.ts); spaces only around.
 */
const plain = (text: string | undefined | null) => numberText(text).trim();

/** 元 as typed (at most two decimals) → whole fen; null when it is not a non-negative amount. */
export function yuanToFen(text: string | undefined | null): number | null {
  const m = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(plain(text));
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/**
 * 万元 as typed (at most six decimals: one fen) → whole fen; null when it is not
 * a non-negative amount. For figures people state in 万元 and 亿元 (plans'
 * targets): 10 亿元 is typed 100000, 2.5 亿元 25000.
 */
export function wanToFen(text: string | undefined | null): number | null {
  const m = /^(\d{1,9})(?:\.(\d{1,6}))?$/.exec(plain(text));
  if (!m) return null;
  return Number(m[1]) * 1_000_000 + Number((m[2] ?? '').padEnd(6, '0'));
}

/**
 * An amount in 元 as an official types it: plain (300000, 300,000.5), or with
 * its unit — 元, 万 / 万元 (30万 = 300,000 元) — → whole fen; null when it is
 * not a non-negative amount to at most a fen.
 */
export function typedYuanToFen(text: string | undefined | null): number | null {
  const t = plain(text).replace(/\s+/g, '');
  const wan = /^(.*?)万元?$/.exec(t);
  if (wan) return wanToFen(wan[1]);
  return yuanToFen(t.replace(/元$/, ''));
}

/** Fen in one 元, 万元, 亿元. */
const FEN_IN = { 元: 100, 万: 1_000_000, 亿: 10_000_000_000 } as const;

/**
 * An amount typed into a field kept in 元 or 万元, as people type it: a plain number is in the field's unit; a number
 * with its own unit — 80万, 80 万元, 1.5亿, 3000元 — is that amount, said in the field's unit (80万 in a 元 field is
 * 800000). Empty is null; anything else, a negative amount or one finer than a fen is NaN (the field refuses it),
 * never a silently different amount.
 */
export function typedMoneyIn(text: string | undefined | null, fieldUnit: '元' | '万'): number | null {
  const t = plain(text).replace(/\s+/g, '');
  if (t === '') return null;
  const m = /^(\d+)(?:\.(\d+))?(?:(亿|万)元?|(元))?$/.exec(t);
  if (!m) return NaN;
  const unit = (m[3] ?? m[4] ?? fieldUnit) as keyof typeof FEN_IN;
  if (!m[3] && !m[4]) return Number(`${m[1]}${m[2] ? `.${m[2]}` : ''}`);
  const places = Math.log10(FEN_IN[unit]);
  const frac = m[2] ?? '';
  if (frac.length > places) return NaN;
  const fen = Number(m[1]) * FEN_IN[unit] + Number(frac.padEnd(places, '0'));
  return fen / FEN_IN[fieldUnit];
}

/** % as typed (a sign allowed, at most two decimals) → basis points; null when not such a number. The bounds are the caller's rule. */
export function percentToBp(text: string | undefined | null): number | null {
  const m = /^(-?)(\d{1,6})(?:\.(\d{1,2}))?$/.exec(plain(text));
  if (!m) return null;
  const bp = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -bp : bp;
}
