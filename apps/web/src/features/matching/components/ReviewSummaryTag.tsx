import { AuditOutlined } from '@ant-design/icons';
import { Button, Empty, List, Modal, Rate, Space, Tag } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { fetchPairReviews, type ReviewExpert, type ReviewOpinion, type ReviewSummary } from '../api.ts';

export const OPINION_COLOR: Record<ReviewOpinion, string> = { recommend: 'green', neutral: 'default', not_recommend: 'red' };

/** The expert confirmation of a pair in one line; those who may read the opinions open them. */
export function ReviewSummaryTag({ summary, pair, canView }: { summary: ReviewSummary; pair: { demandId: string; achievementId: string }; canView: boolean }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const text =
    summary.submitted > 0
      ? t('match.review.summary', {
          submitted: summary.submitted,
          count: summary.count,
          avg: summary.averageScore == null ? '—' : summary.averageScore.toFixed(1),
          recommend: summary.recommend,
        })
      : t('match.review.summaryPending', { count: summary.count });
  return (
    <>
      <Tag color="purple" icon={<AuditOutlined />} data-testid="match-review-summary" className="match-review-tag">
        {text}
        {canView && (
          <Button type="link" size="small" className="inline-link" onClick={() => setOpen(true)}>
            {t('match.review.view')}
          </Button>
        )}
      </Tag>
      {canView && open && <ReviewOpinionsModal pair={pair} onClose={() => setOpen(false)} />}
    </>
  );
}

function ReviewOpinionsModal({ pair, onClose }: { pair: { demandId: string; achievementId: string }; onClose: () => void }) {
  const { t } = useI18n();
  const res = useAsync((signal) => fetchPairReviews(pair.demandId, pair.achievementId, signal), [pair.demandId, pair.achievementId]);
  const experts: ReviewExpert[] = (res.data?.items ?? []).flatMap((r) => r.experts);
  return (
    <Modal open title={t('match.review.opinions')} footer={null} onCancel={onClose} width={560}>
      {!res.loading && experts.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('match.review.noOpinions')} />
      ) : (
        <List
          loading={res.loading}
          dataSource={experts}
          renderItem={(e) => (
            <List.Item key={e.user.id}>
              <List.Item.Meta
                title={
                  <Space wrap size={6}>
                    <span>{e.user.name}</span>
                    <Tag>{t(`rev.status.${e.status}`)}</Tag>
                    {e.opinion && <Tag color={OPINION_COLOR[e.opinion]}>{t(`rev.opinion.${e.opinion}`)}</Tag>}
                    {e.score != null && <Rate disabled value={e.score} style={{ fontSize: 13 }} />}
                  </Space>
                }
                description={
                  <>
                    {e.comment && <div>{e.comment}</div>}
                    {e.submittedAt && <div className="muted">{formatDateTime(e.submittedAt)}</div>}
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Modal>
  );
}
