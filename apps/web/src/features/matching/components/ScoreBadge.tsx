import { Progress, Tooltip } from 'antd';
import { useI18n } from '../../../i18n/index.tsx';

export const scoreColor = (score: number) => (score >= 80 ? '#237804' : score >= 60 ? '#1a4f9c' : '#c8961e');

/** A match score (1–99) as a small ring; `compact` as an inline bar for dense rows. */
export function ScoreBadge({ score, compact }: { score: number | null; compact?: boolean }) {
  const { t } = useI18n();
  if (score == null) return null;
  const value = Math.max(0, Math.min(100, Math.round(score)));
  if (compact) {
    return (
      <span className="match-score-inline" data-testid="match-score" data-score={value}>
        <Progress percent={value} size={{ width: 72, height: 6 }} strokeColor={scoreColor(value)} format={(p) => p} />
      </span>
    );
  }
  return (
    <Tooltip title={t('match.score.hint')}>
      <div className="match-score" data-testid="match-score" data-score={value}>
        <Progress type="circle" percent={value} size={54} strokeColor={scoreColor(value)} format={(p) => <span className="match-score-num">{p}</span>} />
        <span className="match-score-label">{t('match.score')}</span>
      </div>
    </Tooltip>
  );
}
