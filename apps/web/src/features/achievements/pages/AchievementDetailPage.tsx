import { PlusOutlined } from '@ant-design/icons';
import { CONVERSION_KINDS, type ConversionKind } from '@kzt/shared';
import { Button, Card, Col, DatePicker, Descriptions, Empty, Form, Input, Modal, Row, Select, Space, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { useI18n } from '../../../i18n/index.tsx';
import { useFormModal } from '../../../lib/useFormModal.tsx';
import { dayjs, formatDate, formatDateTime, TZ } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { AccessRequestsCard, RestrictedBox } from '../../catalogue/components/AccessPanels.tsx';
import { RecordGate, RecordHeader } from '../../catalogue/components/DetailFrame.tsx';
import { MoneyInput } from '../../catalogue/components/MoneyInput.tsx';
import { VersionsCard } from '../../catalogue/components/VersionsCard.tsx';
import { AttachmentsCard } from '../../attachments/components/AttachmentsCard.tsx';
import { SourceNote, useCatalogueLabels } from '../../catalogue/labels.tsx';
import { MatchSection } from '../../matching/components/MatchSection.tsx';
import { ListingEntry } from '../../trading/components/ListingEntry.tsx';
import { EngageBar } from '../../engage/components/EngageBar.tsx';
import { addConversion, fetchAchievement, FOLLOWUP_STATUSES, saveFollowup, type Achievement, type Benefit, type Completer, type Conversion, type Followup, type FollowupStatus, type IpItem } from '../api.ts';
import { NumberInput } from '../../../lib/NumberInput.tsx';

export function AchievementDetailPage() {
  const { id = '' } = useParams();
  const state = useAsync(() => fetchAchievement(id), [id]);
  const [rev, setRev] = useState(0);
  useEffect(() => {
    if (state.data) document.title = `${state.data.title} · 科转通`;
  }, [state.data]);
  return (
    <RecordGate kind="achievements" loading={state.loading && !state.data} error={!state.data ? state.error : undefined}>
      {() => (
        <AchievementView
          a={state.data!}
          rev={rev}
          onChanged={() => {
            setRev((r) => r + 1);
            void state.reload();
          }}
        />
      )}
    </RecordGate>
  );
}

function AchievementView({ a, rev, onChanged }: { a: Achievement; rev: number; onChanged: () => void }) {
  const { t } = useI18n();
  const L = useCatalogueLabels();
  const can = (x: Achievement['allowedActions'][number]) => a.allowedActions.includes(x);
  const [convOpen, setConvOpen] = useState(false);
  const [followOpen, setFollowOpen] = useState<Followup | 'new' | null>(null);

  return (
    <div className="container stack" data-testid="achievement-detail">
      <RecordHeader kind="achievements" record={a} onChanged={onChanged} extraTags={a.converted ? <Tag color="green">{t('ach.converted')}</Tag> : null} />
      <EngageBar type="achievement" record={a} />
      {a.restricted && <RestrictedBox kind="achievements" record={a} />}
      <ListingEntry achievement={a} />

      <Card title={t('ach.basic')}>
        <Descriptions
          column={{ xs: 1, sm: 1, md: 2 }}
          bordered
          size="small"
          items={[
            { key: 'org', label: t('cat.field.organization'), children: a.organization.name },
            ...(a.type ? [{ key: 'type', label: t('ach.field.type'), children: L.type(a.type) }] : []),
            { key: 'industry', label: t('cat.field.industry'), children: L.industryFull(a.industry) },
            { key: 'maturity', label: t('ach.field.maturity'), children: <span data-testid="maturity">{L.maturityLong(a.maturity)}</span> },
            ...(!a.restricted
              ? [
                  { key: 'price', label: t('ach.field.price'), children: <strong className="price" data-testid="price">{L.money(a.price)}</strong> },
                  {
                    key: 'modes',
                    label: t('ach.field.transferModes'),
                    children: a.transferModes?.length ? a.transferModes.map((m) => <Tag key={m}>{L.transferMode(m)}</Tag>) : '—',
                  },
                  { key: 'tags', label: t('cat.field.industryTags'), children: a.industryTags?.length ? a.industryTags.map((m) => <Tag key={m} color="blue">{m}</Tag>) : '—' },
                  { key: 'kw', label: t('cat.field.keywords'), children: a.keywords?.length ? a.keywords.map((m) => <Tag key={m}>{m}</Tag>) : '—' },
                ]
              : []),
            { key: 'conf', label: t('cat.field.confidentiality'), children: L.confidentiality(a.confidentiality) },
            { key: 'pub', label: t('cat.field.publishedAt'), children: formatDate(a.publishedAt) },
            ...(a.version ? [{ key: 'ver', label: t('cat.field.version'), children: `v${a.version} · ${t('cat.updatedAt', { at: formatDateTime(a.updatedAt) })}` }] : []),
          ]}
        />
      </Card>

      <Card title={t('ach.field.summary')}>
        <p className="prose" data-testid="summary">{a.summary || t('cat.noSummary')}</p>
        <SourceNote source={a.source} />
      </Card>

      {a.status === 'published' && <MatchSection sourceType="achievement" record={a} />}

      {!a.restricted && (
        <>
          <Row gutter={[20, 20]}>
            <Col xs={24} lg={12}>
              <CompletersCard completers={a.completers ?? []} />
            </Col>
            <Col xs={24} lg={12}>
              <IpCard ip={a.ip ?? []} />
            </Col>
          </Row>
          {(a.benefits?.length ?? 0) > 0 && <BenefitsCard benefits={a.benefits!} />}
        </>
      )}

      {(can('track') || (a.conversions?.length ?? 0) > 0) && !a.restricted && (
        <Card
          title={t('ach.conversions')}
          data-testid="conversions"
          extra={
            can('track') && (
              <Button icon={<PlusOutlined />} onClick={() => setConvOpen(true)} data-testid="add-conversion">
                {t('ach.conversion.add')}
              </Button>
            )
          }
        >
          <Table<Conversion>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={a.conversions ?? []}
            scroll={{ x: 640 }}
            locale={{ emptyText: t('ach.conversions.empty') }}
            columns={[
              { title: t('ach.conversion.date'), dataIndex: 'date', width: 110 },
              { title: t('ach.conversion.kind'), dataIndex: 'kind', width: 110, render: (v: string) => <Tag color="green">{L.conversionKind(v)}</Tag> },
              { title: t('ach.conversion.counterparty'), dataIndex: 'counterparty' },
              { title: t('ach.conversion.amount'), dataIndex: 'amount', width: 130, render: (v: number | null) => L.money(v) },
              { title: t('ach.conversion.note'), dataIndex: 'note', render: (v: string | null) => v || '—' },
            ]}
          />
        </Card>
      )}

      {can('track') && (
        <Card
          title={t('ach.followups')}
          data-testid="followups"
          extra={
            <Button icon={<PlusOutlined />} onClick={() => setFollowOpen('new')} data-testid="add-followup">
              {t('ach.followup.add')}
            </Button>
          }
        >
          <Table<Followup>
            rowKey="year"
            size="small"
            pagination={false}
            dataSource={[...(a.followups ?? [])].sort((x, y) => y.year - x.year)}
            scroll={{ x: 560 }}
            locale={{ emptyText: t('ach.followups.empty') }}
            columns={[
              { title: t('ach.followup.year'), dataIndex: 'year', width: 80 },
              { title: t('ach.followup.status'), dataIndex: 'status', width: 110, render: (s: FollowupStatus) => <Tag>{t(`ach.followup.status.${s}`)}</Tag> },
              { title: t('ach.followup.revenue'), dataIndex: 'revenue', width: 130, render: (v: number | null) => (v == null ? '—' : L.money(v)) },
              { title: t('ach.conversion.note'), dataIndex: 'note', render: (v: string | null) => v || '—' },
              { title: '', width: 70, render: (_, f) => <Button type="link" size="small" onClick={() => setFollowOpen(f)}>{t('cat.edit.short')}</Button> },
            ]}
          />
        </Card>
      )}

      {can('manageAccess') && a.confidentiality === 'abstract' && <AccessRequestsCard kind="achievements" recordId={a.id} />}
      {!a.restricted && <AttachmentsCard kind="achievements" recordId={a.id} />}
      {can('viewHistory') && <VersionsCard kind="achievements" recordId={a.id} reloadKey={rev} />}

      {can('track') && <ConversionModal id={a.id} open={convOpen} onClose={() => setConvOpen(false)} onSaved={onChanged} />}
      {can('track') && <FollowupModal id={a.id} value={followOpen} onClose={() => setFollowOpen(null)} onSaved={onChanged} />}
    </div>
  );
}

function CompletersCard({ completers }: { completers: Completer[] }) {
  const { t } = useI18n();
  return (
    <Card title={t('ach.field.completers')} style={{ height: '100%' }} data-testid="completers">
      <Table<Completer>
        rowKey={(c, i) => `${c.name}-${i}`}
        size="small"
        pagination={false}
        dataSource={completers}
        locale={{ emptyText: t('cat.none') }}
        columns={[
          { title: t('ach.completer.name'), dataIndex: 'name' },
          { title: t('ach.completer.organization'), dataIndex: 'organization', render: (v?: string) => v || '—' },
          { title: t('ach.completer.share'), dataIndex: 'share', width: 90, align: 'right', render: (v: number) => `${v}%` },
        ]}
      />
    </Card>
  );
}

function IpCard({ ip }: { ip: IpItem[] }) {
  const { t } = useI18n();
  const L = useCatalogueLabels();
  return (
    <Card title={t('ach.field.ip')} style={{ height: '100%' }} data-testid="ip">
      {ip.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cat.none')} />
      ) : (
        <ul className="ip-list">
          {ip.map((x, i) => (
            <li key={`${x.number}-${i}`}>
              <Tag color="geekblue">{L.ipKind(x.kind)}</Tag>
              <span className="mono">{x.number}</span>
              {x.title && <span> · {x.title}</span>} <Tag bordered={false}>{L.ipStatus(x.status)}</Tag>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function BenefitsCard({ benefits }: { benefits: Benefit[] }) {
  const { t } = useI18n();
  return (
    <Card title={t('ach.field.benefits')} data-testid="benefits">
      <Table<Benefit>
        rowKey={(b, i) => `${b.metric}-${i}`}
        size="small"
        pagination={false}
        dataSource={benefits}
        scroll={{ x: 520 }}
        columns={[
          { title: t('ach.benefit.metric'), dataIndex: 'metric' },
          { title: t('ach.benefit.baseline'), dataIndex: 'baseline', render: (v?: string) => v || '—' },
          { title: t('ach.benefit.value'), dataIndex: 'value' },
          { title: t('ach.benefit.improvement'), dataIndex: 'improvement', render: (v?: string) => (v ? <strong style={{ color: '#237804' }}>{v}</strong> : '—') },
        ]}
      />
    </Card>
  );
}

type ConversionValues = { kind: ConversionKind; date: dayjs.Dayjs; counterparty: string; amount: number | null; note?: string };

function ConversionModal({ id, open, onClose, onSaved }: { id: string; open: boolean; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const L = useCatalogueLabels();
  const m = useFormModal<ConversionValues>({
    controlled: { open, onClose },
    action: (v) => addConversion(id, { kind: v.kind, date: v.date.format('YYYY-MM-DD'), counterparty: v.counterparty.trim(), amount: v.amount ?? null, note: v.note?.trim() || undefined }),
    success: t('ach.conversion.saved'),
    onDone: onSaved,
  });
  return (
    <Modal {...m.modalProps} title={t('ach.conversion.add')} okText={t('common.save')} cancelText={t('common.cancel')} forceRender>
      <Form form={m.form} layout="vertical" initialValues={{ kind: 'transferred', date: dayjs().tz(TZ) }}>
        <Form.Item name="kind" label={t('ach.conversion.kind')} rules={[{ required: true }]}>
          <Select options={CONVERSION_KINDS.map((k) => ({ value: k, label: L.conversionKind(k) }))} />
        </Form.Item>
        <Form.Item name="date" label={t('ach.conversion.date')} rules={[{ required: true, message: t('cat.required') }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="counterparty" label={t('ach.conversion.counterparty')} rules={[{ required: true, whitespace: true, message: t('cat.required') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="amount" label={t('ach.conversion.amount')} extra={t('ach.conversion.amountHint')}>
          <MoneyInput />
        </Form.Item>
        <Form.Item name="note" label={t('ach.conversion.note')}>
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type FollowupValues = { year: number; status: FollowupStatus; revenue: number | null; note?: string };

function FollowupModal({ id, value, onClose, onSaved }: { id: string; value: Followup | 'new' | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const m = useFormModal<FollowupValues>({
    controlled: { open: !!value, onClose },
    action: (v) => saveFollowup(id, v.year, { status: v.status, revenue: v.revenue ?? null, note: v.note?.trim() || undefined }),
    success: t('ach.followup.saved'),
    onDone: onSaved,
  });
  const form = m.form;
  useEffect(() => {
    if (value === 'new') form.setFieldsValue({ year: dayjs().tz(TZ).year(), status: 'in_progress', revenue: null, note: '' });
    else if (value) form.setFieldsValue({ year: value.year, status: value.status, revenue: value.revenue, note: value.note ?? '' });
  }, [value, form]);
  return (
    <Modal {...m.modalProps} title={t('ach.followup.add')} okText={t('common.save')} cancelText={t('common.cancel')} forceRender>
      <Form form={form} layout="vertical">
        <Space.Compact block>
          <Form.Item name="year" label={t('ach.followup.year')} rules={[{ required: true }]} style={{ width: 140 }}>
            <NumberInput min={2000} max={2100} precision={0} disabled={value !== 'new'} style={{ width: '100%' }} />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="status" label={t('ach.followup.status')} rules={[{ required: true }]}>
          <Select options={FOLLOWUP_STATUSES.map((s) => ({ value: s, label: t(`ach.followup.status.${s}`) }))} />
        </Form.Item>
        <Form.Item name="revenue" label={t('ach.followup.revenue')}>
          <MoneyInput />
        </Form.Item>
        <Form.Item name="note" label={t('ach.conversion.note')}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
