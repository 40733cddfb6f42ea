import { InputNumber } from 'antd';
import type { CSSProperties } from 'react';
import { parseTypedNumber } from '../../../lib/numbers.ts';

type Props = { value?: number | null; onChange?: (bp: number | null) => void; id?: string; disabled?: boolean; max?: number; style?: CSSProperties; 'data-testid'?: string };

/** A percentage typed with up to two decimals and stored as basis points (the API's unit): 2.5% ↔ 250. */
export function PercentInput({ value, onChange, id, disabled, max = 100, style, ...rest }: Props) {
  return (
    <InputNumber<number>
      id={id}
      min={0}
      max={max}
      precision={2}
      step={1}
      suffix="%"
      disabled={disabled}
      value={value == null ? null : value / 100}
      onChange={(v) => onChange?.(v == null ? null : Math.round(v * 100))}
      parser={(v) => parseTypedNumber(v?.replace(/[%％]/g, '')) as number}
      style={{ width: '100%', ...style }}
      data-testid={rest['data-testid']}
    />
  );
}
