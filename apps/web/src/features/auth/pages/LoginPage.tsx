import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../../api/client.ts';
import { safeRedirect, useAuth } from '../../../app/auth.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { useApiErrorHandler } from '../../../lib/errors.ts';
import { normalizeLogin } from '@kzt/shared';
import { login } from '../api.ts';

type Values = { login: string; password: string };

export function LoginPage() {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const { me, refresh } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const redirect = params.get('redirect');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** When sign-in was slowed down (429): the time the next attempt is allowed. */
  const [delayedUntil, setDelayedUntil] = useState(0);
  const [now, setNow] = useState(Date.now());
  const onError = useApiErrorHandler();

  useEffect(() => {
    if (delayedUntil <= Date.now()) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [delayedUntil]);
  const waitSeconds = Math.max(0, Math.ceil((delayedUntil - now) / 1000));

  useEffect(() => {
    document.title = `${t('auth.login.title')} · 科转通`;
  }, [t]);

  // Already signed in (e.g. back button): go on.
  useEffect(() => {
    if (me && !submitting) navigate(safeRedirect(redirect, '/workbench'), { replace: true });
  }, [me, submitting, redirect, navigate]);

  const onFinish = async (values: Values) => {
    setSubmitting(true);
    setError(null);
    try {
      // A phone or an address typed in full-width forms (１３９…, ＠) is the same account: made plain as the server does.
      await login({ login: normalizeLogin(values.login), password: values.password });
      await refresh();
      message.success(t('auth.login.success'));
      navigate(safeRedirect(redirect, '/workbench'), { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.status === 429) {
        // The server says how many seconds to wait (growing delays per account and address).
        const seconds = Number(e.detail.match(/(\d+)\s*(秒|seconds)/)?.[1] ?? 0);
        setDelayedUntil(Date.now() + seconds * 1000);
        setNow(Date.now());
        setError(e.detail);
      } else if (e instanceof ApiError && e.errors.length === 0) setError(e.detail);
      else onError(e, form);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div className="container">
      <Card className="auth-wrap" title={t('auth.login.title')}>
        <p className="muted" style={{ marginTop: 0 }}>
          {t('auth.login.lead')}
        </p>
        {error && waitSeconds > 0 ? (
          <Alert
            type="warning"
            showIcon
            title={t('auth.login.delayed')}
            description={error}
            style={{ marginBottom: 16 }}
            data-testid="login-delayed"
            role="alert"
          />
        ) : (
          error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="form-error" role="alert" />
        )}
        <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false} onValuesChange={() => setError(null)}>
          <Form.Item
            name="login"
            label={t('auth.login.login')}
            rules={[{ required: true, whitespace: true, message: t('auth.required', { field: t('auth.login.login') }) }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" size="large" maxLength={254} />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('auth.password')}
            rules={[{ required: true, message: t('auth.required', { field: t('auth.password') }) }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" maxLength={128} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={submitting} disabled={waitSeconds > 0}>
            {waitSeconds > 0 ? t('auth.login.retryIn', { seconds: waitSeconds }) : t('auth.login.submit')}
          </Button>
        </Form>
        <p style={{ textAlign: 'center', marginTop: 16, marginBottom: 0 }}>
          {t('auth.login.noAccount')}{' '}
          <Link to={`/register${redirect ? `?redirect=${encodeURIComponent(redirect)}` : ''}`}>{t('auth.login.toRegister')}</Link>
        </p>
      </Card>
    </div>
  );
}
