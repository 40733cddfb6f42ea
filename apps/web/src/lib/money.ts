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

/** % as typed (a sign allowed, at most two decimals) → basis points; null when not such a number. The bounds are the caller's rule. */
export function percentToBp(text: string | undefined | null): number | null {
  const m = /^(-?)(\d{1,6})(?:\.(\d{1,2}))?$/.exec(plain(text));
  if (!m) return null;
  const bp = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -bp : bp;
}
