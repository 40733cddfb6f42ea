import {
  ApiOutlined,
  AuditOutlined,
  BulbOutlined,
  CloudUploadOutlined,
  ExperimentOutlined,
  NotificationOutlined,
  RightOutlined,
  SafetyCertificateOutlined,
  ShopOutlined,
  SolutionOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { RECORD_STATUS_LABELS, type RecordStatus, type Workbench } from '@kzt/shared';
import { Alert, Badge, Card, Col, Empty, List, Row, Skeleton, Tag } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useI18n, type MessageKey } from '../../../i18n/index.tsx';
import { useAsync } from '../../../lib/useAsync.ts';
import { fetchWorkbench } from '../api.ts';

type Shortcut = { key: string; to: string; label: MessageKey; icon: ReactNode };

function shortcutsFor(roles: Workbench['roles']): Shortcut[] {
  const out: Shortcut[] = [];
  if (roles.verifiedOrganization) {
    out.push(
      { key: 'newAchievement', to: '/achievements/new', label: 'wb.short.newAchievement', icon: <ExperimentOutlined /> },
      { key: 'newDemand', to: '/demands/new', label: 'wb.short.newDemand', icon: <BulbOutlined /> },
      { key: 'newListing', to: '/listings/new', label: 'wb.short.newListing', icon: <ShopOutlined /> },
      { key: 'import', to: '/imports/new', label: 'wb.short.import', icon: <CloudUploadOutlined /> },
    );
  } else if (!roles.member && !roles.admin) {
    out.push({ key: 'applyOrg', to: '/org/apply', label: 'wb.short.applyOrg', icon: <TeamOutlined /> });
  }
  if (roles.admin) {
    out.push(
      { key: 'admin', to: '/admin', label: 'wb.short.admin', icon: <SafetyCertificateOutlined /> },
      { key: 'announcement', to: '/admin/announcements', label: 'wb.short.announcement', icon: <NotificationOutlined /> },
    );
  }
  // The broker's and the expert's own workbenches (built beside this one).
  if (roles.broker) out.push({ key: 'broker', to: '/workbench/broker', label: 'wb.short.broker', icon: <SolutionOutlined /> });
  if (roles.expert) out.push({ key: 'expert', to: '/workbench/expert', label: 'wb.short.expert', icon: <AuditOutlined /> });
  out.push(
    { key: 'subscriptions', to: '/subscriptions', label: 'wb.short.subscriptions', icon: <ApiOutlined /> },
    { key: 'catalogue', to: '/achievements', label: 'wb.short.catalogue', icon: <ExperimentOutlined /> },
    { key: 'listings', to: '/listings', label: 'wb.short.listings', icon: <ShopOutlined /> },
  );
  return out;
}

function MineCard({ title, more, total, items, path }: { title: string; more: string; total: number; items: { id: string; title: string; status: string; stale?: boolean }[]; path: string }) {
  const { t, label } = useI18n();
  return (
    <Card
      className="portal-card"
      size="small"
      title={<>{title} <Badge count={total} showZero color="#1a4f9c" overflowCount={9999} /></>}
      extra={<Link to={more}>{t('home.latest.more')} <RightOutlined /></Link>}
    >
      {items.length ? (
        <List
          size="small"
          dataSource={items}
          renderItem={(i) => (
            <List.Item>
              <Link to={`${path}/${i.id}`} className="wb-mine-title">{i.title}</Link>
              <Tag>{label(RECORD_STATUS_LABELS[i.status as RecordStatus], i.status)}</Tag>
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('wb.mine.none')} />
      )}
    </Card>
  );
}

/** 工作台: what waits for me (each with a count and where to act), my records, shortcuts. The default page after signing in. */
export function WorkbenchPage() {
  const { t } = useI18n();
  const { data, error } = useAsync((signal) => fetchWorkbench(signal), []);

  useEffect(() => {
    document.title = `${t('wb.title')} · 科转通`;
  }, [t]);

  if (error) return <div className="container page"><Alert type="error" showIcon title={error instanceof Error ? error.message : String(error)} /></div>;
  if (!data) return <div className="container page"><Skeleton active /></div>;

  return (
    <div className="container page workbench">
      <h1 className="page-title">{t('wb.title')}</h1>
      <p className="muted">{t('wb.hello', { name: data.user.name })}</p>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card className="portal-card" title={t('wb.todo')} data-testid="wb-tasks">
            {data.tasks.length ? (
              <div className="wb-tasks">
                {data.tasks.map((task) => (
                  <Link to={task.link} key={task.key} className="wb-task" data-testid={`wb-task-${task.key}`}>
                    <span className="wb-task-count">{task.count}</span>
                    <span className="wb-task-label">{t(`wb.task.${task.key}` as MessageKey)}</span>
                    <span className="wb-task-go">
                      {t('wb.go')} <RightOutlined />
                    </span>
                  </Link>
                ))}
              </div>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('wb.todo.none')} />
            )}
          </Card>
          {/* An administrator without an organisation keeps no records of their own: no section, no call to join one. */}
          {(data.roles.member || !data.roles.admin) && <h2 className="wb-h2">{t('wb.mine')}</h2>}
          {data.roles.member ? (
            <Row gutter={[16, 16]} data-testid="wb-mine">
              <Col xs={24} md={12}>
                <MineCard title={t('wb.mine.achievements')} more="/me/achievements" total={data.mine.achievements.total} items={data.mine.achievements.items} path="/achievements" />
              </Col>
              <Col xs={24} md={12}>
                <MineCard title={t('wb.mine.demands')} more="/me/demands" total={data.mine.demands.total} items={data.mine.demands.items} path="/demands" />
              </Col>
              <Col xs={24} md={12}>
                <Card className="portal-card" size="small" title={<>{t('wb.mine.listings')} <Badge count={data.mine.listings.total} showZero color="#1a4f9c" /></>} extra={<Link to="/listings?scope=mine">{t('home.latest.more')} <RightOutlined /></Link>}>
                  {data.mine.listings.items.length ? (
                    <List size="small" dataSource={data.mine.listings.items} renderItem={(l) => <List.Item><Link to={`/listings/${l.id}`} className="wb-mine-title">{l.title}</Link></List.Item>} />
                  ) : (
                    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('wb.mine.none')} />
                  )}
                </Card>
              </Col>
              <Col xs={24} md={12}>
                <Card className="portal-card" size="small" title={t('wb.mine.deals')} extra={<Link to="/deals">{t('home.latest.more')} <RightOutlined /></Link>}>
                  <div className="wb-big">{data.mine.deals.total}</div>
                </Card>
              </Col>
            </Row>
          ) : (
            !data.roles.admin && <Alert type="info" showIcon title={t('wb.mine.noOrg')} data-testid="wb-no-org" />
          )}
        </Col>
        <Col xs={24} lg={8}>
          <Card className="portal-card" title={t('wb.shortcuts')} data-testid="wb-shortcuts">
            <div className="wb-shortcuts">
              {shortcutsFor(data.roles).map((s) => (
                <Link key={s.key} to={s.to} className="wb-shortcut" data-testid={`wb-short-${s.key}`}>
                  {s.icon}
                  <span>{t(s.label)}</span>
                </Link>
              ))}
            </div>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
