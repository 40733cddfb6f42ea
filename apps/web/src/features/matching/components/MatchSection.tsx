import { ApiOutlined } from '@ant-design/icons';
import { Card, Tabs } from 'antd';
import { useAuth } from '../../../app/auth.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import type { RecordBase } from '../../catalogue/api.ts';
import type { Me } from '../../auth/api.ts';
import type { MatchSide } from '../api.ts';
import { ExpertMatches, OrganizationMatches } from './PartyMatches.tsx';
import { RecordMatches } from './RecordMatches.tsx';
import { isAnyAdmin } from '../../../lib/administers.ts';

/** Administrators and brokers may ask experts to review a match. */
export const mayRequestReview = (me: Me | null) => isAnyAdmin(me) || !!me?.roles.includes('broker');

/** 智能匹配 on a record page: the other side's records, the organisations behind them, and experts. */
export function MatchSection({ sourceType, record }: { sourceType: MatchSide; record: RecordBase }) {
  const { t } = useI18n();
  const { me } = useAuth();
  const source = { type: sourceType, id: record.id, title: record.title };
  const member = !!me?.organizations.some((o) => o.id === record.organization.id);
  return (
    <Card
      title={
        <span>
          <ApiOutlined /> {t('match.title')}
        </span>
      }
      extra={<span className="muted match-lead">{t(sourceType === 'demand' ? 'match.lead.demand' : 'match.lead.achievement')}</span>}
      data-testid="match-section"
      className="match-section"
    >
      <Tabs
        items={[
          {
            key: 'records',
            label: t(sourceType === 'demand' ? 'match.tab.achievements' : 'match.tab.demands'),
            children: <RecordMatches source={source} canFeedback={member} canReview={mayRequestReview(me)} />,
          },
          { key: 'organizations', label: t('match.tab.organizations'), children: <OrganizationMatches sourceType={sourceType} sourceId={record.id} /> },
          { key: 'experts', label: t('match.tab.experts'), children: <ExpertMatches sourceType={sourceType} sourceId={record.id} /> },
        ]}
      />
    </Card>
  );
}
