import { CheckCircleFilled, UploadOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, List, Modal, Typography, Upload, type UploadProps } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { useApiErrorHandler } from '../../../lib/errors.ts';
import { useFormModal } from '../../../lib/useFormModal.tsx';
import { ATTACHMENT_ACCEPT, ATTACHMENT_MAX_BYTES, formatSize } from '../../attachments/api.ts';
import { applyEntitlement, uploadEntitlementFile, type EntitlementDto, type EntitlementFile } from '../api.ts';

/**
 * 申报: the note and each document the rule asks for (申报材料), uploaded
 * here before the application names them; the server refuses an
 * application missing one, naming it.
 */
export function ApplyModal({ row, onClose, onDone }: { row: EntitlementDto | null; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [files, setFiles] = useState<Record<string, EntitlementFile>>({});
  const [uploading, setUploading] = useState<string | null>(null);
  const required = row?.requiredDocuments ?? [];
  const modal = useFormModal<{ note: string; documents?: unknown }>({
    controlled: { open: !!row, onClose: () => { setFiles({}); onClose(); } },
    action: (v) => applyEntitlement(row!.id, v.note, required.filter((n) => files[n]).map((name) => ({ name, attachmentId: files[name]!.id }))),
    success: t('pol.apply.done'),
    onDone: () => { setFiles({}); onDone(); },
  });

  const beforeUpload = (name: string): UploadProps['beforeUpload'] => (file) => {
    if (file.size > ATTACHMENT_MAX_BYTES) {
      message.error(t('att.tooLarge', { name: file.name }));
      return Upload.LIST_IGNORE;
    }
    setUploading(name);
    uploadEntitlementFile(row!.id, file)
      .then((f) => {
        setFiles((prev) => ({ ...prev, [name]: f }));
        modal.form.setFields([{ name: 'documents', errors: [] }]);
      })
      .catch((e) => onError(e))
      .finally(() => setUploading(null));
    return false;
  };

  return (
    <Modal {...modal.modalProps} title={row ? `${t('pol.apply')}：${row.ruleTitle}` : ''} okText={t('pol.apply.submit')} destroyOnHidden>
      <Form form={modal.form} layout="vertical">
        <Form.Item name="note" label={t('pol.apply.note')} rules={[{ required: true, whitespace: true, message: t('pol.apply.note') }]}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
        <Form.Item
          name="documents"
          label={t('pol.apply.documents')}
          extra={t('pol.apply.documentsHint')}
          rules={[{ validator: () => { const missing = required.filter((n) => !files[n]); return missing.length === 0 ? Promise.resolve() : Promise.reject(new Error(t('pol.apply.missing', { names: missing.join('、') }))); } }]}
        >
          <List
            size="small"
            bordered
            dataSource={required}
            locale={{ emptyText: t('pol.apply.noDocuments') }}
            renderItem={(name) => (
              <List.Item
                data-testid={`doc-${name}`}
                actions={[
                  <Upload key="u" accept={ATTACHMENT_ACCEPT} showUploadList={false} beforeUpload={beforeUpload(name)} maxCount={1}>
                    <Button size="small" icon={<UploadOutlined />} loading={uploading === name} data-testid={`doc-upload-${name}`}>
                      {files[name] ? t('pol.apply.replace') : t('att.upload')}
                    </Button>
                  </Upload>,
                ]}
              >
                <List.Item.Meta
                  title={name}
                  description={
                    files[name] ? (
                      <Typography.Text type="success">
                        <CheckCircleFilled /> {files[name]!.fileName} · {formatSize(files[name]!.size)}
                      </Typography.Text>
                    ) : (
                      <Typography.Text type="secondary">{t('pol.apply.notUploaded')}</Typography.Text>
                    )
                  }
                />
              </List.Item>
            )}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
