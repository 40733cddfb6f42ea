import {
  AuditOutlined,
  BulbOutlined,
  ExperimentOutlined,
  FileProtectOutlined,
  GiftOutlined,
  ShopOutlined,
  ApiOutlined,
  EnvironmentOutlined,
  RightOutlined,
} from '@ant-design/icons';
import { Button, Card, Col, Row, Space, Steps, Tag } from 'antd';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../../../app/auth.tsx';
import { MODULES } from '../../../app/navigation.tsx';
import { useI18n, type MessageKey } from '../../../i18n/index.tsx';

const CAPABILITIES: { key: MessageKey; icon: ReactNode }[] = [
  { key: 'home.cap.publish', icon: <ExperimentOutlined /> },
  { key: 'home.cap.demand', icon: <BulbOutlined /> },
  { key: 'home.cap.match', icon: <ApiOutlined /> },
  { key: 'home.cap.trade', icon: <ShopOutlined /> },
  { key: 'home.cap.contract', icon: <FileProtectOutlined /> },
  { key: 'home.cap.subsidy', icon: <GiftOutlined /> },
];

const JURISDICTIONS = ['jinzhong', 'shanxi', 'shaanxi', 'shenyang', 'weihai'] as const;

const STEPS = ['register', 'verify', 'publish', 'deal', 'contract', 'subsidy'] as const;

export function HomePage() {
  const { t } = useI18n();
  const { me } = useAuth();
  const navigate = useNavigate();
  const hasOrg = !!me && me.organizations.length > 0;

  return (
    <div className="home">
      <section className="hero">
        <div className="container">
          <h1>{t('home.hero.title')}</h1>
          <p className="hero-lead">{t('home.hero.lead')}</p>
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
              <Button type="primary" size="large" onClick={() => navigate(hasOrg ? '/org' : '/org/apply')}>
                {hasOrg ? t('home.hero.myOrg') : t('home.hero.applyOrg')}
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
        <section className="section" aria-labelledby="modules-title">
          <div className="section-title">
            <h2 id="modules-title">{t('home.modules.title')}</h2>
            <span>{t('home.modules.lead')}</span>
          </div>
          <Row gutter={[16, 16]}>
            {MODULES.map((m) => (
              <Col xs={24} sm={12} lg={8} key={m.key}>
                <Link to={m.path} aria-label={t(m.label)}>
                  <Card hoverable className={m.live ? 'module-card module-live' : 'module-card'}>
                    <div className="module-icon">{m.icon}</div>
                    <div>
                      <h3>
                        {t(m.label)}
                        {m.live ? (
                          <Tag color="blue" data-testid={`module-live-${m.key}`}>
                            {t('home.modules.open')} <RightOutlined />
                          </Tag>
                        ) : (
                          <Tag color="default" variant="outlined">
                            {t('home.modules.soon')}
                          </Tag>
                        )}
                      </h3>
                      <p>{t(m.description)}</p>
                    </div>
                  </Card>
                </Link>
              </Col>
            ))}
          </Row>
        </section>

        <section className="section" aria-labelledby="steps-title">
          <div className="section-title">
            <h2 id="steps-title">{t('home.steps.title')}</h2>
          </div>
          <Card className="steps-card">
            <Steps
              current={-1}
              responsive
              items={STEPS.map((s) => ({
                title: t(`home.steps.${s}`),
                content: t(`home.steps.${s}.desc`),
              }))}
            />
          </Card>
        </section>

        <section className="section" aria-labelledby="jur-title">
          <div className="section-title">
            <h2 id="jur-title">{t('home.jurisdictions.title')}</h2>
            <span>{t('home.jurisdictions.lead')}</span>
          </div>
          <div className="jur-grid">
            {JURISDICTIONS.map((j) => (
              <Card className="jurisdiction-card" key={j}>
                <EnvironmentOutlined style={{ color: '#1a4f9c', fontSize: 20 }} />
                <div className="name">{t(`home.jurisdiction.${j}`)}</div>
                <div className="desc">{t(`home.jurisdiction.${j}.desc`)}</div>
              </Card>
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
              <Button type="primary" size="large" icon={<AuditOutlined />} onClick={() => navigate('/register')}>
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
