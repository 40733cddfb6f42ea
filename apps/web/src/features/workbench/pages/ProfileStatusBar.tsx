import { Alert, Button, Space, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../i18n/index.tsx';
import { formatDate } from '../../../lib/time.ts';
import type { BrokerWorkbenchData } from '../api.ts';

type ProfileStatus = BrokerWorkbenchData['profile'];

/** The holder's profile review state on a workbench: approved (with the jurisdiction), waiting, rejected with the reason, or none yet. */
export function ProfileStatusBar({ profile }: { profile: ProfileStatus }) {
  const { t } = useI18n();
  const edit = (
    <Link to="/me">
      <Button size="small">{t('wb.profile.edit')}</Button>
    </Link>
  );
  if (!profile) return <Alert type="info" showIcon message={t('wb.profile.none')} action={edit} data-testid="profile-status" />;
  const where = profile.jurisdiction?.name ?? '—';
  if (profile.status === 'approved')
    return (
      <Space wrap data-testid="profile-status">
        <span className="muted">{t('wb.profile.status')}</span>
        <Tag color="green">{t('wb.profile.approved')}</Tag>
        <span className="muted">
          {t('wb.profile.jurisdiction', { name: where })} · {formatDate(profile.reviewedAt)}
        </span>
      </Space>
    );
  if (profile.status === 'rejected')
    return <Alert type="error" showIcon message={t('wb.profile.rejectedReason', { reason: profile.reviewReason ?? '—' })} action={edit} data-testid="profile-status" />;
  return <Alert type="warning" showIcon message={t('wb.profile.waiting', { name: where })} action={edit} data-testid="profile-status" />;
}
