import { DeleteOutlined, FileImageOutlined, FilePdfOutlined, FileOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, List, Popconfirm, Upload, type UploadProps } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../../api/client.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { useApiErrorHandler } from '../../../lib/errors.ts';
import { formatDateTime } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import type { RecordKindKey } from '../../catalogue/api.ts';
import { StorageQuota } from './StorageQuota.tsx';
import { ATTACHMENT_ACCEPT, ATTACHMENT_MAX_BYTES, deleteAttachment, fetchAttachments, formatSize, uploadAttachment, type Attachment } from '../api.ts';

const ACCEPTED = ATTACHMENT_ACCEPT.split(',');

function FileIcon({ mime }: { mime: string }) {
  if (mime === 'application/pdf') return <FilePdfOutlined style={{ color: '#cf1322', fontSize: 22 }} />;
  if (mime.startsWith('image/')) return <FileImageOutlined style={{ color: '#1677ff', fontSize: 22 }} />;
  return <FileOutlined style={{ fontSize: 22 }} />;
}

/**
 * 附件 of an achievement or a demand. Shown only to those who may read the
 * record in full (the server answers 404 to the others, and the card stays away).
 */
export function AttachmentsCard({ kind, recordId }: { kind: RecordKindKey; recordId: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const list = useAsync((signal) => fetchAttachments(kind, recordId, signal), [kind, recordId]);
  const [uploading, setUploading] = useState(false);
  if (list.error instanceof ApiError && list.error.status === 404) return null;
  const canUpload = !!list.data?.allowedActions.includes('upload');

  const beforeUpload: UploadProps['beforeUpload'] = (file) => {
    const ext = `.${file.name.split('.').pop()?.toLowerCase() ?? ''}`;
    if (!ACCEPTED.includes(ext)) {
      message.error(t('att.badType'));
      return Upload.LIST_IGNORE;
    }
    if (file.size > ATTACHMENT_MAX_BYTES) {
      message.error(t('att.tooLarge', { name: file.name }));
      return Upload.LIST_IGNORE;
    }
    setUploading(true);
    uploadAttachment(kind, recordId, file)
      .then((a) => {
        message.success(t('att.uploaded', { name: a.fileName }));
        return list.reload();
      })
      .catch((e: unknown) => onError(e))
      .finally(() => setUploading(false));
    return false;
  };

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
    <Card
      title={t('att.title')}
      data-testid="attachments-card"
      extra={
        canUpload ? (
          <Upload accept={ATTACHMENT_ACCEPT} showUploadList={false} beforeUpload={beforeUpload} maxCount={1}>
            <Button icon={<UploadOutlined />} loading={uploading} data-testid="attachment-upload">
              {t('att.upload')}
            </Button>
          </Upload>
        ) : null
      }
    >
      {canUpload && <p style={{ marginTop: 0, color: "var(--kzt-muted)" }}>{t('att.hint')}</p>}
      {list.data?.uploadBlocked && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('upload.unverified', { name: list.data.uploadBlocked.organizationName })} data-testid="attachment-unverified" />
      )}
      {list.data?.storage && (
        <div style={{ marginBottom: 8 }}>
          <StorageQuota usage={list.data.storage} />
        </div>
      )}
      <List
        loading={list.loading && !list.data}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('att.empty') }}
        renderItem={(a) => (
          <List.Item
            data-testid="attachment-item"
            actions={
              a.allowedActions.includes('delete')
                ? [
                    <Popconfirm key="del" title={t('att.deleteConfirm', { name: a.fileName })} okText={t('att.delete')} cancelText={t('common.cancel')} okButtonProps={{ danger: true }} onConfirm={() => remove(a)}>
                      <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('att.delete')} data-testid="attachment-delete" />
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              avatar={<FileIcon mime={a.mime} />}
              title={
                <a href={a.url} download={a.fileName} data-testid="attachment-link">
                  {a.fileName}
                </a>
              }
              description={`${formatSize(a.size)} · ${formatDateTime(a.createdAt)}`}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
