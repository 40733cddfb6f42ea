import { InputNumber, type InputNumberProps } from 'antd';
import { parseTypedNumber } from './numbers.ts';

/**
 * antd's InputNumber reading what a Chinese keyboard types: full-width digits,
 * signs and points (parseTypedNumber). Use it for every number field; antd's
 * own parser drops full-width digits, so ８０ became an empty field.
 */
export function NumberInput<T extends number = number>(props: InputNumberProps<T>) {
  return <InputNumber<T> parser={(v) => parseTypedNumber(v) as T} {...props} />;
}
