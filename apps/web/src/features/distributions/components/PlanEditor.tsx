import { DeleteOutlined, PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { DISTRIBUTION_BASES, DISTRIBUTION_ROLES, SHARE_FORMS, floorAmount, type DistributionPlanBody } from '@kzt/shared';
import { Alert, App, Button, Card, Form, Input, Radio, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useAsync } from '../../../lib/useAsync.ts';
import { fetchMembers } from '../../organizations/api.ts';
import { ApiError } from '../../../api/client.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { AmountInput } from '../../trading/components/AmountInput.tsx';
import { filePlan, getProposal, type ContractDistributions } from '../api.ts';
import { useDistributionLabels } from '../labels.ts';

type ShareRow = { beneficiary?: string; organization?: string | null; userId?: string | null; role?: string; amount?: number | null; form?: string; cashShares?: number | null };
type Values = { paymentId?: string; basis?: string; costs?: { item?: string; amount?: number | null }[]; shares?: ShareRow[] };

/**
 * The plan for one received payment: basis, costs, shares. The totals and
 * every floor are checked as one types (the server checks them again and
 * names the rule and the shortfall when it refuses).
 */
export function PlanEditor({ data, paymentId, onFiled }: { data: ContractDistributions; paymentId: string; onFiled: () => void }) {
  const { t } = useI18n();
  const L = useDistributionLabels();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiError | null>(null);
  /** Why the last proposal named no completer (the server's words, where that was decided); null when it named them. */
  const [proposalNote, setProposalNote] = useState<string | null>(null);
  const open = data.receipts.filter((r) => !r.planId);
  const values = Form.useWatch([], form) as Values | undefined;
  const receipt = data.receipts.find((r) => r.paymentId === (values?.paymentId ?? paymentId));
  const costTotal = (values?.costs ?? []).reduce((a, c) => a + (Number(c?.amount) || 0), 0);
  const net = (receipt?.amount ?? 0) - costTotal;
  const shares = values?.shares ?? [];
  const sum = shares.reduce((a, s) => a + (Number(s?.amount) || 0), 0);
  const basis = values?.basis ?? 'self_conversion';
  const floors = data.floors.filter((f) => f.basis === basis);
  const sellerId = data.contract.seller.organizationId;
  const members = useAsync(async () => (sellerId ? (await fetchMembers(sellerId)).items : []), [sellerId]);
  /** Naming a member's account fills in their name and organisation; their statement then finds the share by account. */
  const pickAccount = (index: number, userId: string | undefined) => {
    const m = members.data?.find((x) => x.userId === userId);
    const shares = [...(form.getFieldValue('shares') ?? [])];
    shares[index] = { ...shares[index], userId: userId ?? null, ...(m ? { beneficiary: m.name, organization: data.contract.seller.name } : {}) };
    form.setFieldsValue({ shares });
  };

  const propose = async () => {
    const v = form.getFieldsValue();
    try {
      const p = await getProposal(data.contract.id, { paymentId: v.paymentId ?? paymentId, basis: v.basis, costs: costTotal });
      form.setFieldsValue({ basis: p.basis, shares: p.shares.map((s) => ({ ...s })) });
      setProposalNote(p.note);
      setProblem(null);
    } catch (e) {
      if (e instanceof ApiError) setProblem(e);
    }
  };

  /** A filed plan is final: the receipt, the net income and the number of shares are shown before it goes. */
  const askFirst = (v: Values) => {
    const r = data.receipts.find((x) => x.paymentId === v.paymentId);
    const costs = (v.costs ?? []).reduce((a, c) => a + (Number(c?.amount) || 0), 0);
    modal.confirm({
      title: t('dist.editor.ask'),
      content: t('dist.editor.askBody', { on: r?.paidOn ?? '', received: L.yuan(r?.amount ?? 0), net: L.yuan((r?.amount ?? 0) - costs), n: (v.shares ?? []).length }),
      okText: t('dist.editor.submit'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'plan-confirm-ok' } as Record<string, string>,
      onOk: () => submit(v),
    });
  };

  const submit = async (v: Values) => {
    setBusy(true);
    setProblem(null);
    try {
      const body: DistributionPlanBody = {
        paymentId: v.paymentId!,
        basis: v.basis as DistributionPlanBody['basis'],
        costs: (v.costs ?? []).map((c) => ({ item: c.item ?? '', amount: c.amount as number })),
        shares: (v.shares ?? []).map((s) => ({
          beneficiary: s.beneficiary ?? '',
          organization: s.organization || null,
          userId: s.userId || null,
          role: s.role as DistributionPlanBody['shares'][number]['role'],
          amount: s.amount as number,
          form: s.form as DistributionPlanBody['shares'][number]['form'],
          cashShares: s.form === 'equity' ? (s.cashShares ?? 0) : 0,
        })),
      };
      await filePlan(data.contract.id, body);
      message.success(t('dist.editor.filed'));
      onFiled();
    } catch (e) {
      if (e instanceof ApiError) {
        setProblem(e);
        const fields = e.errors.filter((x) => /\.\d+\./.test(x.path));
        if (fields.length) form.setFields(fields.map((x) => ({ name: x.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)) as ['shares', number, 'amount'], errors: [x.message] })));
      } else message.error(t('common.unexpected'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('dist.editor.title')} data-testid="plan-editor">
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={askFirst}
        initialValues={{ paymentId, basis: 'self_conversion', costs: [], shares: [{ role: 'completer', form: 'cash' }] }}
        onValuesChange={() => setProblem(null)}
      >
        <Space wrap align="start" size="large">
          <Form.Item name="paymentId" label={t('dist.editor.payment')} rules={[{ required: true }]}>
            <Select style={{ minWidth: 240 }} options={open.map((r) => ({ value: r.paymentId, label: `${r.paidOn} · ${L.yuan(r.amount)}` }))} />
          </Form.Item>
          <Form.Item name="basis" label={t('dist.editor.basis')} rules={[{ required: true }]}>
            <Radio.Group options={DISTRIBUTION_BASES.map((b) => ({ value: b, label: L.basis(b) }))} />
          </Form.Item>
        </Space>

        <Typography.Title level={5}>{t('dist.editor.costs')}</Typography.Title>
        <Form.List name="costs">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} wrap align="start">
                  <Form.Item name={[f.name, 'item']} rules={[{ required: true, message: t('dist.editor.costItem') }]}>
                    <Input placeholder={t('dist.editor.costItem')} style={{ width: 200 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'amount']} rules={[{ required: true, message: t('dist.editor.amount') }]}>
                    <AmountInput unit="yuan" style={{ width: 180 }} />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="remove" />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({})} style={{ marginBottom: 16 }}>
                {t('dist.editor.addCost')}
              </Button>
            </>
          )}
        </Form.List>

        <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('dist.editor.shares')}
          </Typography.Title>
          <Button icon={<ThunderboltOutlined />} onClick={propose} data-testid="plan-propose">
            {t('dist.editor.propose')}
          </Button>
        </Space>
        {proposalNote && <Alert type="warning" showIcon closable onClose={() => setProposalNote(null)} style={{ marginTop: 12 }} data-testid="plan-proposal-note" title={proposalNote} />}
        <Form.List name="shares">
          {(fields, { add, remove }) => (
            <div className="stack" style={{ marginTop: 12 }}>
              {fields.map((f, i) => (
                <Card key={f.key} size="small" data-testid="plan-share">
                  <Space wrap align="start">
                    <Form.Item name={[f.name, 'userId']} label={t('dist.editor.account')}>
                      <Select
                        allowClear
                        style={{ width: 160 }}
                        placeholder={t('dist.editor.accountNone')}
                        options={(members.data ?? []).map((m) => ({ value: m.userId, label: m.name }))}
                        onChange={(v: string | undefined) => pickAccount(f.name, v)}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'beneficiary']} label={t('dist.editor.beneficiary')} rules={[{ required: true, message: t('dist.editor.beneficiary') }]}>
                      <Input style={{ width: 140 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'organization']} label={t('dist.editor.organization')}>
                      <Input style={{ width: 180 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'role']} label={t('dist.editor.role')} rules={[{ required: true }]}>
                      <Select style={{ width: 140 }} options={DISTRIBUTION_ROLES.map((r) => ({ value: r, label: L.role(r) }))} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'form']} label={t('dist.editor.form')} rules={[{ required: true }]}>
                      <Select style={{ width: 100 }} options={SHARE_FORMS.map((x) => ({ value: x, label: L.form(x) }))} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'amount']} label={t('dist.editor.amount')} rules={[{ required: true, message: t('dist.editor.amount') }]}>
                      <AmountInput unit="yuan" style={{ width: 180 }} data-testid={`plan-share-amount-${i}`} />
                    </Form.Item>
                    {shares[i]?.form === 'equity' && (
                      <Form.Item name={[f.name, 'cashShares']} label={t('dist.editor.cashShares')} tooltip={t('dist.editor.cashSharesHint')}>
                        <AmountInput unit="yuan" style={{ width: 180 }} data-testid={`plan-share-cash-${i}`} />
                      </Form.Item>
                    )}
                    <Form.Item label=" ">
                      <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="remove" />
                    </Form.Item>
                  </Space>
                </Card>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ role: 'completer', form: 'cash' })}>
                {t('dist.editor.addShare')}
              </Button>
            </div>
          )}
        </Form.List>

        <Card size="small" style={{ marginTop: 16 }} data-testid="plan-totals">
          <Space wrap size="large">
            <span>
              {t('dist.editor.net')}{t('common.colon')}<b>{L.yuan(net)}</b>
            </span>
            <span>
              {t('dist.editor.sum')}{t('common.colon')}<b>{L.yuan(sum)}</b>
            </span>
            {sum === net ? (
              <Typography.Text type="success">{t('dist.editor.balanced')}</Typography.Text>
            ) : (
              <Typography.Text type="danger">
                {sum < net ? t('dist.editor.diff') : t('dist.editor.over')} {L.yuan(Math.abs(net - sum))}
              </Typography.Text>
            )}
          </Space>
          {floors.map((f) => {
            const required = net > 0 ? floorAmount(net, f.minBp) : 0;
            const actual = shares.filter((s) => s && f.roles.includes(s.role ?? '')).reduce((a, s) => a + (Number(s.amount) || 0), 0);
            const p = { item: f.source.item, roles: L.roles(f.roles), pct: L.pct(f.minBp), required: L.yuan(required), actual: L.yuan(actual), short: L.yuan(required - actual) };
            return (
              <div key={f.id} style={{ marginTop: 8 }}>
                <Typography.Text type={actual >= required ? 'success' : 'danger'}>{actual >= required ? t('dist.editor.floorOk', p) : t('dist.editor.floorShort', p)}</Typography.Text>
              </div>
            );
          })}
        </Card>

        {problem && (
          <Alert
            style={{ marginTop: 16 }}
            type="error"
            showIcon
            data-testid="plan-problem"
            title={problem.title}
            description={problem.errors.length ? problem.errors.map((e) => <div key={e.path + e.message}>{e.message}</div>) : problem.detail}
          />
        )}
        <Button type="primary" htmlType="submit" loading={busy} style={{ marginTop: 16 }} data-testid="plan-submit">
          {t('dist.editor.submit')}
        </Button>
      </Form>
    </Card>
  );
}
