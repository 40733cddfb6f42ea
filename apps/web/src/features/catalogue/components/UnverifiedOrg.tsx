import { RECORD_TRANSITIONS, type RecordStatus } from '@kzt/shared';
import { Alert } from 'antd';
import { Link } from 'react-router-dom';
import { useAuth } from '../../../app/auth.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import type { RecordBase } from '../api.ts';

/** The caller's organisation of this id when it is not verified (pending or refused): it keeps drafts but may not submit them yet. */
export function useUnverifiedOrg(organizationId: string | undefined) {
  const { me } = useAuth();
  const org = organizationId ? me?.organizations.find((o) => o.id === organizationId) : undefined;
  return org && org.status !== 'verified' ? org : undefined;
}

/**
 * A record of an unverified organisation that would otherwise be submitted for review: the server does not
 * offer 提交审核 (allowedActions), and the page says why instead of a button that fails.
 */
export function useSubmitWaitsForVerification(record: RecordBase) {
  const org = useUnverifiedOrg(record.organization.id);
  const submittable = (RECORD_TRANSITIONS.submit as readonly RecordStatus[]).includes(record.status) && record.allowedActions.includes('update');
  return submittable && !record.allowedActions.includes('submit') ? org : undefined;
}

/** 单位尚未通过认证: drafts may be saved now and submitted once the organisation is verified (我的单位). */
export function UnverifiedOrgAlert({ name }: { name: string }) {
  const { t } = useI18n();
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="org-unverified-alert"
      title={t('cat.unverified.title', { name })}
      description={
        <>
          {t('cat.unverified.desc')} <Link to="/org">{t('cat.unverified.link')}</Link>
        </>
      }
    />
  );
}
