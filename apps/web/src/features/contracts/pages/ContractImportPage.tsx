import { CheckCircleOutlined, CloudUploadOutlined, DownloadOutlined, FileExcelOutlined, InboxOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Result, Row, Select, Space, Statistic, Steps, Table, Tag, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../../../api/client.ts';
import { useAuth } from '../../../app/auth.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { MAX_IMPORT_BYTES } from '../../imports/api.ts';
import { CONTRACT_IMPORT_TEMPLATE_URL, importContractsFile, type ContractImport } from '../api.ts';
import { useContractLabels } from '../labels.ts';

type Step = 'template' | 'check' | 'done';
const STEPS: Step[] = ['template', 'check', 'done'];
type Entry = ContractImport['report'][number];
type Preview = ContractImport['preview'][number];

/**
 * 导入平台外签订的技术合同 (/contracts/import): 下载模板 → 上传并预检 (report
 * per row: row, column, sentence; a preview of the rows that pass) → 导入
 * (the same file again, dryRun=false) → the drafts created.
 */
export function ContractImportPage() {
  const { t } = useI18n();
  const L = useContractLabels();
  const { me } = useAuth();
  const orgs = (me?.organizations ?? []).filter((o) => o.status === 'verified');
  const admin = !!me && (me.adminOf.length > 0 || me.user.isPlatformAdmin);
  const [organizationId, setOrganizationId] = useState<string | undefined>(orgs[0]?.id);
  const [step, setStep] = useState<Step>('template');
  const [file, setFile] = useState<File>();
  const [dry, setDry] = useState<ContractImport>();
  const [done, setDone] = useState<ContractImport>();
  const [busy, setBusy] = useState<'check' | 'import'>();
  const [error, setError] = useState<ApiError>();

  useEffect(() => {
    document.title = `${t('ct.imp.title')} · 科转通`;
  }, [t]);

  const send = async (f: File, dryRun: boolean) => {
    setError(undefined);
    if (f.size > MAX_IMPORT_BYTES) {
      setError(new ApiError({ status: 413, title: t('imp.upload.failed'), detail: t('imp.upload.tooLarge') }));
      return;
    }
    setBusy(dryRun ? 'check' : 'import');
    try {
      const r = await importContractsFile(f, dryRun, organizationId);
      if (dryRun) {
        setFile(f);
        setDry(r);
        setStep('check');
      } else {
        setDone(r);
        setStep('done');
      }
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError({ status: 0, title: t('common.unexpected'), detail: t('common.unexpected') }));
    } finally {
      setBusy(undefined);
    }
  };
  const restart = () => {
    setDry(undefined);
    setDone(undefined);
    setFile(undefined);
    setStep('template');
  };
  const invalid = dry ? dry.totalRows - dry.validRows : 0;

  return (
    <div className="container stack" data-testid="contract-import-page">
      <div className="page-header">
        <h1>{t('ct.imp.title')}</h1>
        <p>{t('ct.imp.lead')}</p>
      </div>
      <Card>
        <Steps current={STEPS.indexOf(step)} items={STEPS.map((s) => ({ title: t(`ct.imp.step.${s}`) }))} style={{ marginBottom: 24 }} />
        {orgs.length === 0 && !admin ? (
          <Alert type="warning" showIcon title={t('ct.imp.noOrganization')} />
        ) : step === 'template' ? (
          <Space orientation="vertical" size="large" style={{ width: '100%' }}>
            <Alert type="info" showIcon icon={<FileExcelOutlined />} title={t('ct.imp.template.desc')} description={t('ct.imp.template.rules')} />
            <Button icon={<DownloadOutlined />} href={CONTRACT_IMPORT_TEMPLATE_URL} download data-testid="contract-import-template">
              {t('imp.template.download')}
            </Button>
            {orgs.length > 0 && (
              <Space wrap>
                <span>{t('ct.imp.organization')}：</span>
                <Select
                  style={{ minWidth: 260, maxWidth: '100%' }}
                  value={organizationId}
                  allowClear={admin}
                  placeholder={t('ct.imp.noSeller')}
                  onChange={setOrganizationId}
                  options={orgs.map((o) => ({ value: o.id, label: o.name }))}
                  data-testid="contract-import-org"
                />
              </Space>
            )}
            <div data-testid="contract-import-dragger">
              <Upload.Dragger
                accept=".xlsx,.csv"
                multiple={false}
                showUploadList={false}
                disabled={!!busy}
                beforeUpload={(f) => {
                  void send(f, true);
                  return Upload.LIST_IGNORE;
                }}
              >
                <p className="ant-upload-drag-icon">{busy ? <CloudUploadOutlined /> : <InboxOutlined />}</p>
                <p className="ant-upload-text">{busy ? t('imp.upload.checking', { name: '' }) : t('imp.upload.drag')}</p>
                <p className="ant-upload-hint">{t('imp.upload.hint')}</p>
                <p className="ant-upload-hint">{t('ct.imp.limits')}</p>
              </Upload.Dragger>
            </div>
          </Space>
        ) : step === 'check' && dry ? (
          <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="contract-import-check">
            <Row gutter={16}>
              <Col xs={8}>
                <Statistic title={t('imp.check.total')} value={dry.totalRows} />
              </Col>
              <Col xs={8}>
                <Statistic title={t('imp.check.valid')} value={dry.validRows} styles={{ content: { color: '#389e0d' } }} prefix={<CheckCircleOutlined />} data-testid="contract-import-valid" />
              </Col>
              <Col xs={8}>
                <Statistic title={t('imp.check.invalid')} value={invalid} styles={{ content: { color: invalid ? '#cf1322' : undefined } }} prefix={<WarningOutlined />} />
              </Col>
            </Row>
            {dry.validRows === 0 ? (
              <Alert type="error" showIcon title={t('imp.check.noneGood')} />
            ) : invalid > 0 ? (
              <Alert type="warning" showIcon title={t('imp.check.someBad', { bad: invalid, good: dry.validRows })} />
            ) : (
              <Alert type="success" showIcon title={t('imp.check.allGood', { n: dry.validRows })} />
            )}
            {dry.reportTruncated && <Alert type="info" showIcon title={t('imp.check.truncated')} />}
            {dry.report.length > 0 && (
              <Card size="small" title={t('imp.report.title')}>
                <Table<Entry>
                  rowKey={(r) => `${r.row}:${r.column}:${r.message}`}
                  size="small"
                  dataSource={dry.report}
                  pagination={{ pageSize: 10, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
                  data-testid="contract-import-report"
                  scroll={{ x: 520 }}
                  columns={[
                    { title: t('imp.report.row'), dataIndex: 'row', width: 60, render: (v: number) => <Tag>{v}</Tag> },
                    { title: t('imp.report.column'), dataIndex: 'column', width: 130 },
                    { title: t('imp.report.message'), dataIndex: 'message', width: 330 },
                  ]}
                />
              </Card>
            )}
            {dry.preview.length > 0 && (
              <Card size="small" title={t('imp.preview.title')}>
                <Table<Preview>
                  rowKey="row"
                  size="small"
                  dataSource={dry.preview}
                  pagination={false}
                  scroll={{ x: 900 }}
                  data-testid="contract-import-preview"
                  columns={[
                    { title: t('imp.report.row'), dataIndex: 'row', width: 60 },
                    { title: t('ct.field.title'), dataIndex: 'title', ellipsis: true },
                    { title: t('ct.field.kind'), dataIndex: 'kind', width: 90, render: (v: Preview['kind']) => L.kind(v) },
                    { title: t('ct.field.signedOn'), dataIndex: 'signedOn', width: 110 },
                    { title: t('ct.field.seller'), dataIndex: 'seller', width: 160 },
                    { title: t('ct.field.buyer'), dataIndex: 'buyer', width: 160 },
                    { title: t('ct.field.contractAmount'), dataIndex: 'contractAmount', width: 110, render: (v: number) => L.money(v) },
                    { title: t('ct.field.technologyAmount'), dataIndex: 'technologyAmount', width: 110, render: (v: number) => L.money(v) },
                  ]}
                />
              </Card>
            )}
            <Space wrap>
              <Button onClick={restart} data-testid="contract-import-reupload">
                {t('imp.reupload')}
              </Button>
              <Button type="primary" disabled={dry.validRows === 0 || !file} loading={busy === 'import'} onClick={() => file && void send(file, false)} data-testid="contract-import-run">
                {t('ct.imp.run', { n: dry.validRows })}
              </Button>
            </Space>
          </Space>
        ) : done ? (
          <Result
            status="success"
            title={t('ct.imp.done', { n: done.created.length })}
            subTitle={done.report.length ? t('ct.imp.doneSkipped', { n: done.totalRows - done.created.length }) : undefined}
            data-testid="contract-import-done"
            extra={[
              <Link key="mine" to="/contracts?status=draft">
                <Button type="primary">{t('ct.imp.goMine')}</Button>
              </Link>,
              <Button key="again" onClick={restart}>
                {t('imp.again')}
              </Button>,
            ]}
          />
        ) : null}
        {error && <Alert type="error" showIcon title={error.title} description={error.detail} style={{ marginTop: 16 }} data-testid="contract-import-error" />}
      </Card>
    </div>
  );
}
