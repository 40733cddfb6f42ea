import { Alert, App, Button, Card, Empty, Form, Input, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { PageLoading } from '../../../app/PageLoading.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { useApiErrorHandler } from '../../../lib/errors.ts';
import { formatDateTime } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { announceNotificationsChanged } from '../../notifications/api.ts';
import { fetchConversation, recordPath, replyConversation } from '../api.ts';
import { ThreadState } from './MessagesPage.tsx';

/** One 洽谈 thread: the record it is about, the messages of both sides, and the reply box for those who may write. */
export function ConversationPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm<{ message: string }>();
  const [sending, setSending] = useState(false);
  const state = useAsync((signal) => fetchConversation(id, signal), [id]);
  const c = state.data;
  useEffect(() => {
    if (c) {
      document.title = `${c.record.title} · ${t('msg.title')} · 科转通`;
      announceNotificationsChanged();
    }
  }, [c, t]);

  if (state.loading && !c) return <PageLoading />;
  if (!c) {
    return (
      <div className="container">
        <Empty description={state.error instanceof Error ? state.error.message : t('msg.empty')}>
          <Link to="/messages">{t('msg.back')}</Link>
        </Empty>
      </div>
    );
  }
  const other = c.mySide === 'asker' ? c.ownerOrganization.name : (c.askerOrganization ? `${c.askerOrganization.name}（${c.asker.name}）` : c.asker.name);

  const send = async () => {
    const values = await form.validateFields();
    setSending(true);
    try {
      await replyConversation(c.id, values.message);
      form.resetFields();
      message.success(t('msg.replied'));
      await state.reload();
    } catch (e) {
      onError(e, form);
    } finally {
      setSending(false);
    }
  };

  return (
    <div className="container stack" data-testid="conversation-page">
      <nav className="crumbs">
        <Link to="/messages">{t('msg.title')}</Link>
      </nav>
      <div className="page-header" style={{ marginBottom: 0 }}>
        <h1 className="record-h1">
          <Link to={recordPath(c.record.type, c.record.id)} data-testid="conversation-record">
            {c.record.title}
          </Link>
        </h1>
        <Space size={8} wrap>
          <Tag color="blue">{t(c.record.type === 'achievement' ? 'msg.record.achievement' : 'msg.record.demand')}</Tag>
          <span>{t('msg.with', { name: other })}</span>
          <ThreadState c={c} />
        </Space>
      </div>
      <Card>
        <div className="thread" data-testid="thread">
          {c.messages.map((m) => (
            <div key={m.id} className={`bubble-row ${m.mine ? 'mine' : ''}`} data-testid="thread-message" data-side={m.side}>
              <div className="bubble">
                <div className="bubble-meta">
                  <strong>{m.mine ? t('msg.you') : m.author.name}</strong>
                  {m.side === 'owner' && !m.mine && <span> · {c.ownerOrganization.name}</span>}
                  <span className="muted"> · {formatDateTime(m.createdAt)}</span>
                </div>
                <div className="bubble-body">{m.body}</div>
              </div>
            </div>
          ))}
        </div>
      </Card>
      {c.canReply ? (
        <Card title={t('msg.reply')}>
          <Form form={form} layout="vertical" onFinish={() => void send()}>
            <Form.Item name="message" rules={[{ required: true, whitespace: true, min: 2, message: t('msg.reply.placeholder') }]}>
              <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('msg.reply.placeholder')} data-testid="reply-message" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={sending} data-testid="reply-send">
              {t('engage.send')}
            </Button>
          </Form>
        </Card>
      ) : (
        <Alert type="info" showIcon title={t('msg.readOnly')} />
      )}
    </div>
  );
}
