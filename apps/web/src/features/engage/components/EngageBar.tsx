import { HeartFilled, HeartOutlined, MessageOutlined } from '@ant-design/icons';
import type { FavouriteType } from '@kzt/shared';
import { Alert, App, Button, Form, Input, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../../../app/auth.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { useApiErrorHandler } from '../../../lib/errors.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { useFormModal } from '../../../lib/useFormModal.tsx';
import { listConversations, listFavourites, openConversation, removeFavourite, saveFavourite } from '../api.ts';

/** Sends a signed-out visitor to the login page, back here afterwards. */
function useSignIn() {
  const navigate = useNavigate();
  const location = useLocation();
  return () => navigate(`/login?redirect=${encodeURIComponent(location.pathname + location.search)}`);
}

/** 收藏 / 已收藏: the button state comes from the caller's saved items. */
export function FavouriteButton({ type, id, block }: { type: FavouriteType; id: string; block?: boolean }) {
  const { t } = useI18n();
  const { me } = useAuth();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const signIn = useSignIn();
  const state = useAsync(async (signal) => (me ? (await listFavourites({ recordType: type, recordId: id, pageSize: 1 }, signal)).total > 0 : false), [me?.user.id, type, id]);
  const [busy, setBusy] = useState(false);
  const saved = !!state.data;
  const toggle = async () => {
    if (!me) return signIn();
    setBusy(true);
    try {
      if (saved) await removeFavourite(type, id);
      else await saveFavourite(type, id);
      message.success(t(saved ? 'engage.unsaved.toast' : 'engage.saved.toast'));
      await state.reload();
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      block={block}
      icon={saved ? <HeartFilled style={{ color: '#eb2f96' }} /> : <HeartOutlined />}
      loading={busy || (state.loading && !!me)}
      aria-pressed={saved}
      onClick={() => void toggle()}
      data-testid="favourite-button"
      data-saved={saved ? 'true' : 'false'}
      data-ready={state.loading || busy ? 'false' : 'true'}
    >
      {t(saved ? 'engage.saved' : 'engage.save')}
    </Button>
  );
}

type EngageRecord = { id: string; title: string; status?: string; organization: { id: string; name: string }; allowedActions: string[] };

/**
 * 我要洽谈 and 收藏 on an achievement's or a demand's page. A visitor is
 * asked to sign in; the owner organisation's people are sent to the
 * conversations they received; anyone else writes to the owner (or opens the
 * thread they already have).
 */
export function EngageBar({ type, record }: { type: 'achievement' | 'demand'; record: EngageRecord }) {
  const { t } = useI18n();
  const { me } = useAuth();
  const navigate = useNavigate();
  const signIn = useSignIn();
  const ask = useFormModal<{ message: string; organizationId?: string }, Awaited<ReturnType<typeof openConversation>>>({
    action: (values) => openConversation({ recordType: type, recordId: record.id, message: values.message, ...(values.organizationId ? { organizationId: values.organizationId } : {}) }),
    success: t('engage.sent', { owner: record.organization.name }),
    fieldMap: { message: 'message', organizationId: 'organizationId' },
    onDone: (res) => navigate(`/messages/${res.conversation.id}`),
  });
  const own = !!me?.organizations.some((o) => o.id === record.organization.id);
  const thread = useAsync(async (signal) => (me && !own ? (await listConversations({ side: 'asker', recordType: type, recordId: record.id, pageSize: 1 }, signal)).items[0] ?? null : null), [me?.user.id, own, type, record.id]);
  if (record.status && record.status !== 'published') return null;

  return (
    <div className="engage-bar" data-testid="engage-bar">
      <Space wrap>
        {own ? (
          <Link to="/messages?side=owner">
            <Button icon={<MessageOutlined />} data-testid="engage-received">{t('engage.ownerThreads')}</Button>
          </Link>
        ) : thread.data ? (
          <Link to={`/messages/${thread.data.id}`}>
            <Button type="primary" icon={<MessageOutlined />} data-testid="engage-open">{t('engage.open')}</Button>
          </Link>
        ) : (
          <Button type="primary" icon={<MessageOutlined />} onClick={() => (me ? ask.open() : signIn())} data-testid="engage-ask">
            {t('engage.ask')}
          </Button>
        )}
        {!own && <FavouriteButton type={type} id={record.id} />}
        {!me && <span className="muted">{t('engage.signIn')}</span>}
      </Space>
      <Modal
        {...ask.modalProps}
        title={t('engage.modal.title', { owner: record.organization.name })}
        okText={t('engage.send')}
        cancelText={t('common.cancel')}
        okButtonProps={{ 'data-testid': 'engage-send' } as Record<string, string>}
        destroyOnHidden
      >
        <Alert type="info" showIcon title={t('engage.modal.lead')} style={{ marginBottom: 16 }} />
        <Form form={ask.form} layout="vertical" initialValues={{ organizationId: me?.organizations.find((o) => o.status === 'verified')?.id }}>
          {me && me.organizations.length > 0 && (
            <Form.Item name="organizationId" label={t('engage.field.org')}>
              <Select allowClear placeholder={t('engage.field.org.self')} options={me.organizations.map((o) => ({ value: o.id, label: o.name }))} />
            </Form.Item>
          )}
          <Form.Item name="message" label={t('engage.field.message')} rules={[{ required: true, whitespace: true, min: 2, message: t('engage.field.message') }]}>
            <Input.TextArea rows={5} maxLength={2000} showCount placeholder={t('engage.field.message.placeholder')} data-testid="engage-message" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
