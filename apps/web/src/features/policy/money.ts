/** 元 as typed (at most two decimals) → fen; null when it is not a valid amount (nothing is rounded). */
export function yuanToFen(text: string | undefined | null): number | null {
  const s = (text ?? '').trim().replace(/,/g, '');
  const m = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
