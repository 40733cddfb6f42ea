import { CheckCircleOutlined, CloudUploadOutlined, DownloadOutlined, FileExcelOutlined, InboxOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Progress, Result, Row, Select, Space, Statistic, Steps, Table, Tag, Upload } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../../api/client.ts';
import { useAuth } from '../../../app/auth.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { MAX_IMPORT_BYTES } from '../../imports/api.ts';
import { CONTRACT_IMPORT_TEMPLATE_URL, fetchContractImport, importContractsFile, importUnderWay, listContractImports, runContractImport, type ContractImport } from '../api.ts';
import { useContractLabels } from '../labels.ts';

type Step = 'template' | 'check' | 'import' | 'done';
const STEPS: Step[] = ['template', 'check', 'import', 'done'];
type Entry = ContractImport['report'][number];
type Preview = ContractImport['preview'][number];

const stepOf = (i: ContractImport | undefined): Step =>
  !i ? 'template' : i.status === 'checking' || i.status === 'validated' ? 'check' : i.status === 'done' ? 'done' : 'import';

/** The report as a CSV file (UTF-8 with a BOM, so Excel reads the Chinese): row, column, field, problem. */
function downloadReport(imp: ContractImport, headers: string[]) {
  const cell = (v: string | number) => `"${String(v).replace(/"/g, '""')}"`;
  const lines = [headers.map(cell).join(','), ...imp.report.map((e) => [e.row, e.column, e.field, e.message].map(cell).join(','))];
  const url = URL.createObjectURL(new Blob([`\ufeff${lines.join('\r\n')}\r\n`], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `${imp.fileName.replace(/\.(xlsx|csv)$/i, '')}-预检报告.csv`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * 导入平台外签订的技术合同 (/contracts/import): 下载模板 → 上传并预检 (the file
 * is kept on the server; a large one is checked in the background; report per
 * row, downloadable, and a preview of the rows that pass) → 导入 (a background
 * job, its progress polled) → the drafts created. The import is in the URL
 * (?import=<id>), so the page finds it again after a reload or a restart.
 */
export function ContractImportPage() {
  const { t } = useI18n();
  const { me } = useAuth();
  const orgs = (me?.organizations ?? []).filter((o) => o.status === 'verified');
  const admin = !!me && (me.adminOf.length > 0 || me.user.isPlatformAdmin);
  const [params, setParams] = useSearchParams();
  const importId = params.get('import') ?? undefined;
  const [organizationId, setOrganizationId] = useState<string | undefined>(orgs[0]?.id);
  const [imp, setImp] = useState<ContractImport>();
  const [busy, setBusy] = useState<'check' | 'import'>();
  const [error, setError] = useState<ApiError>();
  const [pollError, setPollError] = useState<string>();
  const step = stepOf(imp);

  useEffect(() => {
    document.title = `${t('ct.imp.title')} · 科转通`;
  }, [t]);

  const fail = useCallback((e: unknown) => setError(e instanceof ApiError ? e : new ApiError({ status: 0, title: t('common.unexpected'), detail: t('common.unexpected') })), [t]);
  const show = useCallback(
    (next: ContractImport) => {
      setImp(next);
      if (params.get('import') !== next.id) setParams({ import: next.id }, { replace: true });
    },
    [params, setParams],
  );

  // The import named in the URL (after a reload), and its progress while a job works on it.
  useEffect(() => {
    if (!importId || (imp?.id === importId && !importUnderWay(imp))) return;
    const ctrl = new AbortController();
    const timer = setTimeout(
      () => {
        fetchContractImport(importId, ctrl.signal)
          .then((next) => {
            setPollError(undefined);
            setImp(next);
          })
          .catch((e: unknown) => {
            if ((e as Error).name === 'AbortError') return;
            if (e instanceof ApiError && e.status === 404) {
              setParams({}, { replace: true });
              setImp(undefined);
              return;
            }
            setPollError(e instanceof ApiError ? e.detail : String(e));
            setImp((i) => (i ? { ...i } : i)); // poll again
          });
      },
      imp?.id === importId ? 1000 : 0,
    );
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [importId, imp, setParams]);

  const check = async (f: File) => {
    setError(undefined);
    if (f.size > MAX_IMPORT_BYTES) {
      setError(new ApiError({ status: 413, title: t('imp.upload.failed'), detail: t('imp.upload.tooLarge') }));
      return;
    }
    setBusy('check');
    try {
      show(await importContractsFile(f, organizationId));
    } catch (e) {
      fail(e);
    } finally {
      setBusy(undefined);
    }
  };
  const run = async () => {
    if (!imp) return;
    setError(undefined);
    setBusy('import');
    try {
      show(await runContractImport(imp.id));
    } catch (e) {
      fail(e);
    } finally {
      setBusy(undefined);
    }
  };
  const restart = () => {
    setImp(undefined);
    setError(undefined);
    setParams({}, { replace: true });
  };

  return (
    <div className="container stack" data-testid="contract-import-page">
      <div className="page-header">
        <h1>{t('ct.imp.title')}</h1>
        <p>{t('ct.imp.lead')}</p>
      </div>
      <Card>
        <Steps className="contract-import-steps" current={STEPS.indexOf(step)} items={STEPS.map((s) => ({ title: t(`ct.imp.step.${s}`) }))} style={{ marginBottom: 24 }} />
        {orgs.length === 0 && !admin ? (
          <Alert type="warning" showIcon title={t('ct.imp.noOrganization')} />
        ) : !imp ? (
          importId ? null : (
            <Space orientation="vertical" size="large" style={{ width: '100%' }}>
              <Alert type="info" showIcon icon={<FileExcelOutlined />} title={t('ct.imp.template.desc')} description={t('ct.imp.template.rules')} />
              <Button icon={<DownloadOutlined />} href={CONTRACT_IMPORT_TEMPLATE_URL} download data-testid="contract-import-template">
                {t('imp.template.download')}
              </Button>
              {orgs.length > 0 && (
                <Space wrap>
                  <span>{t('ct.imp.organization')}{t('common.colon')}</span>
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
                    void check(f);
                    return Upload.LIST_IGNORE;
                  }}
                >
                  <p className="ant-upload-drag-icon">{busy ? <CloudUploadOutlined /> : <InboxOutlined />}</p>
                  <p className="ant-upload-text">{busy ? t('imp.upload.checking', { name: '' }) : t('imp.upload.drag')}</p>
                  <p className="ant-upload-hint">{t('imp.upload.hint')}</p>
                  <p className="ant-upload-hint">{t('ct.imp.limits')}</p>
                </Upload.Dragger>
              </div>
              <RecentImports />
            </Space>
          )
        ) : imp.status === 'checking' ? (
          <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="contract-import-checking">
            <Progress percent={100} status="active" showInfo={false} />
            <div>{t('ct.imp.checking', { name: imp.fileName, rows: imp.totalRows })}</div>
            <Alert type="info" showIcon title={t('ct.imp.background')} />
          </Space>
        ) : imp.status === 'validated' ? (
          <CheckStep imp={imp} busy={busy === 'import'} onRun={() => void run()} onReupload={restart} />
        ) : imp.status === 'done' ? (
          <Space orientation="vertical" size="large" style={{ width: '100%' }}>
            <Result
              status="success"
              title={t('ct.imp.done', { n: imp.createdRows })}
              subTitle={imp.totalRows > imp.createdRows ? t('ct.imp.doneSkipped', { n: imp.totalRows - imp.createdRows }) : undefined}
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
            <ReportCard imp={imp} />
          </Space>
        ) : (
          <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="contract-import-progress">
            {imp.status === 'failed' ? (
              <Alert type="error" showIcon title={t('imp.failed.title')} description={t('ct.imp.failed', { error: imp.error ?? '—', done: imp.processedRows })} />
            ) : (
              <>
                <Progress percent={imp.validRows ? Math.floor((imp.processedRows / imp.validRows) * 100) : 0} status="active" />
                <div>{imp.status === 'importing' ? t('imp.progress.importing', { done: imp.processedRows, total: imp.validRows }) : t('imp.progress.queued')}</div>
              </>
            )}
            <Alert type="info" showIcon title={t('ct.imp.background')} />
          </Space>
        )}
        {pollError && <Alert type="warning" showIcon title={pollError} style={{ marginTop: 16 }} />}
        {error && <Alert type="error" showIcon title={error.title} description={error.detail} style={{ marginTop: 16 }} data-testid="contract-import-error" />}
      </Card>
    </div>
  );
}

/** The dry run's counts, report (downloadable) and preview, and the button that imports the rows that pass. */
function CheckStep({ imp, busy, onRun, onReupload }: { imp: ContractImport; busy: boolean; onRun: () => void; onReupload: () => void }) {
  const { t } = useI18n();
  const L = useContractLabels();
  const invalid = imp.totalRows - imp.validRows;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="contract-import-check">
      <Row gutter={16}>
        <Col xs={8}>
          <Statistic title={t('imp.check.total')} value={imp.totalRows} />
        </Col>
        <Col xs={8}>
          <Statistic title={t('imp.check.valid')} value={imp.validRows} styles={{ content: { color: '#389e0d' } }} prefix={<CheckCircleOutlined />} data-testid="contract-import-valid" />
        </Col>
        <Col xs={8}>
          <Statistic title={t('imp.check.invalid')} value={invalid} styles={{ content: { color: invalid ? '#cf1322' : undefined } }} prefix={<WarningOutlined />} />
        </Col>
      </Row>
      {imp.validRows === 0 ? (
        <Alert type="error" showIcon title={t('imp.check.noneGood')} />
      ) : invalid > 0 ? (
        <Alert type="warning" showIcon title={t('imp.check.someBad', { bad: invalid, good: imp.validRows })} />
      ) : (
        <Alert type="success" showIcon title={t('imp.check.allGood', { n: imp.validRows })} />
      )}
      <ReportCard imp={imp} />
      {imp.preview.length > 0 && (
        <Card size="small" title={t('imp.preview.title')}>
          <Table<Preview>
            rowKey="row"
            size="small"
            dataSource={imp.preview}
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
        <Button onClick={onReupload} data-testid="contract-import-reupload">
          {t('imp.reupload')}
        </Button>
        <Button type="primary" disabled={!imp.allowedActions.includes('run')} loading={busy} onClick={onRun} data-testid="contract-import-run">
          {t('ct.imp.run', { n: imp.validRows })}
        </Button>
      </Space>
    </Space>
  );
}

/** The problems found, row by row, with a CSV download of all of them. */
function ReportCard({ imp }: { imp: ContractImport }) {
  const { t } = useI18n();
  if (!imp.report.length) return null;
  return (
    <Card
      size="small"
      title={t('imp.report.title')}
      extra={
        <Button size="small" icon={<DownloadOutlined />} onClick={() => downloadReport(imp, [t('imp.report.row'), t('imp.report.column'), t('ct.imp.field'), t('imp.report.message')])} data-testid="contract-import-report-download">
          {t('ct.imp.reportDownload')}
        </Button>
      }
    >
      {imp.reportTruncated && <Alert type="info" showIcon title={t('imp.check.truncated')} style={{ marginBottom: 12 }} />}
      <Table<Entry>
        rowKey={(r) => `${r.row}:${r.column}:${r.message}`}
        size="small"
        dataSource={imp.report}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }), showSizeChanger: false }}
        data-testid="contract-import-report"
        scroll={{ x: 520 }}
        columns={[
          { title: t('imp.report.row'), dataIndex: 'row', width: 60, render: (v: number) => <Tag>{v}</Tag> },
          { title: t('imp.report.column'), dataIndex: 'column', width: 130 },
          { title: t('imp.report.message'), dataIndex: 'message', width: 330 },
        ]}
      />
    </Card>
  );
}

/** My last imports of contracts, each a link back to its report and progress. */
function RecentImports() {
  const { t } = useI18n();
  const [items, setItems] = useState<Awaited<ReturnType<typeof listContractImports>>['items']>([]);
  useEffect(() => {
    const ctrl = new AbortController();
    listContractImports(ctrl.signal)
      .then((p) => setItems(p.items))
      .catch(() => undefined);
    return () => ctrl.abort();
  }, []);
  if (!items.length) return null;
  return (
    <Card size="small" title={t('ct.imp.recent')} data-testid="contract-import-recent">
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={items}
        scroll={{ x: 480 }}
        columns={[
          { title: t('ct.imp.file'), dataIndex: 'fileName', ellipsis: true, render: (v: string, r) => <Link to={`/contracts/import?import=${r.id}`}>{v}</Link> },
          { title: t('ct.imp.status'), dataIndex: 'status', width: 100, render: (v: string) => <Tag>{t(`ct.imp.status.${v as ContractImport['status']}`)}</Tag> },
          { title: t('imp.check.valid'), dataIndex: 'validRows', width: 80, render: (v: number, r) => `${v} / ${r.totalRows}` },
          { title: t('ct.imp.createdRows'), dataIndex: 'createdRows', width: 80 },
        ]}
      />
    </Card>
  );
}
