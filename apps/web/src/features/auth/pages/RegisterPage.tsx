import { CheckCircleFilled, CloseCircleOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Form, Input, Space } from 'antd';
import { PASSWORD_MIN, PHONE_RE, normalizeCode, normalizeLogin, normalizePhone, passwordProblem, sameAsLogin } from '@kzt/shared';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../../api/client.ts';
import { safeRedirect, useAuth } from '../../../app/auth.tsx';
import { useI18n, type MessageKey } from '../../../i18n/index.tsx';
import { useApiErrorHandler } from '../../../lib/errors.ts';
import { demoCode, demoOutbox, register, resendCode, verifyRegistration, type RegisterInput, type RegistrationPending } from '../api.ts';

type Values = { name: string; email?: string; phone?: string; password: string; confirm: string; acceptTerms?: boolean; acceptPrivacy?: boolean };

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The password rules, each checked while the person types (the server checks the same, packages/shared/passwordRules.ts). */
function passwordRules(pw: string, logins: (string | undefined)[]): { key: MessageKey; ok: boolean }[] {
  const problem = pw ? passwordProblem(pw) : 'short';
  return [
    { key: 'auth.rule.length', ok: pw.length >= PASSWORD_MIN },
    { key: 'auth.rule.kinds', ok: /[^\x00-\x7f]/.test(pw) || [/[a-zA-Z]/, /\d/, /[^a-zA-Z\d]/].filter((re) => re.test(pw)).length >= 2 },
    { key: 'auth.rule.notCommon', ok: pw.length >= PASSWORD_MIN && problem !== 'common' && problem !== 'simple' },
    { key: 'auth.rule.notLogin', ok: !!pw && !sameAsLogin(pw, logins) },
  ];
}

export function RegisterPage() {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [codeForm] = Form.useForm<{ code: string }>();
  const { me, refresh } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const redirect = params.get('redirect');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<(RegistrationPending & { login: string }) | null>(null);
  const [resendAt, setResendAt] = useState(0);
  const [now, setNow] = useState(Date.now());
  const onError = useApiErrorHandler();
  // The demo (its development outbox route answers) sends no real message: the code can be shown here. Production: nothing of it.
  const [demo, setDemo] = useState(false);
  const [shownCode, setShownCode] = useState<string | null | undefined>(undefined);
  const [peeking, setPeeking] = useState(false);
  const password = Form.useWatch('password', form) ?? '';
  const email = Form.useWatch('email', form);
  const phone = Form.useWatch('phone', form);

  useEffect(() => {
    document.title = `${t('auth.register.title')} · 科转通`;
  }, [t]);

  useEffect(() => {
    if (me && !submitting) navigate(safeRedirect(redirect, '/org/apply'), { replace: true });
  }, [me, submitting, redirect, navigate]);

  useEffect(() => {
    setShownCode(undefined);
    if (!pending) return;
    let live = true;
    demoOutbox(pending.login)
      .then((items) => live && setDemo(items !== null))
      .catch(() => live && setDemo(false));
    return () => {
      live = false;
    };
  }, [pending]);

  const showDemoCode = async () => {
    if (!pending) return;
    setPeeking(true);
    try {
      const code = await demoCode(pending.login);
      setShownCode(code);
    } catch (e) {
      onError(e);
    } finally {
      setPeeking(false);
    }
  };

  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [pending]);

  const showProblem = (e: unknown, f: typeof form | typeof codeForm) => {
    if (e instanceof ApiError && e.errors.length === 0) setError(e.detail);
    else onError(e, f as never);
  };

  const onFinish = async (values: Values) => {
    setSubmitting(true);
    setError(null);
    const body: RegisterInput = { name: values.name.trim(), password: values.password, acceptTerms: !!values.acceptTerms, acceptPrivacy: !!values.acceptPrivacy };
    if (values.email?.trim()) body.email = normalizeLogin(values.email);
    if (values.phone?.trim()) body.phone = normalizePhone(values.phone.trim());
    try {
      const answer = await register(body);
      setPending({ ...answer, login: (body.email ?? body.phone)! });
      setResendAt(Date.now() + answer.resendAfterSeconds * 1000);
      setNow(Date.now());
    } catch (e) {
      showProblem(e, form);
    } finally {
      setSubmitting(false);
    }
  };

  const onCode = async ({ code }: { code: string }) => {
    if (!pending) return;
    setSubmitting(true);
    setError(null);
    try {
      await verifyRegistration({ login: pending.login, code: normalizeCode(code) });
      await refresh();
      message.success(t('auth.register.success'));
      navigate(safeRedirect(redirect, '/org/apply'), { replace: true });
    } catch (e) {
      showProblem(e, codeForm);
    } finally {
      setSubmitting(false);
    }
  };

  const onResend = async () => {
    if (!pending) return;
    setError(null);
    try {
      const answer = await resendCode(pending.login);
      setShownCode(undefined);
      setResendAt(Date.now() + answer.resendAfterSeconds * 1000);
      setNow(Date.now());
      message.success(t('auth.code.resent'));
    } catch (e) {
      showProblem(e, codeForm);
    }
  };

  const contactRule = {
    validator: async () => {
      const { email: e, phone: p } = form.getFieldsValue(['email', 'phone']);
      if (!e?.trim() && !p?.trim()) throw new Error(t('auth.emailOrPhone'));
    },
  };
  const mustAccept = (key: MessageKey) => ({
    validator: async (_: unknown, v?: boolean) => {
      if (!v) throw new Error(t(key));
    },
  });

  const rules = passwordRules(password, [email, phone]);
  const waitSeconds = Math.max(0, Math.ceil((resendAt - now) / 1000));

  if (pending) {
    return (
      <div className="container">
        <Card className="auth-wrap" title={t('auth.code.title')}>
          <p className="muted" style={{ marginTop: 0 }} data-testid="code-sent">
            {t('auth.code.lead', { to: pending.sentTo })}
          </p>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="form-error" role="alert" />}
          <Form form={codeForm} layout="vertical" onFinish={onCode} requiredMark={false} onValuesChange={() => setError(null)}>
            <Form.Item
              name="code"
              label={t('auth.code.label')}
              rules={[
                { required: true, whitespace: true, message: t('auth.code.invalid') },
                {
                  // ３１７７５４ of a Chinese keyboard, or 317 754, is the same code.
                  validator: async (_, v?: string) => {
                    if (v?.trim() && !/^\d{6}$/.test(normalizeCode(v))) throw new Error(t('auth.code.invalid'));
                  },
                },
              ]}
            >
              <Input inputMode="numeric" autoComplete="one-time-code" maxLength={12} size="large" autoFocus style={{ letterSpacing: 6, fontSize: 20 }} />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={submitting}>
              {t('auth.code.submit')}
            </Button>
          </Form>
          <Space style={{ marginTop: 16, justifyContent: 'space-between', width: '100%' }} wrap>
            <Button type="link" style={{ padding: 0 }} onClick={() => setPending(null)}>
              {t('auth.code.back')}
            </Button>
            <Button type="link" style={{ padding: 0 }} disabled={waitSeconds > 0} onClick={onResend} data-testid="resend-code">
              {waitSeconds > 0 ? t('auth.code.resendIn', { seconds: waitSeconds }) : t('auth.code.resend')}
            </Button>
          </Space>
          {demo && (
            <Alert
              type="info"
              showIcon
              style={{ marginTop: 16 }}
              data-testid="demo-code-hint"
              title={t('auth.code.demoHint')}
              description={
                <Space direction="vertical" size={4}>
                  <Button size="small" onClick={showDemoCode} loading={peeking} data-testid="demo-code-show">
                    {t('auth.code.demoShow')}
                  </Button>
                  {shownCode !== undefined && (
                    <span data-testid="demo-code">{shownCode ? t('auth.code.demoCode', { code: shownCode }) : t('auth.code.demoNone')}</span>
                  )}
                </Space>
              }
            />
          )}
        </Card>
      </div>
    );
  }

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
            rules={[
              contactRule,
              {
                validator: async (_, v?: string) => {
                  // An address typed with a Chinese input method's full-width letters or ＠ is read as the plain one (normalizeLogin, as the server).
                  if (v?.trim() && !EMAIL_RE.test(normalizeLogin(v))) throw new Error(t('auth.emailInvalid'));
                },
              },
            ]}
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
            dependencies={['email', 'phone']}
            rules={[
              { required: true, message: t('auth.required', { field: t('auth.register.password') }) },
              { min: 8, message: t('auth.passwordShort') },
            ]}
          >
            <Input.Password autoComplete="new-password" maxLength={128} />
          </Form.Item>
          <ul className="password-rules" data-testid="password-rules" aria-label={t('auth.register.passwordRules')} style={{ listStyle: 'none', padding: 0, margin: '-8px 0 16px' }}>
            {rules.map((r) => (
              <li key={r.key} data-ok={r.ok} style={{ color: r.ok ? '#389e0d' : '#8c8c8c', fontSize: 13, lineHeight: '22px' }}>
                {r.ok ? <CheckCircleFilled /> : <CloseCircleOutlined />} {t(r.key)}
              </li>
            ))}
          </ul>
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
          <Form.Item name="acceptTerms" valuePropName="checked" rules={[mustAccept('auth.consent.termsRequired')]} style={{ marginBottom: 4 }}>
            <Checkbox>
              {t('auth.consent.prefix')}{' '}
              <Link to="/legal/terms" target="_blank">
                {t('auth.consent.terms')}
              </Link>
            </Checkbox>
          </Form.Item>
          <Form.Item name="acceptPrivacy" valuePropName="checked" rules={[mustAccept('auth.consent.privacyRequired')]}>
            <Checkbox>
              {t('auth.consent.prefix')}{' '}
              <Link to="/legal/privacy" target="_blank">
                {t('auth.consent.privacy')}
              </Link>
              <span className="muted" style={{ fontSize: 12 }}>
                {t('auth.consent.privacyNote')}
              </span>
            </Checkbox>
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={submitting}>
            {t('auth.register.sendCode')}
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
