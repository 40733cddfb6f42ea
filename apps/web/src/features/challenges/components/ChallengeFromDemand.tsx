import { FlagOutlined } from '@ant-design/icons';
import { Button, Card } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../../i18n/index.tsx';

/** On a published demand its owner may post it as a challenge: the posting form opens prefilled from it. */
export function ChallengeFromDemand({ demandId }: { demandId: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Card size="small" data-testid="challenge-from-demand">
      <div className="page-header-row" style={{ gap: 12, flexWrap: 'wrap' }}>
        <div>
          <strong>{t('ch.fromDemand.title')}</strong>
          <div className="muted">{t('ch.fromDemand.desc')}</div>
        </div>
        <Button icon={<FlagOutlined />} onClick={() => navigate(`/challenges/new?demandId=${demandId}`)}>
          {t('ch.board.post')}
        </Button>
      </div>
    </Card>
  );
}
