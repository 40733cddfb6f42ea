import { Alert, App, Button, Card, Form, InputNumber, Skeleton, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { useApiErrorHandler } from '../../../lib/errors.ts';
import { formatDateTime } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { fetchPushSettings, savePushSettings, type PushSettings } from '../api.ts';

type Values = Pick<PushSettings, 'email' | 'sms' | 'dailyLimit'>;

/** E-mail / SMS switches and the daily limit of the digest. */
export function PushSettingsCard() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const res = useAsync((signal) => fetchPushSettings(signal), []);
  const settings = res.data;
  useEffect(() => {
    if (settings) form.setFieldsValue({ email: settings.email, sms: settings.sms, dailyLimit: settings.dailyLimit });
  }, [settings, form]);

  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await savePushSettings(v);
      message.success(t('push.settings.saved'));
      void res.reload();
    } catch (e) {
      onError(e, form);
    } finally {
      setBusy(false);
    }
  };

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
              <InputNumber min={1} max={100} precision={0} suffix={t('push.settings.dailyLimit.unit')} style={{ width: 140 }} />
            </Form.Item>
            <p className="muted push-settings-hint">{t('push.settings.hint')}</p>
            <Button type="primary" loading={busy} onClick={() => void save().catch(() => undefined)} data-testid="push-settings-save">
              {t('common.save')}
            </Button>
          </Form>
        </>
      )}
    </Card>
  );
}
