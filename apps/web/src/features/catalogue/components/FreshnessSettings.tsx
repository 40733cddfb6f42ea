import { Button, Card, Select, Space } from 'antd';
import { App } from 'antd';
import { useEffect, useState } from 'react';
import { get, put } from '../../../api/client.ts';
import { useAuth } from '../../../app/auth.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { useApiErrorHandler } from '../../../lib/errors.ts';
import { NumberInput } from '../../../lib/NumberInput.tsx';

type Settings = { jurisdictionCode: string; staleAfterMonths: number | null; inherited: boolean };

/** 新鲜度期限: after how many months without confirmation a record of the administrator's jurisdiction is marked stale. */
export function FreshnessSettings() {
  const { me } = useAuth();
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const regions = me?.adminOf ?? [];
  const [code, setCode] = useState(regions[0]?.code);
  const [months, setMonths] = useState<number | null>(null);
  const [inherited, setInherited] = useState(true);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!code) return;
    const ctrl = new AbortController();
    get<Settings>(`/jurisdictions/${code}/catalogue-settings`, undefined, ctrl.signal).then((s) => {
      setMonths(s.staleAfterMonths);
      setInherited(s.inherited);
    }, () => undefined);
    return () => ctrl.abort();
  }, [code]);

  if (!code) return null;
  const save = async () => {
    if (!months) return;
    setSaving(true);
    try {
      await put(`/jurisdictions/${code}/catalogue-settings`, { staleAfterMonths: months });
      setInherited(false);
      message.success(t('cat.fresh.saved'));
    } catch (e) {
      onError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card size="small" title={t('cat.fresh.title')} data-testid="freshness-settings">
      <Space wrap>
        {regions.length > 1 && <Select value={code} onChange={setCode} options={regions.map((r) => ({ value: r.code, label: r.name }))} style={{ minWidth: 140 }} />}
        <span>{t('cat.fresh.label')}</span>
        <NumberInput min={1} max={60} value={months ?? undefined} placeholder={inherited ? '12' : undefined} onChange={(v) => setMonths(v)} addonAfter={t('cat.fresh.months')} style={{ width: 150 }} />
        <Button type="primary" loading={saving} disabled={!months} onClick={() => void save()}>
          {t('common.save')}
        </Button>
        {inherited && <span className="muted">{t('cat.fresh.inherited')}</span>}
      </Space>
    </Card>
  );
}
