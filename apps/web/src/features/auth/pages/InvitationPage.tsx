import { Alert, App, Button, Card, Result, Space, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../../api/client.ts';
import { useAuth } from '../../../app/auth.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { acceptInvitationByLink, declineInvitationByLink, previewInvitation, type InvitationPreview } from '../api.ts';

/**
 * The page of an invitation's one-time link (/invitations/:id?token=…), from
 * the invitation message. It shows the organisation and the role; a signed-in
 * person accepts or declines with the link's token; others sign in or
 * register first and come back here.
 */
export function InvitationPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const location = useLocation();
  const navigate = useNavigate();
  const { me, refresh } = useAuth();
  const { message } = App.useApp();
  const [invitation, setInvitation] = useState<InvitationPreview | null>(null);
  const [invalid, setInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    document.title = `${t('invite.title')} · 科转通`;
  }, [t]);

  useEffect(() => {
    if (!token) {
      setInvalid(true);
      return;
    }
    previewInvitation(id, token).then(setInvitation, () => setInvalid(true));
  }, [id, token]);

  const back = encodeURIComponent(location.pathname + location.search);

  const act = async (accept: boolean) => {
    setBusy(true);
    setError(null);
    try {
      if (accept) {
        const r = await acceptInvitationByLink(id, token);
        await refresh();
        message.success(t('invite.accepted', { org: r.organizationName }));
        navigate(`/org/${r.organizationId}`, { replace: true });
      } else {
        await declineInvitationByLink(id, token);
        message.success(t('invite.declined'));
        navigate('/', { replace: true });
      }
    } catch (e) {
      setError(e instanceof ApiError ? (e.errors[0]?.message ?? e.detail) : t('common.unexpected'));
    } finally {
      setBusy(false);
    }
  };

  if (invalid) {
    return (
      <div className="container">
        <Result status="warning" title={t('invite.title')} subTitle={t('invite.invalid')} data-testid="invitation-invalid" />
      </div>
    );
  }
  if (!invitation) return <Spin style={{ display: 'block', margin: '80px auto' }} />;

  const role = t(invitation.role === 'owner' ? 'invite.role.owner' : 'invite.role.member');
  return (
    <div className="container">
      <Card className="auth-wrap" title={t('invite.title')} data-testid="invitation-card">
        <p style={{ fontSize: 16, marginTop: 0 }}>{t('invite.lead', { org: invitation.organizationName, role })}</p>
        {invitation.status !== 'pending' ? (
          <Alert type="info" showIcon title={t('invite.notPending', { status: invitation.status })} />
        ) : (
          <>
            {invitation.expiresAt && <p className="muted">{t('invite.expires', { at: formatDateTime(invitation.expiresAt) })}</p>}
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" data-testid="form-error" />}
            {me ? (
              <Space wrap>
                <Button type="primary" size="large" loading={busy} onClick={() => act(true)} data-testid="accept-invitation">
                  {t('invite.accept')}
                </Button>
                <Button size="large" disabled={busy} onClick={() => act(false)}>
                  {t('invite.decline')}
                </Button>
              </Space>
            ) : (
              <>
                <p>{t('invite.signInFirst')}</p>
                <Space wrap>
                  <Link to={`/login?redirect=${back}`}>
                    <Button type="primary">{t('auth.login.submit')}</Button>
                  </Link>
                  <Link to={`/register?redirect=${back}`}>
                    <Button>{t('auth.login.toRegister')}</Button>
                  </Link>
                </Space>
              </>
            )}
          </>
        )}
      </Card>
    </div>
  );
}
