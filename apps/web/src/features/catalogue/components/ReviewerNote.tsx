import { AuditOutlined } from '@ant-design/icons';
import { Alert } from 'antd';
import type { RecordStatus } from '@kzt/shared';
import { useI18n } from '../../../i18n/index.tsx';
import type { Reviewer } from '../api.ts';

/** Which administration reviews the record and why: its organisation's jurisdiction (issue 12). */
export function ReviewerNote({ reviewer, status }: { reviewer: Reviewer; status: RecordStatus }) {
  const { t, lang } = useI18n();
  const key = status === 'submitted' ? 'reviewer.pending' : status === 'returned' ? 'reviewer.returned' : 'reviewer.draft';
  return (
    <Alert
      type="info"
      showIcon
      icon={<AuditOutlined />}
      data-testid="reviewer-note"
      title={
        <span>
          {t('reviewer.title')}
          {lang === 'en' ? ': ' : '：'}
          <strong data-testid="reviewer-name">{reviewer.name}</strong>
          {reviewer.path.length > 1 && (lang === 'en' ? ` (${reviewer.path.map((j) => j.name).join(' / ')})` : `（${reviewer.path.map((j) => j.name).join(' / ')}）`)}
          {' · '}
          {t(key, { name: reviewer.name })}
        </span>
      }
      description={lang === 'en' ? reviewer.reasonEn : reviewer.reason}
    />
  );
}
