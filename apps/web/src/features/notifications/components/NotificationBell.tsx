import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Dropdown, Empty, List, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { useI18n } from '../../../i18n/index.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { NOTIFICATIONS_CHANGED, listNotifications, markRead, type Notification, type NotificationPage } from '../api.ts';

/**
 * The header bell: what waits to be done (red, top) apart from news (blue,
 * bottom), the latest notices, a link to all of them. Refreshed on
 * navigation, on language change and every minute.
 */
export function NotificationBell() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const [data, setData] = useState<NotificationPage>();
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const ctrl = new AbortController();
    const load = () => listNotifications({ pageSize: 6 }, ctrl.signal).then(setData, () => undefined);
    void load();
    const timer = setInterval(load, 60_000);
    window.addEventListener(NOTIFICATIONS_CHANGED, load);
    return () => {
      ctrl.abort();
      clearInterval(timer);
      window.removeEventListener(NOTIFICATIONS_CHANGED, load);
    };
  }, [location.pathname, lang]);

  const openOne = async (n: Notification) => {
    setOpen(false);
    if (!n.read) await markRead(n.id).catch(() => undefined);
    navigate(n.link ?? '/notifications');
  };

  const panel = (
    <div className="notification-panel" data-testid="notification-panel">
      <div className="notification-panel-head">
        <Space size={6} wrap>
          <strong>{t('notif.title')}</strong>
          <Tag color={data?.unreadAction ? 'red' : 'default'} data-testid="bell-todo-count">{t('notif.bell.todo', { n: data?.unreadAction ?? 0 })}</Tag>
          <Tag color={data?.unreadNews ? 'blue' : 'default'} data-testid="bell-news-count">{t('notif.bell.news', { n: data?.unreadNews ?? 0 })}</Tag>
        </Space>
        <Button type="link" size="small" onClick={() => { setOpen(false); navigate('/notifications'); }}>
          {t('notif.all')}
        </Button>
      </div>
      {data?.items.length ? (
        <List
          size="small"
          dataSource={data.items}
          renderItem={(n) => (
            <List.Item className={n.read ? 'notification read' : 'notification'} onClick={() => void openOne(n)}>
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

  return (
    <Dropdown open={open} onOpenChange={setOpen} trigger={['click']} placement="bottomRight" popupRender={() => panel}>
      <Button type="text" aria-label={t('notif.bell.label', { a: data?.unreadAction ?? 0, b: data?.unreadNews ?? 0 })} data-testid="notification-bell">
        <Badge count={data?.unreadNews ?? 0} size="small" overflowCount={99} color="#1677ff" offset={[0, 18]} data-testid="bell-news">
          <Badge count={data?.unreadAction ?? 0} size="small" overflowCount={99} data-testid="bell-todo">
            <BellOutlined style={{ fontSize: 18 }} />
          </Badge>
        </Badge>
      </Button>
    </Dropdown>
  );
}
