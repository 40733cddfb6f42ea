import { Alert, App, Card } from 'antd';
import { ApiError } from '../../../api/client.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { useApiErrorHandler } from '../../../lib/errors.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import type { RecordKindKey } from '../../catalogue/api.ts';
import { StorageQuota } from './StorageQuota.tsx';
import { AttachmentFileList, AttachmentUploadButton } from './AttachmentParts.tsx';
import { deleteAttachment, fetchAttachments, uploadAttachment, type Attachment } from '../api.ts';

/**
 * 附件 of an achievement or a demand. Shown only to those who may read the
 * record in full (the server answers 404 to the others, and the card stays away).
 */
export function AttachmentsCard({ kind, recordId }: { kind: RecordKindKey; recordId: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const list = useAsync((signal) => fetchAttachments(kind, recordId, signal), [kind, recordId]);
  if (list.error instanceof ApiError && list.error.status === 404) return null;
  const canUpload = !!list.data?.allowedActions.includes('upload');

  const remove = async (a: Attachment) => {
    try {
      await deleteAttachment(a.id);
      message.success(t('att.deleted'));
      await list.reload();
    } catch (e) {
      onError(e);
    }
  };

  return (
    <Card title={t('att.title')} data-testid="attachments-card" extra={canUpload ? <AttachmentUploadButton upload={(file) => uploadAttachment(kind, recordId, file)} onUploaded={() => list.reload()} /> : null}>
      {canUpload && <p style={{ marginTop: 0, color: 'var(--kzt-muted)' }}>{t('att.hint')}</p>}
      {list.data?.uploadBlocked && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('upload.unverified', { name: list.data.uploadBlocked.organizationName })} data-testid="attachment-unverified" />
      )}
      {list.data?.storage && (
        <div style={{ marginBottom: 8 }}>
          <StorageQuota usage={list.data.storage} />
        </div>
      )}
      <AttachmentFileList items={list.data?.items ?? []} loading={list.loading && !list.data} onDelete={remove} canDelete={(a) => a.allowedActions.includes('delete')} />
    </Card>
  );
}
