import { PlusOutlined } from '@ant-design/icons';
import type { DepositStatus } from '@kzt/shared';
import { Button, Card, Col, Form, Input, Row, Table, Tag } from 'antd';
import { useI18n } from '../../../i18n/index.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { useFormSubmit } from '../../../lib/useFormSubmit.tsx';
import { AmountInput, useFenRules } from './AmountInput.tsx';
import { recordDeposit, type Deposit, type Listing } from '../api.ts';
import { useTradingLabels } from '../labels.tsx';
import { OrganizationPicker } from '../../organizations/components/OrganizationPicker.tsx';

const DEPOSIT_COLOR: Record<DepositStatus, string> = { held: 'green', applied: 'purple', released: 'blue', forfeited: 'red' };

type Props = {
  listing: Listing;
  deposits: Deposit[] | undefined;
  /** The seller's side or an administrator: every deposit, and the form while the auction runs. */
  manager: boolean;
  onChanged: () => void;
};

/** 竞价保证金: deposits paid offline, recorded by the seller's side or an administrator; a bidder sees its own. */
export function DepositsCard({ listing, deposits, manager, onChanged }: Props) {
  const { t } = useI18n();
  const L = useTradingLabels();
  const { form, busy, submit } = useFormSubmit<{ organizationId?: string; amount: number | null; note?: string }>({
    action: (v) => recordDeposit(listing.id, { organizationId: v.organizationId!, amount: v.amount!, note: (v.note ?? '').trim() }),
    success: t('trade.deposit.recorded'),
    onDone: () => {
      form.resetFields();
      onChanged();
    },
  });
  const fen = useFenRules();
  const canRecord = listing.allowedActions.includes('recordDeposit');
  const required = listing.auction?.deposit ?? 0;
  const items = deposits ?? [];
  if (!manager && items.length === 0) return null;

  return (
    <Card title={t(manager ? 'trade.deposits.title' : 'trade.deposits.mine')} data-testid="deposits-card" extra={<span className="muted">{t('trade.deposits.required', { amount: L.money(required) })}</span>}>
      <Table<Deposit>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={items}
        scroll={{ x: 600 }}
        locale={{ emptyText: t('trade.deposits.empty') }}
        onRow={() => ({ 'data-testid': 'deposit-row' }) as object}
        columns={[
          { title: t('trade.deposit.organization'), render: (_, d) => d.organization.name },
          { title: t('trade.deposit.amount'), dataIndex: 'amount', width: 120, render: (v: number) => L.money(v) },
          { title: t('trade.field.status'), dataIndex: 'status', width: 100, render: (s: DepositStatus) => <Tag color={DEPOSIT_COLOR[s]}>{L.depositStatus(s)}</Tag> },
          { title: t('trade.deposit.at'), dataIndex: 'recordedAt', width: 150, render: (v: string) => formatDateTime(v) },
          { title: t('trade.deposit.note'), dataIndex: 'note', render: (v: string) => v || '—' },
        ]}
      />
      {canRecord && (
        <Form form={form} layout="vertical" className="review-form" initialValues={{ amount: required || null }} data-testid="deposit-form">
          <Row gutter={12}>
            <Col xs={24} md={10}>
              <Form.Item name="organizationId" label={t('trade.deposit.organization')} rules={[{ required: true, message: t('trade.deposit.orgRequired') }]}>
                <OrganizationPicker exclude={[listing.organization.id, ...(listing.agent ? [listing.agent.id] : [])]} data-testid="deposit-org" />
              </Form.Item>
            </Col>
            <Col xs={24} md={7}>
              <Form.Item
                name="amount"
                label={t('trade.deposit.amount')}
                rules={[
                  ...fen({ required: true }),
                  { validator: async (_, v: number | null) => { if (v != null && v < Math.max(required, 1)) throw new Error(t('trade.deposit.short', { amount: L.money(Math.max(required, 1)) })); } },
                ]}
              >
                <AmountInput data-testid="deposit-amount" />
              </Form.Item>
            </Col>
            <Col xs={24} md={7}>
              <Form.Item name="note" label={`${t('trade.deposit.note')}（${t('common.optional')}）`}>
                <Input maxLength={500} placeholder={t('trade.deposit.notePlaceholder')} />
              </Form.Item>
            </Col>
          </Row>
          <Button icon={<PlusOutlined />} loading={busy} onClick={() => void submit()} data-testid="deposit-submit">
            {t('trade.deposit.record')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
