import { FileProtectOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Space, Tag, Upload } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { useApiErrorHandler } from '../../../lib/errors.ts';
import { LICENCE_ACCEPT, LICENCE_MAX_BYTES, uploadLicence, type Organization } from '../api.ts';

/**
 * The business licence (营业执照) of a verification request: a link that
 * opens it in a new tab (members and reviewing administrators), 未上传 when
 * there is none, and for the owner before verification an upload button.
 */
export function LicenceCell({ org, canUpload, onUploaded }: { org: Pick<Organization, 'id' | 'licence' | 'status'>; canUpload?: boolean; onUploaded?: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [busy, setBusy] = useState(false);
  const upload = canUpload && org.status !== 'verified' && (
    <Upload
      accept={LICENCE_ACCEPT}
      showUploadList={false}
      maxCount={1}
      beforeUpload={(file) => {
        if (file.size > LICENCE_MAX_BYTES) {
          message.error(t('org.licence.tooLarge'));
          return Upload.LIST_IGNORE;
        }
        setBusy(true);
        uploadLicence(org.id, file)
          .then(() => {
            message.success(t('org.licence.uploaded'));
            onUploaded?.();
          })
          .catch((e: unknown) => onError(e))
          .finally(() => setBusy(false));
        return false;
      }}
    >
      <Button size="small" icon={<UploadOutlined />} loading={busy} data-testid="licence-upload">
        {t(org.licence ? 'org.licence.replace' : 'org.licence.upload')}
      </Button>
    </Upload>
  );
  return (
    <Space wrap size={8}>
      {org.licence ? (
        <a href={org.licence.url} target="_blank" rel="noopener noreferrer" style={{ whiteSpace: 'nowrap' }} data-testid="licence-link">
          <FileProtectOutlined /> {t('org.licence.view')}
        </a>
      ) : (
        <Tag color="warning" data-testid="licence-missing">
          {t('org.licence.missing')}
        </Tag>
      )}
      {upload}
    </Space>
  );
}
