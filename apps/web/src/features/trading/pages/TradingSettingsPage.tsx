import { App, Button, Card, Form, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useAuth } from '../../../app/auth.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { useApiErrorHandler } from '../../../lib/errors.ts';
import { fetchTradingSettings, saveTradingSettings, type TradingSettings } from '../api.ts';
import { NumberInput } from '../../../lib/NumberInput.tsx';

type Values = { noticeDays: number; signDays: number };

/** 交易设置: the notice period of negotiated prices and the time to sign after a deal, per jurisdiction (below, the nearest ancestor's apply). */
export function TradingSettingsPage() {
  const { me } = useAuth();
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const regions = me?.adminOf ?? [];
  const [code, setCode] = useState(regions[0]?.code);
  const [settings, setSettings] = useState<TradingSettings>();
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<Values>();
  useEffect(() => {
    document.title = `${t('nav.adminTradingSettings')} · 科转通`;
  }, [t]);

  useEffect(() => {
    if (!code) return;
    const ctrl = new AbortController();
    fetchTradingSettings(code, ctrl.signal).then(
      (s) => {
        setSettings(s);
        form.setFieldsValue({ noticeDays: s.noticeDays, signDays: s.signDays });
      },
      (e) => onError(e),
    );
    return () => ctrl.abort();
  }, [code, form, onError]);

  const save = async () => {
    if (!code) return;
    const v = await form.validateFields();
    setSaving(true);
    try {
      const s = await saveTradingSettings(code, v);
      setSettings(s);
      message.success(t('trade.settings.saved'));
    } catch (e) {
      onError(e, form);
    } finally {
      setSaving(false);
    }
  };

  const regionName = (c: string | null | undefined) => regions.find((r) => r.code === c)?.name ?? c ?? '';

  return (
    <div className="stack">
      <div className="page-header" style={{ marginBottom: 0 }}>
        <h1>{t('nav.adminTradingSettings')}</h1>
        <p>{t('trade.settings.lead')}</p>
      </div>
      {!code ? (
        <Card>
          <p className="muted" style={{ margin: 0 }}>{t('trade.settings.noRegion')}</p>
        </Card>
      ) : (
        <Card data-testid="trading-settings">
          <Form form={form} layout="vertical" style={{ maxWidth: 560 }}>
            {regions.length > 1 && (
              <Form.Item label={t('dl.jurisdiction')}>
                <Select value={code} onChange={setCode} options={regions.map((r) => ({ value: r.code, label: r.name }))} data-testid="settings-region" />
              </Form.Item>
            )}
            {regions.length === 1 && (
              <Form.Item label={t('dl.jurisdiction')}>
                <span>{regions[0]!.name}</span>
              </Form.Item>
            )}
            <Form.Item name="noticeDays" label={t('trade.settings.noticeDays')} extra={t('trade.settings.noticeHint')} rules={[{ required: true, message: t('cat.required') }, { type: 'number', min: 5, max: 60, message: t('trade.settings.range', { min: 5, max: 60 }) }]}>
              <NumberInput min={5} max={60} precision={0} suffix={t('trade.unit.days')} style={{ width: 200 }} data-testid="settings-notice" />
            </Form.Item>
            <Form.Item name="signDays" label={t('trade.settings.signDays')} extra={t('trade.settings.signHint')} rules={[{ required: true, message: t('cat.required') }, { type: 'number', min: 1, max: 60, message: t('trade.settings.range', { min: 1, max: 60 }) }]}>
              <NumberInput min={1} max={60} precision={0} suffix={t('trade.unit.days')} style={{ width: 200 }} data-testid="settings-sign" />
            </Form.Item>
            <Space wrap>
              <Button type="primary" loading={saving} onClick={() => void save().catch(() => undefined)} data-testid="settings-save">
                {t('common.save')}
              </Button>
              {settings?.inherited && (
                <span className="muted" data-testid="settings-inherited">
                  {settings.from && settings.from !== code ? t('trade.settings.inheritedFrom', { from: regionName(settings.from) }) : t('trade.settings.inheritedDefault')}
                </span>
              )}
            </Space>
          </Form>
        </Card>
      )}
    </div>
  );
}
