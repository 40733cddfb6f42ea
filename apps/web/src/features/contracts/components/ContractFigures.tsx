import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { formatFen } from '@kzt/shared';
import { Button, Form, Input, Space, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { AmountInput, useFenRules } from '../../trading/components/AmountInput.tsx';

type Deduction = { item?: string; amount?: number | null } | undefined;

/** What the technology amount must be: the contract amount less the non-technical costs (fen). */
export const expectedTechnology = (contractAmount: number | null | undefined, deductions: Deduction[] | undefined) =>
  (contractAmount ?? 0) - (deductions ?? []).reduce((s, d) => s + (d?.amount ?? 0), 0);

/**
 * The figures of a contract as one block of a form — contract amount, the
 * non-technical costs (设备、材料 …) and the technology amount — with the rule
 * the server keeps checked as the person types: technology amount = contract
 * amount − the costs. Used by the contract form and by the amendment
 * (变更登记), whose fields carry the same names as the API's.
 */
export function ContractFigures({ required = true, testIdPrefix = 'contract' }: { required?: boolean; testIdPrefix?: string }) {
  const { t, lang } = useI18n();
  const fen = useFenRules();
  const form = Form.useFormInstance();
  const contractAmount = Form.useWatch('contractAmount', form) as number | null | undefined;
  const deductions = Form.useWatch('deductions', form) as Deduction[] | undefined;
  const technologyAmount = Form.useWatch('technologyAmount', form) as number | null | undefined;
  const expected = expectedTechnology(contractAmount, deductions);
  const deducted = (deductions ?? []).reduce((s, d) => s + (d?.amount ?? 0), 0);
  const mismatch = technologyAmount != null && contractAmount != null && technologyAmount !== expected;
  // While the technology amount is empty, or still the amount filled in here, it follows the rule: a value the person
  // typed, or one the form was opened with (a saved draft, the amounts in force of an amendment), is never overwritten
  // — 填入 offers the rule's amount instead.
  const autoFilled = useRef<number | null>(null);
  useEffect(() => {
    if (contractAmount == null || expected < 0 || form.isFieldTouched('technologyAmount')) return;
    const current = form.getFieldValue('technologyAmount') as number | null | undefined;
    if (current === expected || (current != null && current !== autoFilled.current)) return;
    autoFilled.current = expected;
    // setFields, not setFieldValue: the latter marks the field as touched, as if the person had typed it.
    form.setFields([{ name: 'technologyAmount', value: expected }]);
    // Checked again at once: the check the contract amount's change started ran on the value before this one.
    void form.validateFields(['technologyAmount']).catch(() => undefined);
  }, [form, contractAmount, expected]);
  // A cost's amount changes deep inside the list: the technology amount's check, once shown, follows every change.
  useEffect(() => {
    if (form.isFieldTouched('technologyAmount') || form.getFieldError('technologyAmount').length) void form.validateFields(['technologyAmount']).catch(() => undefined);
  }, [form, contractAmount, deductions]);
  return (
    <>
      <Form.Item name="contractAmount" label={t('ct.field.contractAmount')} rules={fen({ min: 0, required })}>
        <AmountInput data-testid={`${testIdPrefix}-amount`} />
      </Form.Item>
      <div style={{ marginBottom: 8 }}>{t('ct.field.deductions')}</div>
      <Form.List name="deductions">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Space key={f.key} align="start" wrap data-testid={`${testIdPrefix}-deduction`}>
                <Form.Item name={[f.name, 'item']} rules={[{ required: true, message: t('cat.required') }]}>
                  <Input placeholder={t('ct.field.deduction.item')} style={{ width: 180 }} maxLength={100} data-testid={`${testIdPrefix}-deduction-item`} />
                </Form.Item>
                <Form.Item name={[f.name, 'amount']} rules={fen({ min: 0, required: true })}>
                  <AmountInput style={{ width: 180 }} data-testid={`${testIdPrefix}-deduction-amount`} />
                </Form.Item>
                <MinusCircleOutlined onClick={() => remove(f.name)} aria-label={t('ct.wizard.removeDeduction')} style={{ marginTop: 9 }} />
              </Space>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()} style={{ marginBottom: 16 }} data-testid={`${testIdPrefix}-add-deduction`}>
              {t('ct.wizard.addDeduction')}
            </Button>
          </>
        )}
      </Form.List>
      <Form.Item
        name="technologyAmount"
        label={t('ct.field.technologyAmount')}
        dependencies={['contractAmount', 'deductions']}
        extra={
          <Space wrap size={4} data-testid={`${testIdPrefix}-rule`}>
            <span>{t('ct.wizard.rule', { amount: formatFen(expected, lang) })}</span>
            {deducted > (contractAmount ?? 0) && <Typography.Text type="danger">{t('ct.wizard.deductionsAbove')}</Typography.Text>}
            {(mismatch || (technologyAmount == null && contractAmount != null)) && expected >= 0 && (
              <Button size="small" type="link" onClick={() => form.setFieldValue('technologyAmount', expected)} data-testid={`${testIdPrefix}-use-expected`}>
                {t('ct.wizard.useExpected', { amount: formatFen(expected, lang) })}
              </Button>
            )}
          </Space>
        }
        rules={[
          ...fen({ min: 0, required }),
          ({ getFieldValue }) => ({
            validator: (_, v: number | null | undefined) => {
              const e = expectedTechnology(getFieldValue('contractAmount'), getFieldValue('deductions'));
              return v == null || v === e ? Promise.resolve() : Promise.reject(new Error(t('ct.wizard.mismatch', { amount: formatFen(e, lang) })));
            },
          }),
        ]}
      >
        <AmountInput data-testid={`${testIdPrefix === 'contract' ? 'technology' : testIdPrefix + '-technology'}-amount`} />
      </Form.Item>
    </>
  );
}
