import { formatYuanExact } from '@kzt/shared';
import { Alert, Descriptions, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { useFormModal } from '../../../lib/useFormModal.tsx';
import { listBudgets, payEntitlement, reviewEntitlement, type BudgetDto, type EntitlementDto } from '../api.ts';
import { yuanToFen } from '../../../lib/money.ts';

export type Decision = 'approve' | 'return' | 'reject' | 'pay';

/**
 * The administrator's decision on an application, stated before it is made:
 * who gets how much from which budget line, and what the line has left after
 * it. Approval and payment cannot be undone; a return (退回补正) lets the
 * applicant correct and resubmit; 不予支持 is final. Return and rejection
 * state their reason.
 */
export function DecisionModal({ row, decision, onClose, onDone }: { row: EntitlementDto | null; decision: Decision | null; onClose: () => void; onDone: () => void }) {
  const { t, lang } = useI18n();
  const [budget, setBudget] = useState<BudgetDto | null | undefined>(undefined);
  const open = !!row && !!decision;
  const modal = useFormModal<{ reason?: string; amount?: string; paidOn?: string; reference?: string }>({
    controlled: { open, onClose },
    action: (v) =>
      decision === 'pay' ? payEntitlement(row!.id, { amount: yuanToFen(v.amount)!, paidOn: v.paidOn!, reference: v.reference! }) : reviewEntitlement(row!.id, decision!, decision === 'approve' ? undefined : v.reason),
    success: decision ? t(`pol.decide.done.${decision}`) : undefined,
    onDone,
  });
  const { form } = modal;

  useEffect(() => {
    if (!open) return;
    setBudget(undefined);
    if (decision === 'pay') form.setFieldsValue({ amount: (row!.amount / 100).toFixed(2) });
    if (decision !== 'approve' && decision !== 'pay') return;
    const ctl = new AbortController();
    listBudgets(ctl.signal)
      .then((r) => setBudget(r.items.find((b) => b.jurisdiction === row!.jurisdiction && b.budgetLine === row!.budgetLine && b.year === row!.year) ?? null))
      .catch(() => setBudget(null));
    return () => ctl.abort();
  }, [open, decision, row, form]);

  const payFen = yuanToFen(Form.useWatch('amount', form)) ?? 0;
  if (!row || !decision) return <Modal open={false} />;
  const yuan = (fen: number) => formatYuanExact(fen, lang);
  const left = budget ? budget.amount - budget.used : null;
  // What the line has left once this decision is made: approval takes the amount; a payment below it gives the rest back.
  const after = left === null ? null : decision === 'approve' ? left - row.amount : left + row.amount - payFen;
  const danger = decision === 'reject' || (decision === 'approve' && after !== null && after < 0);

  return (
    <Modal
      {...modal.modalProps}
      title={t(`pol.decide.title.${decision}`)}
      okText={t(`pol.decide.ok.${decision}`)}
      okButtonProps={{ danger, disabled: decision === 'approve' && budget === null, ...({ 'data-testid': 'decision-ok' } as Record<string, string>) }}
      destroyOnHidden
      data-testid="decision-modal"
    >
      <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }} styles={{ label: { whiteSpace: 'nowrap', width: 88 } }} data-testid="decision-summary">
        <Descriptions.Item label={t('pol.col.beneficiary')}>{row.beneficiaryName ?? row.beneficiary}</Descriptions.Item>
        <Descriptions.Item label={t('pol.col.rule')}>{row.ruleTitle}</Descriptions.Item>
        <Descriptions.Item label={t('pol.decide.amount')}>
          <strong>{yuan(row.amount)}</strong>
        </Descriptions.Item>
        {(decision === 'approve' || decision === 'pay') && (
          <Descriptions.Item label={t('pol.decide.budget')}>
            {budget === undefined && '…'}
            {budget === null && <Typography.Text type="danger">{t('pol.decide.noBudget', { line: row.budgetLineName[lang], year: row.year })}</Typography.Text>}
            {budget && (
              <span data-testid="decision-budget">
                {t('pol.decide.budgetNow', { line: row.budgetLineName[lang], year: row.year, amount: yuan(budget.amount), used: yuan(budget.used) })}
                <br />
                <Typography.Text strong type={after! < 0 ? 'danger' : undefined}>
                  {t('pol.decide.budgetAfter', { left: yuan(after!) })}
                </Typography.Text>
              </span>
            )}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Alert type={decision === 'return' ? 'info' : 'warning'} showIcon message={t(`pol.decide.what.${decision}`, { amount: yuan(decision === 'pay' ? payFen : row.amount), name: row.beneficiaryName ?? row.beneficiary })} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical">
        {(decision === 'return' || decision === 'reject') && (
          <Form.Item name="reason" label={t(decision === 'return' ? 'pol.decide.returnReason' : 'pol.decide.rejectReason')} rules={[{ required: true, whitespace: true, message: t('pol.decide.reasonRequired') }]}>
            <Input.TextArea rows={3} maxLength={500} data-testid="decision-reason" />
          </Form.Item>
        )}
        {decision === 'pay' && (
          <>
            <Form.Item name="amount" label={t('pol.pay.amount')} rules={[{ required: true, message: t('pol.pay.amount') }, { validator: (_, v) => (yuanToFen(v) !== null ? Promise.resolve() : Promise.reject(new Error('0.00'))) }]}>
              <Input inputMode="decimal" suffix="元" />
            </Form.Item>
            <Form.Item name="paidOn" label={t('pol.pay.on')} rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: 'YYYY-MM-DD' }]}>
              <Input placeholder="YYYY-MM-DD" data-testid="pay-on" />
            </Form.Item>
            <Form.Item name="reference" label={t('pol.pay.reference')} rules={[{ required: true, whitespace: true, message: t('pol.pay.reference') }]}>
              <Input maxLength={100} data-testid="pay-reference" />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
