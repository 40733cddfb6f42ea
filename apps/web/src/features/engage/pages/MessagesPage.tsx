import { Badge, Card, List, Segmented, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useI18n } from '../../../i18n/index.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { listConversations, type Conversation } from '../api.ts';

/** Where a thread stands, from the caller's side. */
export function ThreadState({ c }: { c: Pick<Conversation, 'mySide' | 'lastSide'> }) {
  const { t } = useI18n();
  if (c.lastSide === c.mySide) return <Tag>{t('msg.awaitingOwner')}</Tag>;
  return c.mySide === 'owner' ? <Tag color="orange">{t('msg.awaitingMe')}</Tag> : <Tag color="green">{t('msg.answered')}</Tag>;
}

/** 我的洽谈: the threads I started and those my organisations received, newest activity first. */
export function MessagesPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const side = (params.get('side') as 'asker' | 'owner' | null) ?? undefined;
  const [page, setPage] = useState(1);
  useEffect(() => {
    document.title = `${t('msg.title')} · 科转通`;
  }, [t]);
  const list = useAsync((signal) => listConversations({ side, page, pageSize: 20 }, signal), [side, page]);

  return (
    <div className="container stack">
      <div className="page-header page-header-row" style={{ marginBottom: 0 }}>
        <div>
          <h1>{t('msg.title')}</h1>
          <p>{t('msg.lead')}</p>
        </div>
        <Segmented
          value={side ?? 'all'}
          onChange={(v) => {
            setPage(1);
            setParams(v === 'all' ? {} : { side: String(v) });
          }}
          options={[
            { value: 'all', label: t('msg.filter.all') },
            { value: 'asker', label: t('msg.filter.asker') },
            { value: 'owner', label: t('msg.filter.owner') },
          ]}
        />
      </div>
      <Card>
        <List
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: t('msg.empty') }}
          pagination={list.data && list.data.total > 20 ? { current: page, pageSize: 20, total: list.data.total, onChange: setPage } : false}
          renderItem={(c) => {
            const other = c.mySide === 'asker' ? c.ownerOrganization.name : (c.askerOrganization?.name ?? c.asker.name);
            return (
              <List.Item data-testid="conversation-item" extra={<span className="muted">{formatDateTime(c.lastMessageAt)}</span>}>
                <List.Item.Meta
                  title={
                    <Space size={8} wrap>
                      {c.unread && <Badge status="processing" text={t('msg.new')} />}
                      <Link to={`/messages/${c.id}`}>{c.record.title}</Link>
                    </Space>
                  }
                  description={
                    <Space size={8} wrap>
                      <Tag color="blue">{t(c.record.type === 'achievement' ? 'msg.record.achievement' : 'msg.record.demand')}</Tag>
                      <span>{t('msg.with', { name: other })}</span>
                      <ThreadState c={c} />
                    </Space>
                  }
                />
              </List.Item>
            );
          }}
        />
      </Card>
    </div>
  );
}
