import { InputNumber } from 'antd';
import type { Rule } from 'antd/es/form/index.js';
import { PRICE_MAX_FEN } from '@kzt/shared';
import { useI18n } from '../../../i18n/index.tsx';
import { parseTypedNumber } from '../../../lib/numbers.ts';

export type AmountUnit = 'yuan' | 'wan';
const FEN_PER: Record<AmountUnit, number> = { yuan: 100, wan: 1_000_000 };

type Props = {
  /** fen (a fraction of a fen or a negative amount is passed on as typed, for the rules to refuse) */
  value?: number | null;
  onChange?: (fen: number | null) => void;
  /** The one unit of this field: never switched beside an amount that matters. */
  unit?: AmountUnit;
  id?: string;
  placeholder?: string;
  disabled?: boolean;
  style?: React.CSSProperties;
  'data-testid'?: string;
};

/**
 * An amount in one fixed unit (元 or 万元), kept as fen. Unlike a clamped
 * InputNumber it never changes what was typed: 99,999,999,999 stays that, −100
 * stays −100, and the field's rules (fenRules) say what is wrong.
 */
export function AmountInput({ value, onChange, unit = 'wan', id, placeholder, disabled, style, ...rest }: Props) {
  const { t } = useI18n();
  const per = FEN_PER[unit];
  return (
    <InputNumber<number>
      id={id}
      value={value == null ? null : value / per}
      onChange={(n) => onChange?.(n == null ? null : Math.round(n * per * 1e6) / 1e6)}
      placeholder={placeholder}
      disabled={disabled}
      style={{ width: '100%', ...style }}
      suffix={t(unit === 'wan' ? 'cat.unit.wan' : 'cat.unit.yuan')}
      formatter={(v) => {
        if (v === undefined || v === null || String(v) === '') return '';
        const [whole, frac] = String(v).split('.');
        return `${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac !== undefined ? `.${frac}` : ''}`;
      }}
      parser={(v) => parseTypedNumber(v) as number}
      data-testid={rest['data-testid']}
    />
  );
}

/** A bound of a range as people say it: 0.01 元, 100 亿元, 10 万亿元. */
function bound(fen: number, lang: 'zh' | 'en') {
  if (lang === 'en') return fen >= 1e14 ? `${fen / 1e14} trillion yuan` : fen >= 1e11 ? `${fen / 1e11} billion yuan` : `${fen / 100} yuan`;
  return fen >= 1e14 ? `${fen / 1e14} 万亿元` : fen >= 1e10 ? `${fen / 1e10} 亿元` : fen >= 1e6 ? `${fen / 1e6} 万元` : `${fen / 100} 元`;
}

/** The rules of an amount field: a whole number of fen within [min, max], refused with the range when outside it. */
export function useFenRules() {
  const { t, lang } = useI18n();
  return (opts: { min?: number; max?: number; required?: boolean } = {}): Rule[] => {
    const min = opts.min ?? 1;
    const max = opts.max ?? PRICE_MAX_FEN;
    return [
      ...(opts.required ? [{ required: true, message: t('cat.required') }] : []),
      {
        validator: async (_: unknown, v: number | null | undefined) => {
          if (v == null) return;
          if (!Number.isInteger(v)) throw new Error(t('trust.amount.cents'));
          if (v < min || v > max) throw new Error(t('trust.amount.between', { min: bound(min, lang), max: bound(max, lang) }));
        },
      },
    ];
  };
}
