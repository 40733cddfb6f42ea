import { CheckCircleOutlined, CloudUploadOutlined, DownloadOutlined, FileExcelOutlined, InboxOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Progress, Result, Row, Select, Space, Statistic, Steps, Table, Tag, Upload } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../../api/client.ts';
import { useAuth } from '../../../app/auth.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { useApiErrorHandler } from '../../../lib/errors.ts';
import { achievementOrgs, demandOrgs } from '../../achievements/owners.ts';
import { useCatalogueLabels } from '../../catalogue/labels.tsx';
import { fetchStorage } from '../../attachments/api.ts';
import { StorageQuota } from '../../attachments/components/StorageQuota.tsx';
import { useAsync } from '../../../lib/useAsync.ts';
import { fetchImport, MAX_IMPORT_BYTES, runImport, templateUrl, uploadImport, type DryRun, type ImportJob, type ImportKind, type PreviewRow, type ReportEntry } from '../api.ts';

type Step = 'template' | 'upload' | 'check' | 'import' | 'done';
const STEPS: Step[] = ['template', 'upload', 'check', 'import', 'done'];

/**
 * The import wizard (/imports/new?kind=achievements|demands): 下载模板 →
 * 上传文件 (dry run) → 预检结果 (report and preview) → 导入 (progress,
 * polled every second) → 完成.
 */
export function ImportWizardPage() {
  const { t } = useI18n();
  const { me } = useAuth();
  const [params] = useSearchParams();
  const kind: ImportKind = params.get('kind') === 'demands' ? 'demands' : 'achievements';
  const ach = kind === 'achievements';
  const title = t(ach ? 'imp.title.achievements' : 'imp.title.demands');
  const orgs = ach ? achievementOrgs(me) : demandOrgs(me);
  const [organizationId, setOrganizationId] = useState<string | undefined>(() => (orgs.find((o) => o.status === 'verified') ?? orgs[0])?.id);
  const [step, setStep] = useState<Step>('template');
  const [dry, setDry] = useState<DryRun>();
  const [job, setJob] = useState<ImportJob>();

  useEffect(() => {
    document.title = `${title} · 科转通`;
  }, [title]);

  const restart = () => {
    setDry(undefined);
    setJob(undefined);
    setStep('upload');
  };

  return (
    <div className="container stack">
      <div className="page-header">
        <h1>{title}</h1>
        <p>{t('imp.lead')}</p>
      </div>
      <Card>
        <Steps
          current={STEPS.indexOf(step)}
          status={job?.status === 'failed' ? 'error' : undefined}
          items={STEPS.map((s) => ({ title: t(`imp.step.${s}`) }))}
          style={{ marginBottom: 24 }}
          data-testid="import-steps"
        />
        {orgs.length === 0 ? (
          <Alert type="warning" showIcon title={t('imp.noOrganization')} />
        ) : (
          <>
            {step === 'template' && <TemplateStep kind={kind} onNext={() => setStep('upload')} />}
            {step === 'upload' && (
              <UploadStep
                kind={kind}
                orgs={orgs}
                organizationId={organizationId}
                onOrganization={setOrganizationId}
                onBack={() => setStep('template')}
                onChecked={(d) => {
                  setDry(d);
                  setStep('check');
                }}
              />
            )}
            {step === 'check' && dry && (
              <CheckStep
                kind={kind}
                dry={dry}
                onReupload={restart}
                onStarted={(j) => {
                  setJob(j);
                  setStep('import');
                }}
              />
            )}
            {step === 'import' && job && (
              <ImportStep
                job={job}
                onChange={(j) => {
                  setJob(j);
                  if (j.status === 'done') setStep('done');
                }}
              />
            )}
            {step === 'done' && job && <DoneStep kind={kind} job={job} onAgain={restart} />}
          </>
        )}
      </Card>
    </div>
  );
}

function TemplateStep({ kind, onNext }: { kind: ImportKind; onNext: () => void }) {
  const { t } = useI18n();
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Alert type="info" showIcon icon={<FileExcelOutlined />} title={t('imp.template.desc', { sheet: kind === 'achievements' ? '成果' : '需求' })} description={t('imp.template.rules')} />
      <Space wrap>
        <Button icon={<DownloadOutlined />} href={templateUrl(kind)} download data-testid="import-template">
          {t('imp.template.download')}
        </Button>
        <Button type="primary" onClick={onNext} data-testid="import-next">
          {t('imp.next')}
        </Button>
      </Space>
    </Space>
  );
}

function UploadStep(props: {
  kind: ImportKind;
  orgs: { id: string; name: string; status?: string }[];
  organizationId?: string;
  onOrganization: (id: string) => void;
  onBack: () => void;
  onChecked: (d: DryRun) => void;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<ApiError>();
  // Issue 11: imports are for verified organisations, within their storage quota — said before a file is picked.
  const org = props.orgs.find((o) => o.id === props.organizationId) ?? props.orgs[0];
  const unverified = !!org && org.status !== undefined && org.status !== 'verified';
  const storage = useAsync((signal) => (org && !unverified ? fetchStorage(org.id, signal) : Promise.resolve(null)), [org?.id, unverified]);

  const check = async (file: File) => {
    setError(undefined);
    if (file.size > MAX_IMPORT_BYTES) {
      setError(new ApiError({ status: 413, title: t('imp.upload.failed'), detail: t('imp.upload.tooLarge') }));
      return;
    }
    setBusy(file.name);
    try {
      props.onChecked(await uploadImport(props.kind, file, props.organizationId));
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError({ status: 0, title: t('common.unexpected'), detail: t('common.unexpected') }));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      {props.orgs.length > 1 && (
        <Space wrap>
          <span>{t('imp.organization')}{t('common.colon')}</span>
          <Select style={{ minWidth: 280 }} value={props.organizationId} onChange={props.onOrganization} options={props.orgs.map((o) => ({ value: o.id, label: o.name }))} data-testid="import-org" />
        </Space>
      )}
      {unverified && <Alert type="warning" showIcon title={t('upload.unverified', { name: org.name })} data-testid="import-unverified" />}
      {storage.data && <StorageQuota usage={storage.data} />}
      <div data-testid="import-dragger">
      <Upload.Dragger
        accept=".xlsx,.csv"
        multiple={false}
        showUploadList={false}
        disabled={!!busy || unverified}
        beforeUpload={(file) => {
          void check(file);
          return Upload.LIST_IGNORE;
        }}
      >
        <p className="ant-upload-drag-icon">{busy ? <CloudUploadOutlined /> : <InboxOutlined />}</p>
        <p className="ant-upload-text">{busy ? t('imp.upload.checking', { name: busy }) : t('imp.upload.drag')}</p>
        <p className="ant-upload-hint">{t('imp.upload.hint')}</p>
        <p className="ant-upload-hint">{t('imp.upload.limits')}</p>
      </Upload.Dragger>
      </div>
      {error && <Alert type="error" showIcon title={error.title} description={error.detail} data-testid="import-upload-error" />}
      <Button onClick={props.onBack}>{t('imp.back')}</Button>
    </Space>
  );
}

function CheckStep({ kind, dry, onReupload, onStarted }: { kind: ImportKind; dry: DryRun; onReupload: () => void; onStarted: (j: ImportJob) => void }) {
  const { t } = useI18n();
  const L = useCatalogueLabels();
  const onError = useApiErrorHandler();
  const [busy, setBusy] = useState(false);
  const ach = kind === 'achievements';

  const start = async () => {
    setBusy(true);
    try {
      onStarted(await runImport(dry.id));
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };

  const previewColumns = useMemo(
    () => [
      { title: t('imp.report.row'), dataIndex: 'row', width: 70 },
      { title: t(ach ? 'ach.field.title' : 'dem.field.title'), dataIndex: 'title', ellipsis: true },
      ...(ach
        ? [
            { title: t('ach.field.type'), dataIndex: 'type', width: 150, render: (v: string) => L.type(v) },
            { title: t('cat.field.industry'), dataIndex: 'industry', width: 140, render: (v: string) => L.industry(v) },
            { title: t('ach.field.maturity'), dataIndex: 'maturity', width: 130, render: (v: number) => L.maturityShort(v) },
            { title: t('ach.field.price'), dataIndex: 'price', width: 120, render: (v: number | null) => L.money(v) },
          ]
        : [
            { title: t('cat.field.industry'), dataIndex: 'industry', width: 140, render: (v: string) => L.industry(v) },
            { title: t('dem.field.budget'), width: 200, render: (_: unknown, r: PreviewRow) => `${L.money(r.budgetMin as number | null)} – ${L.money(r.budgetMax as number | null)}` },
            { title: t('dem.field.deadline'), dataIndex: 'deadline', width: 120, render: (v: string | null) => v ?? '—' },
          ]),
      { title: t('imp.externalId'), dataIndex: 'externalId', width: 130, render: (v?: string) => v ?? '—' },
    ],
    [ach, t, L],
  );

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="import-check">
      <Row gutter={16}>
        <Col xs={8}>
          <Statistic title={t('imp.check.total')} value={dry.totalRows} />
        </Col>
        <Col xs={8}>
          <Statistic title={t('imp.check.valid')} value={dry.validRows} styles={{ content: { color: '#389e0d' } }} prefix={<CheckCircleOutlined />} data-testid="import-valid" />
        </Col>
        <Col xs={8}>
          <Statistic title={t('imp.check.invalid')} value={dry.invalidRows} styles={{ content: { color: dry.invalidRows ? '#cf1322' : undefined } }} prefix={<WarningOutlined />} data-testid="import-invalid" />
        </Col>
      </Row>
      {dry.validRows === 0 ? (
        <Alert type="error" showIcon title={t('imp.check.noneGood')} />
      ) : dry.invalidRows > 0 ? (
        <Alert type="warning" showIcon title={t('imp.check.someBad', { bad: dry.invalidRows, good: dry.validRows })} />
      ) : (
        <Alert type="success" showIcon title={t('imp.check.allGood', { n: dry.validRows })} />
      )}
      {dry.reportTruncated && <Alert type="info" showIcon title={t('imp.check.truncated')} />}
      {dry.report.length > 0 && (
        <Card size="small" title={t('imp.report.title')}>
          <Table<ReportEntry>
            rowKey={(r) => `${r.row}:${r.column}:${r.message}`}
            size="small"
            dataSource={dry.report}
            pagination={{ pageSize: 10, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
            locale={{ emptyText: t('imp.report.empty') }}
            data-testid="import-report"
            columns={[
              { title: t('imp.report.row'), dataIndex: 'row', width: 80, render: (v: number) => <Tag>{v}</Tag> },
              { title: t('imp.report.column'), dataIndex: 'column', width: 220 },
              { title: t('imp.report.message'), dataIndex: 'message' },
            ]}
          />
        </Card>
      )}
      {dry.preview.length > 0 ? (
        <Card size="small" title={t('imp.preview.title')}>
          <Table<PreviewRow> rowKey="row" size="small" dataSource={dry.preview} pagination={false} scroll={{ x: 800 }} columns={previewColumns} data-testid="import-preview" />
        </Card>
      ) : (
        <Empty description={t('imp.check.noneGood')} />
      )}
      <Space wrap>
        <Button onClick={onReupload} data-testid="import-reupload">
          {t('imp.reupload')}
        </Button>
        <Button type="primary" disabled={dry.validRows === 0} loading={busy} onClick={() => void start()} data-testid="import-run">
          {t('imp.run', { n: dry.validRows })}
        </Button>
      </Space>
    </Space>
  );
}

function ImportStep({ job, onChange }: { job: ImportJob; onChange: (j: ImportJob) => void }) {
  const { t } = useI18n();
  const [pollError, setPollError] = useState<string>();

  useEffect(() => {
    if (job.status === 'done') return;
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      fetchImport(job.id, ctrl.signal)
        .then((next) => {
          setPollError(undefined);
          onChange(next);
        })
        .catch((e: unknown) => {
          if ((e as Error).name === 'AbortError') return;
          setPollError(e instanceof ApiError ? e.detail : String(e));
          onChange({ ...job }); // poll again
        });
    }, 1000);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [job, onChange]);

  const percent = job.validRows ? Math.floor((job.processedRows / job.validRows) * 100) : 0;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="import-progress">
      {job.status === 'failed' ? (
        <Alert type="error" showIcon title={t('imp.failed.title')} description={t('imp.failed.desc', { error: job.error ?? '—' })} />
      ) : (
        <>
          <Progress percent={percent} status="active" />
          <div>{job.status === 'importing' ? t('imp.progress.importing', { done: job.processedRows, total: job.validRows }) : t('imp.progress.queued')}</div>
        </>
      )}
      {pollError && <Alert type="warning" showIcon title={pollError} />}
      <Alert type="info" showIcon title={t('imp.progress.note')} />
    </Space>
  );
}

function DoneStep({ kind, job, onAgain }: { kind: ImportKind; job: ImportJob; onAgain: () => void }) {
  const { t } = useI18n();
  return (
    <Result
      status="success"
      title={t('imp.done.title')}
      subTitle={t('imp.done.summary', { created: job.createdRows, dup: job.duplicateRows })}
      data-testid="import-done"
      extra={[
        <Link key="mine" to={`/me/${kind}?status=draft`}>
          <Button type="primary" data-testid="import-go-mine">
            {t(kind === 'achievements' ? 'imp.goMine.achievements' : 'imp.goMine.demands')}
          </Button>
        </Link>,
        <Button key="again" onClick={onAgain}>
          {t('imp.again')}
        </Button>,
      ]}
    />
  );
}
