import { CheckCircleFilled, CloseCircleFilled, ReloadOutlined, SafetyOutlined } from '@ant-design/icons';
import { Alert, AutoComplete, Button, Card, Col, DatePicker, Form, Input, Row, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { ApiError } from '../../../api/client.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { useApiErrorHandler } from '../../../lib/errors.ts';
import { formatDateTime, toApiInstant } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { listAudit, verifyAudit, type AuditEvent, type AuditQuery, type AuditVerification } from '../api.ts';

const ENTITY_TYPES = ['user', 'organization', 'membership', 'invitation', 'jurisdiction', 'profile', 'session'];

type Filters = { entityType?: string; entityId?: string; actorId?: string; action?: string; range?: [Dayjs | null, Dayjs | null] | null };

function Json({ value }: { value: unknown }) {
  const { t } = useI18n();
  if (value === null || value === undefined) return <span className="muted">{t('admin.audit.empty')}</span>;
  return <pre className="json-block">{JSON.stringify(value, null, 2)}</pre>;
}

export function AuditPage() {
  const { t } = useI18n();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm<Filters>();
  const [query, setQuery] = useState<AuditQuery>({ page: 1, pageSize: 20 });
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [verifying, setVerifying] = useState(false);

  useEffect(() => {
    document.title = `${t('admin.audit.title')} · 科转通`;
  }, [t]);

  const list = useAsync(() => listAudit(query), [query]);

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
      entityType: f.entityType?.trim() || undefined,
      entityId: f.entityId?.trim() || undefined,
      actorId: f.actorId?.trim() || undefined,
      action: f.action?.trim() || undefined,
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
          <Row gutter={12}>
            <Col xs={12} sm={12} lg={4}>
              <Form.Item name="entityType" label={t('admin.audit.entityType')}>
                <AutoComplete options={ENTITY_TYPES.map((v) => ({ value: v }))} allowClear />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={5}>
              <Form.Item name="entityId" label={t('admin.audit.entityId')}>
                <Input allowClear className="mono" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={5}>
              <Form.Item name="actorId" label={t('admin.audit.actorId')}>
                <Input allowClear className="mono" />
              </Form.Item>
            </Col>
            <Col xs={12} sm={12} lg={4}>
              <Form.Item name="action" label={t('admin.audit.action')}>
                <Input allowClear />
              </Form.Item>
            </Col>
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
          scroll={{ x: 1000 }}
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
            { title: t('admin.audit.seq'), dataIndex: 'seq', width: 70 },
            { title: t('admin.audit.at'), dataIndex: 'at', width: 170, render: (v: string) => formatDateTime(v, true) },
            {
              title: t('admin.audit.actor'),
              dataIndex: 'actor',
              width: 140,
              render: (a: AuditEvent['actor']) => (a ? <span title={a.id}>{a.name}</span> : <span className="muted">{t('admin.audit.system')}</span>),
            },
            { title: t('admin.audit.action'), dataIndex: 'action', width: 200, render: (v: string) => <Tag color="blue">{v}</Tag> },
            { title: t('admin.audit.entityType'), dataIndex: 'entityType', width: 120 },
            {
              title: t('admin.audit.entityId'),
              dataIndex: 'entityId',
              ellipsis: true,
              render: (v: string) => <span className="mono" title={v}>{v}</span>,
            },
            { title: t('admin.audit.jurisdiction'), dataIndex: 'jurisdictionCode', width: 100, render: (v: string | null) => v ?? '—' },
          ]}
        />
      </Card>
    </div>
  );
}
