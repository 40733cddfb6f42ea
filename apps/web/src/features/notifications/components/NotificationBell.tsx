import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Dropdown, Spin } from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { useI18n } from '../../../i18n/index.tsx';
import { NOTIFICATIONS_CHANGED, listNotifications, markRead, type Notification, type NotificationPage } from '../api.ts';

// Loaded on first open (or when the pointer comes near), not with the first page.
const loadPanel = () => import('./NotificationPanel.tsx');
const NotificationPanel = lazy(() => loadPanel().then((m) => ({ default: m.NotificationPanel })));

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
    <Suspense fallback={<div className="notification-panel notification-panel-loading"><Spin size="small" /></div>}>
      <NotificationPanel
        data={data}
        onOpen={(n) => void openOne(n)}
        onAll={() => {
          setOpen(false);
          navigate('/notifications');
        }}
      />
    </Suspense>
  );

  // Two counts on one bell (red: to do, blue: news) say which is which on hover too.
  const bellLabel = t('notif.bell.label', { a: data?.unreadAction ?? 0, b: data?.unreadNews ?? 0 });
  return (
    <Dropdown open={open} onOpenChange={setOpen} trigger={['click']} placement="bottomRight" popupRender={() => panel}>
      <Button type="text" aria-label={bellLabel} title={bellLabel} data-testid="notification-bell" onPointerEnter={() => void loadPanel()} onFocus={() => void loadPanel()}>
        <Badge count={data?.unreadNews ?? 0} size="small" overflowCount={99} color="#1677ff" offset={[8, 20]} data-testid="bell-news">
          <Badge count={data?.unreadAction ?? 0} size="small" overflowCount={99} offset={[8, 0]} data-testid="bell-todo">
            <BellOutlined style={{ fontSize: 18 }} />
          </Badge>
        </Badge>
      </Button>
    </Dropdown>
  );
}
