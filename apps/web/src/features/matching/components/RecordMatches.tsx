import { Alert, Button, Empty, Spin } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../../api/client.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { useAsync } from '../../../lib/useAsync.ts';
import { fetchMatches, type MatchItem } from '../api.ts';
import { IntentSummary } from './IntentSummary.tsx';
import { MatchItemCard, type MatchSource } from './MatchItemCard.tsx';
import { ReviewRequestModal, type ReviewPair } from './ReviewRequestModal.tsx';

const FIRST = 10;
const MORE = 30;

/** The records proposed for a source record, best first. */
export function RecordMatches({ source, canFeedback, canReview }: { source: MatchSource; canFeedback: boolean; canReview: boolean }) {
  const { t } = useI18n();
  const [limit, setLimit] = useState(FIRST);
  const [pair, setPair] = useState<ReviewPair | null>(null);
  const res = useAsync((signal) => fetchMatches(source.type, source.id, { limit }, signal), [source.type, source.id, limit]);
  const answer = res.data;

  const askExperts = (item: MatchItem) => {
    if (!item.id || !item.record) return;
    setPair(
      source.type === 'demand'
        ? { demandId: source.id, achievementId: item.id, demandTitle: source.title, achievementTitle: item.record.title }
        : { demandId: item.id, achievementId: source.id, demandTitle: item.record.title, achievementTitle: source.title },
    );
  };

  if (res.error && !answer) {
    return <Alert type="warning" showIcon title={t('match.unavailable')} description={res.error instanceof ApiError ? res.error.detail : undefined} />;
  }
  return (
    <Spin spinning={res.loading}>
      {answer?.intent && <IntentSummary intent={answer.intent} />}
      {answer && answer.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('match.empty')} />
      ) : (
        <div className="match-list" data-testid="match-list">
          {(answer?.items ?? []).map((item, i) => (
            <MatchItemCard
              key={item.id ?? item.ref ?? i}
              item={item}
              source={source}
              canFeedback={canFeedback}
              canReview={canReview}
              onRequestReview={askExperts}
            />
          ))}
          {!answer && <div style={{ minHeight: 120 }} />}
        </div>
      )}
      {answer && answer.items.length >= limit && limit < MORE && (
        <div className="match-more">
          <Button onClick={() => setLimit(MORE)}>{t('match.more')}</Button>
        </div>
      )}
      {canReview && (
        <ReviewRequestModal sourceType={source.type} sourceId={source.id} pair={pair} onClose={() => setPair(null)} onDone={() => void res.reload()} />
      )}
    </Spin>
  );
}
