import { Select, Space } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { NumberInput } from '../../../lib/NumberInput.tsx';

export type MoneyUnit = 'yuan' | 'wan';
const FEN_PER: Record<MoneyUnit, number> = { yuan: 100, wan: 1_000_000 };

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
};

/**
 * An amount typed in 元 or 万元 and stored as integer fen (the API's unit).
 * Changing the unit keeps the typed number and re-reads it in the new unit.
 */
export function MoneyInput({ value, onChange, defaultUnit = 'wan', disabled, placeholder, id, style, ...rest }: Props) {
  const { t } = useI18n();
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

  return (
    <Space.Compact style={{ width: '100%', ...style }}>
      <NumberInput<number>
        id={id}
        min={0}
        max={unit === 'wan' ? 1e9 : 1e13}
        value={shown}
        disabled={disabled}
        placeholder={placeholder}
        style={{ width: '100%' }}
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
}
