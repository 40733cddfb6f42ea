import { IdcardOutlined } from '@ant-design/icons';
import { AuditOutlined, BulbOutlined, NotificationOutlined, ExperimentOutlined, LikeOutlined, MessageOutlined, SafetyCertificateOutlined, SettingOutlined, ShopOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Button, Menu, Result } from 'antd';
import { Suspense } from 'react';
import { Link, Navigate, Outlet, useLocation } from 'react-router-dom';
import { PageLoading } from '../../../app/PageLoading.tsx';
import { useAuth } from '../../../app/auth.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { isAdmin } from '../../auth/api.ts';

/** Admin area: a sub-navigation with only the sections the signed-in admin may use. */
export function AdminLayout() {
  const { t } = useI18n();
  const { me } = useAuth();
  const location = useLocation();
  const broker = !!me?.roles.includes('broker');
  if (!me || !(isAdmin(me) || broker)) {
    return (
      <div className="container">
        <Result
          status="403"
          title={t('common.forbidden.title')}
          subTitle={t('admin.noPermission')}
          extra={
            <Link to="/">
              <Button type="primary">{t('common.backHome')}</Button>
            </Link>
          }
        />
      </div>
    );
  }
  const sections = [
    ...(me.allowedActions.includes('admin.verify')
      ? [{ key: 'verification', icon: <SafetyCertificateOutlined />, label: <Link to="/admin/verification">{t('nav.adminVerification')}</Link> }]
      : []),
    ...(me.adminOf.length > 0 || me.user.isPlatformAdmin
      ? [
          { key: 'achievement-review', icon: <ExperimentOutlined />, label: <Link to="/admin/achievement-review" data-testid="admin-achievement-review">{t('nav.adminAchievementReview')}</Link> },
          { key: 'demand-review', icon: <BulbOutlined />, label: <Link to="/admin/demand-review" data-testid="admin-demand-review">{t('nav.adminDemandReview')}</Link> },
          { key: 'achievement-tracking', icon: <ExperimentOutlined />, label: <Link to="/admin/achievement-tracking" data-testid="admin-achievement-tracking">{t('nav.adminTracking')}</Link> },
          { key: 'demand-lists', icon: <UnorderedListOutlined />, label: <Link to="/admin/demand-lists" data-testid="admin-demand-lists-tab">{t('nav.adminDemandLists')}</Link> },
          { key: 'listing-review', icon: <ShopOutlined />, label: <Link to="/admin/listing-review" data-testid="admin-listing-review">{t('nav.adminListingReview')}</Link> },
          { key: 'trading-settings', icon: <SettingOutlined />, label: <Link to="/admin/trading-settings" data-testid="admin-trading-settings">{t('nav.adminTradingSettings')}</Link> },
          { key: 'profile-review', icon: <IdcardOutlined />, label: <Link to="/admin/profile-review" data-testid="admin-profile-review">{t('pr.title')}</Link> },
          { key: 'announcements', icon: <NotificationOutlined />, label: <Link to="/admin/announcements" data-testid="admin-announcements">{t('nav.adminAnnouncements')}</Link> },
        ]
      : []),
    ...(me.adminOf.length > 0 || me.user.isPlatformAdmin || broker
      ? [
          { key: 'match-inquiries', icon: <MessageOutlined />, label: <Link to="/admin/match-inquiries" data-testid="admin-inquiries-tab">{t('nav.adminInquiries')}</Link> },
          { key: 'match-feedback', icon: <LikeOutlined />, label: <Link to="/admin/match-feedback" data-testid="admin-match-feedback-tab">{t('nav.adminMatchFeedback')}</Link> },
        ]
      : []),
    ...(me.allowedActions.includes('audit.read')
      ? [{ key: 'audit', icon: <AuditOutlined />, label: <Link to="/admin/audit">{t('nav.adminAudit')}</Link> }]
      : []),
  ];
  const current = location.pathname.split('/')[2] ?? '';
  if (!current && sections[0]) return <Navigate to={`/admin/${sections[0].key}`} replace />;
  return (
    <div className="container">
      <Menu mode="horizontal" selectedKeys={[current]} items={sections} className="admin-menu" />
      <div style={{ marginTop: 20 }}>
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </div>
    </div>
  );
}
