import { Button, Empty, List, Space, Tag } from 'antd';
import { useI18n } from '../../../i18n/index.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import type { Notification, NotificationPage } from '../api.ts';

/**
 * The bell's drop-down: its counts, the latest notices, a link to all of them.
 * A chunk of its own (NotificationBell loads it on first open): its List
 * brings Pagination and Select, which the first page does not need.
 */
export function NotificationPanel({ data, onOpen, onAll }: { data?: NotificationPage; onOpen: (n: Notification) => void; onAll: () => void }) {
  const { t } = useI18n();
  return (
    <div className="notification-panel" data-testid="notification-panel">
      <div className="notification-panel-head">
        <Space size={6} wrap>
          <strong>{t('notif.title')}</strong>
          <Tag color={data?.unreadAction ? 'red' : 'default'} data-testid="bell-todo-count">{t('notif.bell.todo', { n: data?.unreadAction ?? 0 })}</Tag>
          <Tag color={data?.unreadNews ? 'blue' : 'default'} data-testid="bell-news-count">{t('notif.bell.news', { n: data?.unreadNews ?? 0 })}</Tag>
        </Space>
        <Button type="link" size="small" onClick={onAll}>
          {t('notif.all')}
        </Button>
      </div>
      {data?.items.length ? (
        <List
          size="small"
          dataSource={data.items}
          renderItem={(n) => (
            <List.Item className={n.read ? 'notification read' : 'notification'} onClick={() => onOpen(n)}>
              <List.Item.Meta
                title={
                  <>
                    <Tag color={n.category === 'action' ? 'red' : 'blue'} style={{ marginInlineEnd: 6 }}>{t(n.category === 'action' ? 'notif.todo' : 'notif.news')}</Tag>
                    {n.title}
                  </>
                }
                description={formatDateTime(n.createdAt)}
              />
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notif.empty')} />
      )}
    </div>
  );
}
