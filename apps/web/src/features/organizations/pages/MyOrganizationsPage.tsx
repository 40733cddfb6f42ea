import { PlusOutlined, RightOutlined, TeamOutlined } from '@ant-design/icons';
import { Button, Card, Empty, List, Space, Tag } from 'antd';
import { useEffect } from 'react';
import { Link, Navigate, useNavigate } from 'react-router-dom';
import { useAuth } from '../../../app/auth.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { OrgStatusTag, useOrgLabels } from '../labels.tsx';

/** /org: the one organisation directly, a list when several, an invitation to apply when none. */
export function MyOrganizationsPage() {
  const { t } = useI18n();
  const labels = useOrgLabels();
  const { me } = useAuth();
  const navigate = useNavigate();

  useEffect(() => {
    document.title = `${t('org.mine.title')} · 科转通`;
  }, [t]);

  if (!me) return null;
  const orgs = me.organizations;
  if (orgs.length === 1) return <Navigate to={`/org/${orgs[0]!.id}`} replace />;

  return (
    <div className="container">
      <div className="page-header page-header-row">
        <div>
          <h1>{t('org.mine.title')}</h1>
        </div>
        {orgs.length > 0 && me.allowedActions.includes('organization.create') && (
          <Button icon={<PlusOutlined />} onClick={() => navigate('/org/apply')}>
            {t('org.mine.applyAnother')}
          </Button>
        )}
      </div>
      {orgs.length === 0 ? (
        <Card>
          <Empty image={<TeamOutlined style={{ fontSize: 56, color: '#9fb3d1' }} />} description={
            <>
              <div style={{ fontSize: 16, marginBottom: 4 }}>{t('org.mine.empty')}</div>
              <div className="muted">{t('org.mine.emptyHint')}</div>
            </>
          }>
            <Space>
              <Button type="primary" onClick={() => navigate('/org/apply')}>
                {t('org.apply.title')}
              </Button>
              {me.invitations.length > 0 && <Button onClick={() => navigate('/me')}>{t('me.invitations')}</Button>}
            </Space>
          </Empty>
        </Card>
      ) : (
        <Card>
          <List
            dataSource={orgs}
            renderItem={(o) => (
              <List.Item
                actions={[
                  <Link key="view" to={`/org/${o.id}`}>
                    {t('org.mine.view')} <RightOutlined />
                  </Link>,
                ]}
              >
                <List.Item.Meta
                  title={
                    <Link to={`/org/${o.id}`}>
                      {o.name} <OrgStatusTag status={o.status} />
                    </Link>
                  }
                  description={
                    <Space size={8} wrap>
                      <span>{labels.type(o.type)}</span>
                      <Tag>{t('org.mine.myRole')}{t('common.colon')}{labels.role(o.role)}</Tag>
                    </Space>
                  }
                />
              </List.Item>
            )}
          />
        </Card>
      )}
    </div>
  );
}
