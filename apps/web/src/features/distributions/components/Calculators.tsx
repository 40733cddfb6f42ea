import { Button, Card, DatePicker, Descriptions, Form, InputNumber, Tabs, Typography } from 'antd';
import { useState } from 'react';
import type { EquityTaxDto, GovernmentExitDto } from '@kzt/shared';
import { useI18n } from '../../../i18n/index.tsx';
import { useApiErrorHandler } from '../../../lib/errors.ts';
import type { dayjs } from '../../../lib/time.ts';
import { AmountInput } from '../../trading/components/AmountInput.tsx';
import { computeGovernmentExit, estimateEquityTax } from '../api.ts';
import { useDistributionLabels } from '../labels.ts';

/** The government-investment exit (沈阳) and the tax on a later equity transfer (000 item 26), computed by the server exactly. */
export function Calculators() {
  const { t } = useI18n();
  return (
    <Card title={t('dist.calc.title')}>
      <Tabs
        items={[
          { key: 'tax', label: t('dist.calc.tax'), children: <EquityTax /> },
          { key: 'exit', label: t('dist.calc.exit'), children: <GovernmentExit /> },
        ]}
      />
    </Card>
  );
}

function EquityTax() {
  const { t } = useI18n();
  const L = useDistributionLabels();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm();
  const [result, setResult] = useState<EquityTaxDto | null>(null);
  const run = async (v: { income: number; technologyCost?: number; cashCost?: number; fees?: number }) => {
    try {
      setResult(await estimateEquityTax({ income: v.income, technologyCost: v.technologyCost ?? 0, cashCost: v.cashCost ?? 0, fees: v.fees ?? 0 }));
    } catch (e) {
      onError(e, form);
    }
  };
  return (
    <>
      <Typography.Paragraph type="secondary">{t('dist.calc.taxLead')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={run} style={{ maxWidth: 420 }}>
        <Form.Item name="income" label={t('dist.calc.income')} rules={[{ required: true }]}>
          <AmountInput unit="yuan" />
        </Form.Item>
        <Form.Item name="technologyCost" label={t('dist.calc.techCost')}>
          <AmountInput unit="yuan" />
        </Form.Item>
        <Form.Item name="cashCost" label={t('dist.calc.cashCost')}>
          <AmountInput unit="yuan" />
        </Form.Item>
        <Form.Item name="fees" label={t('dist.calc.fees')}>
          <AmountInput unit="yuan" />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="calc-tax">
          {t('dist.calc.compute')}
        </Button>
      </Form>
      {result && (
        <Descriptions style={{ marginTop: 16 }} size="small" column={1} bordered data-testid="calc-tax-result">
          <Descriptions.Item label={t('dist.calc.taxable')}>{L.yuan(result.taxable)}</Descriptions.Item>
          <Descriptions.Item label={t('dist.calc.taxDue')}>{L.yuan(result.tax)}</Descriptions.Item>
          <Descriptions.Item label={t('dist.calc.afterTax')}>{L.yuan(result.afterTax)}</Descriptions.Item>
        </Descriptions>
      )}
    </>
  );
}

function GovernmentExit() {
  const { t } = useI18n();
  const L = useDistributionLabels();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm();
  const [result, setResult] = useState<GovernmentExitDto | null>(null);
  const run = async (v: { principal: number; rate: number; investedOn: dayjs.Dayjs; exitOn: dayjs.Dayjs; valueAtExit?: number | null }) => {
    try {
      setResult(
        await computeGovernmentExit({
          principal: v.principal,
          // The rate is typed in percent with at most two decimals: basis points are that × 100 (an exact decimal shift).
          rateBp: Number((v.rate * 100).toFixed(6)),
          investedOn: v.investedOn.format('YYYY-MM-DD'),
          exitOn: v.exitOn.format('YYYY-MM-DD'),
          valueAtExit: v.valueAtExit ?? null,
        }),
      );
    } catch (e) {
      onError(e, form, { rateBp: 'rate' });
    }
  };
  return (
    <>
      <Typography.Paragraph type="secondary">{t('dist.calc.exitLead')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={run} style={{ maxWidth: 420 }}>
        <Form.Item name="principal" label={t('dist.calc.principal')} rules={[{ required: true }]}>
          <AmountInput unit="wan" />
        </Form.Item>
        <Form.Item name="rate" label={t('dist.calc.rate')} rules={[{ required: true }]}>
          <InputNumber style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="investedOn" label={t('dist.calc.investedOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="exitOn" label={t('dist.calc.exitOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="valueAtExit" label={t('dist.calc.valueAtExit')}>
          <AmountInput unit="wan" />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="calc-exit">
          {t('dist.calc.compute')}
        </Button>
      </Form>
      {result && (
        <Descriptions style={{ marginTop: 16 }} size="small" column={1} bordered data-testid="calc-exit-result">
          <Descriptions.Item label={t('dist.calc.days')}>{result.days}</Descriptions.Item>
          <Descriptions.Item label={t('dist.calc.interest')}>{L.yuan(result.interest)}</Descriptions.Item>
          <Descriptions.Item label={t('dist.calc.exitAmount')}>{L.yuan(result.exitAmount)}</Descriptions.Item>
          {result.appreciationToOwners !== null && <Descriptions.Item label={t('dist.calc.appreciation')}>{L.yuan(result.appreciationToOwners)}</Descriptions.Item>}
        </Descriptions>
      )}
    </>
  );
}
