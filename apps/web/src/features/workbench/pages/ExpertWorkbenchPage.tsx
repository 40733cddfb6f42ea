import { Button, Card, Empty, List, Space, Tag } from 'antd';
import { useEffect } from 'react';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../i18n/index.tsx';
import { formatDate } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { expertWorkbench, type ExpertTask, type ExpertWorkbenchData } from '../api.ts';
import { ProfileStatusBar } from './ProfileStatusBar.tsx';

/** 评审专家工作台: 揭榜挂帅 bids waiting for the expert's scores, invitations waiting for an opinion, opinions given, and the rest. Opinions are given on 专家论证 (/reviews), scores on the challenge's scoring page. */
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
          <ScoringList items={data.scorings} />
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

/** 揭榜挂帅 challenges whose panel the expert sits on, with bids waiting for their scores; each opens its scoring page. */
function ScoringList({ items }: { items: ExpertWorkbenchData['scorings'] }) {
  const { t } = useI18n();
  return (
    <Card title={`${t('wb.expert.scorings')}（${items.reduce((n, x) => n + x.bidsToScore, 0)}）`} size="small" data-testid="expert-scorings">
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('wb.expert.scoringsEmpty')} />
      ) : (
        <List
          dataSource={items}
          renderItem={(x) => (
            <List.Item
              key={x.challengeId}
              actions={[
                <Link key="go" to={x.link}>
                  <Button type="primary" size="small" data-testid={`score-${x.challengeId}`}>
                    {t('wb.expert.score.open')}
                  </Button>
                </Link>,
              ]}
            >
              <List.Item.Meta
                title={<Link to={`/challenges/${x.challengeId}`}>{x.title}</Link>}
                description={
                  <Space wrap size={6}>
                    <Tag color="orange">{t('wb.expert.bidsToScore', { n: x.bidsToScore })}</Tag>
                    <span>{t('wb.expert.closedOn', { date: formatDate(x.deadline) })}</span>
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
