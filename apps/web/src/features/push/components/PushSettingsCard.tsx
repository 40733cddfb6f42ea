import { Alert, Button, Card, Form, Skeleton, Switch } from 'antd';
import { useEffect } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { useFormSubmit } from '../../../lib/useFormSubmit.tsx';
import { fetchPushSettings, savePushSettings, type PushSettings } from '../api.ts';
import { NumberInput } from '../../../lib/NumberInput.tsx';

type Values = Pick<PushSettings, 'email' | 'sms' | 'dailyLimit'>;

/** E-mail / SMS switches and the daily limit of the digest. */
export function PushSettingsCard() {
  const { t } = useI18n();
  const res = useAsync((signal) => fetchPushSettings(signal), []);
  const settings = res.data;
  const { form, busy, submit } = useFormSubmit<Values>({
    action: (v) => savePushSettings(v),
    success: t('push.settings.saved'),
    onDone: () => void res.reload(),
  });
  useEffect(() => {
    if (settings) form.setFieldsValue({ email: settings.email, sms: settings.sms, dailyLimit: settings.dailyLimit });
  }, [settings, form]);

  return (
    <Card title={t('push.settings.title')} data-testid="push-settings">
      {!settings && res.loading ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : (
        <>
          {settings?.unsubscribedAt && (
            <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('push.settings.unsubscribed', { at: formatDateTime(settings.unsubscribedAt) })} />
          )}
          <Form form={form} layout="horizontal" labelCol={{ flex: '120px' }} labelAlign="left" colon={false} className="push-settings-form">
            <Form.Item name="email" label={t('push.settings.email')} valuePropName="checked">
              <Switch data-testid="push-email" />
            </Form.Item>
            <Form.Item name="sms" label={t('push.settings.sms')} valuePropName="checked">
              <Switch data-testid="push-sms" />
            </Form.Item>
            <Form.Item name="dailyLimit" label={t('push.settings.dailyLimit')} rules={[{ required: true, message: t('cat.required') }]}>
              <NumberInput min={1} max={100} precision={0} suffix={t('push.settings.dailyLimit.unit')} style={{ width: 140 }} />
            </Form.Item>
            <p className="muted push-settings-hint">{t('push.settings.hint')}</p>
            <Button type="primary" loading={busy} onClick={() => void submit()} data-testid="push-settings-save">
              {t('common.save')}
            </Button>
          </Form>
        </>
      )}
    </Card>
  );
}
