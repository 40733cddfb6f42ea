import { ArrowLeftOutlined, FileExcelOutlined } from '@ant-design/icons';
import { Button, Card, Result, Space, Spin, Tag } from 'antd';
import { useEffect } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../../api/client.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { formatDate } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { useCatalogueLabels } from '../../catalogue/labels.tsx';
import { exportUrl, fetchDemandList } from '../api.ts';
import { MatchBatchCard } from '../../matching/components/MatchBatchCard.tsx';
import { DemandItemsTable } from '../components/DemandItemsTable.tsx';
import { DemandListStatusTag } from '../components/DemandListCard.tsx';

/** One list with its demands and the Excel export. */
export function DemandListDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const L = useCatalogueLabels();
  const res = useAsync((signal) => fetchDemandList(id, signal), [id]);
  const list = res.data;
  useEffect(() => {
    if (list) document.title = `${list.title} · 科转通`;
  }, [list]);
  if (res.error instanceof ApiError && res.error.status === 404) {
    return (
      <div className="container">
        <Result status="404" title={t('common.notFound.title')} subTitle={res.error.detail} extra={<Link to="/demand-lists"><Button>{t('dl.back')}</Button></Link>} />
      </div>
    );
  }
  if (!list) return <div className="container"><Spin spinning={res.loading} style={{ width: '100%', marginTop: 80 }} /></div>;
  return (
    <div className="container stack" data-testid="demand-list-detail">
      <Link to="/demand-lists"><ArrowLeftOutlined /> {t('dl.back')}</Link>
      <div className="page-header" style={{ marginBottom: 0 }}>
        <h1>{list.title}</h1>
        <Space wrap>
          <DemandListStatusTag status={list.status} />
          <Tag color="blue">{list.jurisdiction.name}</Tag>
          <Tag>{list.industry ? L.industryFull(list.industry) : t('dl.allIndustries')}</Tag>
          <span style={{ color: 'var(--kzt-muted)' }}>{t('dl.count', { n: list.items.length })} · {formatDate(list.publishedAt)}</span>
        </Space>
        {list.description && <p>{list.description}</p>}
      </div>
      <Card
        extra={
          list.allowedActions.includes('export') && (
            <Button type="primary" icon={<FileExcelOutlined />} href={exportUrl(list.id)} data-testid="demand-list-export">
              {t('dl.export')}
            </Button>
          )
        }
        title={t('nav.demands')}
      >
        <DemandItemsTable items={list.items} />
      </Card>
      {list.allowedActions.includes('update') && list.items.length > 0 && <MatchBatchCard listId={list.id} />}
    </div>
  );
}
