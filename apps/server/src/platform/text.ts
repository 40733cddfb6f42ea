import * as OpenCC from 'opencc-js';

/** Traditional Chinese (Taiwan, Hong Kong and plain OpenCC variants) to simplified, as users of 沈阳 and 威海 write both. */
const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });
const hkToSimplified = OpenCC.Converter({ from: 'hk', to: 'cn' });

/**
 * The one text normalisation of the platform (ARCHITECTURE "Money, time and
 * text"): full-width to half-width, traditional to simplified, lower case,
 * collapsed spaces. Applied before indexing and before querying; originals are kept.
 */
export function normalizeText(raw: string): string {
  const halfWidth = raw
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
  return hkToSimplified(toSimplified(halfWidth)).toLowerCase().replace(/\s+/g, ' ').trim();
}

/** A person's or an organisation's name as compared: normalised, without spaces or middle dots. */
export const nameKey = (raw: string) => normalizeText(raw).replace(/[\s·・.•]/g, '');
