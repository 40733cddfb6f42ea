import { formatYuanExact } from '@kzt/shared';
import { Button, Card, Form, Input, InputNumber, Progress, Space, Table, Typography } from 'antd';
import { useI18n } from '../../../i18n/index.tsx';
import { useFormSubmit } from '../../../lib/useFormSubmit.tsx';
import { useAsync } from '../../../lib/useAsync.ts';
import { listBudgets, setBudget, type BudgetDto } from '../api.ts';
import { yuanToFen } from '../../../lib/money.ts';

/** Budget use per line and year, and setting a line's budget. */
export function BudgetsCard({ defaultJurisdiction, changes }: { defaultJurisdiction: string; changes: number }) {
  const { t, lang } = useI18n();
  const res = useAsync((signal) => listBudgets(signal), [changes]);
  const { form, busy, onFinish } = useFormSubmit<{ jurisdiction: string; budgetLine: string; year: number; amount: string }>({
    action: (v) => setBudget({ jurisdiction: v.jurisdiction, budgetLine: v.budgetLine, year: v.year, amount: yuanToFen(v.amount)! }),
    success: t('pol.done'),
    onDone: () => void res.reload(),
  });
  return (
    <Card title={t('pol.tab.budgets')} data-testid="budgets">
      <Table<BudgetDto>
        rowKey={(b) => `${b.jurisdiction}-${b.budgetLine}-${b.year}`}
        size="small"
        loading={res.loading}
        dataSource={res.data?.items ?? []}
        pagination={false}
        scroll={{ x: 560 }}
        locale={{ emptyText: t('pol.budget.empty') }}
        columns={[
          { title: t('pol.budget.jurisdiction'), dataIndex: 'jurisdiction' },
          { title: t('pol.budget.line'), dataIndex: 'budgetLine' },
          { title: t('pol.col.year'), dataIndex: 'year' },
          { title: t('pol.budget.amount'), key: 'a', align: 'right', render: (_, b) => formatYuanExact(b.amount, lang) },
          { title: t('pol.budget.left'), key: 'l', align: 'right', render: (_, b) => <strong>{formatYuanExact(b.amount - b.used, lang)}</strong> },
          { title: t('pol.budget.used'), key: 'u', render: (_, b) => <Space direction="vertical" size={0}><span>{formatYuanExact(b.used, lang)}</span><Progress percent={b.amount > 0 ? Math.round((b.used / b.amount) * 100) : 0} size="small" /></Space> },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 20 }}>
        {t('pol.budget.setTitle')}
      </Typography.Title>
      <Form form={form} layout="inline" onFinish={onFinish} style={{ rowGap: 8 }} initialValues={{ jurisdiction: defaultJurisdiction, year: new Date().getFullYear() }}>
        <Form.Item name="jurisdiction" label={t('pol.budget.jurisdiction')} rules={[{ required: true, pattern: /^\d{6}$/, message: t('pol.budget.jurisdiction') }]}>
          <Input placeholder={t('pol.budget.jurisdiction')} style={{ width: 110 }} />
        </Form.Item>
        <Form.Item name="budgetLine" label={t('pol.budget.line')} rules={[{ required: true, message: t('pol.budget.line') }]}>
          <Input placeholder={t('pol.budget.line')} style={{ width: 190 }} />
        </Form.Item>
        <Form.Item name="year" label={t('pol.col.year')} rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} style={{ width: 90 }} />
        </Form.Item>
        <Form.Item name="amount" label={t('pol.budget.amount')} rules={[{ required: true, message: t('pol.budget.yuan') }, { validator: (_, v) => (!v || yuanToFen(v) !== null ? Promise.resolve() : Promise.reject(new Error('0.00'))) }]}>
          <Input placeholder={t('pol.budget.yuan')} suffix="元" style={{ width: 170 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('pol.budget.set')}
        </Button>
      </Form>
    </Card>
  );
}
