import { Button, Card, Select, Space, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { useAuth } from '../../../app/auth.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { ImportWizard } from '../../imports/components/ImportWizard.tsx';
import { CONTRACT_IMPORT_TEMPLATE_URL, discardContractImport, fetchContractImport, importContractsFile, listContractImports, runContractImport, type ContractImport } from '../api.ts';
import { useContractLabels } from '../labels.ts';
import { isAnyAdmin } from '../../../lib/administers.ts';

type Preview = ContractImport['preview'][number];

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
 * 导入平台外签订的技术合同 (/contracts/import), on the shared ImportWizard:
 * 下载模板 and 上传并预检 on one step (the file is kept on the server; a large
 * one is checked in the background; the report downloadable) → 导入 (a
 * background job) → the drafts created. The import is in the URL
 * (?import=<id>), so the page finds it again after a reload or a restart.
 * An administrator may import without an organisation (each row names its seller).
 */
export function ContractImportPage() {
  const { t } = useI18n();
  const { me } = useAuth();
  const L = useContractLabels();
  const orgs = (me?.organizations ?? []).filter((o) => o.status === 'verified');
  const admin = isAnyAdmin(me);
  const [organizationId, setOrganizationId] = useState<string | undefined>(orgs[0]?.id);

  return (
    <ImportWizard<ContractImport>
      tid="contract-import"
      title={t('ct.imp.title')}
      lead={t('ct.imp.lead')}
      steps={{ template: t('ct.imp.step.template'), check: t('ct.imp.step.check'), import: t('ct.imp.step.import'), done: t('ct.imp.step.done') }}
      blocked={orgs.length === 0 && !admin ? t('ct.imp.noOrganization') : undefined}
      template={{ url: CONTRACT_IMPORT_TEMPLATE_URL, desc: t('ct.imp.template.desc'), rules: t('ct.imp.template.rules') }}
      picker={
        orgs.length > 0 && (
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
        )
      }
      below={<RecentImports />}
      limits={t('ct.imp.limits')}
      errorTestId="contract-import-error"
      upload={(file) => importContractsFile(file, organizationId)}
      run={runContractImport}
      fetch={fetchContractImport}
      inUrl
      checking={(imp) => t('ct.imp.checking', { name: imp.fileName, rows: imp.totalRows })}
      previewScroll={900}
      previewColumns={[
        { title: t('imp.report.row'), dataIndex: 'row', width: 60 },
        { title: t('ct.field.title'), dataIndex: 'title', ellipsis: true },
        { title: t('ct.field.kind'), dataIndex: 'kind', width: 90, render: (v: Preview['kind']) => L.kind(v) },
        { title: t('ct.field.signedOn'), dataIndex: 'signedOn', width: 110 },
        { title: t('ct.field.seller'), dataIndex: 'seller', width: 160 },
        { title: t('ct.field.buyer'), dataIndex: 'buyer', width: 160 },
        { title: t('ct.field.contractAmount'), dataIndex: 'contractAmount', width: 110, render: (v: number) => L.money(v) },
        { title: t('ct.field.technologyAmount'), dataIndex: 'technologyAmount', width: 110, render: (v: number) => L.money(v) },
      ]}
      runLabel={(n) => t('ct.imp.run', { n })}
      failed={(imp) => t('ct.imp.failed', { error: imp.error ?? '—', done: imp.processedRows })}
      progressNote={t('ct.imp.background')}
      discard={{ label: t('ct.imp.discard'), confirm: t('ct.imp.discard.confirm'), done: t('ct.imp.discarded'), run: discardContractImport }}
      reportDownload={{ label: t('ct.imp.reportDownload'), onClick: (imp) => downloadReport(imp, [t('imp.report.row'), t('imp.report.column'), t('ct.imp.field'), t('imp.report.message')]) }}
      done={(imp, again) => ({
        title: t('ct.imp.done', { n: imp.createdRows }),
        // Each draft takes its signed contract's scan before it is submitted (the desk registers none without one).
        subTitle: [imp.totalRows > imp.createdRows ? t('ct.imp.doneSkipped', { n: imp.totalRows - imp.createdRows }) : '', t('ct.imp.attachScans')].filter(Boolean).join(' '),
        report: true,
        extra: [
          <Link key="mine" to="/contracts?status=draft">
            <Button type="primary">{t('ct.imp.goMine')}</Button>
          </Link>,
          <Button key="again" onClick={again}>
            {t('imp.again')}
          </Button>,
        ],
      })}
    />
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
