import { CheckCircleFilled, CloseCircleFilled, ExportOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Grid, Result, Space, Table, Tooltip } from 'antd';
import { useEffect } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../../api/client.ts';
import { PageLoading } from '../../../app/PageLoading.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { fetchRecord, recordHtmlUrl, type PriceRecord, type RecordEvent } from '../api.ts';
import { KindTag, StateTag, TransactionTag, useTradingLabels } from '../labels.tsx';

const short = (hash: string | null) => (hash ? `${hash.slice(0, 12)}…` : '—');

/**
 * 交易过程记录: every step of how the price was formed, from the audit chain,
 * each checked against it — the evidence an official files. Prints to A4
 * (打印 / 导出 PDF) or opens as the server's printable page.
 */
export function PriceRecordPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const res = useAsync(() => fetchRecord(id), [id]);
  useEffect(() => {
    if (res.data) document.title = `${t('trade.record.title')} · ${res.data.listing.title} · 科转通`;
  }, [res.data, t]);
  if (res.loading && !res.data) return <PageLoading />;
  if (!res.data) {
    return (
      <div className="container">
        <Result
          status="404"
          title={t('trade.notFound')}
          subTitle={res.error instanceof ApiError ? res.error.detail : undefined}
          extra={
            <Link to="/listings">
              <Button type="primary">{t('trade.hall.title')}</Button>
            </Link>
          }
        />
      </div>
    );
  }
  return <RecordView r={res.data} />;
}

function RecordView({ r }: { r: PriceRecord }) {
  const { t } = useI18n();
  const L = useTradingLabels();
  const l = r.listing;
  const ok = r.verified.ok;
  // A phone reads the events as a list: a table would hide their text behind a sideways scroll.
  const wide = Grid.useBreakpoint().md ?? true;
  return (
    <div className="container stack price-record" data-testid="price-record">
      <nav className="crumbs no-print">
        <Link to="/listings">{t('trade.hall.title')}</Link> / <Link to={`/listings/${l.id}`}>{l.title}</Link>
      </nav>
      <div className="page-header page-header-row" style={{ marginBottom: 0 }}>
        <div style={{ minWidth: 0, flex: '1 1 420px' }}>
          <h1 className="record-h1">{t('trade.record.heading')}</h1>
          <p className="record-subtitle" data-testid="record-listing-title">{l.title}</p>
        </div>
        <Space wrap className="no-print">
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="record-print">
            {t('trade.record.print')}
          </Button>
          <a href={recordHtmlUrl(l.id)} target="_blank" rel="noopener" data-testid="record-html">
            <Button icon={<ExportOutlined />}>{t('trade.record.html')}</Button>
          </a>
        </Space>
      </div>

      <div className={`verify-badge ${ok ? 'verify-ok' : 'verify-bad'}`} data-testid="record-verified" data-ok={ok} role="status">
        {ok ? <CheckCircleFilled /> : <CloseCircleFilled />}
        <div>
          <div className="verify-title">{t(ok ? 'trade.record.verified' : 'trade.record.broken')}</div>
          <div className="verify-detail">
            {ok
              ? t('trade.record.verifiedDetail', { n: r.verified.events, at: formatDateTime(r.verified.checkedAt, true) })
              : t('trade.record.brokenDetail', { seq: r.verified.firstBrokenSeq ?? '?', reason: r.verified.reason ?? '—', n: r.verified.events, of: r.verified.of })}
          </div>
        </div>
      </div>

      <Card size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            {
              key: 'kind',
              label: t('trade.field.kind'),
              children: (
                <span className="record-tags" style={{ marginBottom: 0 }}>
                  <KindTag kind={l.kind} />
                  <TransactionTag transaction={l.transaction} />
                  <StateTag status={l.status} phase={l.status === 'open' ? 'open' : 'closed'} />
                </span>
              ),
            },
            { key: 'price', label: t(l.kind === 'auction' ? 'trade.price.start' : 'trade.price.listed'), children: L.money(l.price) },
            { key: 'final', label: t('trade.price.final'), children: <strong className="price">{l.finalPrice == null ? '—' : L.money(l.finalPrice)}</strong> },
            { key: 'listed', label: t('trade.terms.listedAt'), children: formatDateTime(l.listedAt, true) },
            { key: 'closed', label: t('trade.terms.closedAt'), children: formatDateTime(l.closedAt, true) },
            { key: 'id', label: t('trade.record.id'), children: <span className="mono record-id">{l.id}</span> },
          ]}
        />
      </Card>

      <Card title={t('trade.record.events', { n: r.events.length })} className="record-events-card">
        {wide ? (
          <Table<RecordEvent>
            rowKey="seq"
            size="small"
            pagination={false}
            dataSource={r.events}
            scroll={{ x: 720 }}
            onRow={(e) => ({ 'data-testid': 'record-event', 'data-kind': e.kind }) as object}
            columns={[
              { title: '#', width: 48, render: (_, __, i) => i + 1 },
              { title: t('trade.bids.at'), dataIndex: 'at', width: 170, render: (v: string) => <span className="nowrap">{formatDateTime(v, true)}</span> },
              { title: t('trade.record.event'), dataIndex: 'text', render: (v: string) => <span className="record-text">{v}</span> },
              {
                title: t('trade.record.hash'),
                dataIndex: 'hash',
                width: 150,
                render: (v: string, e) => (
                  <Tooltip title={<span className="mono">{`${v}\n← ${e.prevHash ?? '—'}`}</span>}>
                    <span className="mono record-hash">{short(v)}</span>
                  </Tooltip>
                ),
              },
            ]}
          />
        ) : (
          <ol className="record-event-list">
            {r.events.map((e, i) => (
              <li key={e.seq} data-testid="record-event" data-kind={e.kind}>
                <div className="muted record-event-meta">
                  #{i + 1} · {formatDateTime(e.at, true)}
                </div>
                <div className="record-text">{e.text}</div>
                <div className="mono record-hash">{short(e.hash)}</div>
              </li>
            ))}
          </ol>
        )}
        <p className="muted record-note">{t('trade.record.note')}</p>
      </Card>
    </div>
  );
}
