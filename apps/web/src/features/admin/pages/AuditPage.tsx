import { CheckCircleFilled, CloseCircleFilled, HistoryOutlined, ReloadOutlined, SafetyOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, DatePicker, Form, Row, Select, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS } from '@kzt/shared';
import { ApiError } from '../../../api/client.ts';
import { JurisdictionSelect } from '../../jurisdictions/components/JurisdictionSelect.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { useApiErrorHandler } from '../../../lib/errors.ts';
import { formatDateTime, toApiInstant } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { findAuditPeople, listAudit, verifyAudit, type AuditEvent, type AuditQuery, type AuditVerification } from '../api.ts';

type Filters = { entityType?: string; actorId?: string; action?: string; jurisdictionCode?: string; range?: [Dayjs | null, Dayjs | null] | null };

/** A person picked by typing part of their name, e-mail or phone (people who appear in the log the reader may see). */
function PersonSelect({ value, onChange, id }: { value?: string; onChange?: (v: string | undefined) => void; id?: string }) {
  const { t } = useI18n();
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const search = (q: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      setLoading(true);
      findAuditPeople(q)
        .then((r) => setOptions(r.items.map((p) => ({ value: p.id, label: p.email ? `${p.name}（${p.email}）` : p.name }))))
        .catch(() => setOptions([]))
        .finally(() => setLoading(false));
    }, 250);
  };
  useEffect(() => () => clearTimeout(timer.current), []);
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: search }}
      onOpenChange={(open) => open && !options.length && search('')}
      options={options}
      loading={loading}
      allowClear
      placeholder={t('audit.f.personHint')}
      notFoundContent={null}
      data-testid="audit-person"
    />
  );
}

function Json({ value }: { value: unknown }) {
  const { t } = useI18n();
  if (value === null || value === undefined) return <span className="muted">{t('admin.audit.empty')}</span>;
  return <pre className="json-block">{JSON.stringify(value, null, 2)}</pre>;
}

export function AuditPage() {
  const { t, lang } = useI18n();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm<Filters>();
  // An object's own history is opened by link (?entityType=…&entityId=…), never by typing an id.
  const [params, setParams] = useSearchParams();
  const objectFilter = params.get('entityId') ? { entityType: params.get('entityType') ?? undefined, entityId: params.get('entityId')!, name: params.get('name') ?? params.get('entityId')! } : null;
  const [query, setQuery] = useState<AuditQuery>({ page: 1, pageSize: 20, ...(objectFilter ? { entityType: objectFilter.entityType, entityId: objectFilter.entityId } : {}) });
  const actionOptions = useMemo(() => {
    const groups = new Map<string, { label: string; value: string }[]>();
    for (const [code, l] of Object.entries(AUDIT_ACTION_LABELS)) {
      const type = code.split('.')[0]!;
      groups.set(type, [...(groups.get(type) ?? []), { value: code, label: l[lang] }]);
    }
    return [...groups].map(([type, options]) => ({ label: AUDIT_ENTITY_LABELS[type]?.[lang] ?? (type === 'outbox' ? AUDIT_ENTITY_LABELS.outboxMessage![lang] : type), options }));
  }, [lang]);
  const entityOptions = useMemo(() => Object.entries(AUDIT_ENTITY_LABELS).map(([value, l]) => ({ value, label: l[lang] })), [lang]);
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [verifying, setVerifying] = useState(false);

  useEffect(() => {
    document.title = `${t('admin.audit.title')} · 科转通`;
  }, [t]);

  const list = useAsync(() => listAudit(query), [query, lang]);

  // A filter the server refuses (e.g. an actor ID that is not a UUID): show it next to its field.
  useEffect(() => {
    const e = list.error;
    if (!(e instanceof ApiError) || e.errors.length === 0) return;
    const fields = new Map<string, string>([['from', 'range'], ['to', 'range']]);
    form.setFields(e.errors.map((f) => ({ name: (fields.get(f.path) ?? f.path) as keyof Filters, errors: [f.message] })));
  }, [list.error, form]);

  const apply = (f: Filters) => {
    const [from, to] = f.range ?? [];
    setQuery({
      page: 1,
      pageSize: query.pageSize,
      entityType: objectFilter?.entityType ?? (f.entityType || undefined),
      entityId: objectFilter?.entityId,
      actorId: f.actorId || undefined,
      action: f.action || undefined,
      jurisdictionCode: f.jurisdictionCode || undefined,
      from: from ? toApiInstant(from) : undefined,
      to: to ? toApiInstant(to) : undefined,
    });
  };

  const runVerify = async () => {
    setVerifying(true);
    try {
      setVerification(await verifyAudit());
    } catch (e) {
      onError(e);
    } finally {
      setVerifying(false);
    }
  };

  return (
    <div className="stack">
      <div className="page-header page-header-row" style={{ marginBottom: 0 }}>
        <div>
          <h1>{t('admin.audit.title')}</h1>
          <p>{t('admin.audit.lead')}</p>
        </div>
        <Space wrap>
          <Button type="primary" icon={<SafetyOutlined />} loading={verifying} onClick={runVerify} data-testid="verify-chain">
            {t('admin.audit.verify')}
          </Button>
        </Space>
      </div>

      {verification &&
        (verification.ok ? (
          <Alert
            type="success"
            showIcon
            icon={<CheckCircleFilled />}
            data-testid="chain-result"
            title={
              <Space>
                <Tag color="success">{t('admin.audit.ok')}</Tag>
                {t('admin.audit.okDetail', { count: verification.count })}
              </Space>
            }
          />
        ) : (
          <Alert
            type="error"
            showIcon
            icon={<CloseCircleFilled />}
            data-testid="chain-result"
            title={
              <Space wrap>
                <Tag color="error">{t('admin.audit.broken')}</Tag>
                <strong style={{ color: '#c62828' }}>
                  {t('admin.audit.brokenDetail', { seq: verification.firstBrokenSeq ?? '?' })}
                </strong>
              </Space>
            }
            description={verification.reason}
          />
        ))}

      <Card>
        <Form form={form} layout="vertical" onFinish={apply} className="filters">
          {objectFilter && (
            <div style={{ marginBottom: 12 }}>
              <Tag
                closable
                color="geekblue"
                data-testid="audit-object-filter"
                onClose={() => {
                  setParams({});
                  setQuery((q) => ({ ...q, page: 1, entityType: undefined, entityId: undefined }));
                }}
              >
                {t('audit.onlyObject', { name: objectFilter.name })}
              </Tag>
            </div>
          )}
          <Row gutter={12}>
            <Col xs={24} sm={12} lg={5}>
              <Form.Item name="action" label={t('audit.f.action')}>
                <Select options={actionOptions} showSearch={{ optionFilterProp: 'label' }} allowClear placeholder={t('audit.f.actionAll')} data-testid="audit-action" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={5}>
              <Form.Item name="actorId" label={t('audit.f.person')}>
                <PersonSelect />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={4}>
              <Form.Item name="jurisdictionCode" label={t('audit.f.region')}>
                <JurisdictionSelect allowClear />
              </Form.Item>
            </Col>
            {!objectFilter && (
              <Col xs={24} sm={12} lg={4}>
                <Form.Item name="entityType" label={t('audit.f.object')}>
                  <Select options={entityOptions} allowClear showSearch={{ optionFilterProp: 'label' }} data-testid="audit-entity-type" />
                </Form.Item>
              </Col>
            )}
            <Col xs={24} lg={6}>
              <Form.Item name="range" label={t('admin.audit.range')}>
                <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Space>
            <Button type="primary" htmlType="submit">
              {t('common.search')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                setParams({});
                setQuery({ page: 1, pageSize: query.pageSize });
              }}
            >
              {t('common.reset')}
            </Button>
            <Button icon={<ReloadOutlined />} onClick={() => void list.reload()}>
              {t('common.refresh')}
            </Button>
          </Space>
        </Form>

        {list.error instanceof ApiError && <Alert type="error" showIcon title={list.error.detail} style={{ marginBottom: 16 }} />}

        <Table<AuditEvent>
          rowKey="seq"
          size="middle"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 760 }}
          data-testid="audit-table"
          expandable={{
            expandedRowRender: (e) => (
              <div>
                <Row gutter={16}>
                  <Col xs={24} md={12}>
                    <div className="muted" style={{ marginBottom: 4 }}>{t('admin.audit.before')}</div>
                    <Json value={e.before} />
                  </Col>
                  <Col xs={24} md={12}>
                    <div className="muted" style={{ marginBottom: 4 }}>{t('admin.audit.after')}</div>
                    <Json value={e.after} />
                  </Col>
                </Row>
                <div className="muted mono" style={{ marginTop: 8, fontSize: 12, wordBreak: 'break-all' }}>
                  {t('admin.audit.meta', { requestId: e.requestId ?? '—', ip: e.ip ?? '—', hash: e.hash })}
                </div>
              </div>
            ),
          }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100],
            showTotal: (total) => t('common.total', { total }),
            onChange: (page, pageSize) => setQuery((q) => ({ ...q, page, pageSize })),
          }}
          columns={[
            { title: t('admin.audit.seq'), dataIndex: 'seq', width: 70, responsive: ['md'] },
            { title: t('admin.audit.at'), dataIndex: 'at', width: 170, render: (v: string) => formatDateTime(v, true) },
            {
              title: t('admin.audit.actor'),
              dataIndex: 'actor',
              width: 120,
              render: (a: AuditEvent['actor']) => (a ? <span data-testid="audit-actor">{a.name ?? '—'}</span> : <span className="muted">{t('admin.audit.system')}</span>),
            },
            {
              title: t('admin.audit.action'),
              dataIndex: 'actionLabel',
              width: 190,
              render: (v: string, e: AuditEvent) => (
                <Tag color="blue" title={`${t('audit.code')}: ${e.action}`} data-testid="audit-action-label">
                  {v}
                </Tag>
              ),
            },
            {
              title: t('audit.col.object'),
              key: 'entity',
              render: (_: unknown, e: AuditEvent) => {
                const name = e.entity.name ?? e.entity.id;
                return (
                  <span>
                    <span className="muted">{e.entity.typeLabel} · </span>
                    {e.entity.link ? (
                      <Link to={e.entity.link} data-testid="audit-object-link">
                        {name}
                      </Link>
                    ) : (
                      <span className={e.entity.name ? undefined : 'mono'}>{name}</span>
                    )}{' '}
                    <Link
                      to={`?entityType=${encodeURIComponent(e.entityType)}&entityId=${encodeURIComponent(e.entityId)}&name=${encodeURIComponent(name)}`}
                      onClick={() => setQuery((q) => ({ ...q, page: 1, entityType: e.entityType, entityId: e.entityId }))}
                      title={t('audit.onlyObject', { name })}
                    >
                      <HistoryOutlined />
                    </Link>
                  </span>
                );
              },
            },
            { title: t('audit.col.org'), key: 'org', width: 160, responsive: ['lg'], render: (_: unknown, e: AuditEvent) => e.organization?.name ?? '—' },
            { title: t('audit.col.region'), key: 'region', width: 100, responsive: ['sm'], render: (_: unknown, e: AuditEvent) => e.jurisdiction?.name ?? e.jurisdictionCode ?? '—' },
          ]}
        />
      </Card>
    </div>
  );
}
