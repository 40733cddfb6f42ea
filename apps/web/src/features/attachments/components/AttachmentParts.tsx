import { DeleteOutlined, FileImageOutlined, FilePdfOutlined, FileOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, List, Popconfirm, Upload, type UploadProps } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { useApiErrorHandler } from '../../../lib/errors.ts';
import { formatDateTime } from '../../../lib/time.ts';
import { ATTACHMENT_ACCEPT, ATTACHMENT_MAX_BYTES, formatSize } from '../api.ts';

const ACCEPTED = ATTACHMENT_ACCEPT.split(',');

/** What a list of files shows of each: any module's attachment DTO fits. */
export type FileItem = { id: string; fileName: string; mime: string; size: number; url: string; createdAt: string | Date };

export function FileIcon({ mime }: { mime: string }) {
  if (mime === 'application/pdf') return <FilePdfOutlined style={{ color: '#cf1322', fontSize: 22 }} />;
  if (mime.startsWith('image/')) return <FileImageOutlined style={{ color: '#1677ff', fontSize: 22 }} />;
  return <FileOutlined style={{ fontSize: 22 }} />;
}

/**
 * The upload button of every attachment: checks the type and the 20 MB limit
 * before sending, sends one file with `upload` (the owning module's endpoint),
 * says so and hands the result to `onUploaded`.
 */
export function AttachmentUploadButton<T extends { fileName: string }>({ upload, onUploaded, label, testId = 'attachment-upload' }: { upload: (file: File) => Promise<T>; onUploaded: (a: T) => unknown; label?: string; testId?: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [uploading, setUploading] = useState(false);
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
    upload(file)
      .then((a) => {
        message.success(t('att.uploaded', { name: a.fileName }));
        return onUploaded(a);
      })
      .catch((e: unknown) => onError(e))
      .finally(() => setUploading(false));
    return false;
  };
  return (
    <Upload accept={ATTACHMENT_ACCEPT} showUploadList={false} beforeUpload={beforeUpload} maxCount={1}>
      <Button icon={<UploadOutlined />} loading={uploading} data-testid={testId}>
        {label ?? t('att.upload')}
      </Button>
    </Upload>
  );
}

/** Files as a list: icon, name (a download link), size and time; a delete button (with a confirmation) where `onDelete` allows it. */
export function AttachmentFileList<T extends FileItem>({ items, loading, onDelete, canDelete = () => !!onDelete, size, empty }: { items: T[]; loading?: boolean; onDelete?: (a: T) => unknown; canDelete?: (a: T) => boolean; size?: 'small'; empty?: string }) {
  const { t } = useI18n();
  return (
    <List
      size={size}
      loading={loading}
      dataSource={items}
      locale={{ emptyText: empty ?? t('att.empty') }}
      renderItem={(a) => (
        <List.Item
          data-testid="attachment-item"
          actions={
            onDelete && canDelete(a)
              ? [
                  <Popconfirm key="del" title={t('att.deleteConfirm', { name: a.fileName })} okText={t('att.delete')} cancelText={t('common.cancel')} okButtonProps={{ danger: true }} onConfirm={() => onDelete(a)}>
                    <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('att.delete')} data-testid="attachment-delete" />
                  </Popconfirm>,
                ]
              : []
          }
        >
          <List.Item.Meta
            avatar={<FileIcon mime={a.mime} />}
            title={
              <a href={a.url} download={a.fileName} data-testid="attachment-link" style={{ wordBreak: 'break-all' }}>
                {a.fileName}
              </a>
            }
            description={`${formatSize(a.size)} · ${formatDateTime(typeof a.createdAt === 'string' ? a.createdAt : a.createdAt.toISOString())}`}
          />
        </List.Item>
      )}
    />
  );
}
