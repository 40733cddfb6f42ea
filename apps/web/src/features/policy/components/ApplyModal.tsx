import { CheckCircleFilled, DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, List, Modal, Popconfirm, Space, Tag, Typography, Upload, type UploadProps } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { useApiErrorHandler } from '../../../lib/errors.ts';
import { useFormModal } from '../../../lib/useFormModal.tsx';
import { ATTACHMENT_ACCEPT, ATTACHMENT_MAX_BYTES, formatSize } from '../../attachments/api.ts';
import { applyEntitlement, deleteEntitlementFile, listEntitlementFiles, uploadEntitlementFile, type EntitlementDto, type EntitlementFile } from '../api.ts';

/**
 * 申报 (and, after 退回补正, 重新申报): the note and each document the rule
 * asks for (申报材料), uploaded here before the application names them. A
 * file uploaded by mistake is deleted (with confirmation) while the
 * application is editable; a file an earlier submission carried stays as its
 * record and is replaced by a new upload. The server refuses an application
 * missing a document, naming it.
 */
export function ApplyModal({ row, onClose, onDone }: { row: EntitlementDto | null; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  /** Every file uploaded for the entitlement, and which one each required document names. */
  const [uploaded, setUploaded] = useState<EntitlementFile[]>([]);
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const [uploading, setUploading] = useState<string | null>(null);
  const required = row?.requiredDocuments ?? [];
  const again = row?.status === 'returned';
  const reset = () => {
    setUploaded([]);
    setChosen({});
  };
  const modal = useFormModal<{ note: string; documents?: unknown }>({
    controlled: { open: !!row, onClose: () => { reset(); onClose(); } },
    action: (v) => applyEntitlement(row!.id, v.note, required.filter((n) => chosen[n]).map((name) => ({ name, attachmentId: chosen[name]! }))),
    success: t(again ? 'pol.resubmit.done' : 'pol.apply.done'),
    onDone: () => { reset(); onDone(); },
  });

  // The files already uploaded (an earlier session, or the returned submission, whose documents are named again by default).
  useEffect(() => {
    if (!row) return;
    const ctl = new AbortController();
    listEntitlementFiles(row.id, ctl.signal)
      .then((r) => {
        setUploaded(r.items);
        const ids = new Set(r.items.map((f) => f.id));
        setChosen(Object.fromEntries(row.documents.filter((d) => ids.has(d.attachmentId)).map((d) => [d.name, d.attachmentId])));
      })
      .catch((e) => onError(e));
    if (row.status === 'returned') modal.form.setFieldsValue({ note: row.applicationNote ?? '' });
    return () => ctl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [row?.id]);

  const fileOf = (id: string | undefined) => uploaded.find((f) => f.id === id);
  const beforeUpload = (name: string): UploadProps['beforeUpload'] => (file) => {
    if (file.size > ATTACHMENT_MAX_BYTES) {
      message.error(t('att.tooLarge', { name: file.name }));
      return Upload.LIST_IGNORE;
    }
    setUploading(name);
    uploadEntitlementFile(row!.id, file)
      .then((f) => {
        setUploaded((prev) => [...prev, { ...f, canDelete: true, submittedIn: null }]);
        setChosen((prev) => ({ ...prev, [name]: f.id }));
        modal.form.setFields([{ name: 'documents', errors: [] }]);
      })
      .catch((e) => onError(e))
      .finally(() => setUploading(null));
    return false;
  };
  const remove = async (f: EntitlementFile) => {
    try {
      await deleteEntitlementFile(row!.id, f.id);
      setUploaded((prev) => prev.filter((x) => x.id !== f.id));
      // A slot whose file is deleted falls back to the file the returned submission carried for it, if any.
      const earlier = Object.fromEntries(row!.documents.filter((d) => d.attachmentId !== f.id && uploaded.some((x) => x.id === d.attachmentId)).map((d) => [d.name, d.attachmentId]));
      setChosen((prev) => Object.fromEntries(Object.entries(prev).flatMap(([name, id]) => (id !== f.id ? [[name, id]] : earlier[name] ? [[name, earlier[name]]] : []))));
      message.success(t('pol.file.deleted', { name: f.fileName }));
    } catch (e) {
      onError(e);
    }
  };
  const deleteButton = (f: EntitlementFile) =>
    f.canDelete ? (
      <Popconfirm key="d" title={t('pol.file.deleteConfirm', { name: f.fileName })} description={t('pol.file.deleteHint')} okText={t('pol.file.delete')} okButtonProps={{ danger: true }} onConfirm={() => remove(f)}>
        <Button size="small" danger icon={<DeleteOutlined />} data-testid={`doc-delete-${f.fileName}`}>
          {t('pol.file.delete')}
        </Button>
      </Popconfirm>
    ) : null;
  const unused = uploaded.filter((f) => !Object.values(chosen).includes(f.id) && f.canDelete);

  return (
    <Modal {...modal.modalProps} title={row ? `${t(again ? 'pol.resubmit' : 'pol.apply')}：${row.ruleTitle}` : ''} okText={t(again ? 'pol.resubmit.submit' : 'pol.apply.submit')} destroyOnHidden width={640}>
      {again && row?.reason && <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('pol.resubmit.reason', { reason: row.reason })} description={t('pol.resubmit.hint')} data-testid="returned-reason" />}
      <Form form={modal.form} layout="vertical">
        <Form.Item name="note" label={t('pol.apply.note')} rules={[{ required: true, whitespace: true, message: t('pol.apply.note') }]}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
        <Form.Item
          name="documents"
          label={t('pol.apply.documents')}
          extra={t('pol.apply.documentsHint')}
          rules={[{ validator: () => { const missing = required.filter((n) => !chosen[n]); return missing.length === 0 ? Promise.resolve() : Promise.reject(new Error(t('pol.apply.missing', { names: missing.join('、') }))); } }]}
        >
          <List
            size="small"
            bordered
            dataSource={required}
            locale={{ emptyText: t('pol.apply.noDocuments') }}
            renderItem={(name) => {
              const f = fileOf(chosen[name]);
              return (
                <List.Item data-testid={`doc-${name}`}>
                  <Space direction="vertical" size={4} style={{ width: '100%' }}>
                    <Typography.Text strong>{name}</Typography.Text>
                    {f ? (
                      <Typography.Text type="success" style={{ wordBreak: 'break-all' }}>
                        <CheckCircleFilled /> {f.fileName} · {formatSize(f.size)}
                        {f.submittedIn ? <Tag style={{ marginLeft: 8 }}>{t('pol.file.submittedIn', { n: f.submittedIn })}</Tag> : null}
                      </Typography.Text>
                    ) : (
                      <Typography.Text type="secondary">{t('pol.apply.notUploaded')}</Typography.Text>
                    )}
                    <Space wrap size={4}>
                      <Upload accept={ATTACHMENT_ACCEPT} showUploadList={false} beforeUpload={beforeUpload(name)} maxCount={1}>
                        <Button size="small" icon={<UploadOutlined />} loading={uploading === name} data-testid={`doc-upload-${name}`}>
                          {f ? t('pol.apply.replace') : t('att.upload')}
                        </Button>
                      </Upload>
                      {f && deleteButton(f)}
                    </Space>
                  </Space>
                </List.Item>
              );
            }}
          />
        </Form.Item>
        {unused.length > 0 && (
          <Form.Item label={t('pol.file.unused')} extra={t('pol.file.unusedHint')}>
            <List
              size="small"
              bordered
              dataSource={unused}
              renderItem={(f) => (
                <List.Item actions={[deleteButton(f)]} data-testid={`unused-${f.fileName}`}>
                  <span style={{ wordBreak: 'break-all' }}>
                    {f.fileName} · {formatSize(f.size)}
                  </span>
                </List.Item>
              )}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
