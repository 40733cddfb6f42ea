import { Card, Segmented, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../i18n/index.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { listFeedback, recordLink, type FeedbackEntry, type Verdict } from '../../matching/api.ts';

const PAGE_SIZE = 20;

/** 匹配反馈: what owners said of the matches proposed to them, for brokers and administrators to follow up. */
export function MatchFeedbackPage() {
  const { t } = useI18n();
  const [verdict, setVerdict] = useState<Verdict | 'all'>('all');
  const [page, setPage] = useState(1);
  useEffect(() => {
    document.title = `${t('nav.adminMatchFeedback')} · 科转通`;
  }, [t]);
  const res = useAsync((signal) => listFeedback({ verdict: verdict === 'all' ? undefined : verdict, page, pageSize: PAGE_SIZE }, signal), [verdict, page]);
  const record = (r: FeedbackEntry['source']) => (r.title === null ? <span className="muted">{t('inq.target')}</span> : <Link to={recordLink(r.type, r.id)}>{r.title}</Link>);

  return (
    <div className="stack" data-testid="admin-match-feedback">
      <div className="page-header page-header-row" style={{ marginBottom: 0 }}>
        <div>
          <h1>{t('nav.adminMatchFeedback')}</h1>
          <p>{t('mfb.lead')}</p>
        </div>
        <Segmented
          value={verdict}
          onChange={(v) => {
            setPage(1);
            setVerdict(v as typeof verdict);
          }}
          options={[
            { value: 'all', label: t('admin.filter.all') },
            { value: 'interested', label: t('mfb.interested') },
            { value: 'not_relevant', label: t('mfb.notRelevant') },
          ]}
        />
      </div>
      <Card>
        <Table<FeedbackEntry>
          rowKey="id"
          size="middle"
          loading={res.loading}
          dataSource={res.data?.items ?? []}
          scroll={{ x: 900 }}
          locale={{ emptyText: t('mfb.empty') }}
          pagination={res.data && res.data.total > PAGE_SIZE ? { current: page, pageSize: PAGE_SIZE, total: res.data.total, onChange: setPage, showSizeChanger: false } : false}
          columns={[
            { title: t('mfb.at'), dataIndex: 'updatedAt', width: 150, render: (v: string) => formatDateTime(v) },
            { title: t('mfb.source'), render: (_v, f) => record(f.source) },
            { title: t('mfb.target'), render: (_v, f) => record(f.target) },
            {
              title: t('mfb.verdict'),
              width: 220,
              render: (_v, f) => (
                <>
                  <Tag color={f.verdict === 'interested' ? 'green' : 'orange'} data-testid="feedback-verdict">
                    {t(f.verdict === 'interested' ? 'mfb.interested' : 'mfb.notRelevant')}
                  </Tag>
                  {f.reasonCode && <Tag bordered={false}>{t(`match.reasonCode.${f.reasonCode}`)}</Tag>}
                  {f.reason && <div className="muted">{f.reason}</div>}
                </>
              ),
            },
            {
              title: t('mfb.by'),
              width: 180,
              render: (_v, f) => (
                <>
                  <div>{f.by.name}</div>
                  {f.by.organization && <div className="muted">{f.by.organization}</div>}
                </>
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
