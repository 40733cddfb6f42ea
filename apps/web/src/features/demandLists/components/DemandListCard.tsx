import { Card, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../i18n/index.tsx';
import { formatDate } from '../../../lib/time.ts';
import { useCatalogueLabels } from '../../catalogue/labels.tsx';
import type { DemandList } from '../api.ts';

export function DemandListStatusTag({ status }: { status: DemandList['status'] }) {
  const { t } = useI18n();
  return status === 'published' ? <Tag color="green">{t('dl.status.published')}</Tag> : <Tag>{t('dl.status.draft')}</Tag>;
}

/** One list in the public overview. */
export function DemandListCard({ list }: { list: DemandList }) {
  const { t } = useI18n();
  const L = useCatalogueLabels();
  return (
    <Card size="small" data-testid="demand-list-card">
      <h3 style={{ margin: '0 0 6px' }}>
        <Link to={`/demand-lists/${list.id}`}>{list.title}</Link>
      </h3>
      <div style={{ color: 'var(--kzt-muted)' }}>
        <Tag color="blue">{list.jurisdiction.name}</Tag>
        <Tag>{list.industry ? L.industry(list.industry) : t('dl.allIndustries')}</Tag>
        {t('dl.count', { n: list.itemCount })} · {formatDate(list.publishedAt)}
      </div>
      {list.description && <p style={{ margin: '8px 0 0' }}>{list.description}</p>}
    </Card>
  );
}
