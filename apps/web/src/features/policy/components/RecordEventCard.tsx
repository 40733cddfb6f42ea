import type { SubsidyLine } from '@kzt/shared';
import { App, Button, Card, Input, Space } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { useApiErrorHandler } from '../../../lib/errors.ts';
import { recordEvent } from '../api.ts';
import { SubsidyLines } from './SubsidyLines.tsx';

const EXAMPLE = JSON.stringify(
  { id: 'eval-2025-001', type: 'evaluated_award', date: '2025-12-01', jurisdiction: '371000', scheme: 'wh_pilot_base', beneficiary: { id: '<单位 ID>', type: 'enterprise', region: '371002' }, amount: 40000000 },
  null,
  2,
);

/** 登记事件: an administrator records an evaluation, a decided award, a loan or a milestone; its entitlements enter the ledger. */
export function RecordEventCard({ onRecorded }: { onRecorded: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [text, setText] = useState(EXAMPLE);
  const [error, setError] = useState<string | null>(null);
  const [line, setLine] = useState<SubsidyLine | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    let event: unknown;
    try {
      event = JSON.parse(text);
    } catch {
      setError(t('pol.record.badJson'));
      return;
    }
    if (!event || typeof event !== 'object' || Array.isArray(event)) {
      setError(t('pol.record.badJson'));
      return;
    }
    setError(null);
    setBusy(true);
    try {
      setLine(await recordEvent(event as Record<string, unknown>));
      message.success(t('pol.done'));
      onRecorded();
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('pol.record.title')} data-testid="record-event">
      <p style={{ marginTop: 0, color: '#595959' }}>{t('pol.record.lead')}</p>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Input.TextArea value={text} onChange={(e) => setText(e.target.value)} autoSize={{ minRows: 6, maxRows: 16 }} style={{ fontFamily: 'monospace', fontSize: 12 }} status={error ? 'error' : undefined} aria-label={t('pol.record.title')} />
        {error && <div style={{ color: '#cf1322' }}>{error}</div>}
        <Button type="primary" onClick={submit} loading={busy}>
          {t('pol.record.submit')}
        </Button>
        {line && <SubsidyLines lines={[line]} />}
      </Space>
    </Card>
  );
}
