import { EditOutlined, PieChartOutlined, PrinterOutlined } from '@ant-design/icons';
import { DISTRIBUTING_ENTITY_TYPES, REVIEW_CHECKLIST, REVIEW_CHECKLIST_LABELS, formatYuanExact } from '@kzt/shared';
import { Alert, App, Button, Card, Checkbox, DatePicker, Descriptions, Form, Input, Popconfirm, Radio, Select, Space, Table, Tag, Timeline } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../../api/client.ts';
import { useAuth } from '../../../app/auth.tsx';
import { useI18n, type MessageKey } from '../../../i18n/index.tsx';
import { formatDateTime, dayjs, TZ } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { AmountInput, useFenRules } from '../../trading/components/AmountInput.tsx';
import {
  addAmendmentDocument,
  addContractDocument,
  addPaymentReceipt,
  removeContractFile,
  amendContract,
  confirmContractPayment,
  fetchContract,
  listPoints,
  recordContractPayment,
  regionChain,
  reviewContract,
  submitContract,
  terminateContract,
  type Contract,
} from '../api.ts';
import { ActionModal } from '../components/ActionModal.tsx';
import { ContractFigures } from '../components/ContractFigures.tsx';
import { ContractFiles } from '../components/ContractFiles.tsx';
import { CONTRACT_STATUS_COLOR, useContractLabels } from '../labels.ts';
import { useCatalogueLabels } from '../../catalogue/labels.tsx';

type Dayjs = ReturnType<typeof dayjs>;
const today = () => dayjs(dayjs().tz(TZ).format('YYYY-MM-DD'));
type Modal = 'submit' | 'review' | 'payment' | 'amend' | 'terminate' | null;

/** A contract as its parties and the registration desk see it: figures, classification, payments, history and the actions open to the reader. */
export function ContractDetailPage() {
  const { id = '' } = useParams();
  const { t, label, lang } = useI18n();
  const L = useContractLabels();
  const C = useCatalogueLabels();
  const { message } = App.useApp();
  const { me } = useAuth();
  const fen = useFenRules();
  const contract = useAsync((signal) => fetchContract(id, signal), [id]);
  const [modal, setModal] = useState<Modal>(null);
  const c = contract.data;
  useEffect(() => {
    if (c) document.title = `${c.title} · 科转通`;
  }, [c]);
  const points = useAsync(async (signal) => {
    if (!c || !c.allowedActions.includes('submit')) return { items: [], windowDays: 30 };
    const lists = await Promise.all(regionChain(c.seller.region).map((code) => listPoints(code, signal).catch(() => ({ items: [], windowDays: 30 }))));
    return { items: lists.flatMap((l) => l.items), windowDays: lists.at(-1)?.windowDays ?? 30 };
  }, [c?.id, c?.allowedActions.join()]);

  if (contract.error instanceof ApiError) return <div className="container"><Alert type="error" showIcon title={contract.error.detail} /></div>;
  if (!c) return <div className="container"><Card loading /></div>;
  const can = (a: Contract['allowedActions'][number]) => c.allowedActions.includes(a);
  const close = () => {
    setModal(null);
    void contract.reload();
  };
  const partyRow = (p: Contract['seller']) => (
    <span>
      {p.organizationId ? <Link to={`/org/${p.organizationId}`}>{p.name}</Link> : p.name}
      <span className="muted"> · {L.entity(p.entityType)} · {p.regionName ? `${p.regionName}（${p.region}）` : p.region}{p.creditCode ? ` · ${p.creditCode}` : ''}</span>
    </span>
  );
  const receiptLabels = { add: t('ct.payment.addReceipt'), added: t('ct.payment.receiptAdded'), remove: t('ct.payment.removeReceipt'), tooLarge: t('ct.payment.receiptTooLarge') };
  const documentLabels = { add: t('ct.documents.add'), added: t('ct.documents.added'), remove: t('ct.documents.remove'), tooLarge: t('ct.documents.tooLarge') };
  const documented = c.documents.length > 0;
  const amended = c.history.some((h) => h.kind === 'amendment' || h.kind === 'royalty');
  // A certified amount the desk changed on an amendment (the field is prefilled with the one in force; left as is, it is not sent).
  const certifiedTyped = (v: number | undefined) => (can('certify') && v != null && v !== c.effective.certifiedAmount ? v : undefined);
  // Money in a question before an irrevocable step: to the fen, with 万元 beside it when that is how it was typed.
  const exact = (fen: number) => (fen >= 1_000_000 ? `${formatYuanExact(fen, lang)}（${L.money(fen)}）` : formatYuanExact(fen, lang));
  // 收益分配: a university, institute or R&D institution plans the income of each payment it confirmed.
  const distributes =
    (DISTRIBUTING_ENTITY_TYPES as readonly string[]).includes(c.seller.entityType) &&
    c.payments.some((p) => p.confirmedAt) &&
    !!me?.organizations.some((o) => o.id === c.seller.organizationId);

  return (
    <div className="container stack" data-testid="contract-detail" style={{ maxWidth: 1000 }}>
      <div className="page-header page-header-row" style={{ marginBottom: 0 }}>
        <div>
          <h1>{c.title}</h1>
          <Space wrap>
            <Tag color={CONTRACT_STATUS_COLOR[c.status]} data-testid="contract-status">{L.status(c.status)}</Tag>
            <Tag>{L.kind(c.kind)}{c.subkind ? ` · ${L.subkind(c.subkind)}` : ''}</Tag>
            {c.registrationNumber && <strong data-testid="contract-number">{c.registrationNumber}</strong>}
          </Space>
        </div>
        <Space wrap>
          {can('update') && (
            <Link to={`/contracts/${c.id}/edit`}>
              <Button icon={<EditOutlined />}>{t('ct.action.edit')}</Button>
            </Link>
          )}
          {can('submit') && <Button type="primary" onClick={() => setModal('submit')} data-testid="contract-submit">{t('ct.action.submit')}</Button>}
          {can('review') && <Button type="primary" onClick={() => setModal('review')} data-testid="contract-review">{t('ct.action.review')}</Button>}
          {can('recordPayment') && <Button onClick={() => setModal('payment')} data-testid="contract-pay">{t('ct.action.recordPayment')}</Button>}
          {can('amend') && <Button onClick={() => setModal('amend')} data-testid="contract-amend">{t('ct.action.amend')}</Button>}
          {can('terminate') && <Button danger onClick={() => setModal('terminate')}>{t('ct.action.terminate')}</Button>}
          {distributes && (
            <Link to={`/distributions/${c.id}`} data-testid="contract-distribution">
              <Button icon={<PieChartOutlined />}>{t('ct.action.distribution')}</Button>
            </Link>
          )}
          {c.registrationNumber && (
            <Link to={`/contracts/${c.id}/certificate`}>
              <Button icon={<PrinterOutlined />}>{t('ct.action.certificate')}</Button>
            </Link>
          )}
        </Space>
      </div>
      {c.reviewReason && (c.status === 'returned' || c.status === 'refused') && <Alert type={c.status === 'refused' ? 'error' : 'warning'} showIcon title={`${t('ct.field.reviewReason')}${t('common.colon')}${c.reviewReason}`} />}
      {c.status === 'terminated' && <Alert type="info" showIcon title={`${t('ct.history.termination')} ${c.terminatedOn}：${c.terminationReason}`} />}
      <Card>
        <Descriptions column={{ xs: 1, sm: 2 }} size="small">
          <Descriptions.Item label={t('ct.field.contractNo')}>{c.contractNo ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('ct.field.industry')}>
            <span data-testid="contract-industry">{c.industry ? C.industryFull(c.industry) : '—'}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('ct.field.signedOn')}>{c.signedOn}</Descriptions.Item>
          <Descriptions.Item label={t('ct.field.validUntil')}>{c.effective.validUntil}</Descriptions.Item>
          <Descriptions.Item label={t('ct.field.point')}>{c.point?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('ct.field.registeredOn')}>{c.registeredOn ?? '—'}</Descriptions.Item>
          {c.dealId && (
            <Descriptions.Item label={t('ct.detail.fromDeal')}>
              <Link to={`/deals/${c.dealId}`}>{c.dealId.slice(0, 8)}</Link>
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('ct.field.seller')} span={2}>{partyRow(c.seller)}</Descriptions.Item>
          <Descriptions.Item label={t('ct.field.buyer')} span={2}>{partyRow(c.buyer)}</Descriptions.Item>
          {c.agency && <Descriptions.Item label={t('ct.field.agency')}>{partyRow(c.agency)}</Descriptions.Item>}
          {c.broker && <Descriptions.Item label={t('ct.field.broker')}>{c.broker}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card title={t('ct.documents.title')} data-testid="contract-documents-card">
        {!documented && (can('submit') || can('review') || c.status === 'submitted') && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="contract-documents-missing"
            title={t(can('addDocument') ? 'ct.documents.missingSeller' : 'ct.documents.missingDesk')}
          />
        )}
        <p className="muted" style={{ marginTop: 0 }}>{t('ct.documents.lead')}</p>
        <ContractFiles
          files={c.documents}
          upload={can('addDocument') ? (file) => addContractDocument(c.id, file) : undefined}
          remove={removeContractFile}
          changed={contract.reload}
          labels={documentLabels}
          testId="contract-documents"
        />
        {!documented && !can('addDocument') && <span className="muted">{t('ct.documents.none')}</span>}
      </Card>
      <Card title={t('ct.detail.figures')}>
        <Descriptions column={{ xs: 1, sm: 2 }} size="small">
          <Descriptions.Item label={t('ct.field.contractAmount')}>{L.money(c.contractAmount)}</Descriptions.Item>
          <Descriptions.Item label={t('ct.field.technologyAmount')}>
            <strong>{L.money(c.technologyAmount)}</strong>
          </Descriptions.Item>
          <Descriptions.Item label={t('ct.field.deductions')} span={2}>
            {c.deductions.length ? c.deductions.map((d) => `${d.item} ${L.money(d.amount)}`).join('；') : '—'}
          </Descriptions.Item>
          {(c.kind === 'transfer' || c.kind === 'licence') && (
            <>
              <Descriptions.Item label={t('ct.field.expectedInvestment')}>{c.expectedInvestment === null ? '—' : L.money(c.expectedInvestment)}</Descriptions.Item>
              <Descriptions.Item label={t('ct.field.expectedOutput')}>{c.expectedOutput === null ? '—' : L.money(c.expectedOutput)}</Descriptions.Item>
            </>
          )}
          {c.certifiedAmount !== null && (
            <Descriptions.Item label={t('ct.field.certifiedAmount')} span={2}>
              <strong data-testid="contract-certified">{L.money(c.certifiedAmount)}</strong>
              {c.certifiedReason && <span className="muted">（{t('ct.field.certifiedReason')}{t('common.colon')}{c.certifiedReason}）</span>}
            </Descriptions.Item>
          )}
        </Descriptions>
        {amended && (
          <Alert
            style={{ marginTop: 12 }}
            type="info"
            title={`${t('ct.detail.effective')}${t('common.colon')}${t('ct.field.contractAmount')} ${L.money(c.effective.contractAmount)}，${t('ct.field.technologyAmount')} ${L.money(c.effective.technologyAmount)}，${t('ct.field.certifiedAmount')} ${L.money(c.effective.certifiedAmount)}`}
          />
        )}
      </Card>
      <Card title={t('ct.detail.subject')} data-testid="contract-subject">
        <Descriptions column={{ xs: 1, sm: 2 }} size="small" layout="vertical">
          <Descriptions.Item label={t('ct.field.achievements')}>
            {c.achievements.length ? (
              <Space orientation="vertical" size={2} data-testid="contract-achievement-list">
                {c.achievements.map((a) => (
                  <Link key={a.id} to={`/achievements/${a.id}`}>
                    {a.title ?? a.id.slice(0, 8)}
                  </Link>
                ))}
              </Space>
            ) : (
              <span className="muted">{t('ct.achievements.noneNamed')}</span>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('ct.detail.ipItems')}>
            {c.ipItems.length ? (
              <ul style={{ margin: 0, paddingInlineStart: 18, overflowWrap: 'anywhere' }} data-testid="contract-ip-list">
                {c.ipItems.map((x, i) => (
                  <li key={i}>{x}</li>
                ))}
              </ul>
            ) : (
              '—'
            )}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('ct.detail.payments')}>
        <div className="contract-totals" data-testid="contract-totals">
          <div>
            <span className="muted">{t('ct.totals.scheduled')}</span>
            <strong>{L.money(c.totals.scheduled)}</strong>
          </div>
          <div>
            <span className="muted">{t('ct.totals.recorded', { n: c.totals.recordedCount })}</span>
            <strong data-testid="contract-totals-recorded">{L.money(c.totals.recorded)}</strong>
          </div>
          <div>
            <span className="muted">{t('ct.totals.confirmed', { n: c.totals.confirmedCount })}</span>
            <strong className="price" data-testid="contract-totals-confirmed">{L.money(c.totals.confirmed)}</strong>
          </div>
          <div>
            <span className="muted">{t('ct.totals.unconfirmed')}</span>
            <strong data-testid="contract-totals-unconfirmed" style={c.totals.unconfirmed ? { color: '#d46b08' } : undefined}>{L.money(c.totals.unconfirmed)}</strong>
          </div>
          <div>
            <span className="muted">{t('ct.totals.outstanding')}</span>
            <strong>{L.money(c.totals.outstanding)}</strong>
          </div>
        </div>
        <p className="muted">{t('ct.totals.note')}</p>
        {c.schedule.length > 0 && (
          <p className="muted">
            {t('ct.detail.schedule')}{t('common.colon')}{c.schedule.map((p) => `${p.dueOn} ${L.money(p.amount)}`).join('；')}
          </p>
        )}
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={c.payments}
          scroll={{ x: 820 }}
          columns={[
            { title: t('ct.payment.paidOn'), dataIndex: 'paidOn', width: 120 },
            { title: t('ct.field.deduction.amount'), width: 140, render: (_, p) => L.money(p.amount) },
            { title: t('ct.payment.note'), dataIndex: 'note' },
            { title: '', width: 120, render: (_, p) => t(p.source === 'deal' ? 'ct.payment.source.deal' : 'ct.payment.source.buyer') },
            {
              title: t('ct.payment.receipts'),
              width: 220,
              render: (_, p) => (
                <ContractFiles
                  files={p.receipts}
                  upload={p.allowedActions.includes('addReceipt') ? (file) => addPaymentReceipt(c.id, p.id, file) : undefined}
                  remove={removeContractFile}
                  changed={contract.reload}
                  labels={receiptLabels}
                  testId="payment-receipts"
                />
              ),
            },
            {
              title: t('ct.field.status'),
              width: 160,
              render: (_, p) =>
                p.confirmedAt ? (
                  <Tag color="success">{t('ct.payment.confirmed')}</Tag>
                ) : p.allowedActions.includes('confirm') ? (
                  <Popconfirm
                    title={t('ct.payment.confirmAsk', { on: p.paidOn, amount: exact(p.amount) })}
                    description={<div style={{ maxWidth: 280 }}>{t('ct.payment.confirmAskBody')}</div>}
                    okText={t('ct.action.confirm')}
                    okButtonProps={{ 'data-testid': 'payment-confirm-ok' } as Record<string, string>}
                    onConfirm={async () => {
                      try {
                        await confirmContractPayment(c.id, p.id);
                        message.success(t('ct.payment.confirmed'));
                        await contract.reload();
                      } catch (err) {
                        message.error(err instanceof ApiError ? err.detail : String(err));
                      }
                    }}
                  >
                    <Button size="small" type="primary" data-testid="payment-confirm">
                      {t('ct.action.confirm')}
                    </Button>
                  </Popconfirm>
                ) : (
                  <Tag>{t('ct.payment.unconfirmed')}</Tag>
                ),
            },
          ]}
        />
      </Card>
      <Card title={t('ct.detail.classification')}>
        <Table
          rowKey="jurisdictionCode"
          size="small"
          pagination={false}
          dataSource={c.classification}
          columns={[
            { title: t('ct.points.jurisdiction'), width: 160, render: (_, r) => (r.jurisdictionName ? `${r.jurisdictionName} ${r.jurisdictionCode}` : r.jurisdictionCode) },
            { title: t('ct.class.absorbed'), render: (_, r) => (r.absorbed ? '✓' : '') },
            { title: t('ct.class.output'), render: (_, r) => (r.output ? '✓' : '') },
            { title: t('ct.class.input'), render: (_, r) => (r.input ? '✓' : '') },
          ]}
        />
      </Card>
      {c.history.length > 0 && (
        <Card title={t('ct.detail.history')}>
          <Timeline
            items={c.history.map((h) => ({
              key: h.id,
              children: (
                <div>
                  <strong>{t(`ct.history.${h.kind}` as MessageKey)}</strong> {formatDateTime(String(h.at))}
                  {h.reason ? `：${h.reason}` : ''}
                  {(h.documents.length > 0 || h.allowedActions.includes('addDocument')) && (
                    <div style={{ marginTop: 4 }}>
                      <ContractFiles
                        files={h.documents}
                        upload={h.allowedActions.includes('addDocument') ? (file) => addAmendmentDocument(c.id, h.id, file) : undefined}
                        remove={removeContractFile}
                        changed={contract.reload}
                        labels={{ ...documentLabels, add: t('ct.documents.addToAmendment') }}
                        testId="amendment-documents"
                      />
                    </div>
                  )}
                </div>
              ),
            }))}
          />
        </Card>
      )}

      <ActionModal<{ pointId: string }> open={modal === 'submit'} title={t('ct.action.submit')} okText={t('ct.action.submit')} done={t('ct.submitted')} onClose={close} run={(v) => submitContract(c.id, v.pointId)} testId="submit-modal">
        {() => (
          <>
            <p>{t('ct.submit.lead', { days: points.data?.windowDays ?? 30 })}</p>
            {!documented && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('ct.documents.missingSeller')} data-testid="submit-documents-missing" />}
            {points.data && points.data.items.length === 0 && <Alert type="warning" title={t('ct.submit.noPoints')} />}
            <Form.Item name="pointId" label={t('ct.field.point')} rules={[{ required: true, message: t('cat.required') }]}>
              <Select
                placeholder={t('ct.submit.pointPlaceholder')}
                options={(points.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name}（${p.jurisdictionCode}-${p.code}）` }))}
                data-testid="submit-point"
              />
            </Form.Item>
          </>
        )}
      </ActionModal>

      <ActionModal<{ decision: 'register' | 'refuse' | 'return'; checklist: string[]; certifiedAmount?: number; reason?: string; newAfterTermination?: boolean }>
        open={modal === 'review'}
        title={t('ct.action.review')}
        okText={t('ct.action.review')}
        done={t('ct.reviewed')}
        onClose={close}
        initialValues={{ decision: documented ? 'register' : 'return', checklist: [], certifiedAmount: c.technologyAmount }}
        run={(v) =>
          reviewContract(c.id, { decision: v.decision, checklist: v.checklist, reason: v.reason ?? '', ...(v.decision === 'register' ? { certifiedAmount: v.certifiedAmount, newAfterTermination: !!v.newAfterTermination } : {}) })
        }
        testId="review-modal"
      >
        {() => (
          <>
            {c.terminatedCopies.length > 0 && (
              <>
                <Alert
                  type="warning"
                  showIcon
                  style={{ marginBottom: 12 }}
                  data-testid="review-terminated-copy"
                  title={t('ct.review.terminatedCopy')}
                  description={
                    <Space orientation="vertical" size={2}>
                      {c.terminatedCopies.map((x) => (
                        <span key={x.id}>
                          <Link to={`/contracts/${x.id}`} target="_blank">
                            {x.title}
                          </Link>
                          {x.registrationNumber && (
                            <>
                              {' · '}
                              <Link to={`/verify/contracts/${x.registrationNumber}`} target="_blank">
                                {x.registrationNumber}
                              </Link>
                            </>
                          )}
                          {x.terminatedOn ? ` · ${t('ct.history.termination')} ${x.terminatedOn}` : ''}
                        </span>
                      ))}
                    </Space>
                  }
                />
                <Form.Item name="newAfterTermination" valuePropName="checked">
                  <Checkbox data-testid="review-new-after-termination">{t('ct.review.newAfterTermination')}</Checkbox>
                </Form.Item>
              </>
            )}
            <div style={{ marginBottom: 12 }} data-testid="review-documents">
              <div className="muted">{t('ct.documents.title')}</div>
              {documented ? (
                <ContractFiles files={c.documents} remove={removeContractFile} changed={contract.reload} labels={documentLabels} testId="review-document" />
              ) : (
                <Alert type="error" showIcon title={t('ct.documents.missingDesk')} />
              )}
            </div>
            <Form.Item
              name="checklist"
              label={t('ct.review.checklist')}
              extra={documented ? undefined : t('ct.review.noScanToTick')}
              dependencies={['decision']}
              // 予以登记 after every point of the checklist is checked; returning or refusing names what failed in the reason.
              rules={[
                ({ getFieldValue }) => ({
                  validator: async (_, v?: string[]) => {
                    if (getFieldValue('decision') === 'register' && REVIEW_CHECKLIST.some((k) => !v?.includes(k))) throw new Error(t('ct.review.checklistFirst'));
                  },
                }),
              ]}
            >
              <Checkbox.Group
                options={REVIEW_CHECKLIST.map((k) => ({ value: k, label: label(REVIEW_CHECKLIST_LABELS[k]), disabled: k === 'signaturesAttached' && !documented }))}
                style={{ display: 'grid', gap: 4 }}
              />
            </Form.Item>
            <Form.Item name="decision" label={t('ct.review.decision')}>
              <Radio.Group
                options={[
                  { value: 'register', label: t('ct.review.register'), disabled: !documented },
                  { value: 'return', label: t('ct.review.return') },
                  { value: 'refuse', label: t('ct.review.refuse') },
                ]}
              />
            </Form.Item>
            <Form.Item name="certifiedAmount" label={t('ct.field.certifiedAmount')} extra={t('ct.review.certifiedHint', { declared: L.money(c.technologyAmount) })} rules={fen({ min: 0 })}>
              <AmountInput />
            </Form.Item>
            <Form.Item name="reason" label={t('ct.field.reason')}>
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
          </>
        )}
      </ActionModal>

      <ActionModal<{ paidOn: Dayjs; amount: number; note?: string }>
        open={modal === 'payment'}
        title={t('ct.action.recordPayment')}
        okText={t('ct.action.recordPayment')}
        done={t('ct.action.recordPayment')}
        onClose={close}
        initialValues={{ paidOn: today() }}
        run={(v) => recordContractPayment(c.id, { paidOn: v.paidOn.format('YYYY-MM-DD'), amount: v.amount, note: v.note ?? '' })}
        confirm={(v) => ({ title: t('ct.payment.ask'), content: t('ct.payment.askBody', { on: v.paidOn.format('YYYY-MM-DD'), amount: exact(v.amount) }), okText: t('ct.action.recordPayment') })}
        testId="payment-modal"
      >
        {() => (
          <>
            <Form.Item name="paidOn" label={t('ct.payment.paidOn')} rules={[{ required: true }]}>
              <DatePicker disabledDate={(d) => d.isAfter(today(), 'day')} />
            </Form.Item>
            <Form.Item name="amount" label={t('ct.field.deduction.amount')} rules={fen({ min: 1, required: true })}>
              <AmountInput />
            </Form.Item>
            <Form.Item name="note" label={t('ct.payment.note')}>
              <Input maxLength={500} />
            </Form.Item>
          </>
        )}
      </ActionModal>

      <ActionModal<{ reason: string; contractAmount?: number; technologyAmount?: number; deductions?: { item: string; amount: number }[]; validUntil?: Dayjs; certifiedAmount?: number }>
        open={modal === 'amend'}
        title={t('ct.action.amend')}
        okText={t('ct.action.amend')}
        done={t('ct.history.amendment')}
        onClose={close}
        initialValues={{ contractAmount: c.effective.contractAmount, technologyAmount: c.effective.technologyAmount, deductions: c.effective.deductions, ...(can('certify') && c.effective.certifiedAmount !== null ? { certifiedAmount: c.effective.certifiedAmount } : {}) }}
        confirm={(v) => {
          // The certification never stands above the technology amount: lowered below it, it follows (as the server does).
          const technology = v.technologyAmount ?? c.effective.technologyAmount;
          const certifiedBefore = c.effective.certifiedAmount;
          const typed = certifiedTyped(v.certifiedAmount);
          const certifiedAfter = typed ?? (certifiedBefore !== null && certifiedBefore > technology ? technology : certifiedBefore);
          const changes = (
            [
              ['ct.field.contractAmount', c.effective.contractAmount, v.contractAmount],
              ['ct.field.technologyAmount', c.effective.technologyAmount, v.technologyAmount],
              ...(certifiedBefore !== null || typed !== undefined ? ([['ct.field.certifiedAmount', certifiedBefore ?? technology, certifiedAfter]] as const) : []),
            ] as const
          )
            .filter(([, before, after]) => after != null && after !== before)
            .map(([field, before, after]) => t('ct.amend.change', { field: t(field), before: exact(before), after: exact(after!) }));
          const costs = (d: { item: string; amount: number }[]) => (d.length ? d.map((x) => `${x.item} ${exact(x.amount)}`).join('、') : t('ct.amend.noCosts'));
          if (v.deductions && costs(v.deductions) !== costs(c.effective.deductions)) changes.push(t('ct.amend.change', { field: t('ct.field.deductions'), before: costs(c.effective.deductions), after: costs(v.deductions) }));
          if (v.validUntil) changes.push(t('ct.amend.change', { field: t('ct.field.validUntil'), before: c.effective.validUntil, after: v.validUntil.format('YYYY-MM-DD') }));
          return { title: t('ct.amend.ask'), content: t('ct.amend.askBody', { changes: changes.length ? changes.join('；') : t('ct.amend.noChange') }), okText: t('ct.action.amend') };
        }}
        testId="amend-modal"
        run={(v) =>
          amendContract(c.id, {
            reason: v.reason,
            contractAmount: v.contractAmount,
            technologyAmount: v.technologyAmount,
            deductions: v.deductions ?? [],
            ...(v.validUntil ? { validUntil: v.validUntil.format('YYYY-MM-DD') } : {}),
            ...(certifiedTyped(v.certifiedAmount) !== undefined ? { certifiedAmount: v.certifiedAmount } : {}),
          })
        }
      >
        {() => (
          <>
            <p className="muted">{t('ct.amend.lead')}</p>
            <ContractFigures required={false} testIdPrefix="amend" />
            {can('certify') && (
              <Form.Item name="certifiedAmount" label={t('ct.field.certifiedAmount')} extra={t('ct.amend.certifiedHint')} rules={fen({ min: 0 })}>
                <AmountInput />
              </Form.Item>
            )}
            <Form.Item name="validUntil" label={t('ct.field.validUntil')}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="reason" label={t('ct.field.reason')} rules={[{ required: true, message: t('cat.required') }]}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          </>
        )}
      </ActionModal>

      <ActionModal<{ reason: string }>
        open={modal === 'terminate'}
        title={t('ct.action.terminate')}
        okText={t('ct.action.terminate')}
        done={t('ct.history.termination')}
        onClose={close}
        run={(v) => terminateContract(c.id, v)}
        confirm={() => ({ title: t('ct.terminate.ask'), content: t('ct.terminate.lead'), okText: t('ct.action.terminate'), danger: true })}
      >
        {() => (
          <>
            <p className="muted">{t('ct.terminate.lead')}</p>
            <Form.Item name="reason" label={t('ct.field.reason')} rules={[{ required: true, message: t('cat.required') }]}>
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
          </>
        )}
      </ActionModal>
    </div>
  );
}
