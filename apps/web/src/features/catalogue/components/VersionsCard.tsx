import { Card, Empty, Timeline } from 'antd';
import { useI18n } from '../../../i18n/index.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { fetchVersions, type RecordKindKey } from '../api.ts';
import { RecordStatusTag } from '../labels.tsx';
import type { RecordStatus } from '@kzt/shared';

/** 版本历史: each published version, newest first. */
export function VersionsCard({ kind, recordId, reloadKey }: { kind: RecordKindKey; recordId: string; reloadKey?: unknown }) {
  const { t } = useI18n();
  const list = useAsync(() => fetchVersions(kind, recordId), [kind, recordId, reloadKey]);
  const items = [...(list.data?.items ?? [])].sort((a, b) => b.version - a.version);
  return (
    <Card title={t('cat.versions')} loading={list.loading && !list.data} data-testid="versions">
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cat.versions.empty')} />
      ) : (
        <Timeline
          items={items.map((v) => ({
            key: v.version,
            color: 'blue',
            content: (
              <div>
                <strong>{t('cat.versions.item', { version: v.version })}</strong>{' '}
                {typeof v.snapshot.status === 'string' && <RecordStatusTag status={v.snapshot.status as RecordStatus} />}
                <div className="muted">{formatDateTime(v.createdAt)}</div>
                {typeof v.snapshot.title === 'string' && <div>{v.snapshot.title}</div>}
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
