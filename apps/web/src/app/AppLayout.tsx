import { AuditOutlined, DashboardOutlined, GlobalOutlined, HomeOutlined, LoginOutlined, MenuOutlined, NotificationOutlined } from '@ant-design/icons';
import { Button, Grid, Menu, Space, type MenuProps } from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import type { SiteInfo } from '@kzt/shared';
import { fetchSiteInfo } from '../features/home/api.ts';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useI18n } from '../i18n/index.tsx';
import { useAuth } from './auth.tsx';
import { PageLoading } from './PageLoading.tsx';
import { Logo } from './Logo.tsx';
import { MODULES, navKeyOf } from './navigation.tsx';

// A signed-in person's bell and account menu, and the phone's drawer: loaded when needed (AccountMenu.tsx).
const loadAccountMenu = () => import('./AccountMenu.tsx');
const HeaderAccount = lazy(() => loadAccountMenu().then((m) => ({ default: m.HeaderAccount })));
const NavDrawer = lazy(() => loadAccountMenu().then((m) => ({ default: m.NavDrawer })));

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
  const { me } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const wide = screens.lg ?? true;
  const [drawerOpen, setDrawerOpen] = useState(false);
  // Mounted from its first opening on, so it can animate closed.
  const [drawerUsed, setDrawerUsed] = useState(false);

  // Effects must not return values: newer Chromium's scrollTo returns a Promise.
  useEffect(() => {
    setDrawerOpen(false);
    window.scrollTo(0, 0);
  }, [location.pathname]);

  const selected = navKeyOf(location.pathname);
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
            {me ? (
              <Suspense fallback={null}>
                <HeaderAccount />
              </Suspense>
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
                onPointerEnter={() => void loadAccountMenu()}
                onClick={() => {
                  setDrawerUsed(true);
                  setDrawerOpen(true);
                }}
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
      {drawerUsed && (
        <Suspense fallback={null}>
          <NavDrawer open={!wide && drawerOpen} onClose={() => setDrawerOpen(false)} navItems={navItems} selected={selected} redirect={redirect} />
        </Suspense>
      )}
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
