import {
  ApiOutlined,
  BulbOutlined,
  DashboardOutlined,
  DownOutlined,
  ExperimentOutlined,
  FileProtectOutlined,
  FolderOpenOutlined,
  HeartOutlined,
  LoginOutlined,
  LogoutOutlined,
  MessageOutlined,
  MoneyCollectOutlined,
  SafetyCertificateOutlined,
  SolutionOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { App, Button, Drawer, Dropdown, Menu, Space, type MenuProps } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { isAdmin } from '../features/auth/api.ts';
import { NotificationBell } from '../features/notifications/components/NotificationBell.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useAuth } from './auth.tsx';

/**
 * What the header shows a signed-in person (the bell, the account menu) and
 * the phone's navigation drawer: a chunk of its own (AppLayout loads it when
 * someone is signed in or opens the drawer), so a visitor's first page does
 * not carry Dropdown, Badge, Drawer and the account menu's icons.
 */
function useAccountItems(): MenuProps['items'] {
  const { t } = useI18n();
  const { me, logout } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const admin = isAdmin(me);

  const onLogout = async () => {
    try {
      await logout();
    } finally {
      message.success(t('nav.loggedOut'));
      navigate('/');
    }
  };

  return [
    { key: 'workbench', icon: <DashboardOutlined />, label: <Link to="/workbench" data-testid="menu-workbench">{t('nav.workbench')}</Link> },
    { key: 'me', icon: <UserOutlined />, label: <Link to="/me">{t('nav.me')}</Link> },
    { key: 'org', icon: <TeamOutlined />, label: <Link to="/org">{t('nav.myOrg')}</Link> },
    ...(me && me.organizations.length > 0
      ? [
          { key: 'my-achievements', icon: <ExperimentOutlined />, label: <Link to="/me/achievements" data-testid="menu-my-achievements">{t('nav.myAchievements')}</Link> },
          { key: 'my-demands', icon: <BulbOutlined />, label: <Link to="/me/demands" data-testid="menu-my-demands">{t('nav.myDemands')}</Link> },
        ]
      : []),
    ...(me && (me.organizations.length > 0 || me.adminOf.length > 0 || me.user.isPlatformAdmin)
      ? [{ key: 'deals', icon: <FileProtectOutlined />, label: <Link to="/deals" data-testid="menu-deals">{t('nav.deals')}</Link> }]
      : []),
    { key: 'subscriptions', icon: <ApiOutlined />, label: <Link to="/subscriptions" data-testid="menu-subscriptions">{t('nav.subscriptions')}</Link> },
    { key: 'messages', icon: <MessageOutlined />, label: <Link to="/messages" data-testid="menu-messages">{t('nav.messages')}</Link> },
    { key: 'favourites', icon: <HeartOutlined />, label: <Link to="/favourites" data-testid="menu-favourites">{t('nav.favourites')}</Link> },
    { key: 'income', icon: <MoneyCollectOutlined />, label: <Link to="/me/income" data-testid="menu-income">{t('nav.myIncome')}</Link> },
    { key: 'files', icon: <FolderOpenOutlined />, label: <Link to="/me/files" data-testid="menu-files">{t('nav.myFiles')}</Link> },
    ...(me?.roles.includes('expert') ? [{ key: 'reviews', icon: <SolutionOutlined />, label: <Link to="/reviews" data-testid="menu-reviews">{t('nav.reviews')}</Link> }] : []),
    ...(me?.profiles.some((p) => p.kind === 'broker') ? [{ key: 'broker-workbench', icon: <SolutionOutlined />, label: <Link to="/workbench/broker" data-testid="menu-broker-workbench">{t('wb.link.broker')}</Link> }] : []),
    ...(me?.profiles.some((p) => p.kind === 'expert') ? [{ key: 'expert-workbench', icon: <SolutionOutlined />, label: <Link to="/workbench/expert" data-testid="menu-expert-workbench">{t('wb.link.expert')}</Link> }] : []),
    ...(!admin && me?.roles.includes('broker')
      ? [{ key: 'inquiries', icon: <MessageOutlined />, label: <Link to="/admin/match-inquiries" data-testid="menu-inquiries">{t('nav.adminInquiries')}</Link> }]
      : []),
    ...(admin ? [{ key: 'admin', icon: <SafetyCertificateOutlined />, label: <Link to="/admin">{t('nav.admin')}</Link> }] : []),
    { type: 'divider' as const },
    { key: 'logout', icon: <LogoutOutlined />, label: t('nav.logout'), onClick: onLogout },
  ];
}

/** The bell and the account menu, in the header of a signed-in person. */
export function HeaderAccount() {
  const { me } = useAuth();
  const items = useAccountItems();
  if (!me) return null;
  return (
    <>
      <NotificationBell />
      <Dropdown menu={{ items }} placement="bottomRight" trigger={['click']}>
        <Button type="text" className="user-button" data-testid="user-menu" icon={<UserOutlined />}>
          <span className="user-name">{me.user.name}</span>
          <DownOutlined style={{ fontSize: 10 }} />
        </Button>
      </Dropdown>
    </>
  );
}

/** The phone's navigation: the modules, then the account menu or the sign-in buttons. */
export function NavDrawer({ open, onClose, navItems, selected, redirect }: { open: boolean; onClose: () => void; navItems: MenuProps['items']; selected: string; redirect: string }) {
  const { t } = useI18n();
  const { me } = useAuth();
  const navigate = useNavigate();
  const accountItems = useAccountItems();
  return (
    <Drawer title={t('shell.menu')} placement="right" size={300} open={open} onClose={onClose} className="nav-drawer">
      <Menu mode="inline" selectedKeys={[selected]} items={navItems} style={{ borderInlineEnd: 0 }} />
      <div className="drawer-account">
        {me ? (
          <Menu mode="inline" selectable={false} items={accountItems} style={{ borderInlineEnd: 0 }} />
        ) : (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Button block icon={<LoginOutlined />} onClick={() => navigate(`/login${redirect}`)}>
              {t('nav.login')}
            </Button>
            <Button block type="primary" onClick={() => navigate(`/register${redirect}`)}>
              {t('nav.register')}
            </Button>
          </Space>
        )}
      </div>
    </Drawer>
  );
}
