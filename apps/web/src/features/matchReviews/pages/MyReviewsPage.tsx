import { App, Button, Card, Empty, Form, Input, Popconfirm, Radio, Rate, Space, Spin, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../i18n/index.tsx';
import { useApiErrorHandler } from '../../../lib/errors.ts';
import { formatDateTime } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { declineReview, fetchMyReviews, orgName, REVIEW_OPINIONS, submitOpinion, type MyReview, type ReviewOpinion, type ReviewRecordRef } from '../../matching/api.ts';
import { OPINION_COLOR } from '../../matching/components/ReviewSummaryTag.tsx';

/** 专家论证: the invitations of the signed-in expert, each with its form. */
export function MyReviewsPage() {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${t('rev.title')} · 科转通`;
  }, [t]);
  const res = useAsync((signal) => fetchMyReviews(signal), []);
  const items = res.data?.items ?? [];
  return (
    <div className="container stack" data-testid="reviews-page">
      <div className="page-header" style={{ marginBottom: 0 }}>
        <h1>{t('rev.title')}</h1>
        <p>{t('rev.lead')}</p>
      </div>
      <Spin spinning={res.loading}>
        {res.data && items.length === 0 ? (
          <Card>
            <Empty description={t('rev.empty')} />
          </Card>
        ) : (
          <div className="stack">
            {items.map((r) => (
              <ReviewCard key={r.id} review={r} onChanged={() => void res.reload()} />
            ))}
          </div>
        )}
      </Spin>
    </div>
  );
}

function RecordLine({ label, kind, record }: { label: string; kind: 'demands' | 'achievements'; record: ReviewRecordRef }) {
  return (
    <div className="review-record">
      <Tag color={kind === 'demands' ? 'cyan' : 'blue'}>{label}</Tag>
      <Link to={`/${kind}/${record.id}`} data-testid={`review-${kind}`}>{record.title}</Link>
      {orgName(record.organization) && <span className="muted"> · {orgName(record.organization)}</span>}
    </div>
  );
}

type Values = { score: number; opinion: ReviewOpinion; comment?: string };

function ReviewCard({ review: r, onChanged }: { review: MyReview; onChanged: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState<'submit' | 'decline' | null>(null);
  const mine = r.invitation;
  const open = r.allowedActions.includes('submit');

  const submit = async () => {
    const v = await form.validateFields();
    setBusy('submit');
    try {
      await submitOpinion(r.id, { score: v.score, opinion: v.opinion, comment: v.comment?.trim() ?? '' });
      message.success(t('rev.submitted'));
      onChanged();
    } catch (e) {
      onError(e, form);
    } finally {
      setBusy(null);
    }
  };
  const decline = async () => {
    setBusy('decline');
    try {
      await declineReview(r.id);
      message.success(t('rev.declined'));
      onChanged();
    } catch (e) {
      onError(e);
    } finally {
      setBusy(null);
    }
  };

  const statusTag = r.status === 'closed' && mine.status === 'invited' ? <Tag>{t('rev.status.closed')}</Tag> : <Tag color={mine.status === 'submitted' ? 'green' : mine.status === 'declined' ? 'default' : 'gold'}>{t(`rev.status.${mine.status}`)}</Tag>;
  return (
    <Card
      size="small"
      className="review-card"
      data-testid="review-card"
      data-status={mine.status}
      title={
        <Space size={8} wrap>
          {statusTag}
          <span className="muted review-meta">
            {t('rev.invitedAt')} {formatDateTime(mine.invitedAt)}
            {r.requestedBy?.name ? ` · ${t('rev.requestedBy')} ${r.requestedBy.name}` : ''}
          </span>
        </Space>
      }
    >
      <RecordLine label={t('rev.demand')} kind="demands" record={r.demand} />
      <RecordLine label={t('rev.achievement')} kind="achievements" record={r.achievement} />
      {r.note && (
        <p className="review-note">
          <span className="muted">{t('rev.note')}{t('common.colon')}</span>
          {r.note}
        </p>
      )}
      {open ? (
        <Form form={form} layout="vertical" className="review-form" data-testid="review-form">
          <Form.Item name="score" label={t('rev.score')} rules={[{ required: true, message: t('rev.scoreRequired') }]}>
            <Rate count={5} data-testid="review-score" />
          </Form.Item>
          <Form.Item name="opinion" label={t('rev.opinion')} rules={[{ required: true, message: t('rev.opinionRequired') }]}>
            <Radio.Group options={REVIEW_OPINIONS.map((o) => ({ value: o, label: t(`rev.opinion.${o}`) }))} data-testid="review-opinion" />
          </Form.Item>
          <Form.Item name="comment" label={`${t('rev.comment')}（${t('common.optional')}）`}>
            <Input.TextArea rows={3} maxLength={2000} showCount placeholder={t('rev.comment.placeholder')} />
          </Form.Item>
          <Space wrap>
            <Button type="primary" loading={busy === 'submit'} onClick={() => void submit().catch(() => undefined)} data-testid="review-submit">
              {t('rev.submit')}
            </Button>
            {r.allowedActions.includes('decline') && (
              <Popconfirm title={t('rev.declineConfirm')} okText={t('common.ok')} cancelText={t('common.cancel')} onConfirm={() => void decline()}>
                <Button loading={busy === 'decline'} data-testid="review-decline">{t('rev.decline')}</Button>
              </Popconfirm>
            )}
          </Space>
        </Form>
      ) : (
        mine.status === 'submitted' && (
          <div className="review-mine" data-testid="review-mine">
            <Space wrap size={8}>
              {mine.score != null && <Rate disabled value={mine.score} style={{ fontSize: 14 }} />}
              {mine.opinion && <Tag color={OPINION_COLOR[mine.opinion]}>{t(`rev.opinion.${mine.opinion}`)}</Tag>}
            </Space>
            {mine.comment && <p className="review-note">{mine.comment}</p>}
          </div>
        )
      )}
    </Card>
  );
}
