/**
 * A number as people type it, whatever their keyboard: full-width digits and
 * signs of a Chinese input method (１２３．５, －１), thousands separators
 * (1,234 / 1，234 / 1 234) and the ideographic full stop as a decimal point
 * (12。5). Empty text is null; text that is no number is NaN (for the
 * field's rules to refuse), never a silently different number.
 */
export function parseTypedNumber(text: string | undefined | null): number | null {
  if (text == null) return null;
  const plain = numberText(text).replace(/\s/g, '');
  return plain === '' ? null : Number(plain);
}

/** Typed digits made plain: full-width forms, thousands commas dropped, 。 as the decimal point (spaces are the caller's to judge). */
export const numberText = (text: string | undefined | null) => (text ?? '').normalize('NFKC').replace(/[,，]/g, '').replace(/。/g, '.');

/** Text typed in a code field (period 2027Q1, year…) with full-width letters and digits made plain. */
export const plainText = (text: string | undefined | null) => (text == null ? text : text.normalize('NFKC'));
