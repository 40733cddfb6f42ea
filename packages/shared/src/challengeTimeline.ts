import { z } from 'zod';
import { formatFenReadable } from './tradingMoney.ts';

/**
 * A timeline entry of a challenge is stored as its kind and the facts it names
 * (names, amounts in fen, instants and dates), and read in the reader's
 * language: the server and the web fill the template of `ch.tl.<kind>` with
 * `timelineParams(params, lang)`. Fen under a key ending in `Fen` read as
 * 万元/元 exactly; instants (`deadline`, `until`) as Asia/Shanghai time.
 */
const winner = z.object({ name: z.string(), budgetFen: z.number().int() });
export const timelineParamsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string()), z.array(winner)]));
export type TimelineParams = z.infer<typeof timelineParamsSchema>;

const SHANGHAI = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
const INSTANT_KEYS = new Set(['deadline', 'until']);

/** The params of a timeline entry as strings to fill its template with, in `lang`. */
export function timelineParams(params: TimelineParams, lang: 'zh' | 'en'): Record<string, string> {
  const list = (xs: string[]) => xs.join(lang === 'zh' ? '、' : ', ');
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) {
    if (Array.isArray(v)) {
      out[k] = list(v.map((x) => (typeof x === 'string' ? x : lang === 'zh' ? `${x.name}（预算 ${formatFenReadable(x.budgetFen, 'zh')}）` : `${x.name} (budget ${formatFenReadable(x.budgetFen, 'en')})`)));
    } else if (typeof v === 'number' && k.endsWith('Fen')) out[k] = formatFenReadable(v, lang);
    else if (typeof v === 'string' && INSTANT_KEYS.has(k)) out[k] = SHANGHAI.format(new Date(v)).replace(/\//g, '-');
    else out[k] = String(v);
  }
  return out;
}
