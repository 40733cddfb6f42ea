/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet
 * (digits and capital letters without I, O, Z, S, V); the 18th is a check
 * character over the first 17 with weights 3^i mod 31.
 */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_ALPHABET.indexOf(first17[i]!);
    if (v < 0) return null;
    sum += v * WEIGHTS[i]!;
  }
  const check = (31 - (sum % 31)) % 31;
  return CREDIT_CODE_ALPHABET[check]!;
}

export type CreditCodeProblem = 'length' | 'charset' | 'division' | 'checksum';

/** Returns null when the code is valid, else what is wrong with it. */
export function creditCodeProblem(raw: string): CreditCodeProblem | null {
  const code = normalizeCreditCode(raw);
  if (code.length !== 18) return 'length';
  for (const ch of code) if (!CREDIT_CODE_ALPHABET.includes(ch)) return 'charset';
  if (!/^[0-9]{6}$/.test(code.slice(2, 8))) return 'division';
  return creditCodeCheckChar(code.slice(0, 17)) === code[17] ? null : 'checksum';
}

/** Upper-case, strip spaces and turn full-width characters into half-width. */
export function normalizeCreditCode(raw: string): string {
  return raw
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
    .toUpperCase();
}

/**
 * Whether a code says 事业单位: registered by the 机构编制 authority (first
 * character 1) as a public institution (second character 2), GB 32100-2015 §4.
 * A default the organisation and its administrator may correct, not a proof.
 */
export function creditCodeSaysPublicInstitution(raw: string): boolean {
  return normalizeCreditCode(raw).startsWith('12');
}
