import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Empty, List, Popconfirm, Row, Space, Switch, Tag } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { useApiErrorHandler } from '../../../lib/errors.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { useCatalogueLabels } from '../../catalogue/labels.tsx';
import { fetchJurisdictions } from '../../jurisdictions/api.ts';
import { deleteSubscription, listSubscriptions, updateSubscription, type Subscription } from '../api.ts';
import { PushFeed } from '../components/PushFeed.tsx';
import { PushSettingsCard } from '../components/PushSettingsCard.tsx';
import { SubscriptionModal } from '../components/SubscriptionModal.tsx';

/** 订阅与推送: the person's subscriptions, push channels, and what was pushed to them. */
export function SubscriptionsPage() {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${t('push.title')} · 科转通`;
  }, [t]);
  return (
    <div className="container stack" data-testid="subscriptions-page">
      <div className="page-header" style={{ marginBottom: 0 }}>
        <h1>{t('push.title')}</h1>
        <p>{t('push.lead')}</p>
      </div>
      <Row gutter={[20, 20]}>
        <Col xs={24} lg={15}>
          <SubscriptionsCard />
        </Col>
        <Col xs={24} lg={9}>
          <PushSettingsCard />
        </Col>
      </Row>
      <PushFeed />
    </div>
  );
}

function SubscriptionsCard() {
  const { t } = useI18n();
  const L = useCatalogueLabels();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [editing, setEditing] = useState<Subscription | 'new' | null>(null);
  const res = useAsync((signal) => listSubscriptions(signal), []);
  const places = useAsync(() => fetchJurisdictions(), []);
  const placeName = useMemo(() => new Map((places.data?.items ?? []).map((j) => [j.code, j.name])), [places.data]);

  const toggle = async (s: Subscription, active: boolean) => {
    try {
      await updateSubscription(s.id, { active });
      void res.reload();
    } catch (e) {
      onError(e);
    }
  };
  const remove = async (s: Subscription) => {
    try {
      await deleteSubscription(s.id);
      message.success(t('push.deleted'));
      void res.reload();
    } catch (e) {
      onError(e);
    }
  };

  return (
    <Card
      title={t('push.subs.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="subscription-new">
          {t('push.subs.new')}
        </Button>
      }
      data-testid="subscriptions"
    >
      <List
        loading={res.loading}
        dataSource={res.data?.items ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('push.subs.empty')} /> }}
        renderItem={(s) => (
          <List.Item
            data-testid="subscription-item"
            className="subscription-item"
            actions={[
              <Switch key="active" size="small" checked={s.active} onChange={(v) => void toggle(s, v)} aria-label={t('push.field.active')} />,
              <Button key="edit" type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(s)} aria-label={t('push.subs.edit')} />,
              <Popconfirm key="del" title={t('push.deleteConfirm', { name: s.name })} okText={t('att.delete')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')} onConfirm={() => void remove(s)}>
                <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={t('att.delete')} />
              </Popconfirm>,
            ]}
          >
            <List.Item.Meta
              title={
                <Space size={6} wrap>
                  <span data-testid="subscription-name">{s.name}</span>
                  <Tag color={s.recordType === 'achievement' ? 'blue' : 'cyan'}>{t(`push.recordType.${s.recordType}`)}</Tag>
                  {!s.active && <Tag>{t('push.paused')}</Tag>}
                </Space>
              }
              description={
                <div className="subscription-terms">
                  <div>
                    <span className="muted">{t('push.field.keywords')}{t('common.colon')}</span>
                    {s.keywords.length ? s.keywords.map((k) => <Tag key={k} bordered={false}>{k}</Tag>) : t('push.any')}
                  </div>
                  <div>
                    <span className="muted">{t('push.field.industries')}{t('common.colon')}</span>
                    {s.industries.length ? s.industries.map((c) => L.industry(c)).join('、') : t('push.any')}
                  </div>
                  <div>
                    <span className="muted">{t('push.field.regions')}{t('common.colon')}</span>
                    {s.regions.length ? s.regions.map((c) => placeName.get(c) ?? c).join('、') : t('push.any')}
                  </div>
                </div>
              }
            />
          </List.Item>
        )}
      />
      <SubscriptionModal value={editing} onClose={() => setEditing(null)} onSaved={() => void res.reload()} />
    </Card>
  );
}
