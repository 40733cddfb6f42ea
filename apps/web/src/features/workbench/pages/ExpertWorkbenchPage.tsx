import { Button, Card, Empty, List, Space, Tag } from 'antd';
import { useEffect } from 'react';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../i18n/index.tsx';
import { formatDate } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { expertWorkbench, type ExpertTask } from '../api.ts';
import { ProfileStatusBar } from './ProfileStatusBar.tsx';

/** 评审专家工作台: invitations waiting for an opinion, opinions given, and the rest. Opinions are given on 专家论证 (/reviews). */
export function ExpertWorkbenchPage() {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${t('wb.expert.title')} · 科转通`;
  }, [t]);
  const res = useAsync((signal) => expertWorkbench(signal), []);
  const data = res.data;
  return (
    <div className="container stack" data-testid="expert-workbench">
      <div className="page-header" style={{ marginBottom: 0 }}>
        <h1>{t('wb.expert.title')}</h1>
        <p>{t('wb.expert.lead')}</p>
      </div>
      {data && <ProfileStatusBar profile={data.profile} />}
      {res.loading && !data && <Card loading />}
      {data && (
        <>
          <TaskList title={`${t('wb.expert.due')}（${data.due.length}）`} items={data.due} action />
          <TaskList title={`${t('wb.expert.past')}（${data.past.length}）`} items={data.past} />
          {data.other.length > 0 && <TaskList title={t('wb.expert.other')} items={data.other} />}
        </>
      )}
    </div>
  );
}

function TaskList({ title, items, action }: { title: string; items: ExpertTask[]; action?: boolean }) {
  const { t } = useI18n();
  return (
    <Card title={title} size="small">
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('wb.expert.empty')} />
      ) : (
        <List
          dataSource={items}
          renderItem={(task) => (
            <List.Item
              key={task.reviewId}
              actions={
                action && task.allowedActions.includes('submit')
                  ? [
                      <Link key="go" to="/reviews">
                        <Button type="primary" size="small">
                          {t('wb.expert.open')}
                        </Button>
                      </Link>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                title={
                  <span>
                    <Link to={`/demands/${task.demand.id}`}>{task.demand.title}</Link> ⇄ <Link to={`/achievements/${task.achievement.id}`}>{task.achievement.title}</Link>
                  </span>
                }
                description={
                  <Space wrap size={6}>
                    <span>{task.requestedBy.name}</span>
                    <span>{formatDate(task.createdAt)}</span>
                    {task.invitation.score != null && <Tag color="blue">{t('wb.expert.score', { score: task.invitation.score })}</Tag>}
                    {task.note && <span className="muted">{task.note}</span>}
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
