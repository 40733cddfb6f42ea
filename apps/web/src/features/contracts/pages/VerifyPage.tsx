import { CheckCircleTwoTone, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Card, Descriptions, Input } from 'antd';
import { useEffect } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../../api/client.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { useAsync } from '../../../lib/useAsync.ts';
import { verifyRegistration } from '../api.ts';
import { useContractLabels } from '../labels.ts';

/** Public verification of a registration number: kind, date, point and certified amount only. */
export function VerifyPage() {
  const { number } = useParams();
  const { t } = useI18n();
  const L = useContractLabels();
  const navigate = useNavigate();
  const result = useAsync((signal) => (number ? verifyRegistration(number, signal) : Promise.resolve(undefined)), [number]);
  useEffect(() => {
    document.title = `${t('ct.verify.title')} · 科转通`;
  }, [t]);
  const r = result.data;
  return (
    <div className="container stack" data-testid="verify-page" style={{ maxWidth: 720 }}>
      <div className="page-header">
        <h1>
          <SafetyCertificateOutlined /> {t('ct.verify.title')}
        </h1>
        <p>{t('ct.verify.lead')}</p>
      </div>
      <Input.Search
        size="large"
        defaultValue={number}
        placeholder={t('ct.verify.placeholder')}
        enterButton={t('ct.verify.go')}
        onSearch={(v) => v.trim() && navigate(`/verify/contracts/${encodeURIComponent(v.trim())}`)}
        data-testid="verify-input"
      />
      {result.error instanceof ApiError && <Alert type="error" showIcon title={result.error.status === 404 || result.error.status === 400 ? t('ct.verify.notFound') : result.error.detail} data-testid="verify-missing" />}
      {r && (
        <Card data-testid="verify-result">
          {r.status === 'registered' ? (
            <Alert type="success" showIcon icon={<CheckCircleTwoTone twoToneColor="#52c41a" />} title={t('ct.verify.ok')} style={{ marginBottom: 16 }} />
          ) : (
            <Alert type="warning" showIcon title={t('ct.verify.terminated')} style={{ marginBottom: 16 }} />
          )}
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('ct.field.registrationNumber')}>{r.registrationNumber}</Descriptions.Item>
            <Descriptions.Item label={t('ct.field.kind')}>{L.kind(r.kind)}</Descriptions.Item>
            <Descriptions.Item label={t('ct.field.registeredOn')}>{r.registeredOn}</Descriptions.Item>
            <Descriptions.Item label={t('ct.field.point')}>{r.point.name}</Descriptions.Item>
            <Descriptions.Item label={t('ct.field.certifiedAmount')}>{L.money(r.certifiedAmount)}</Descriptions.Item>
          </Descriptions>
        </Card>
      )}
    </div>
  );
}
