import { formatYuanExact, shanghaiToday } from '@kzt/shared';
import { Button, Card, Form, Grid, Input, InputNumber, Progress, Select, Space, Table, Typography } from 'antd';
import { useMemo } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { useFormSubmit } from '../../../lib/useFormSubmit.tsx';
import { useAsync } from '../../../lib/useAsync.ts';
import { fetchRules, listBudgets, setBudget, type BudgetDto } from '../api.ts';
import { yuanToFen } from '../../../lib/money.ts';

/** Budget use per line and year, and setting a line's budget. */
export function BudgetsCard({ defaultJurisdiction, changes }: { defaultJurisdiction: string; changes: number }) {
  const { t, lang } = useI18n();
  const wide = Grid.useBreakpoint().sm;
  const res = useAsync((signal) => listBudgets(signal), [changes]);
  const rules = useAsync((signal) => fetchRules(undefined, signal), []);
  // Each jurisdiction's budget lines in its current version, with the rules that spend from them, so an official picks a line rather than typing its code.
  const linesOf = useMemo(() => {
    const latest = new Map<string, { validFrom: string; lines: Map<string, { name: string; titles: string[] }> }>();
    for (const p of rules.data?.packs ?? []) {
      if ((latest.get(p.jurisdiction)?.validFrom ?? '') > p.validFrom) continue;
      const lines = new Map<string, { name: string; titles: string[] }>();
      for (const r of p.rules) {
        if (r.kind !== 'subsidy' || r.base === 'none') continue;
        const line = lines.get(r.budgetLine) ?? { name: p.budgetLines[r.budgetLine]?.[lang] ?? r.budgetLine, titles: [] };
        lines.set(r.budgetLine, { ...line, titles: [...line.titles, r.title] });
      }
      latest.set(p.jurisdiction, { validFrom: p.validFrom, lines });
    }
    return (jurisdiction: string) => latest.get(jurisdiction)?.lines ?? new Map<string, { name: string; titles: string[] }>();
  }, [rules.data, lang]);
  // Jurisdictions by name (those with rules), so neither the table nor the form asks an official for a 6-digit code.
  const names = useMemo(() => new Map((rules.data?.packs ?? []).map((p) => [p.jurisdiction, p.jurisdictionName])), [rules.data]);
  const { form, busy, onFinish } = useFormSubmit<{ jurisdiction: string; budgetLine: string; year: number; amount: string }>({
    action: (v) => setBudget({ jurisdiction: v.jurisdiction, budgetLine: v.budgetLine, year: v.year, amount: yuanToFen(v.amount)! }),
    success: t('pol.done'),
    onDone: () => void res.reload(),
  });
  const jurisdiction = Form.useWatch('jurisdiction', form) as string | undefined;
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
          {
            title: t('pol.budget.jurisdiction'),
            dataIndex: 'jurisdiction',
            render: (code: string) => names.get(code) ?? code,
          },
          {
            title: t('pol.budget.line'),
            key: 'line',
            render: (_, b) => (
              <Space direction="vertical" size={0}>
                <span data-testid={`budget-line-name-${b.budgetLine}`}>{b.budgetLineName[lang]}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {(linesOf(b.jurisdiction).get(b.budgetLine)?.titles ?? []).join(' · ')}
                </Typography.Text>
              </Space>
            ),
          },
          { title: t('pol.col.year'), dataIndex: 'year' },
          { title: t('pol.budget.amount'), key: 'a', align: 'right', render: (_, b) => formatYuanExact(b.amount, lang) },
          { title: t('pol.budget.left'), key: 'l', align: 'right', render: (_, b) => <strong>{formatYuanExact(b.amount - b.used, lang)}</strong> },
          { title: t('pol.budget.used'), key: 'u', render: (_, b) => <Space direction="vertical" size={0}><span>{formatYuanExact(b.used, lang)}</span><Progress percent={b.amount > 0 ? Math.round((b.used / b.amount) * 100) : 0} size="small" /></Space> },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 20 }}>
        {t('pol.budget.setTitle')}
      </Typography.Title>
      <Form form={form} layout="inline" onFinish={onFinish} style={{ rowGap: 8 }} initialValues={{ jurisdiction: defaultJurisdiction, year: Number(shanghaiToday().slice(0, 4)) }}>
        <Form.Item name="jurisdiction" label={t('pol.budget.jurisdiction')} rules={[{ required: true, message: t('pol.budget.jurisdiction') }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 170 }}
            options={[...names].map(([code, name]) => ({ value: code, label: name }))}
            onChange={() => form.setFieldValue('budgetLine', undefined)}
            data-testid="budget-jurisdiction"
          />
        </Form.Item>
        <Form.Item name="budgetLine" label={t('pol.budget.line')} rules={[{ required: true, message: t('pol.budget.line') }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('pol.budget.line')}
            style={{ width: 260 }}
            // The lines' names are long: a wider list on a desktop, the field's width on a phone (never past the screen).
            popupMatchSelectWidth={wide ? 420 : true}
            options={[...linesOf(jurisdiction ?? '').entries()].map(([line, { name, titles }]) => ({ value: line, label: name, title: titles.join('、') }))}
            data-testid="budget-line"
          />
        </Form.Item>
        <Form.Item name="year" label={t('pol.col.year')} rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} style={{ width: 90 }} />
        </Form.Item>
        <Form.Item name="amount" label={t('pol.budget.amount')} rules={[{ required: true, message: t('pol.budget.yuan') }, { validator: (_, v) => (!v || yuanToFen(v) !== null ? Promise.resolve() : Promise.reject(new Error(t('pol.ed.badYuan')))) }]}>
          <Input placeholder={t('pol.budget.yuan')} suffix={t('cat.unit.yuan')} style={{ width: 170 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('pol.budget.set')}
        </Button>
      </Form>
    </Card>
  );
}
