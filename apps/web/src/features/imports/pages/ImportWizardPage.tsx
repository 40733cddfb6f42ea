import { Alert, Button, Select, Space } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../../app/auth.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { achievementOrgs, demandOrgs } from '../../achievements/owners.ts';
import { useCatalogueLabels } from '../../catalogue/labels.tsx';
import { fetchStorage } from '../../attachments/api.ts';
import { StorageQuota } from '../../attachments/components/StorageQuota.tsx';
import { useAsync } from '../../../lib/useAsync.ts';
import { fetchImport, runImport, templateUrl, uploadImport, type ImportJob, type ImportKind, type PreviewRow } from '../api.ts';
import { ImportWizard } from '../components/ImportWizard.tsx';

/**
 * The catalogue's import wizard (/imports/new?kind=achievements|demands), on
 * the shared ImportWizard: 下载模板 → 上传文件 (dry run, for the organisation
 * picked) → 预检结果 → 导入 (progress polled) → 完成 (a link to my drafts).
 */
export function ImportWizardPage() {
  const { t } = useI18n();
  const { me } = useAuth();
  const L = useCatalogueLabels();
  const [params] = useSearchParams();
  const kind: ImportKind = params.get('kind') === 'demands' ? 'demands' : 'achievements';
  const ach = kind === 'achievements';
  const orgs = ach ? achievementOrgs(me) : demandOrgs(me);
  const [organizationId, setOrganizationId] = useState<string | undefined>(() => (orgs.find((o) => o.status === 'verified') ?? orgs[0])?.id);
  // Issue 11: imports are for verified organisations, within their storage quota — said before a file is picked.
  const org = orgs.find((o) => o.id === organizationId) ?? orgs[0];
  const unverified = !!org && org.status !== undefined && org.status !== 'verified';
  const storage = useAsync((signal) => (org && !unverified ? fetchStorage(org.id, signal) : Promise.resolve(null)), [org?.id, unverified]);

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
    <ImportWizard<ImportJob & { preview?: PreviewRow[] }>
      key={kind}
      tid="import"
      title={t(ach ? 'imp.title.achievements' : 'imp.title.demands')}
      lead={t('imp.lead')}
      steps={{ template: t('imp.step.template'), upload: t('imp.step.upload'), check: t('imp.step.check'), import: t('imp.step.import'), done: t('imp.step.done') }}
      blocked={orgs.length === 0 ? t('imp.noOrganization') : undefined}
      template={{ url: templateUrl(kind), desc: t('imp.template.desc', { sheet: ach ? '成果' : '需求' }), rules: t('imp.template.rules') }}
      picker={
        <>
          {orgs.length > 1 && (
            <Space wrap>
              <span>{t('imp.organization')}{t('common.colon')}</span>
              <Select style={{ minWidth: 280, maxWidth: '100%' }} value={organizationId} onChange={setOrganizationId} options={orgs.map((o) => ({ value: o.id, label: o.name }))} data-testid="import-org" />
            </Space>
          )}
          {unverified && <Alert type="warning" showIcon title={t('upload.unverified', { name: org.name })} data-testid="import-unverified" />}
          {storage.data && <StorageQuota usage={storage.data} />}
        </>
      }
      uploadDisabled={unverified}
      limits={t('imp.upload.limits')}
      errorTestId="import-upload-error"
      upload={(file) => uploadImport(kind, file, organizationId)}
      run={runImport}
      fetch={fetchImport}
      previewColumns={previewColumns}
      previewScroll={800}
      runLabel={(n) => t('imp.run', { n })}
      failed={(job) => t('imp.failed.desc', { error: job.error ?? '—' })}
      progressNote={t('imp.progress.note')}
      done={(job, again) => ({
        title: t('imp.done.title'),
        subTitle: t('imp.done.summary', { created: job.createdRows, dup: job.duplicateRows }),
        extra: [
          <Link key="mine" to={`/me/${kind}?status=draft`}>
            <Button type="primary" data-testid="import-go-mine">
              {t(ach ? 'imp.goMine.achievements' : 'imp.goMine.demands')}
            </Button>
          </Link>,
          <Button key="again" onClick={again}>
            {t('imp.again')}
          </Button>,
        ],
      })}
    />
  );
}
