import { ShopOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Input, List, Result, Space, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { PageLoading } from '../../../app/PageLoading.tsx';
import { useAuth } from '../../../app/auth.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { useAsync } from '../../../lib/useAsync.ts';
import { listAchievements } from '../../achievements/api.ts';
import { useCatalogueLabels } from '../../catalogue/labels.tsx';

const PAGE = 10;

/**
 * 挂牌交易 opened without an achievement (the workbench's shortcut): the
 * person's own published achievements, searched by title, each continuing to
 * the listing form; with none, what to do first instead of an error.
 */
export function ListingChooser() {
  const { t } = useI18n();
  const { me } = useAuth();
  const C = useCatalogueLabels();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  // Whether there is anything to list at all (no search), and the page searched.
  const any = useAsync((signal) => listAchievements({ scope: 'mine', status: 'published', pageSize: 1 }, signal), []);
  const res = useAsync((signal) => listAchievements({ scope: 'mine', status: 'published', sort: q ? 'relevance' : 'date', page, pageSize: PAGE, ...(q ? { q } : {}) }, signal), [q, page]);
  const head = (
    <div className="page-header" style={{ marginBottom: 0 }}>
      <h1>{t('trade.form.title')}</h1>
      <p>{t('trade.choose.lead')}</p>
    </div>
  );
  if (any.loading && !any.data) return <PageLoading />;
  if (any.data && any.data.total === 0) {
    return (
      <div className="container stack">
        {head}
        <Card data-testid="listing-choose-none">
          <Result
            status="info"
            icon={<ShopOutlined />}
            title={t('trade.choose.none')}
            subTitle={t('trade.choose.noneHint')}
            extra={
              <Space wrap>
                <Link to="/achievements/new">
                  <Button type="primary">{t('trade.choose.newAchievement')}</Button>
                </Link>
                <Link to="/me/achievements">
                  <Button>{t('trade.choose.myAchievements')}</Button>
                </Link>
                <Link to="/demands/new">
                  <Button>{t('trade.choose.newDemand')}</Button>
                </Link>
                <Link to="/listings">
                  <Button>{t('trade.choose.hall')}</Button>
                </Link>
              </Space>
            }
          />
        </Card>
      </div>
    );
  }
  // Listing commits the organisation: only its owner lists (ListingFormPage says so too).
  const ownerOf = (orgId: string) => me?.organizations.find((o) => o.id === orgId)?.role === 'owner';
  return (
    <div className="container stack">
      {head}
      <Card data-testid="listing-choose">
        <Input.Search
          allowClear
          enterButton
          placeholder={t('trade.choose.search')}
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
          style={{ maxWidth: 480, marginBottom: 12 }}
          data-testid="listing-choose-search"
        />
        <List
          loading={res.loading}
          dataSource={res.data?.items ?? []}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('trade.choose.noMatch')} /> }}
          pagination={(res.data?.total ?? 0) > PAGE ? { current: page, pageSize: PAGE, total: res.data?.total ?? 0, onChange: setPage, showSizeChanger: false } : false}
          renderItem={(a) => {
            const secret = a.confidentiality === 'secret';
            const owner = ownerOf(a.organization.id);
            const why = secret ? t('trade.form.notListable') : !owner ? t('trust.form.ownerOnly') : null;
            const button = (
              <Button type="primary" disabled={!!why} onClick={() => navigate(`/listings/new?achievementId=${a.id}`)} data-testid={`listing-choose-${a.id}`}>
                {t('trade.choose.list')}
              </Button>
            );
            return (
              <List.Item key={a.id} actions={[why ? <Tooltip key="go" title={why}>{button}</Tooltip> : <span key="go">{button}</span>]}>
                <List.Item.Meta
                  title={<Link to={`/achievements/${a.id}`}>{a.title}</Link>}
                  description={
                    <Space wrap size={6}>
                      <span>{a.organization.name}</span>
                      <span>{C.industryFull(a.industry)}</span>
                      <span>{C.money(a.price ?? null)}</span>
                      {secret && <Tag>{t('trade.choose.secret')}</Tag>}
                    </Space>
                  }
                />
              </List.Item>
            );
          }}
        />
        <Alert type="info" showIcon style={{ marginTop: 12 }} title={t('trade.choose.hint')} />
      </Card>
    </div>
  );
}
