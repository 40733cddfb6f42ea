import { Progress, Space } from 'antd';
import { useI18n } from '../../../i18n/index.tsx';
import type { StorageUsage } from '../api.ts';

/** 本单位已用存储 12.3 MB / 1.0 GB, with a thin bar (red from 90 %). */
export function StorageQuota({ usage }: { usage: StorageUsage }) {
  const { t } = useI18n();
  const percent = usage.limitBytes ? Math.min(100, (usage.usedBytes / usage.limitBytes) * 100) : 0;
  return (
    <Space size="small" wrap style={{ color: 'var(--kzt-muted)', fontSize: 13 }} data-testid="storage-quota">
      <span>{t('storage.usage', { used: usage.used, limit: usage.limit })}</span>
      <Progress percent={Number(percent.toFixed(1))} size="small" showInfo={false} status={percent >= 90 ? 'exception' : 'normal'} style={{ width: 120, margin: 0 }} />
    </Space>
  );
}
