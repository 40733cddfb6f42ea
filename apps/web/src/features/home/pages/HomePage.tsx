import { ApiOutlined, BulbOutlined, EnvironmentOutlined, ExperimentOutlined, NotificationOutlined, RightOutlined, ShopOutlined } from '@ant-design/icons';
import type { Home } from '@kzt/shared';
import { Button, Col, Empty, Row, Skeleton, Space, Tag } from 'antd';
// Search alone: antd's `Input` carries TextArea, Password and OTP into the first page.
import Search from 'antd/es/input/Search';
import { useEffect, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../../../app/auth.tsx';
import { MODULES } from '../../../app/navigation.tsx';
import { useI18n, type MessageKey } from '../../../i18n/index.tsx';
import { formatDate } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { fetchHome } from '../api.ts';
import { AchievementRow, DemandRow, ListingRow, PortalList } from '../components/Cards.tsx';
import { SEARCH_MAX } from '../../../lib/search.ts';

const CAPABILITIES: { key: MessageKey; icon: ReactNode }[] = [
  { key: 'home.cap.publish', icon: <ExperimentOutlined /> },
  { key: 'home.cap.demand', icon: <BulbOutlined /> },
  { key: 'home.cap.match', icon: <ApiOutlined /> },
  { key: 'home.cap.trade', icon: <ShopOutlined /> },
];

const JURISDICTIONS = ['jinzhong', 'shanxi', 'shaanxi', 'shenyang', 'weihai'] as const;
const STEPS = ['register', 'verify', 'publish', 'deal'] as const;
const HOT = ['锂电池', '机器视觉', '新材料', '中药', '智能制造'];

/** One search box over achievements, demands and listings: it opens /search. */
export function SearchBox({ size = 'large', initial = '' }: { size?: 'large' | 'middle'; initial?: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Search
      key={initial}
      className="portal-search"
      data-testid="home-search"
      size={size}
      defaultValue={initial}
      placeholder={t('home.search.placeholder')}
      enterButton={t('home.search.button')}
      aria-label={t('home.search.button')}
      maxLength={SEARCH_MAX}
      allowClear
      onSearch={(v) => {
        const q = v.trim();
        // Searching for nothing browses the catalogue rather than doing nothing.
        navigate(q ? `/search?q=${encodeURIComponent(q)}` : '/achievements');
      }}
    />
  );
}

/**
 * A titled box of the home page. The page is drawn with its own markup and a
 * few light antd parts (no Card, List or Steps): it is the first page most
 * people see, and those bring Tabs, Pagination and Select with them.
 */
function Section({ title, more, children, testId }: { title: string; more?: string; children: ReactNode; testId?: string }) {
  const { t } = useI18n();
  return (
    <section className="portal-card" data-testid={testId}>
      <div className="portal-card-head">
        <h2>{title}</h2>
        {more && (
          <Link to={more}>
            {t('home.latest.more')} <RightOutlined />
          </Link>
        )}
      </div>
      <div className="portal-card-body">{children}</div>
    </section>
  );
}

function Counts({ home }: { home: Home | undefined }) {
  const { t } = useI18n();
  const items = [
    { key: 'achievements', to: '/achievements', label: t('home.counts.achievements') },
    { key: 'demands', to: '/demands', label: t('home.counts.demands') },
    { key: 'listings', to: '/listings', label: t('home.counts.listings') },
    { key: 'deals', to: '/listings', label: t('home.counts.deals') },
  ] as const;
  return (
    <div className="portal-counts" data-testid="home-counts">
      {items.map((i) => (
        <Link to={i.to} key={i.key} className="portal-count">
          {/* Plain markup rather than antd Statistic: the home page is the first page, every kilobyte counts. */}
          <span className="portal-count-label">{i.label}</span>
          <span className="portal-count-value">{home ? (home.counts[i.key] ?? 0).toLocaleString('en-US') : '—'}</span>
        </Link>
      ))}
    </div>
  );
}

export function HomePage() {
  const { t } = useI18n();
  const { me } = useAuth();
  const navigate = useNavigate();
  const { data: home } = useAsync((signal) => fetchHome(signal), []);

  useEffect(() => {
    document.title = `${t('brand.name')} · ${t('brand.subtitle')}`;
  }, [t]);

  const empty = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.latest.empty')} />;
  const loading = <Skeleton active paragraph={{ rows: 4 }} />;

  return (
    <div className="home">
      <section className="hero">
        <div className="container">
          <h1>{t('home.hero.title')}</h1>
          <p className="hero-lead">{t('home.hero.lead')}</p>
          <div className="hero-search">
            <SearchBox />
            <div className="hero-hot">
              {t('home.search.hot')}
              {HOT.map((w) => (
                <Link key={w} to={`/search?q=${encodeURIComponent(w)}`}>
                  {w}
                </Link>
              ))}
            </div>
          </div>
          <div className="hero-caps">
            {CAPABILITIES.map((c) => (
              <span className="hero-cap" key={c.key}>
                {c.icon}
                {t(c.key)}
              </span>
            ))}
          </div>
          <Space size={12} wrap>
            {me ? (
              <Button type="primary" size="large" onClick={() => navigate('/workbench')} data-testid="hero-workbench">
                {t('home.hero.workbench')}
              </Button>
            ) : (
              <>
                <Button type="primary" size="large" onClick={() => navigate('/register')}>
                  {t('home.hero.register')}
                </Button>
                <Button size="large" onClick={() => navigate('/login')}>
                  {t('home.hero.login')}
                </Button>
              </>
            )}
          </Space>
        </div>
      </section>

      <div className="container">
        <Counts home={home} />

        <Row gutter={[16, 16]} className="section">
          <Col xs={24} lg={16}>
            <Section title={t('home.latest.achievements')} more="/achievements" testId="home-latest-achievements">
              {!home ? loading : home.latest.achievements.length ? <PortalList items={home.latest.achievements} render={(a) => <AchievementRow a={a} />} /> : empty}
            </Section>
          </Col>
          <Col xs={24} lg={8}>
            <Section title={t('home.announcements.title')} more="/announcements" testId="home-announcements">
              {!home ? (
                loading
              ) : home.announcements.length ? (
                <PortalList
                  items={home.announcements}
                  render={(a) => (
                    <li className="portal-row portal-row-icon">
                      <NotificationOutlined className="portal-row-avatar" />
                      <div className="portal-row-main">
                        <div className="portal-row-title">
                          <Link to={`/announcements/${a.id}`}>
                            {a.pinned && <Tag color="red">{t('home.announcements.pinned')}</Tag>}
                            {a.title}
                          </Link>
                        </div>
                        <div className="portal-row-meta">{`${a.jurisdiction?.name ?? t('home.announcements.platform')} · ${formatDate(a.publishedAt as string)}`}</div>
                      </div>
                    </li>
                  )}
                />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.announcements.empty')} />
              )}
            </Section>
          </Col>
          <Col xs={24} lg={12}>
            <Section title={t('home.latest.demands')} more="/demands" testId="home-latest-demands">
              {!home ? loading : home.latest.demands.length ? <PortalList items={home.latest.demands} render={(d) => <DemandRow d={d} />} /> : empty}
            </Section>
          </Col>
          <Col xs={24} lg={12}>
            <Section title={t('home.latest.listings')} more="/listings" testId="home-latest-listings">
              {!home ? loading : home.latest.listings.length ? <PortalList items={home.latest.listings} render={(l) => <ListingRow l={l} />} /> : empty}
            </Section>
          </Col>
        </Row>

        <section className="section" aria-labelledby="modules-title">
          <div className="section-title">
            <h2 id="modules-title">{t('home.modules.title')}</h2>
            <span>{t('home.modules.lead')}</span>
          </div>
          <Row gutter={[16, 16]}>
            {MODULES.filter((m) => m.live).map((m) => (
              <Col xs={24} sm={12} lg={8} key={m.key}>
                <Link to={m.path} aria-label={t(m.label)}>
                  <div className="module-card module-live">
                    <div className="module-icon">{m.icon}</div>
                    <div>
                      <h3>
                        {t(m.label)}
                        <Tag color="blue" data-testid={`module-live-${m.key}`}>
                          {t('home.modules.open')} <RightOutlined />
                        </Tag>
                      </h3>
                      <p>{t(m.description)}</p>
                    </div>
                  </div>
                </Link>
              </Col>
            ))}
          </Row>
        </section>

        <section className="section" aria-labelledby="steps-title">
          <div className="section-title">
            <h2 id="steps-title">{t('home.steps.title')}</h2>
          </div>
          <ol className="steps-card">
            {STEPS.map((s, i) => (
              <li key={s}>
                <span className="step-number">{i + 1}</span>
                <div>
                  <div className="step-title">{t(`home.steps.${s}`)}</div>
                  <div className="step-desc">{t(`home.steps.${s}.desc`)}</div>
                </div>
              </li>
            ))}
          </ol>
        </section>

        <section className="section" aria-labelledby="jur-title">
          <div className="section-title">
            <h2 id="jur-title">{t('home.jurisdictions.title')}</h2>
            <span>{t('home.jurisdictions.lead')}</span>
          </div>
          <div className="jur-grid">
            {JURISDICTIONS.map((j) => (
              <div className="jurisdiction-card" key={j}>
                <EnvironmentOutlined style={{ color: '#1a4f9c', fontSize: 20 }} />
                <div className="name">{t(`home.jurisdiction.${j}`)}</div>
                <div className="desc">{t(`home.jurisdiction.${j}.desc`)}</div>
              </div>
            ))}
          </div>
        </section>

        {!me && (
          <div className="cta-band">
            <div>
              <h2>{t('home.cta.title')}</h2>
              <p>{t('home.cta.lead')}</p>
            </div>
            <Space wrap>
              <Button type="primary" size="large" onClick={() => navigate('/register')}>
                {t('home.hero.register')}
              </Button>
              <Button size="large" onClick={() => navigate('/login')}>
                {t('home.hero.login')}
              </Button>
            </Space>
          </div>
        )}
      </div>
    </div>
  );
}
