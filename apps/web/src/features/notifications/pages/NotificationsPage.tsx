import { CheckOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, List, Segmented, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../i18n/index.tsx';
import { useApiErrorHandler } from '../../../lib/errors.ts';
import { formatDateTime } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { announceNotificationsChanged, listNotifications, markAllRead, markRead, type NotificationCategory } from '../api.ts';

/** 消息通知: reminders to the person and their organisations (stale records, two-year flags, access requests…). */
export function NotificationsPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [page, setPage] = useState(1);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [category, setCategory] = useState<NotificationCategory | undefined>();
  useEffect(() => {
    document.title = `${t('notif.title')} · 科转通`;
  }, [t]);
  const list = useAsync((signal) => listNotifications({ page, pageSize: 20, ...(unreadOnly ? { unread: 'true' as const } : {}), ...(category ? { category } : {}) }, signal), [page, unreadOnly, category, lang]);

  const readAll = async () => {
    try {
      const { marked } = await markAllRead();
      message.success(t('notif.markedAll', { n: marked }));
      announceNotificationsChanged();
      await list.reload();
    } catch (e) {
      onError(e);
    }
  };

  return (
    <div className="container stack">
      <div className="page-header page-header-row" style={{ marginBottom: 0 }}>
        <div>
          <h1>{t('notif.title')}</h1>
          <p>{t('notif.lead')}</p>
        </div>
        <Space wrap>
          <Segmented
            value={unreadOnly ? 'unread' : (category ?? 'all')}
            onChange={(v) => {
              setPage(1);
              setUnreadOnly(v === 'unread');
              setCategory(v === 'action' || v === 'news' ? v : undefined);
            }}
            options={[
              { value: 'all', label: t('notif.filter.all') },
              { value: 'action', label: t('notif.filter.todo', { n: list.data?.unreadAction ?? 0 }) },
              { value: 'news', label: t('notif.filter.news', { n: list.data?.unreadNews ?? 0 }) },
              { value: 'unread', label: t('notif.filter.unread', { n: list.data?.unread ?? 0 }) },
            ]}
          />
          <Button icon={<CheckOutlined />} onClick={() => void readAll()} disabled={!list.data?.unread} data-testid="notifications-read-all">
            {t('notif.readAll')}
          </Button>
        </Space>
      </div>
      <Card>
        <List
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: t('notif.empty') }}
          pagination={list.data && list.data.total > 20 ? { current: page, pageSize: 20, total: list.data.total, onChange: setPage } : false}
          renderItem={(n) => (
            <List.Item
              data-testid="notification-item"
              actions={n.read ? [] : [<Button key="read" type="link" size="small" onClick={() => void markRead(n.id).then(() => { announceNotificationsChanged(); return list.reload(); }, (e: unknown) => onError(e))}>{t('notif.markRead')}</Button>]}
            >
              <List.Item.Meta
                title={
                  <Space size={8} wrap>
                    {!n.read && <Badge status="processing" />}
                    <Tag color={n.category === 'action' ? 'red' : 'blue'}>{t(n.category === 'action' ? 'notif.todo' : 'notif.news')}</Tag>
                    {n.link ? <Link to={n.link} onClick={() => void markRead(n.id)}>{n.title}</Link> : n.title}
                  </Space>
                }
                description={
                  <>
                    {n.body && <div style={{ whiteSpace: 'pre-line' }}>{n.body}</div>}
                    <div className="muted">{formatDateTime(n.createdAt)}</div>
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Card>
    </div>
  );
}
