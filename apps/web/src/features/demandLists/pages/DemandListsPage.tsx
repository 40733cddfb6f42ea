import { Card, Empty, Pagination, Select, Space, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { useAsync } from '../../../lib/useAsync.ts';
import { useCatalogueLabels } from '../../catalogue/labels.tsx';
import { JurisdictionSelect } from '../../jurisdictions/components/JurisdictionSelect.tsx';
import { listDemandLists } from '../api.ts';
import { DemandListCard } from '../components/DemandListCard.tsx';

const PAGE_SIZE = 10;

/** 需求清单: the published lists, for everyone. */
export function DemandListsPage() {
  const { t } = useI18n();
  const L = useCatalogueLabels();
  const [industry, setIndustry] = useState<string>();
  const [jurisdictionCode, setJurisdictionCode] = useState<string>();
  const [page, setPage] = useState(1);
  useEffect(() => {
    document.title = `${t('nav.demandLists')} · 科转通`;
  }, [t]);
  const res = useAsync((signal) => listDemandLists({ status: 'published', industry, jurisdictionCode, page, pageSize: PAGE_SIZE }, signal), [industry, jurisdictionCode, page]);
  return (
    <div className="container stack" data-testid="demand-lists-page">
      <div className="page-header">
        <h1>{t('nav.demandLists')}</h1>
        <p>{t('dl.lead')}</p>
      </div>
      <Card>
        <Space wrap size={12}>
          <Select
            allowClear
            placeholder={t('cat.field.industry')}
            options={L.industryOptions}
            value={industry}
            onChange={(v) => { setPage(1); setIndustry(v); }}
            style={{ width: 260 }}
          />
          <JurisdictionSelect allowClear value={jurisdictionCode} onChange={(v) => { setPage(1); setJurisdictionCode(v); }} placeholder={t('dl.jurisdiction')} style={{ width: 220 }} />
        </Space>
      </Card>
      <Spin spinning={res.loading && !res.data}>
        <div className="stack">
          {res.data?.items.map((l) => <DemandListCard key={l.id} list={l} />)}
          {res.data && res.data.items.length === 0 && <Card><Empty description={t('dl.empty')} /></Card>}
        </div>
      </Spin>
      {res.data && res.data.total > PAGE_SIZE && <Pagination current={page} pageSize={PAGE_SIZE} total={res.data.total} onChange={setPage} showSizeChanger={false} />}
    </div>
  );
}
