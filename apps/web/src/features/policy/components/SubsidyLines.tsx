import { formatYuanExact, policyDocumentTitle, type SubsidyLine } from '@kzt/shared';
import { Alert, Card, List, Space, Tag, Typography } from 'antd';
import { useI18n } from '../../../i18n/index.tsx';

/**
 * The engine's lines: what each event gives, why, and what does not apply.
 * `names` puts a beneficiary's name for its id and `titles` a heading for an
 * event's key, where the caller knows them (a record: its organisation and subject).
 */
export function SubsidyLines({ lines, names = {}, titles = {} }: { lines: SubsidyLine[]; names?: Record<string, string>; titles?: Record<string, string> }) {
  const { t, lang } = useI18n();
  const total = lines.reduce((s, l) => s + l.entitlements.reduce((a, e) => a + e.amount + (e.committed && e.amount === 0 ? e.committed : 0), 0), 0);
  // An event that gives nothing and is refused nothing was taken as it is (a pool entry, a loan registered): later events count on it.
  const taken = (l: SubsidyLine) => l.entitlements.length === 0 && l.refusals.length === 0;
  const none = lines.length > 0 && lines.every(taken) ? t('pol.trial.recorded') : t('pol.trial.none');
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12} data-testid="trial-result">
      <Alert type={total > 0 ? 'success' : 'info'} showIcon message={total > 0 ? t('pol.trial.total', { amount: formatYuanExact(total, lang) }) : none} />
      {lines.map((l, i) => (
        <Card key={`${l.event}-${i}`} size="small" title={titles[l.event] ?? (l.event || `#${i + 1}`)}>
          <List
            size="small"
            dataSource={l.entitlements}
            locale={{ emptyText: taken(l) ? t('pol.trial.recorded') : t('pol.trial.none') }}
            renderItem={(e) => (
              <List.Item>
                <Space direction="vertical" size={2} style={{ width: '100%' }}>
                  <Space wrap>
                    <Typography.Text strong>{formatYuanExact(e.amount, lang)}</Typography.Text>
                    {e.committed !== undefined && <Tag color="gold">{t('pol.committed', { amount: formatYuanExact(e.committed, lang) })}</Tag>}
                    <Typography.Text type="secondary">{names[e.beneficiary] ?? e.beneficiary}</Typography.Text>
                  </Space>
                  <Typography.Text>{e.explanation}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('pol.source', { file: policyDocumentTitle(e.source.file, lang), item: e.source.item })}：{e.source.quote}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
          {(l.recorded ?? []).map((r, j) => (
            <div key={`rec-${j}`} style={{ marginTop: 8 }} data-testid="recorded-money">
              <Tag color="blue">{t('pol.ledgerRecorded', { amount: formatYuanExact(r.amount, lang) })}</Tag>
              <Typography.Text>{r.explanation}</Typography.Text>
            </div>
          ))}
          {l.refusals.length > 0 && (
            <div style={{ marginTop: 8 }}>
              {l.refusals.map((r, j) => (
                <div key={j} style={{ color: '#8c8c8c', fontSize: 13 }}>
                  <Tag>{t('pol.refused')}</Tag>
                  {r.reason}
                </div>
              ))}
            </div>
          )}
        </Card>
      ))}
    </Space>
  );
}
