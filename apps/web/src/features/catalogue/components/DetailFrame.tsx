import { Alert, Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../../../api/client.ts';
import { PageLoading } from '../../../app/PageLoading.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import type { RecordBase, RecordKindKey } from '../api.ts';
import { ConfidentialityTag, RecordStatusTag, StaleTag } from '../labels.tsx';
import { RecordActions } from './RecordActions.tsx';
import { UnverifiedOrgAlert, useSubmitWaitsForVerification } from './UnverifiedOrg.tsx';
import { ReviewerNote } from './ReviewerNote.tsx';

/** Loading / not-found states of a record page. */
export function RecordGate({ loading, error, kind, children }: { loading: boolean; error: unknown; kind: RecordKindKey; children: () => ReactNode }) {
  const { t } = useI18n();
  if (loading) return <PageLoading />;
  if (error) {
    return (
      <div className="container">
        <Result
          status={error instanceof ApiError && error.status === 403 ? '403' : '404'}
          title={t('cat.notFound')}
          subTitle={error instanceof ApiError ? error.detail : undefined}
          extra={
            <Link to={`/${kind}`}>
              <Button type="primary">{t(kind === 'achievements' ? 'nav.achievements' : 'nav.demands')}</Button>
            </Link>
          }
        />
      </div>
    );
  }
  return <>{children()}</>;
}

/** Title, tags, owner/admin tools, and the status notices every record page shows. */
export function RecordHeader({ kind, record, extraTags, onChanged }: { kind: RecordKindKey; record: RecordBase & { reviewReason?: string | null }; extraTags?: ReactNode; onChanged: () => void }) {
  const { t } = useI18n();
  const owner = record.allowedActions.includes('manageAccess');
  const unverified = useSubmitWaitsForVerification(record);
  return (
    <>
      <nav className="crumbs">
        <Link to={`/${kind}`}>{t(kind === 'achievements' ? 'nav.achievements' : 'nav.demands')}</Link>
        {owner && (
          <>
            {' / '}
            <Link to={`/me/${kind}`}>{t(kind === 'achievements' ? 'ach.mine' : 'dem.mine')}</Link>
          </>
        )}
      </nav>
      <div className="page-header page-header-row" style={{ marginBottom: 0 }}>
        <div style={{ minWidth: 0, flex: '1 1 480px' }}>
          <h1 className="record-h1" data-testid="record-title">
            {record.title}
          </h1>
          <div className="record-tags">
            {(owner || record.allowedActions.includes('review')) && <RecordStatusTag status={record.status} />}
            {extraTags}
            <ConfidentialityTag value={record.confidentiality} restricted={record.restricted} />
            {record.stale && <StaleTag />}
          </div>
        </div>
        <RecordActions kind={kind} record={record} onChanged={onChanged} />
      </div>
      {record.status === 'returned' && record.reviewReason && (
        <Alert type="error" showIcon title={t('cat.returned.title')} description={<span data-testid="review-reason">{record.reviewReason}</span>} />
      )}
      {record.status === 'submitted' && owner && <Alert type="info" showIcon title={t('cat.submitted.title')} description={t('cat.submitted.desc')} />}
      {unverified ? <UnverifiedOrgAlert name={unverified.name} /> : record.status === 'draft' && owner && <Alert type="warning" showIcon title={t('cat.draft.title')} description={t('cat.draft.desc')} />}
      {record.reviewer && (owner || record.allowedActions.includes('review')) && record.status !== 'published' && <ReviewerNote reviewer={record.reviewer} status={record.status} />}
      {record.stale && record.allowedActions.includes('confirm') && (
        <Alert type="warning" showIcon title={t('cat.stale.ownerTitle')} description={t('cat.stale.ownerDesc')} data-testid="stale-alert" />
      )}
    </>
  );
}
