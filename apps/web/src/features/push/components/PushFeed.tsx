import { Alert, Card, Empty, Pagination, Spin } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../../../api/client.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { recordLink, type MatchItem } from '../../matching/api.ts';
import { MatchItemCard } from '../../matching/components/MatchItemCard.tsx';
import { listPushes, pushSource, type Push } from '../api.ts';

const PAGE_SIZE = 10;

/** Why a record was pushed, in one line. */
function PushWhyLine({ p }: { p: Push }) {
  const { t } = useI18n();
  const own = pushSource(p);
  return (
    <div className="match-why" data-testid="push-why">
      {own ? (
        <>
          {t('push.why.record', { kind: t(own.type === 'demand' ? 'match.kind.demand' : 'match.kind.achievement') })}
          <Link to={recordLink(own.type, own.id)}>「{own.title}」</Link>
          {t('push.why.recordTail')}
        </>
      ) : p.source.title ? (
        t('push.why.subscription', { name: p.source.title })
      ) : (
        t('push.why.subscriptionAny')
      )}
      <span className="muted"> · {formatDateTime(p.createdAt)}</span>
    </div>
  );
}

/** 为我推荐: records pushed to the person, newest first, with the same feedback as on a record page. */
export function PushFeed() {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const res = useAsync((signal) => listPushes({ page, pageSize: PAGE_SIZE }, signal), [page]);
  const items = res.data?.items ?? [];
  const total = res.data?.total ?? items.length;
  return (
    <Card title={t('push.feed.title')} data-testid="push-feed">
      {res.error && !res.data ? (
        <Alert type="warning" showIcon title={t('match.unavailable')} description={res.error instanceof ApiError ? res.error.detail : undefined} />
      ) : (
        <Spin spinning={res.loading}>
          {res.data && items.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('push.feed.empty')} />
          ) : (
            <div className="match-list">
              {items.map((p) => {
                const own = pushSource(p);
                const item: MatchItem = {
                  id: p.record.id,
                  type: p.record.type,
                  score: p.score,
                  reasons: p.reasons,
                  anonymous: false,
                  // The card shows the organisation's name only; its id may be null (pushDto), the card never uses it.
                  record: { ...p.record, organization: { id: p.record.organization.id ?? '', name: p.record.organization.name }, industry: null, jurisdictionCode: null, publishedAt: null, stale: false, restricted: false },
                  feedback: p.feedback,
                  feedbackSummary: null,
                  review: null,
                };
                return (
                  <MatchItemCard
                    key={p.id}
                    item={item}
                    source={own ?? { type: p.record.type === 'demand' ? 'achievement' : 'demand', id: p.source.id, title: p.source.title ?? '' }}
                    canFeedback={!!own}
                    canReview={false}
                    context={<PushWhyLine p={p} />}
                  />
                );
              })}
            </div>
          )}
          {total > PAGE_SIZE && (
            <div className="match-more">
              <Pagination current={page} pageSize={PAGE_SIZE} total={total} onChange={setPage} showSizeChanger={false} size="small" />
            </div>
          )}
        </Spin>
      )}
    </Card>
  );
}
