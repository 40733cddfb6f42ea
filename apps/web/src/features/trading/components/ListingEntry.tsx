import { ShopOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../../../app/auth.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { useAsync } from '../../../lib/useAsync.ts';
import { listListings } from '../api.ts';
import { StateTag, useTradingLabels } from '../labels.tsx';

type Props = { achievement: { id: string; status: string; confidentiality: string; organization: { id: string } } };

/**
 * On an achievement's page: its listing in the trading hall when there is
 * one, and for members of the owning organisation the way to list it (挂牌交易).
 */
export function ListingEntry({ achievement: a }: Props) {
  const { t } = useI18n();
  const L = useTradingLabels();
  const { me } = useAuth();
  const navigate = useNavigate();
  const member = !!me?.organizations.some((o) => o.id === a.organization.id);
  const listable = a.status === 'published' && a.confidentiality !== 'secret';
  const res = useAsync(
    (signal) => (listable ? listListings({ achievementId: a.id, scope: member ? 'mine' : undefined, pageSize: 5 }, signal) : Promise.resolve(undefined)),
    [a.id, member, listable],
  );
  if (!listable || !res.data) return null;
  const active = res.data.items.find((l) => l.status === 'open' || l.status === 'pending_review');
  if (active) {
    return (
      <Alert
        type="info"
        showIcon
        icon={<ShopOutlined />}
        data-testid="achievement-listing"
        title={
          <span>
            {t('trade.entry.listed', { kind: L.kind(active.kind) })} <StateTag status={active.status} phase={active.phase} />
          </span>
        }
        action={
          <Link to={`/listings/${active.id}`}>
            <Button size="small" type="primary">
              {t('trade.entry.view')}
            </Button>
          </Link>
        }
      />
    );
  }
  if (!member) return null;
  return (
    <Alert
      type="success"
      showIcon
      icon={<ShopOutlined />}
      title={t('trade.entry.title')}
      description={t('trade.entry.desc')}
      action={
        <Button type="primary" icon={<ShopOutlined />} onClick={() => navigate(`/listings/new?achievementId=${a.id}`)} data-testid="achievement-list-for-trading">
          {t('trade.form.title')}
        </Button>
      }
    />
  );
}
