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

/** A text in simplified characters, as written otherwise (no case or width change): for showing a traditional source in a simplified page. */
export const simplifiedText = (raw: string) => hkToSimplified(toSimplified(raw));

/** A person's or an organisation's name as compared: normalised, without spaces or middle dots. */
export const nameKey = (raw: string) => normalizeText(raw).replace(/[\s·・.•]/g, '');

const toTraditional = [OpenCC.Converter({ from: 'cn', to: 'tw' }), OpenCC.Converter({ from: 'cn', to: 'hk' }), OpenCC.Converter({ from: 'cn', to: 't' })];
/** What `nameKey` takes out of a name: spaces (full-width too) and middle dots. */
const NAME_DROPPED = ' \u3000\t·・.•．';

/**
 * `nameKey` character by character for SQL's `translate(lower(name), from, to)`,
 * for names made of these keys' characters: each traditional or full-width
 * form of one of them becomes it, spaces and dots are dropped. A stored name
 * whose key is one of `keys` translates to it (OpenCC converts names
 * character by character), so a query can find such names without reading
 * every row; the caller compares the rows it gets with `nameKey`.
 */
export function nameKeyTranslation(keys: string[]): { from: string; to: string } {
  const map = new Map<string, string>();
  const chars = new Set(keys.join(''));
  for (const ch of chars) {
    const forms = toTraditional.map((c) => c(ch));
    if (ch >= '!' && ch <= '~') forms.push(String.fromCharCode(ch.charCodeAt(0) + 0xfee0), String.fromCharCode(ch.toUpperCase().charCodeAt(0) + 0xfee0));
    for (const f of forms) if ([...f].length === 1 && !chars.has(f) && !map.has(f)) map.set(f, ch);
  }
  const from = [...map.keys()].join('');
  return { from: from + NAME_DROPPED, to: [...map.values()].join('') };
}

/**
 * A LIKE / ILIKE pattern matching `raw` anywhere, taken literally: its `%`,
 * `_` and `\` are escaped (PostgreSQL's default escape character is `\`), so a
 * search for “50%” finds “50%” and not “500”. `anchor: 'start'` matches a prefix.
 */
export function containsPattern(raw: string, anchor: 'anywhere' | 'start' = 'anywhere'): string {
  const literal = raw.replace(/[\\%_]/g, (c) => `\\${c}`);
  return anchor === 'start' ? `${literal}%` : `%${literal}%`;
}
