import { Alert, App, Button, Card, Form, Input } from 'antd';
import { PHONE_RE, normalizePhone } from '@kzt/shared';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../../api/client.ts';
import { safeRedirect, useAuth } from '../../../app/auth.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { useApiErrorHandler } from '../../../lib/errors.ts';
import { register, type RegisterInput } from '../api.ts';

type Values = { name: string; email?: string; phone?: string; password: string; confirm: string };

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function RegisterPage() {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const { me, refresh } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const redirect = params.get('redirect');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onError = useApiErrorHandler();

  useEffect(() => {
    document.title = `${t('auth.register.title')} · 科转通`;
  }, [t]);

  useEffect(() => {
    if (me && !submitting) navigate(safeRedirect(redirect, '/org/apply'), { replace: true });
  }, [me, submitting, redirect, navigate]);

  const onFinish = async (values: Values) => {
    setSubmitting(true);
    setError(null);
    const body: RegisterInput = { name: values.name.trim(), password: values.password };
    if (values.email?.trim()) body.email = values.email.trim();
    if (values.phone?.trim()) body.phone = normalizePhone(values.phone.trim());
    try {
      await register(body);
      await refresh();
      message.success(t('auth.register.success'));
      navigate(safeRedirect(redirect, '/org/apply'), { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.errors.length === 0) setError(e.detail);
      else onError(e, form);
    } finally {
      setSubmitting(false);
    }
  };

  const contactRule = {
    validator: async () => {
      const { email, phone } = form.getFieldsValue(['email', 'phone']);
      if (!email?.trim() && !phone?.trim()) throw new Error(t('auth.emailOrPhone'));
    },
  };

  return (
    <div className="container">
      <Card className="auth-wrap" title={t('auth.register.title')}>
        <p className="muted" style={{ marginTop: 0 }}>
          {t('auth.register.lead')}
        </p>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="form-error" role="alert" />}
        <Form form={form} layout="vertical" onFinish={onFinish} requiredMark="optional" onValuesChange={() => setError(null)}>
          <Form.Item
            name="name"
            label={t('auth.register.name')}
            rules={[{ required: true, whitespace: true, message: t('auth.required', { field: t('auth.register.name') }) }]}
          >
            <Input autoComplete="name" maxLength={50} />
          </Form.Item>
          <Form.Item
            name="email"
            label={t('auth.register.email')}
            dependencies={['phone']}
            rules={[contactRule, { pattern: EMAIL_RE, message: t('auth.emailInvalid') }]}
          >
            <Input type="email" autoComplete="email" maxLength={254} />
          </Form.Item>
          <Form.Item
            name="phone"
            label={t('auth.register.phone')}
            dependencies={['email']}
            rules={[
              contactRule,
              {
                validator: async (_, v?: string) => {
                  if (v?.trim() && !PHONE_RE.test(normalizePhone(v.trim()))) throw new Error(t('auth.phoneInvalid'));
                },
              },
            ]}
          >
            <Input type="tel" autoComplete="tel" maxLength={20} />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('auth.register.password')}
            extra={t('auth.register.passwordHint')}
            rules={[
              { required: true, message: t('auth.required', { field: t('auth.register.password') }) },
              { min: 8, message: t('auth.passwordShort') },
            ]}
          >
            <Input.Password autoComplete="new-password" maxLength={128} />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('auth.register.confirm')}
            dependencies={['password']}
            rules={[
              { required: true, message: t('auth.required', { field: t('auth.register.confirm') }) },
              ({ getFieldValue }) => ({
                validator: async (_, v?: string) => {
                  if (v && v !== getFieldValue('password')) throw new Error(t('auth.passwordMismatch'));
                },
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" maxLength={128} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={submitting}>
            {t('auth.register.submit')}
          </Button>
        </Form>
        <p style={{ textAlign: 'center', marginTop: 16, marginBottom: 0 }}>
          {t('auth.register.hasAccount')}{' '}
          <Link to={`/login${redirect ? `?redirect=${encodeURIComponent(redirect)}` : ''}`}>{t('auth.register.toLogin')}</Link>
        </p>
      </Card>
    </div>
  );
}
