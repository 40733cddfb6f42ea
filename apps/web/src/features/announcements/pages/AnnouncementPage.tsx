import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Card, Result, Skeleton, Tag } from 'antd';
import { useEffect } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../../api/client.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { getAnnouncement } from '../../home/api.ts';

/** One notice, its text as posted (line breaks kept). */
export function AnnouncementPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const { data, error } = useAsync((signal) => getAnnouncement(id, signal), [id]);

  useEffect(() => {
    document.title = `${data?.title ?? t('ann.title')} · 科转通`;
  }, [data, t]);

  return (
    <div className="container page">
      <p>
        <Link to="/announcements">
          <ArrowLeftOutlined /> {t('ann.back')}
        </Link>
      </p>
      {error ? (
        error instanceof ApiError && error.status === 404 ? <Result status="404" title={error.detail} /> : <Alert type="error" showIcon title={String(error instanceof Error ? error.message : error)} />
      ) : !data ? (
        <Skeleton active />
      ) : (
        <Card className="portal-card announcement" data-testid="announcement">
          <h1 className="announcement-title">
            {data.pinned && <Tag color="red">{t('home.announcements.pinned')}</Tag>}
            {data.title}
          </h1>
          <p className="muted announcement-meta">
            {data.jurisdiction?.name ?? t('home.announcements.platform')} · {t('ann.publishedAt')} {formatDateTime(data.publishedAt as string)}
          </p>
          <div className="announcement-body">{data.body}</div>
        </Card>
      )}
    </div>
  );
}
