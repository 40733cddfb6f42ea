import { CheckCircleOutlined, CloudUploadOutlined, DownloadOutlined, FileExcelOutlined, InboxOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Popconfirm, Progress, Result, Row, Space, Statistic, Steps, Table, Tag, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ApiError } from '../../../api/client.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { MAX_IMPORT_BYTES } from '../api.ts';

/** What the wizard needs of an import, whichever module runs it (the catalogue's, the contracts'). */
export type WizardImport = {
  id: string;
  status: 'checking' | 'validated' | 'queued' | 'importing' | 'done' | 'failed' | 'discarded';
  fileName: string;
  totalRows: number;
  validRows: number;
  processedRows: number;
  createdRows: number;
  duplicateRows: number;
  error: string | null;
  report?: { row: number; column: string; message: string; field?: string }[];
  reportTruncated?: boolean;
  preview?: { row: number }[];
  allowedActions?: readonly string[];
};
type Entry = NonNullable<WizardImport['report']>[number];

type Step = 'template' | 'upload' | 'check' | 'import' | 'done';
const stepOf = (i: WizardImport | undefined, picking: Step): Step =>
  !i ? picking : i.status === 'checking' || i.status === 'validated' ? 'check' : i.status === 'done' ? 'done' : 'import';
/** An import a job still works on (or will retry), to be polled. */
const underWay = (i: WizardImport) => i.status === 'checking' || i.status === 'queued' || i.status === 'importing' || i.status === 'failed';

export type ImportWizardProps<I extends WizardImport> = {
  /** Prefix of the test ids: `${tid}-dragger`, `${tid}-check`, `${tid}-run`, … */
  tid: string;
  title: string;
  lead: string;
  /** The steps' titles by key; `upload` present: the template is a step of its own (with a “next” button), else the template and the upload share one. */
  steps: Partial<Record<Step, string>>;
  /** No organisation to import for: this warning instead of the wizard. */
  blocked?: string;
  template: { url: string; desc: string; rules: string };
  /** Above the upload area: the organisation to import for, its storage, why uploading is not possible. */
  picker?: ReactNode;
  /** Below the upload area (the template step shares it): e.g. my recent imports. */
  below?: ReactNode;
  uploadDisabled?: boolean;
  limits: string;
  /** Test id of the error shown when a call fails. */
  errorTestId: string;
  /** The file's dry run; the next step shows the import answered. */
  upload: (file: File) => Promise<I>;
  run: (id: string) => Promise<I>;
  fetch: (id: string, signal: AbortSignal) => Promise<I>;
  /** The import is in the URL (?import=<id>): found again after a reload, polled while a job checks or imports it. */
  inUrl?: boolean;
  /** While a job checks a large file. */
  checking?: (imp: I) => string;
  previewColumns: ColumnsType<NonNullable<I['preview']>[number]>;
  previewScroll: number;
  runLabel: (validRows: number) => string;
  /** Why the run failed, with how far it got. */
  failed: (imp: I) => string;
  progressNote: string;
  /** The report as a file (its button in the report's card). */
  reportDownload?: { label: string; onClick: (imp: I) => void };
  /** The result once done, and whether the report is shown under it. */
  done: (imp: I, again: () => void) => { title: string; subTitle?: string; extra: ReactNode[]; report?: boolean };
  /** A failed import may be given up (when its allowedActions say so): the button, its confirmation, the call, the result's title. */
  discard?: { label: string; confirm: string; done: string; run: (id: string) => Promise<I> };
};

/**
 * The import wizard shared by the catalogue's import (/imports/new) and the
 * contracts' (/contracts/import): 下载模板 → 上传文件 (dry run) → 预检结果 (counts,
 * report row by row, preview of the rows that pass) → 导入 (a job, its
 * progress polled every second) → 完成. Each page says what it imports: the
 * texts, the template, the calls, the preview's columns, the result.
 */
export function ImportWizard<I extends WizardImport>(props: ImportWizardProps<I>) {
  const { t } = useI18n();
  const { tid } = props;
  const separateTemplate = !!props.steps.upload;
  const keys = (['template', 'upload', 'check', 'import', 'done'] as Step[]).filter((k) => props.steps[k]);
  const [params, setParams] = useSearchParams();
  const importId = props.inUrl ? (params.get('import') ?? undefined) : undefined;
  const [picking, setPicking] = useState<Step>('template');
  const [imp, setImp] = useState<I>();
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<ApiError>();
  const [pollError, setPollError] = useState<string>();
  const step = stepOf(imp, picking);

  useEffect(() => {
    document.title = `${props.title} · 科转通`;
  }, [props.title]);

  const fail = useCallback((e: unknown) => setError(e instanceof ApiError ? e : new ApiError({ status: 0, title: t('common.unexpected'), detail: t('common.unexpected') })), [t]);
  // A run or a poll may answer the import without its report: the dry run's is kept.
  const show = useCallback(
    (next: I) => {
      setImp((prev) => (prev?.id === next.id ? { ...prev, ...next, report: next.report ?? prev.report, preview: next.preview ?? prev.preview } : next));
      if (props.inUrl && params.get('import') !== next.id) setParams({ import: next.id }, { replace: true });
    },
    [params, setParams, props.inUrl],
  );

  // The import named in the URL (after a reload), and its progress while a job works on it.
  const { fetch: fetchImport } = props;
  const pollId = importId ?? (imp && underWay(imp) ? imp.id : undefined);
  useEffect(() => {
    if (!pollId || (imp?.id === pollId && !underWay(imp))) return;
    const ctrl = new AbortController();
    const timer = setTimeout(
      () => {
        fetchImport(pollId, ctrl.signal)
          .then((next) => {
            setPollError(undefined);
            show(next);
          })
          .catch((e: unknown) => {
            if ((e as Error).name === 'AbortError') return;
            if (e instanceof ApiError && e.status === 404 && props.inUrl) {
              setParams({}, { replace: true });
              setImp(undefined);
              return;
            }
            setPollError(e instanceof ApiError ? e.detail : String(e));
            setImp((i) => (i ? { ...i } : i)); // poll again
          });
      },
      imp?.id === pollId ? 1000 : 0,
    );
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [pollId, imp, fetchImport, show, setParams, props.inUrl]);

  const check = async (f: File) => {
    setError(undefined);
    if (f.size > MAX_IMPORT_BYTES) {
      setError(new ApiError({ status: 413, title: t('imp.upload.failed'), detail: t('imp.upload.tooLarge') }));
      return;
    }
    setBusy(f.name);
    try {
      show(await props.upload(f));
    } catch (e) {
      fail(e);
    } finally {
      setBusy(undefined);
    }
  };
  const run = async () => {
    if (!imp) return;
    setError(undefined);
    setBusy('run');
    try {
      show(await props.run(imp.id));
    } catch (e) {
      fail(e);
    } finally {
      setBusy(undefined);
    }
  };
  const discard = async () => {
    if (!imp || !props.discard) return;
    setError(undefined);
    setBusy('discard');
    try {
      show(await props.discard.run(imp.id));
    } catch (e) {
      fail(e);
    } finally {
      setBusy(undefined);
    }
  };
  const restart = () => {
    setImp(undefined);
    setError(undefined);
    setPicking(separateTemplate ? 'upload' : 'template');
    if (props.inUrl) setParams({}, { replace: true });
  };

  const templateButton = (
    <Button icon={<DownloadOutlined />} href={props.template.url} download data-testid={`${tid}-template`}>
      {t('imp.template.download')}
    </Button>
  );
  const templateInfo = <Alert type="info" showIcon icon={<FileExcelOutlined />} title={props.template.desc} description={props.template.rules} />;
  const uploading = busy && busy !== 'run' && busy !== 'discard';
  const dragger = (
    <div data-testid={`${tid}-dragger`}>
      <Upload.Dragger
        accept=".xlsx,.csv"
        multiple={false}
        showUploadList={false}
        disabled={!!busy || props.uploadDisabled}
        beforeUpload={(f) => {
          void check(f);
          return Upload.LIST_IGNORE;
        }}
      >
        <p className="ant-upload-drag-icon">{uploading ? <CloudUploadOutlined /> : <InboxOutlined />}</p>
        <p className="ant-upload-text">{uploading ? t('imp.upload.checking', { name: busy }) : t('imp.upload.drag')}</p>
        <p className="ant-upload-hint">{t('imp.upload.hint')}</p>
        <p className="ant-upload-hint">{props.limits}</p>
      </Upload.Dragger>
    </div>
  );

  let body: ReactNode = null;
  if (props.blocked) body = <Alert type="warning" showIcon title={props.blocked} />;
  else if (!imp) {
    if (importId) body = null;
    else if (step === 'template' && separateTemplate)
      body = (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          {templateInfo}
          <Space wrap>
            {templateButton}
            <Button type="primary" onClick={() => setPicking('upload')} data-testid={`${tid}-next`}>
              {t('imp.next')}
            </Button>
          </Space>
          {props.below}
        </Space>
      );
    else
      body = (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          {!separateTemplate && (
            <>
              {templateInfo}
              {templateButton}
            </>
          )}
          {props.picker}
          {dragger}
          {separateTemplate ? <Button onClick={() => setPicking('template')}>{t('imp.back')}</Button> : props.below}
        </Space>
      );
  } else if (imp.status === 'checking')
    body = (
      <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid={`${tid}-checking`}>
        <Progress percent={100} status="active" showInfo={false} />
        <div>{props.checking?.(imp)}</div>
        <Alert type="info" showIcon title={props.progressNote} />
      </Space>
    );
  else if (imp.status === 'validated') body = <CheckStep {...props} imp={imp} busy={busy === 'run'} onRun={() => void run()} onReupload={restart} />;
  else if (imp.status === 'done') {
    const d = props.done(imp, restart);
    body = (
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <Result status="success" title={d.title} subTitle={d.subTitle} data-testid={`${tid}-done`} extra={d.extra} />
        {d.report && <ReportCard {...props} imp={imp} />}
      </Space>
    );
  } else if (imp.status === 'discarded')
    body = (
      <Result
        status="info"
        title={props.discard?.done}
        data-testid={`${tid}-discarded`}
        extra={
          <Button type="primary" onClick={restart}>
            {t('imp.again')}
          </Button>
        }
      />
    );
  else
    body = (
      <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid={`${tid}-progress`}>
        {imp.status === 'failed' ? (
          <Alert
            type="error"
            showIcon
            title={t('imp.failed.title')}
            description={props.failed(imp)}
            action={
              props.discard &&
              imp.allowedActions?.includes('discard') && (
                <Popconfirm title={props.discard.confirm} onConfirm={() => void discard()} okButtonProps={{ danger: true }}>
                  <Button danger loading={busy === 'discard'} data-testid={`${tid}-discard`}>
                    {props.discard.label}
                  </Button>
                </Popconfirm>
              )
            }
          />
        ) : (
          <>
            <Progress percent={imp.validRows ? Math.floor((imp.processedRows / imp.validRows) * 100) : 0} status="active" />
            <div>{imp.status === 'importing' ? t('imp.progress.importing', { done: imp.processedRows, total: imp.validRows }) : t('imp.progress.queued')}</div>
          </>
        )}
        <Alert type="info" showIcon title={props.progressNote} />
      </Space>
    );

  return (
    <div className="container stack" data-testid={`${tid}-page`}>
      <div className="page-header">
        <h1>{props.title}</h1>
        <p>{props.lead}</p>
      </div>
      <Card>
        <Steps
          className="import-wizard-steps"
          current={keys.indexOf(step)}
          status={imp?.status === 'failed' ? 'error' : undefined}
          items={keys.map((k) => ({ title: props.steps[k] }))}
          style={{ marginBottom: 24 }}
          data-testid={`${tid}-steps`}
        />
        {body}
        {pollError && <Alert type="warning" showIcon title={pollError} style={{ marginTop: 16 }} />}
        {error && <Alert type="error" showIcon title={error.title} description={error.detail} style={{ marginTop: 16 }} data-testid={props.errorTestId} />}
      </Card>
    </div>
  );
}

/** The dry run's counts, report and preview, and the button that imports the rows that pass. */
function CheckStep<I extends WizardImport>(props: ImportWizardProps<I> & { imp: I; busy: boolean; onRun: () => void; onReupload: () => void }) {
  const { t } = useI18n();
  const { imp, tid } = props;
  const invalid = imp.totalRows - imp.validRows;
  const canRun = imp.validRows > 0 && (imp.allowedActions ? imp.allowedActions.includes('run') : true);
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid={`${tid}-check`}>
      <Row gutter={16}>
        <Col xs={8}>
          <Statistic title={t('imp.check.total')} value={imp.totalRows} />
        </Col>
        <Col xs={8}>
          <Statistic title={t('imp.check.valid')} value={imp.validRows} styles={{ content: { color: '#389e0d' } }} prefix={<CheckCircleOutlined />} data-testid={`${tid}-valid`} />
        </Col>
        <Col xs={8}>
          <Statistic title={t('imp.check.invalid')} value={invalid} styles={{ content: { color: invalid ? '#cf1322' : undefined } }} prefix={<WarningOutlined />} data-testid={`${tid}-invalid`} />
        </Col>
      </Row>
      {imp.validRows === 0 ? (
        <Alert type="error" showIcon title={t('imp.check.noneGood')} />
      ) : invalid > 0 ? (
        <Alert type="warning" showIcon title={t('imp.check.someBad', { bad: invalid, good: imp.validRows })} />
      ) : (
        <Alert type="success" showIcon title={t('imp.check.allGood', { n: imp.validRows })} />
      )}
      <ReportCard {...props} />
      {imp.preview?.length ? (
        <Card size="small" title={t('imp.preview.title')}>
          <Table<NonNullable<I['preview']>[number]>
            rowKey="row"
            size="small"
            dataSource={imp.preview as NonNullable<I['preview']>}
            pagination={false}
            scroll={{ x: props.previewScroll }}
            columns={props.previewColumns}
            data-testid={`${tid}-preview`}
          />
        </Card>
      ) : (
        <Empty description={t('imp.check.noneGood')} />
      )}
      <Space wrap>
        <Button onClick={props.onReupload} data-testid={`${tid}-reupload`}>
          {t('imp.reupload')}
        </Button>
        <Button type="primary" disabled={!canRun} loading={props.busy} onClick={props.onRun} data-testid={`${tid}-run`}>
          {props.runLabel(imp.validRows)}
        </Button>
      </Space>
    </Space>
  );
}

/** The problems found, row by row (with a download of all of them when the page offers one). */
function ReportCard<I extends WizardImport>({ imp, tid, reportDownload }: { imp: I; tid: string; reportDownload?: ImportWizardProps<I>['reportDownload'] }) {
  const { t } = useI18n();
  if (!imp.report?.length) return null;
  return (
    <Card
      size="small"
      title={t('imp.report.title')}
      extra={
        reportDownload && (
          <Button size="small" icon={<DownloadOutlined />} onClick={() => reportDownload.onClick(imp)} data-testid={`${tid}-report-download`}>
            {reportDownload.label}
          </Button>
        )
      }
    >
      {imp.reportTruncated && <Alert type="info" showIcon title={t('imp.check.truncated')} style={{ marginBottom: 12 }} />}
      <Table<Entry>
        rowKey={(r) => `${r.row}:${r.column}:${r.message}`}
        size="small"
        dataSource={imp.report}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }), showSizeChanger: false }}
        locale={{ emptyText: t('imp.report.empty') }}
        data-testid={`${tid}-report`}
        scroll={{ x: 520 }}
        columns={[
          { title: t('imp.report.row'), dataIndex: 'row', width: 70, render: (v: number) => <Tag>{v}</Tag> },
          { title: t('imp.report.column'), dataIndex: 'column', width: 180 },
          { title: t('imp.report.message'), dataIndex: 'message' },
        ]}
      />
    </Card>
  );
}
