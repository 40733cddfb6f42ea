import { Alert, App, Button, Card, Descriptions, Empty, Form, Input, List, Result, Segmented, Space, Spin, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../../api/client.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { NumberInput } from '../../../lib/NumberInput.tsx';
import { useFormSubmit } from '../../../lib/useFormSubmit.tsx';
import { formatDate } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { fetchChallenge, scoreBid, type Bid } from '../api.ts';
import { useChallengeLabels } from '../labels.tsx';

/** The expert's scoring page: one bid at a time, every criterion 0–100 and a comment; final once sent. */
export function ScoringPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const L = useChallengeLabels();
  const res = useAsync((signal) => fetchChallenge(id, signal), [id]);
  const [current, setCurrent] = useState<string>();
  const c = res.data;
  const bids = (c?.bids ?? []).filter((b) => b.check.status === 'passed');
  const bid = bids.find((b) => b.id === current) ?? bids[0];
  const { modal } = App.useApp();
  const [asking, setAsking] = useState(false);
  const { form, busy, save } = useFormSubmit<{ scores: Record<string, number | null>; comment: string }>({
    // The form is drawn only for a bid of a loaded challenge; the scores are final once sent, so the page reloads before the button frees.
    action: async (v) => {
      await scoreBid(c!.id, bid!.id, { scores: Object.fromEntries(c!.criteria.map((k) => [k.key, v.scores[k.key] ?? 0])), comment: v.comment?.trim() ?? '' });
      await res.reload();
    },
    success: t('ch.score.saved'),
  });
  const mine = bid?.scores?.find((s) => s.mine);
  /** The next bid the expert has not scored yet (after this one, then from the start). */
  const at = bids.findIndex((b) => b.id === bid?.id);
  const next = [...bids.slice(at + 1), ...bids.slice(0, Math.max(at, 0))].find((b) => !b.scores?.some((s) => s.mine));
  const watched = Form.useWatch('scores', form) ?? {};
  /** A score the server would take: a whole number 0–100 (what the fields' rules say). */
  const onScale = (x: number | null | undefined): x is number => Number.isInteger(x) && x! >= 0 && x! <= 100;
  const weightedOf = (scores: Record<string, number | null | undefined>) => (c ? c.criteria.reduce((s, k) => s + (onScale(scores[k.key]) ? scores[k.key]! : 0) * Math.round(k.weight * 10_000), 0) / 10_000 : 0);
  // While typing, the total counts only scores on the scale and says how many criteria are still to be filled or mended.
  const unfinished = c ? c.criteria.filter((k) => !onScale(watched[k.key])).length : 0;
  const weighted = weightedOf(watched);
  /** Scores are final once sent: the expert sees each criterion's score and the total, and confirms, before anything is saved. */
  const confirmSubmit = (v: { scores: Record<string, number | null>; comment: string }) => {
    setAsking(true);
    modal.confirm({
      title: t('ch.score.confirmTitle', { name: bid?.organization.name ?? '' }),
      width: 480,
      content: (
        <div data-testid="score-confirm">
          <p>{t('ch.score.confirmLead')}</p>
          <table className="score-confirm-table" style={{ width: '100%', borderCollapse: 'collapse' }}>
            <tbody>
              {c!.criteria.map((k) => (
                <tr key={k.key}>
                  <td style={{ padding: '2px 0' }}>{`${L.criterion(k)}（${L.percent(k.weight)}）`}</td>
                  <td style={{ textAlign: 'right' }} data-testid={`score-confirm-${k.key}`}>{v.scores[k.key]}</td>
                </tr>
              ))}
              <tr style={{ borderTop: '1px solid #eee', fontWeight: 600 }}>
                <td style={{ padding: '4px 0' }}>{t('ch.score.total')}</td>
                <td style={{ textAlign: 'right' }} data-testid="score-confirm-total">{weightedOf(v.scores).toFixed(2)}</td>
              </tr>
            </tbody>
          </table>
          {v.comment?.trim() && <p className="muted" style={{ marginTop: 8, whiteSpace: 'pre-wrap' }}>{t('ch.field.comment')}{t('common.colon')}{v.comment.trim()}</p>}
        </div>
      ),
      okText: t('ch.score.confirmOk'),
      cancelText: t('ch.score.confirmBack'),
      okButtonProps: { 'data-testid': 'score-confirm-ok' } as { danger?: boolean },
      onOk: () => void save(v),
      afterClose: () => setAsking(false),
    });
  };

  useEffect(() => {
    if (c) document.title = `${t('ch.score.title', { title: c.title })} · 科转通`;
  }, [c, t]);
  useEffect(() => form.resetFields(), [bid?.id, form]);

  if (res.error instanceof ApiError) return <Result status="404" title={res.error.detail} />;
  if (!c) return <Spin style={{ display: 'block', margin: 48 }} />;

  return (
    <div className="container stack" style={{ maxWidth: 960 }} data-testid="scoring-page">
      <div className="page-header">
        <h1>{t('ch.score.title', { title: c.title })}</h1>
        <p>{t('ch.score.lead')}</p>
        <Link to={`/challenges/${c.id}`}>{t('ch.backToDetail')}</Link>
      </div>
      {bids.length === 0 || !bid ? (
        <Card>
          <Empty description={t('ch.score.none')} />
        </Card>
      ) : (
        <>
          <Segmented<string>
            value={bid.id}
            onChange={setCurrent}
            options={bids.map((b, i) => ({ value: b.id, label: <span data-testid="scoring-tab">{`${i + 1}. ${b.organization.name}`}{b.scores?.some((s) => s.mine) ? ' ✓' : ''}</span> }))}
            style={{ maxWidth: '100%', overflowX: 'auto' }}
          />
          <Card size="small" title={bid.organization.name}>
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('ch.field.budget')}>{L.money(bid.budget)}</Descriptions.Item>
              <Descriptions.Item label={t('ch.field.team')}>{bid.team}</Descriptions.Item>
              <Descriptions.Item label={t('ch.field.plan')}>
                <span style={{ whiteSpace: 'pre-wrap' }}>{bid.plan}</span>
              </Descriptions.Item>
            </Descriptions>
            <h4 style={{ margin: '8px 0 4px' }}>{t('ch.field.milestones')}</h4>
            <ol className="score-milestones" data-testid="scoring-milestones">
              {bid.milestones.map((m) => (
                <li key={m.n}>
                  <strong>{m.title}</strong>
                  <span className="muted">
                    {' '}
                    · {formatDate(m.dueOn)} · {L.percent(m.share)}
                  </span>
                  {m.deliverable && <div className="muted">{t('ch.field.deliverable')}{t('common.colon')}{m.deliverable}</div>}
                </li>
              ))}
            </ol>
          </Card>
          <Card size="small" title={mine ? t('ch.score.done') : t('ch.action.score')} data-testid="scoring-card">
            {mine ? (
              <>
                <ScoresView bid={bid} criteria={c.criteria} />
                {next && (
                  <Button type="primary" style={{ marginTop: 12 }} onClick={() => setCurrent(next.id)} data-testid="score-next">
                    {t('ch.score.next', { name: next.organization.name ?? '' })}
                  </Button>
                )}
              </>
            ) : (
              <Form form={form} layout="vertical" onFinish={confirmSubmit}>
                {c.criteria.map((k) => (
                  // No clamping or rounding (120 is not turned into 100, 70.5 into 71): a score off the scale is refused on its field, as the server refuses it.
                  <Form.Item key={k.key} name={['scores', k.key]} label={`${L.criterion(k)}（${L.percent(k.weight)}）`} rules={[{ required: true, message: t('ch.score.required') }, { type: 'integer', min: 0, max: 100, message: t('ch.score.scale') }]}>
                    <NumberInput placeholder="0–100" style={{ width: 160 }} data-testid={`score-${k.key}`} />
                  </Form.Item>
                ))}
                <Form.Item name="comment" label={t('ch.field.comment')}>
                  <Input.TextArea rows={3} maxLength={2000} />
                </Form.Item>
                <Space>
                  <Button type="primary" htmlType="submit" loading={busy || asking} data-testid="score-submit">
                    {t('ch.action.submit')}
                  </Button>
                  <Tag color={unfinished ? 'default' : 'blue'} data-testid="score-weighted">
                    {unfinished ? t('ch.score.weightedPartial', { value: weighted.toFixed(2), n: unfinished }) : t('ch.score.weighted', { value: weighted.toFixed(2) })}
                  </Tag>
                </Space>
              </Form>
            )}
          </Card>
        </>
      )}
    </div>
  );
}

function ScoresView({ bid, criteria }: { bid: Bid; criteria: { key: string; name: string }[] }) {
  const { t } = useI18n();
  const L = useChallengeLabels();
  const scores = bid.scores ?? [];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <List
        size="small"
        dataSource={scores}
        data-testid="scores-list"
        renderItem={(s) => (
          <List.Item>
            <div style={{ width: '100%' }}>
              <Space wrap>
                {s.mine ? <strong>{s.expert}</strong> : <span>{s.expert}</span>}
                <Tag color="blue">{t('ch.score.weighted', { value: s.weighted })}</Tag>
              </Space>
              <div className="score-criteria">
                {criteria.map((k) => (
                  <span key={k.key}>
                    <span className="muted">{L.criterion(k)}</span> {s.scores[k.key]}
                  </span>
                ))}
              </div>
              {s.comment && <div className="muted">{t('ch.field.comment')}{t('common.colon')}{s.comment}</div>}
            </div>
          </List.Item>
        )}
      />
      {bid.result?.mean != null && bid.result.spread ? (
        <Alert type="info" title={t('ch.detail.result', { mean: bid.result.mean, scored: bid.result.scored, experts: bid.result.experts, min: bid.result.spread.min, max: bid.result.spread.max })} />
      ) : (
        <span className="muted">{t('ch.score.hidden')}</span>
      )}
    </Space>
  );
}
