import { formatStatAmount } from '@kzt/shared';
import { Select, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { typedMoneyIn } from '../../../lib/money.ts';
import { NumberInput } from '../../../lib/NumberInput.tsx';

export type MoneyUnit = 'yuan' | 'wan';
const FEN_PER: Record<MoneyUnit, number> = { yuan: 100, wan: 1_000_000 };
/** From 1 亿元 an amount is said back in a warning colour: 30,000 typed in 万元 is 3 亿元, seldom what was meant. */
const LARGE_FEN = 100_000_000_00;

/** A whole number of fen from an amount typed in 元 or 万元 (at most two decimals of 元). */
export function toFen(amount: number, unit: MoneyUnit): number {
  return Math.round(amount * FEN_PER[unit]);
}

type Props = {
  /** fen */
  value?: number | null;
  onChange?: (fen: number | null) => void;
  defaultUnit?: MoneyUnit;
  disabled?: boolean;
  placeholder?: string;
  id?: string;
  'data-testid'?: string;
  style?: React.CSSProperties;
  /** Say the amount back below the field (即 3 亿元), so a slip of unit shows before it is saved; off in filter bars. */
  echo?: boolean;
};

/**
 * An amount typed in 元 or 万元 and stored as integer fen (the API's unit).
 * Changing the unit keeps the typed number and re-reads it in the new unit.
 */
export function MoneyInput({ value, onChange, defaultUnit = 'wan', disabled, placeholder, id, style, echo = true, ...rest }: Props) {
  const { t, lang } = useI18n();
  const [unit, setUnit] = useState<MoneyUnit>(() => (value != null && value > 0 && value % FEN_PER.wan !== 0 && value < FEN_PER.wan ? 'yuan' : defaultUnit));
  const [shown, setShown] = useState<number | null>(value == null ? null : value / FEN_PER[unit]);
  const lastEmitted = useRef<number | null | undefined>(value);

  // A value set from outside (form reset, loaded record): show it in the current unit.
  useEffect(() => {
    if (value === lastEmitted.current) return;
    lastEmitted.current = value;
    setShown(value == null ? null : value / FEN_PER[unit]);
  }, [value, unit]);

  const emit = (n: number | null, u: MoneyUnit) => {
    const fen = n == null ? null : toFen(n, u);
    lastEmitted.current = fen;
    onChange?.(fen);
  };

  const large = value != null && value >= LARGE_FEN;
  const field = (
    <Space.Compact style={{ width: '100%', ...style }}>
      <NumberInput<number>
        id={id}
        min={0}
        max={unit === 'wan' ? 1e9 : 1e13}
        value={shown}
        disabled={disabled}
        placeholder={placeholder}
        style={{ width: '100%' }}
        // 80万 or 1.5亿 typed (or pasted) is that amount in this field's unit, not an emptied field.
        parser={(v) => typedMoneyIn(v, unit === 'wan' ? '万' : '元') as number}
        onChange={(n) => {
          setShown(n);
          emit(n, unit);
        }}
        data-testid={rest['data-testid']}
      />
      <Select<MoneyUnit>
        value={unit}
        disabled={disabled}
        style={{ width: 92 }}
        onChange={(u) => {
          setUnit(u);
          emit(shown, u);
        }}
        options={[
          { value: 'wan', label: t('cat.unit.wan') },
          { value: 'yuan', label: t('cat.unit.yuan') },
        ]}
        aria-label={t('cat.unit')}
      />
    </Space.Compact>
  );
  if (!echo) return field;
  // The wrapper stays whether or not there is an amount to say back: a field that changed parents as the first digit
  // was typed would be a new input, and the digits after the first would go nowhere.
  return (
    <div style={{ width: '100%', ...style }}>
      {field}
      {value != null && value > 0 && (
        <Typography.Text type={large ? 'warning' : 'secondary'} style={{ fontSize: 12 }} data-testid="money-echo">
          {t(large ? 'cat.money.echoLarge' : 'cat.money.echo', { amount: formatStatAmount(value, lang) })}
        </Typography.Text>
      )}
    </div>
  );
}
