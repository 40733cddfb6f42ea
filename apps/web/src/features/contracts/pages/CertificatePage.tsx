import { FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space } from 'antd';
import { useEffect } from 'react';
import { useParams } from 'react-router-dom';
import { ApiError } from '../../../api/client.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { useAsync } from '../../../lib/useAsync.ts';
import { fetchContract } from '../api.ts';
import { useContractLabels } from '../labels.ts';

/** 技术合同认定登记证明: a printable page (print or save as PDF from the browser) with the number, parties, kind, certified amount and the verification link. */
export function CertificatePage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const L = useContractLabels();
  const contract = useAsync((signal) => fetchContract(id, signal), [id]);
  const c = contract.data;
  useEffect(() => {
    document.title = `${t('ct.cert.title')} · 科转通`;
  }, [t]);
  if (contract.error instanceof ApiError) return <div className="container"><Alert type="error" showIcon title={contract.error.detail} /></div>;
  if (!c) return <div className="container"><Card loading /></div>;
  if (!c.registrationNumber) return <div className="container"><Alert type="warning" showIcon title={t('ct.cert.notRegistered')} /></div>;
  const verifyUrl = `${window.location.origin}/verify/contracts/${c.registrationNumber}`;
  const row = (label: string, value: React.ReactNode) => (
    <tr>
      <th style={{ textAlign: 'left', padding: '8px 12px', width: '32%', borderBottom: '1px solid #e5e5e5', fontWeight: 500 }}>{label}</th>
      <td style={{ padding: '8px 12px', borderBottom: '1px solid #e5e5e5' }}>{value}</td>
    </tr>
  );
  return (
    <div className="container" data-testid="contract-certificate" style={{ maxWidth: 760 }}>
      <div className="no-print" style={{ textAlign: 'right', marginBottom: 12 }}>
        <Space wrap>
          <Button icon={<FilePdfOutlined />} href={`/api/contracts/${encodeURIComponent(c.id)}/certificate.pdf`} target="_blank" rel="noopener" data-testid="cert-pdf">
            {t('ct.cert.pdf')}
          </Button>
          <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
            {t('ct.cert.print')}
          </Button>
        </Space>
      </div>
      <div style={{ background: '#fff', border: '2px solid #b71c1c', padding: '32px 28px' }}>
        <h1 style={{ textAlign: 'center', letterSpacing: 4, color: '#b71c1c', marginBottom: 4 }}>{t('ct.cert.title')}</h1>
        <p style={{ textAlign: 'center', marginBottom: 24 }}>
          {t('ct.field.registrationNumber')}{t('common.colon')}<strong data-testid="cert-number">{c.registrationNumber}</strong>
        </p>
        <table style={{ width: '100%', borderCollapse: 'collapse' }}>
          <tbody>
            {row(t('ct.field.title'), c.title)}
            {row(t('ct.field.kind'), `${L.kind(c.kind)}${c.subkind ? ` · ${L.subkind(c.subkind)}` : ''}`)}
            {row(t('ct.field.seller'), `${c.seller.name}（${L.entity(c.seller.entityType)}，${c.seller.regionName ?? c.seller.region}）`)}
            {row(t('ct.field.buyer'), `${c.buyer.name}（${L.entity(c.buyer.entityType)}，${c.buyer.regionName ?? c.buyer.region}）`)}
            {row(t('ct.field.signedOn'), c.signedOn)}
            {row(t('ct.field.contractAmount'), L.money(c.effective.contractAmount))}
            {row(t('ct.field.certifiedAmount'), <strong>{L.money(c.effective.certifiedAmount)}</strong>)}
            {row(t('ct.field.registeredOn'), c.registeredOn)}
            {row(t('ct.cert.issuer'), c.point?.name ?? '')}
            {c.status === 'terminated' && row(t('ct.field.status'), `${L.status(c.status)}（${c.terminatedOn}）`)}
          </tbody>
        </table>
        <p style={{ marginTop: 24, fontSize: 13 }}>
          {t('ct.cert.verifyAt')}{t('common.colon')}<a href={verifyUrl}>{verifyUrl}</a>
        </p>
      </div>
    </div>
  );
}
