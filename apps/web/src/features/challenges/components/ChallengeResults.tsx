import { Card, List, Space, Tag } from 'antd';
import { useI18n } from '../../../i18n/index.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { iso, type Challenge } from '../api.ts';
import { MilestoneTag } from '../labels.tsx';

/** Results shared by the server's rules: a bounty's accepted solution for the firms on the list; crowdsourcing submissions for the poser (and the public once accepted, when allowed). */
export function ChallengeResults({ c }: { c: Challenge }) {
  const { t } = useI18n();
  if (c.results.length === 0) return null;
  const bounty = c.scheme === 'bounty';
  return (
    <Card title={t(bounty ? 'ch.results.bounty' : 'ch.results.crowdsourcing')} size="small" data-testid="challenge-results" extra={!bounty && c.resultsPublic ? <Tag color="green">{t('ch.results.public')}</Tag> : null}>
      <List
        size="small"
        dataSource={c.results}
        renderItem={(r) => (
          <List.Item data-testid="result-item">
            <div style={{ width: '100%' }}>
              <Space wrap>
                <strong>{r.organization.name}</strong>
                <span>
                  {r.n}. {r.title}
                </span>
                <MilestoneTag m={r} />
                {r.attachmentIds.length > 0 && <Tag>{t('ch.results.attachments', { n: r.attachmentIds.length })}</Tag>}
              </Space>
              {r.reportNote && <div style={{ whiteSpace: 'pre-wrap', marginTop: 4 }}>{r.reportNote}</div>}
              <div className="muted">{formatDateTime(iso(r.decidedAt ?? r.reportedAt))}</div>
            </div>
          </List.Item>
        )}
      />
    </Card>
  );
}
