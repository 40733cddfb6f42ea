import { NotificationOutlined } from '@ant-design/icons';
import { Alert, Card, Empty, List, Pagination, Skeleton, Tag } from 'antd';
import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useI18n } from '../../../i18n/index.tsx';
import { formatDate } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { listAnnouncements } from '../../home/api.ts';

const PAGE_SIZE = 20;

/** 通知公告: every shown notice, pinned first. */
export function AnnouncementListPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const { data, error } = useAsync((signal) => listAnnouncements(page, PAGE_SIZE, signal), [page]);

  useEffect(() => {
    document.title = `${t('ann.title')} · 科转通`;
  }, [t]);

  return (
    <div className="container page">
      <h1 className="page-title">{t('ann.title')}</h1>
      <Card className="portal-card">
        {error ? (
          <Alert type="error" showIcon title={String(error instanceof Error ? error.message : error)} />
        ) : !data ? (
          <Skeleton active />
        ) : data.items.length ? (
          <>
            <List
              dataSource={data.items}
              renderItem={(a) => (
                <List.Item className="portal-row" data-testid="announcement-row">
                  <List.Item.Meta
                    avatar={<NotificationOutlined style={{ color: '#1a4f9c' }} />}
                    title={
                      <Link to={`/announcements/${a.id}`}>
                        {a.pinned && <Tag color="red">{t('home.announcements.pinned')}</Tag>}
                        {a.title}
                      </Link>
                    }
                    description={`${a.jurisdiction?.name ?? t('home.announcements.platform')} · ${formatDate(a.publishedAt as string)}`}
                  />
                </List.Item>
              )}
            />
            {data.total > PAGE_SIZE && (
              <Pagination style={{ marginTop: 12, textAlign: 'right' }} current={page} pageSize={PAGE_SIZE} total={data.total} showSizeChanger={false} onChange={(p) => setParams({ page: String(p) })} />
            )}
          </>
        ) : (
          <Empty description={t('ann.empty')} />
        )}
      </Card>
    </div>
  );
}
