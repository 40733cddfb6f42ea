import type { FavouriteType } from '@kzt/shared';
import { App, Button, Card, List, Segmented, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import type { MessageKey } from '../../../i18n/index.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { useApiErrorHandler } from '../../../lib/errors.ts';
import { formatDateTime } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { listFavourites, recordPath, removeFavourite, type Favourite } from '../api.ts';

const GONE: Record<string, MessageKey> = { withdrawn: 'fav.status.withdrawn', cancelled: 'fav.status.cancelled', rejected: 'fav.status.rejected' };
const CLOSED: Record<string, MessageKey> = { sold: 'fav.status.sold', failed: 'fav.status.failed' };

function FavouriteState({ f }: { f: Favourite }) {
  const { t } = useI18n();
  if (f.status && GONE[f.status]) return <Tag color="red" data-testid="favourite-gone">{t(GONE[f.status]!)}</Tag>;
  if (!f.status) return <Tag data-testid="favourite-gone">{t('fav.status.hidden')}</Tag>;
  if (CLOSED[f.status]) return <Tag>{t(CLOSED[f.status]!)}</Tag>;
  return null;
}

/** 我的收藏: saved achievements, demands and listings, each as it stands now (a withdrawn one says so and no longer links). */
export function FavouritesPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [type, setType] = useState<FavouriteType | 'all'>('all');
  const [page, setPage] = useState(1);
  useEffect(() => {
    document.title = `${t('fav.title')} · 科转通`;
  }, [t]);
  const list = useAsync((signal) => listFavourites({ recordType: type === 'all' ? undefined : type, page, pageSize: 20 }, signal), [type, page]);
  const remove = async (f: Favourite) => {
    try {
      await removeFavourite(f.recordType, f.recordId);
      message.success(t('engage.unsaved.toast'));
      await list.reload();
    } catch (e) {
      onError(e);
    }
  };

  return (
    <div className="container stack">
      <div className="page-header page-header-row" style={{ marginBottom: 0 }}>
        <div>
          <h1>{t('fav.title')}</h1>
          <p>{t('fav.lead')}</p>
        </div>
        <Segmented
          value={type}
          onChange={(v) => {
            setPage(1);
            setType(v as FavouriteType | 'all');
          }}
          options={[
            { value: 'all', label: t('fav.filter.all') },
            { value: 'achievement', label: t('fav.type.achievement') },
            { value: 'demand', label: t('fav.type.demand') },
            { value: 'listing', label: t('fav.type.listing') },
          ]}
        />
      </div>
      <Card>
        <List
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: t('fav.empty') }}
          pagination={list.data && list.data.total > 20 ? { current: page, pageSize: 20, total: list.data.total, onChange: setPage } : false}
          renderItem={(f) => (
            <List.Item
              data-testid="favourite-item"
              actions={[
                <Button key="remove" type="link" size="small" onClick={() => void remove(f)}>
                  {t('fav.remove')}
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={
                  <Space size={8} wrap>
                    {f.available ? <Link to={recordPath(f.recordType, f.recordId)}>{f.title}</Link> : <span className="muted" style={{ textDecoration: 'line-through' }}>{f.title}</span>}
                    <FavouriteState f={f} />
                  </Space>
                }
                description={
                  <Space size={8} wrap>
                    <Tag color="blue">{t(`fav.type.${f.recordType}` as MessageKey)}</Tag>
                    <span className="muted">{t('fav.savedAt', { at: formatDateTime(f.savedAt) })}</span>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      </Card>
    </div>
  );
}
