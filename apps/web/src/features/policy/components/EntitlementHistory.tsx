import { formatYuanExact } from '@kzt/shared';
import { Timeline, Typography } from 'antd';
import { useI18n } from '../../../i18n/index.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { entitlementFileUrl, type EntitlementDto } from '../api.ts';

const COLOR: Record<string, string> = { apply: 'blue', resubmit: 'blue', approve: 'green', return: 'orange', reject: 'red', pay: 'cyan', cancel: 'gray' };

/** Every submission (with the documents it carried) and every decision (with its reason), oldest first. */
export function EntitlementHistory({ row }: { row: EntitlementDto }) {
  const { t, lang } = useI18n();
  if (row.history.length === 0) return null;
  let n = 0;
  return (
    <Timeline
      data-testid={`history-${row.id}`}
      style={{ marginTop: 12 }}
      items={row.history.map((h, i) => {
        if (h.action === 'apply' || h.action === 'resubmit') n += 1;
        return {
          key: i,
          color: COLOR[h.action],
          children: (
            <div>
              <Typography.Text strong>{h.action === 'apply' || h.action === 'resubmit' ? t('pol.history.submission', { n }) : t(`pol.history.${h.action}`)}</Typography.Text>
              <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
                {formatDateTime(h.at)}
                {h.action === 'pay' && h.amount !== null && ` · ${formatYuanExact(h.amount, lang)}`}
              </Typography.Text>
              {h.text && <div>{h.text}</div>}
              {h.documents.length > 0 && (
                <div style={{ fontSize: 13 }}>
                  {h.documents.map((d, j) => (
                    <span key={d.attachmentId}>
                      {j > 0 && '、'}
                      <a href={entitlementFileUrl(row.id, d.attachmentId)} target="_blank" rel="noreferrer">
                        {d.name}
                      </a>
                    </span>
                  ))}
                </div>
              )}
            </div>
          ),
        };
      })}
    />
  );
}
