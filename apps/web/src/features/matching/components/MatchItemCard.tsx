import { AuditOutlined, LockOutlined } from '@ant-design/icons';
import { Button, Tag } from 'antd';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../i18n/index.tsx';
import { formatDate } from '../../../lib/time.ts';
import { ConfidentialityTag, StaleTag, useCatalogueLabels } from '../../catalogue/labels.tsx';
import { useBudgetText } from '../../demands/pages/DemandListPage.tsx';
import { recordLink, type MatchItem, type MatchRecord, type MatchSide, type MyFeedback } from '../api.ts';
import { FeedbackButtons } from './FeedbackButtons.tsx';
import { InquiryButton } from './InquiryButton.tsx';
import { MatchReasons } from './MatchReasons.tsx';
import { ReviewSummaryTag } from './ReviewSummaryTag.tsx';
import { ScoreBadge } from './ScoreBadge.tsx';

export type MatchSource = { type: MatchSide; id: string; title: string };

type Props = {
  item: MatchItem;
  source: MatchSource;
  /** Member of the source record's organisation: may give feedback and ask about a secret match. */
  canFeedback: boolean;
  /** Administrator or broker: may ask experts and read their opinions. */
  canReview: boolean;
  onRequestReview?: (item: MatchItem) => void;
  /** A line above the reasons (e.g. why a record was pushed). */
  context?: ReactNode;
};

/** The facts of a proposed record in one muted line: organisation, industry, maturity, price or budget, date. */
function RecordFacts({ type, r }: { type: MatchSide; r: MatchRecord }) {
  const { t } = useI18n();
  const L = useCatalogueLabels();
  const budget = useBudgetText();
  const parts: ReactNode[] = [<span key="org" data-testid="match-item-org">{r.organization.name}</span>];
  if (r.industry) parts.push(<span key="ind">{L.industry(r.industry)}</span>);
  if (type === 'achievement') {
    if (r.maturity != null) parts.push(<span key="mat">{L.maturityShort(r.maturity)}</span>);
    if (r.priceFen !== undefined) parts.push(<span key="price">{t('match.price', { price: L.money(r.priceFen) })}</span>);
  } else if (r.budgetMinFen !== undefined || r.budgetMaxFen !== undefined) {
    parts.push(<span key="budget">{t('dem.budgetTag', { budget: budget(r.budgetMinFen, r.budgetMaxFen) })}</span>);
  }
  if (r.publishedAt) parts.push(<span key="pub">{formatDate(r.publishedAt)}</span>);
  return <div className="match-item-meta">{parts}</div>;
}

/** One proposed record: title, facts, score, reasons, and the actions the viewer may take. */
export function MatchItemCard({ item, source, canFeedback, canReview, onRequestReview, context }: Props) {
  const { t } = useI18n();
  const [feedback, setFeedback] = useState<MyFeedback | null>(item.feedback);

  if (item.anonymous || !item.record || !item.id) {
    return (
      <div className="match-item match-item-anonymous" data-testid="match-item-anonymous">
        <div className="match-item-main">
          <div className="match-item-title">
            <LockOutlined /> {t(item.type === 'achievement' ? 'match.anonymous.achievement' : 'match.anonymous.demand')}
          </div>
          <MatchReasons reasons={item.reasons} />
          {item.ref && canFeedback && (
            <div className="match-item-actions">
              <InquiryButton sourceType={source.type} sourceId={source.id} refKey={item.ref} targetType={item.type} />
            </div>
          )}
        </div>
        <ScoreBadge score={item.score} />
      </div>
    );
  }

  const r = item.record;
  const pair = source.type === 'demand' ? { demandId: source.id, achievementId: item.id } : { demandId: item.id, achievementId: source.id };
  const dismissed = feedback?.verdict === 'not_relevant';
  return (
    <div className={`match-item${dismissed ? ' match-item-dismissed' : ''}`} data-testid="match-item" data-id={item.id}>
      <div className="match-item-main">
        <h4 className="match-item-title">
          <Link to={recordLink(item.type, item.id)} data-testid="match-item-title">{r.title}</Link>
          {r.restricted && <ConfidentialityTag value="abstract" restricted />}
          {r.stale && <StaleTag />}
        </h4>
        <RecordFacts type={item.type} r={r} />
        {context}
        <MatchReasons reasons={item.reasons} />
        <div className="match-item-actions">
          {item.review && item.review.count > 0 && <ReviewSummaryTag summary={item.review} pair={pair} canView={canReview || canFeedback} />}
          {item.feedbackSummary && (item.feedbackSummary.interested > 0 || item.feedbackSummary.notRelevant > 0) && (
            <Tag bordered={false}>{t('match.feedbackSummary', item.feedbackSummary)}</Tag>
          )}
          {canFeedback && <FeedbackButtons sourceType={source.type} sourceId={source.id} targetId={item.id} value={feedback} onChange={setFeedback} />}
          {canFeedback && source.type === 'achievement' && item.type === 'demand' && (
            <Link to={`/listings/new?achievementId=${source.id}&demandId=${item.id}`} data-testid="match-list-for-demand">
              <Button size="small">{t('match.listForDemand')}</Button>
            </Link>
          )}
          {canReview && onRequestReview && (
            <Button size="small" icon={<AuditOutlined />} onClick={() => onRequestReview(item)} data-testid="match-request-review">
              {t('match.review.request')}
            </Button>
          )}
        </div>
      </div>
      <ScoreBadge score={item.score} />
    </div>
  );
}
