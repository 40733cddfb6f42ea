import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Dropdown, Empty, List } from 'antd';
import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { useI18n } from '../../../i18n/index.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { NOTIFICATIONS_CHANGED, listNotifications, markRead, type Notification, type NotificationPage } from '../api.ts';

/** The header bell: unread count, the latest reminders, a link to all of them. Refreshed on navigation and every minute. */
export function NotificationBell() {
  const { t } = useI18n();
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
  }, [location.pathname]);

  const openOne = async (n: Notification) => {
    setOpen(false);
    if (!n.read) await markRead(n.id).catch(() => undefined);
    navigate(n.link ?? '/notifications');
  };

  const panel = (
    <div className="notification-panel" data-testid="notification-panel">
      <div className="notification-panel-head">
        <strong>{t('notif.title')}</strong>
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
              <List.Item.Meta title={n.title} description={formatDateTime(n.createdAt)} />
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
      <Button type="text" aria-label={t('notif.title')} data-testid="notification-bell">
        <Badge count={data?.unread ?? 0} size="small" overflowCount={99}>
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Dropdown>
  );
}
