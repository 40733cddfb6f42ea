import { Button, Card, Form, Input, Modal, Segmented, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../i18n/index.tsx';
import { useFormModal } from '../../../lib/useFormModal.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { answerInquiry, listInquiries, orgName, recordLink, type InquiryRecord, type MatchInquiry } from '../../matching/api.ts';

const PAGE_SIZE = 20;

/** 保密匹配咨询: questions about secret matching records, answered by their administrators or brokers. */
export function InquiriesPage() {
  const { t } = useI18n();
  const [status, setStatus] = useState<'open' | 'answered' | 'all'>('open');
  const [page, setPage] = useState(1);
  const [answering, setAnswering] = useState<MatchInquiry | null>(null);
  useEffect(() => {
    document.title = `${t('nav.adminInquiries')} · 科转通`;
  }, [t]);
  const res = useAsync((signal) => listInquiries({ status: status === 'all' ? undefined : status, page, pageSize: PAGE_SIZE }, signal), [status, page]);

  return (
    <div className="stack" data-testid="admin-inquiries">
      <div className="page-header page-header-row" style={{ marginBottom: 0 }}>
        <div>
          <h1>{t('nav.adminInquiries')}</h1>
          <p>{t('inq.lead')}</p>
        </div>
        <Segmented
          value={status}
          onChange={(v) => {
            setPage(1);
            setStatus(v as typeof status);
          }}
          options={[
            { value: 'open', label: t('inq.status.open') },
            { value: 'answered', label: t('inq.status.answered') },
            { value: 'all', label: t('admin.filter.all') },
          ]}
        />
      </div>
      <Card>
        <Table<MatchInquiry>
          rowKey="id"
          size="middle"
          loading={res.loading}
          dataSource={res.data?.items ?? []}
          scroll={{ x: 900 }}
          locale={{ emptyText: t('inq.empty') }}
          pagination={res.data && res.data.total > PAGE_SIZE ? { current: page, pageSize: PAGE_SIZE, total: res.data.total, onChange: setPage, showSizeChanger: false } : false}
          columns={[
            { title: t('inq.createdAt'), dataIndex: 'createdAt', width: 140, render: (v: string) => formatDateTime(v) },
            {
              title: t('inq.requester'),
              width: 180,
              render: (_v, q) => (
                <>
                  <div>{q.requestedBy?.name ?? '—'}</div>
                  {orgName(q.organization) && <div className="muted">{orgName(q.organization)}</div>}
                </>
              ),
            },
            { title: t('inq.source'), render: (_v, q) => <InquiryRecordCell r={q.source} /> },
            { title: t('inq.target'), render: (_v, q) => <InquiryRecordCell r={q.target} secret /> },
            {
              title: t('inq.message'),
              render: (_v, q) => (
                <>
                  <div>{q.message || '—'}</div>
                  {q.answer && (
                    <div className="inquiry-answer">
                      <span className="muted">{t('inq.answer')}{t('common.colon')}</span>
                      {q.answer}
                    </div>
                  )}
                </>
              ),
            },
            {
              title: t('admin.actions'),
              width: 110,
              fixed: 'right',
              render: (_v, q) =>
                !q.allowedActions.includes('answer') ? (
                  <Tag color={q.status === 'answered' ? 'green' : 'default'}>{t(`inq.status.${q.status}`)}</Tag>
                ) : (
                  <Button type="primary" size="small" onClick={() => setAnswering(q)} data-testid="inquiry-answer">
                    {t('inq.answer.button')}
                  </Button>
                ),
            },
          ]}
        />
      </Card>
      <AnswerModal inquiry={answering} onClose={() => setAnswering(null)} onDone={() => void res.reload()} />
    </div>
  );
}

function InquiryRecordCell({ r, secret }: { r: InquiryRecord; secret?: boolean }) {
  const { t } = useI18n();
  return (
    <>
      <Tag color={secret ? 'magenta' : undefined} bordered={false}>{t(r.type === 'demand' ? 'match.kind.demand' : 'match.kind.achievement')}</Tag>
      {r.title ? <Link to={recordLink(r.type, r.id)}>{r.title}</Link> : <span className="muted">{t('inq.hiddenTitle')}</span>}
    </>
  );
}

function AnswerModal({ inquiry, onClose, onDone }: { inquiry: MatchInquiry | null; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const m = useFormModal<{ answer: string }>({
    controlled: { open: !!inquiry, onClose },
    action: (v) => answerInquiry(inquiry!.id, v.answer.trim()),
    success: t('inq.answered'),
    onDone,
  });
  return (
    <Modal
      {...m.modalProps}
      title={t('inq.answer.title')}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      {inquiry?.message && <p className="review-note">{inquiry.message}</p>}
      <Form form={m.form} layout="vertical" preserve={false}>
        <Form.Item name="answer" label={t('inq.answer')} extra={t('inq.answer.hint')} rules={[{ required: true, whitespace: true, message: t('cat.required') }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
