import { FileExcelOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Progress, Space, Table, Tag } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../../../api/client.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { useApiErrorHandler } from '../../../lib/errors.ts';
import { batchExportUrl, fetchBatch, listBatches, orgName, startBatch, type BatchMatch, type MatchBatch } from '../api.ts';
import { MatchReasons } from './MatchReasons.tsx';
import { ScoreBadge } from './ScoreBadge.tsx';
import { NumberInput } from '../../../lib/NumberInput.tsx';

const POLL_MS = 1000;
type Row = MatchBatch['results'][number];

/** 批量匹配 of a demand list: starts the job, follows its progress, shows and exports the results. */
export function MatchBatchCard({ listId }: { listId: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [top, setTop] = useState(5);
  const [batchId, setBatchId] = useState<string | null>(null);
  const [batch, setBatch] = useState<MatchBatch | null>(null);
  const [starting, setStarting] = useState(false);
  const timer = useRef<number | undefined>(undefined);

  const poll = useCallback(
    async (id: string, signal: AbortSignal) => {
      try {
        const b = await fetchBatch(id, signal);
        if (signal.aborted) return;
        setBatch(b);
        if (b.status === 'pending' || b.status === 'running') timer.current = window.setTimeout(() => void poll(id, signal), POLL_MS);
      } catch (e) {
        if (signal.aborted) return;
        if (!(e instanceof ApiError && e.status === 404)) onError(e);
      }
    },
    [onError],
  );

  // The latest batch of the list, if any, is shown on arrival.
  useEffect(() => {
    const ctrl = new AbortController();
    listBatches(listId, ctrl.signal).then(
      (r) => {
        if (r.items[0]) setBatchId((current) => current ?? r.items[0]!.id);
      },
      () => undefined,
    );
    return () => ctrl.abort();
  }, [listId]);

  useEffect(() => {
    if (!batchId) return;
    const ctrl = new AbortController();
    void poll(batchId, ctrl.signal);
    return () => {
      ctrl.abort();
      window.clearTimeout(timer.current);
    };
  }, [batchId, poll]);

  const start = async () => {
    setStarting(true);
    try {
      const b = await startBatch(listId, top);
      setBatch(b);
      setBatchId(b.id);
      message.success(t('batch.started'));
    } catch (e) {
      onError(e);
    } finally {
      setStarting(false);
    }
  };

  const running = batch?.status === 'pending' || batch?.status === 'running';
  const percent = batch && batch.total > 0 ? Math.round((batch.done / batch.total) * 100) : 0;
  return (
    <Card
      title={
        <span>
          <ThunderboltOutlined /> {t('batch.title')}
        </span>
      }
      data-testid="match-batch"
      extra={
        <Space wrap>
          <span className="muted">{t('batch.top')}</span>
          <NumberInput min={1} max={20} precision={0} value={top} onChange={(v) => setTop(v ?? 5)} style={{ width: 72 }} disabled={running} />
          <Button type="primary" icon={<ThunderboltOutlined />} loading={starting} disabled={running} onClick={() => void start()} data-testid="match-batch-start">
            {batch ? t('batch.again') : t('batch.start')}
          </Button>
          {batch?.status === 'done' && (
            <Button icon={<FileExcelOutlined />} href={batchExportUrl(batch.id)} data-testid="match-batch-export">
              {t('batch.export')}
            </Button>
          )}
        </Space>
      }
    >
      {!batch && <p className="muted" style={{ margin: 0 }}>{t('batch.lead')}</p>}
      {batch && running && (
        <div data-testid="match-batch-progress">
          <Progress percent={percent} status="active" />
          <span className="muted">{batch.status === 'pending' ? t('batch.queued') : t('batch.progress', { done: batch.done, total: batch.total })}</span>
        </div>
      )}
      {batch?.status === 'failed' && <Alert type="error" showIcon title={t('batch.failed', { error: batch.error ?? '' })} />}
      {batch?.status === 'done' && (
        <>
          <Alert type="success" showIcon title={t('batch.done', { total: batch.total })} style={{ marginBottom: 12 }} />
          <BatchResults rows={batch.results} />
        </>
      )}
    </Card>
  );
}

function MatchLine({ m }: { m: BatchMatch }) {
  return (
    <div className="batch-match">
      <ScoreBadge score={m.score} compact />
      <Link to={`/achievements/${m.achievementId}`}>{m.title}</Link>
      {orgName(m.organization) && <span className="muted"> · {orgName(m.organization)}</span>}
    </div>
  );
}

function BatchResults({ rows }: { rows: Row[] }) {
  const { t } = useI18n();
  return (
    <Table<Row>
      rowKey="demandId"
      size="small"
      dataSource={rows}
      pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      scroll={{ x: 720 }}
      data-testid="match-batch-results"
      expandable={{
        rowExpandable: (r) => r.matches.length > 0,
        expandedRowRender: (r) => (
          <div className="batch-expanded">
            {r.matches.map((m, i) => (
              <div key={`${m.achievementId}-${i}`} className="batch-expanded-item">
                <MatchLine m={m} />
                <MatchReasons reasons={m.reasons} />
              </div>
            ))}
          </div>
        ),
      }}
      columns={[
        { title: '#', width: 48, render: (_v, _r, i) => i + 1 },
        { title: t('batch.demand'), width: 280, render: (_v, r) => <Link to={`/demands/${r.demandId}`}>{r.title}</Link> },
        {
          title: t('batch.matches'),
          render: (_v, r) =>
            r.matches.length === 0 ? (
              <Tag>{t('batch.noMatch')}</Tag>
            ) : (
              <>
                {r.matches.slice(0, 3).map((m, i) => (
                  <MatchLine key={`${m.achievementId}-${i}`} m={m} />
                ))}
                {r.matches.length > 3 && <span className="muted">{t('batch.moreMatches', { n: r.matches.length - 3 })}</span>}
              </>
            ),
        },
      ]}
    />
  );
}
