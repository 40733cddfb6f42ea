import { ArrowLeftOutlined, FileExcelOutlined, MergeCellsOutlined, SendOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Popconfirm, Select, Space, Spin } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useI18n } from '../../../i18n/index.tsx';
import { useApiErrorHandler } from '../../../lib/errors.ts';
import { formatDateTime } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { useCatalogueLabels } from '../../catalogue/labels.tsx';
import { listDemands } from '../../demands/api.ts';
import { compileDemandList, exportUrl, fetchDemandList, publishDemandList, setDemandListItems, type DemandListDetail, type ItemsReport } from '../api.ts';
import { MatchBatchCard } from '../../matching/components/MatchBatchCard.tsx';
import { DemandItemsTable } from '../components/DemandItemsTable.tsx';
import { DemandListStatusTag } from '../components/DemandListCard.tsx';

/** Managing one list: compile by industry, add and remove demands, publish, export. */
export function AdminDemandListPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const L = useCatalogueLabels();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const res = useAsync((signal) => fetchDemandList(id, signal), [id]);
  const [list, setList] = useState<DemandListDetail>();
  const current = list?.id === id ? list : res.data;
  const [industry, setIndustry] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [q, setQ] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const compileIndustry = industry ?? current?.industry ?? undefined;
  const search = useAsync(
    (signal) => (current ? listDemands({ q: q || undefined, jurisdictionCode: current.jurisdiction.code, sort: 'date', pageSize: 20 }, signal) : Promise.resolve(undefined)),
    [current?.jurisdiction.code, q],
  );
  const inList = useMemo(() => new Set(current?.items.map((d) => d.id)), [current]);

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    try {
      await fn();
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };
  const report = (r: ItemsReport) => {
    setList(r.list);
    if (r.refused.length) message.warning(t('dl.admin.refused', { n: r.refused.length, list: r.refused.map((x) => x.message).join('；') }));
    else message.success(t('dl.admin.saved'));
  };

  if (!current) return <Spin spinning={res.loading} style={{ width: '100%', marginTop: 80 }} />;
  const can = (a: DemandListDetail['allowedActions'][number]) => current.allowedActions.includes(a);
  const ids = current.items.map((d) => d.id);

  return (
    <div className="stack" data-testid="admin-demand-list">
      <Link to="/admin/demand-lists"><ArrowLeftOutlined /> {t('nav.adminDemandLists')}</Link>
      <Card
        title={<span data-testid="demand-list-title">{current.title}</span>}
        extra={
          <Space wrap>
            <DemandListStatusTag status={current.status} />
            {current.status === 'published' && <Link to={`/demand-lists/${current.id}`}>{t('dl.admin.view')}</Link>}
            <Button icon={<FileExcelOutlined />} href={exportUrl(current.id)} data-testid="demand-list-export">{t('dl.export')}</Button>
            {can('publish') && (
              <Popconfirm
                title={t('dl.admin.publishConfirm')}
                okText={t('common.ok')}
                cancelText={t('common.cancel')}
                onConfirm={() => run(async () => { setList(await publishDemandList(current.id)); message.success(t('dl.admin.published')); })}
              >
                <Button type="primary" icon={<SendOutlined />} disabled={current.items.length === 0} loading={busy} data-testid="demand-list-publish">{t('dl.admin.publish')}</Button>
              </Popconfirm>
            )}
          </Space>
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'j', label: t('dl.jurisdiction'), children: current.jurisdiction.name },
            { key: 'i', label: t('cat.field.industry'), children: current.industry ? L.industryFull(current.industry) : t('dl.allIndustries') },
            { key: 'u', label: t('cat.field.updatedAt'), children: formatDateTime(current.updatedAt) },
            ...(current.description ? [{ key: 'd', label: t('dl.admin.description'), children: current.description }] : []),
          ]}
        />
      </Card>

      {can('compile') && (
        <Card title={t('dl.admin.compile')} size="small">
          <Space wrap>
            <Select allowClear placeholder={t('dl.allIndustries')} options={L.industryOptions} value={compileIndustry} onChange={(v) => setIndustry(v ?? undefined)} style={{ width: 280 }} data-testid="compile-industry" />
            <Popconfirm
              title={t('dl.admin.compileConfirm', { industry: compileIndustry ? L.industry(compileIndustry) : t('dl.allIndustries') })}
              okText={t('common.ok')}
              cancelText={t('common.cancel')}
              onConfirm={() => run(async () => { const r = await compileDemandList(current.id, compileIndustry); setList(r.list); message.success(t('dl.admin.compiled', { n: r.added })); })}
            >
              <Button icon={<MergeCellsOutlined />} loading={busy} data-testid="demand-list-compile">{t('dl.admin.compile')}</Button>
            </Popconfirm>
          </Space>
        </Card>
      )}

      <Card
        title={`${t('nav.demands')}（${current.items.length}）`}
        extra={
          can('update') && (
            <Space.Compact>
              <Select
                mode="multiple"
                showSearch={{ filterOption: false, onSearch: (v) => setQ(v.trim()) }}
                value={picked}
                onChange={setPicked}
                loading={search.loading}
                placeholder={t('dl.admin.addPlaceholder')}
                options={(search.data?.items ?? []).filter((d) => !inList.has(d.id)).map((d) => ({ value: d.id, label: `${d.title}（${d.organization.name}）` }))}
                style={{ width: 360 }}
                data-testid="demand-picker"
              />
              <Button disabled={!picked.length} loading={busy} onClick={() => run(async () => { report(await setDemandListItems(current.id, [...ids, ...picked])); setPicked([]); })} data-testid="demand-add">
                {t('dl.admin.add')}
              </Button>
            </Space.Compact>
          )
        }
      >
        <DemandItemsTable
          items={current.items}
          action={
            can('update')
              ? (d) => (
                  <Button type="link" danger size="small" disabled={busy} onClick={() => run(async () => report(await setDemandListItems(current.id, ids.filter((x) => x !== d.id))))}>
                    {t('dl.admin.remove')}
                  </Button>
                )
              : undefined
          }
        />
      </Card>

      {can('update') && current.items.length > 0 && <MatchBatchCard listId={current.id} />}
    </div>
  );
}
