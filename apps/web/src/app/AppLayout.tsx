import {
  ApiOutlined,
  AuditOutlined,
  DashboardOutlined,
  NotificationOutlined,
  BulbOutlined,
  MessageOutlined,
  SolutionOutlined,
  ExperimentOutlined,
  DownOutlined,
  FileProtectOutlined,
  GlobalOutlined,
  HomeOutlined,
  LoginOutlined,
  LogoutOutlined,
  MenuOutlined,
  HeartOutlined,
  MoneyCollectOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { App, Button, Drawer, Dropdown, Grid, Menu, Space, type MenuProps } from 'antd';
import { NotificationBell } from '../features/notifications/components/NotificationBell.tsx';
import { Suspense, useEffect, useState } from 'react';
import type { SiteInfo } from '@kzt/shared';
import { fetchSiteInfo } from '../features/home/api.ts';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useI18n } from '../i18n/index.tsx';
import { isAdmin } from '../features/auth/api.ts';
import { useAuth } from './auth.tsx';
import { PageLoading } from './PageLoading.tsx';
import { Logo } from './Logo.tsx';
import { MODULES, navKeyOf } from './navigation.tsx';

const JURISDICTION_KEYS = ['jinzhong', 'shanxi', 'shaanxi', 'shenyang', 'weihai'] as const;

function LanguageSwitch({ compact }: { compact?: boolean }) {
  const { lang, setLang } = useI18n();
  const next = lang === 'zh' ? 'en' : 'zh';
  return (
    <Button
      type="text"
      size="small"
      className="lang-switch"
      data-testid="lang-switch"
      icon={<GlobalOutlined />}
      onClick={() => setLang(next)}
      aria-label={next === 'en' ? 'Switch to English' : '切换为中文'}
      lang={next === 'en' ? 'en' : 'zh-CN'}
    >
      {compact ? (next === 'en' ? 'EN' : '中') : next === 'en' ? 'English' : '中文'}
    </Button>
  );
}

export function AppLayout() {
  const { t } = useI18n();
  const { me, logout } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const wide = screens.lg ?? true;
  const [drawerOpen, setDrawerOpen] = useState(false);

  // Effects must not return values: newer Chromium's scrollTo returns a Promise.
  useEffect(() => {
    setDrawerOpen(false);
    window.scrollTo(0, 0);
  }, [location.pathname]);

  const selected = navKeyOf(location.pathname);
  const admin = isAdmin(me);
  const redirect = location.pathname === '/' || ['/login', '/register'].includes(location.pathname)
    ? ''
    : `?redirect=${encodeURIComponent(location.pathname + location.search)}`;

  const navItems: MenuProps['items'] = [
    { key: 'home', icon: <HomeOutlined />, label: <Link to="/">{t('nav.home')}</Link> },
    // A module not built yet is hidden, not a dead end (its route stays, to be switched on with `live`).
    ...MODULES.filter((m) => m.live).map((m) => ({ key: m.key, icon: wide ? undefined : m.icon, label: <Link to={m.path}>{t(m.label)}</Link> })),
    { key: 'announcements', icon: wide ? undefined : <NotificationOutlined />, label: <Link to="/announcements">{t('nav.announcements')}</Link> },
    ...(me ? [{ key: 'workbench', icon: wide ? undefined : <DashboardOutlined />, label: <Link to="/workbench" data-testid="nav-workbench">{t('nav.workbench')}</Link> }] : []),
  ];

  const onLogout = async () => {
    try {
      await logout();
    } finally {
      message.success(t('nav.loggedOut'));
      navigate('/');
    }
  };

  const accountItems: MenuProps['items'] = [
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
    { key: 'income', icon: <MoneyCollectOutlined />, label: <Link to="/me/income" data-testid="menu-income">{t('dist.nav.income')}</Link> },
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

  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">
        {t('nav.home')}
      </a>
      <div className="topbar">
        <div className="container topbar-inner">
          <span className="topbar-served">
            {t('shell.servedJurisdictions')}
            {JURISDICTION_KEYS.map((k) => t(`home.jurisdiction.${k}`)).join(' · ')}
          </span>
          {wide && <LanguageSwitch />}
        </div>
      </div>
      <header className="header">
        <div className="container header-inner">
          <Logo />
          <Space size={wide ? 12 : 4} className="header-actions">
            {!wide && <LanguageSwitch compact />}
            {me && <NotificationBell />}
            {me ? (
              <Dropdown menu={{ items: accountItems }} placement="bottomRight" trigger={['click']}>
                <Button type="text" className="user-button" data-testid="user-menu" icon={<UserOutlined />}>
                  <span className="user-name">{me.user.name}</span>
                  <DownOutlined style={{ fontSize: 10 }} />
                </Button>
              </Dropdown>
            ) : wide ? (
              <>
                <Button icon={<LoginOutlined />} onClick={() => navigate(`/login${redirect}`)}>
                  {t('nav.login')}
                </Button>
                <Button type="primary" onClick={() => navigate(`/register${redirect}`)}>
                  {t('nav.register')}
                </Button>
              </>
            ) : (
              <Button type="primary" size="small" onClick={() => navigate(`/login${redirect}`)}>
                {t('nav.login')}
              </Button>
            )}
            {!wide && (
              <Button
                type="text"
                className="hamburger"
                data-testid="nav-toggle"
                icon={<MenuOutlined />}
                aria-label={t('shell.openMenu')}
                onClick={() => setDrawerOpen(true)}
              />
            )}
          </Space>
        </div>
      </header>
      {wide && (
        <nav className="navbar" aria-label={t('shell.menu')}>
          <div className="container">
            <Menu mode="horizontal" theme="dark" selectedKeys={[selected]} items={navItems} className="main-menu" />
          </div>
        </nav>
      )}
      <Drawer
        title={t('shell.menu')}
        placement="right"
        size={300}
        open={!wide && drawerOpen}
        onClose={() => setDrawerOpen(false)}
        className="nav-drawer"
      >
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
      <main id="main" className="main">
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </main>
      <Footer />
    </div>
  );
}

function Footer() {
  const { t } = useI18n();
  const [site, setSite] = useState<SiteInfo>();
  useEffect(() => {
    fetchSiteInfo().then(setSite, () => undefined);
  }, []);
  return (
    <footer className="footer">
      <div className="container footer-grid">
        <div>
          <div className="footer-brand">
            科转通 <span>{t('brand.subtitle')}</span>
          </div>
          <p>{t('shell.footer.about')}</p>
        </div>
        <div>
          <h3>{t('shell.footer.services')}</h3>
          <ul>
            {MODULES.filter((m) => m.live).map((m) => (
              <li key={m.key}>
                <Link to={m.path}>{t(m.label)}</Link>
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h3>{t('shell.footer.help')}</h3>
          <ul>
            <li>
              <Link to="/register">{t('shell.footer.guide')}</Link>
            </li>
            <li>
              <Link to="/org/apply">{t('nav.myOrg')}</Link>
            </li>
            <li>
              <Link to="/legal/terms">{t('legal.terms.title')}</Link>
            </li>
            <li>
              <Link to="/legal/privacy">{t('legal.privacy.title')}</Link>
            </li>
            <li>
              <Link to="/announcements">{t('nav.announcements')}</Link>
            </li>
            <li>
              <AuditOutlined /> {t('shell.footer.hours')}
            </li>
          </ul>
        </div>
        <div data-testid="footer-contact">
          <h3>{t('footer.contact')}</h3>
          {site && (
            <ul>
              <li>{t('footer.operator')}{site.operator}</li>
              <li>{t('footer.address')}{site.address}</li>
              <li>{t('footer.phone')}{site.phone}</li>
              <li>{t('footer.email')}<a href={`mailto:${site.email}`}>{site.email}</a></li>
            </ul>
          )}
        </div>
      </div>
      <div className="footer-bottom">
        <div className="container">
          {t('shell.footer.copyright', { year: new Date().getFullYear() })}
          {site && (
            <span className="footer-filing" data-testid="footer-filing">
              <a href="https://beian.miit.gov.cn/" target="_blank" rel="noreferrer">{site.icp}</a>
              <span>{site.police}</span>
            </span>
          )}
        </div>
      </div>
    </footer>
  );
}
