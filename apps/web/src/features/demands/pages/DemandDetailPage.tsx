import { Card, Descriptions, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { useI18n } from '../../../i18n/index.tsx';
import { formatDate, formatDateTime } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { AccessRequestsCard, RestrictedBox } from '../../catalogue/components/AccessPanels.tsx';
import { RecordGate, RecordHeader } from '../../catalogue/components/DetailFrame.tsx';
import { VersionsCard } from '../../catalogue/components/VersionsCard.tsx';
import { AttachmentsCard } from '../../attachments/components/AttachmentsCard.tsx';
import { useCatalogueLabels } from '../../catalogue/labels.tsx';
import { MatchSection } from '../../matching/components/MatchSection.tsx';
import { EngageBar } from '../../engage/components/EngageBar.tsx';
import { fetchDemand, type Demand } from '../api.ts';
import { useBudgetText } from './DemandListPage.tsx';
import { ChallengeFromDemand } from '../../challenges/components/ChallengeFromDemand.tsx';

export function DemandDetailPage() {
  const { id = '' } = useParams();
  const state = useAsync(() => fetchDemand(id), [id]);
  const [rev, setRev] = useState(0);
  useEffect(() => {
    if (state.data) document.title = `${state.data.title} · 科转通`;
  }, [state.data]);
  return (
    <RecordGate kind="demands" loading={state.loading && !state.data} error={!state.data ? state.error : undefined}>
      {() => (
        <DemandView
          d={state.data!}
          rev={rev}
          onChanged={() => {
            setRev((r) => r + 1);
            void state.reload();
          }}
        />
      )}
    </RecordGate>
  );
}

function DemandView({ d, rev, onChanged }: { d: Demand; rev: number; onChanged: () => void }) {
  const { t } = useI18n();
  const L = useCatalogueLabels();
  const budget = useBudgetText();
  const can = (x: Demand['allowedActions'][number]) => d.allowedActions.includes(x);
  return (
    <div className="container stack" data-testid="demand-detail">
      <RecordHeader
        kind="demands"
        record={d}
        onChanged={onChanged}
        extraTags={d.commonProblem ? <Tag color="volcano" data-testid="common-problem-tag">{t('dem.commonProblem')}</Tag> : null}
      />
      <EngageBar type="demand" record={d} />
      {d.restricted && <RestrictedBox kind="demands" record={d} />}
      <Card title={t('dem.basic')}>
        <Descriptions
          column={{ xs: 1, sm: 1, md: 2 }}
          bordered
          size="small"
          items={[
            { key: 'org', label: t('cat.field.organization'), children: d.organization.name },
            { key: 'industry', label: t('cat.field.industry'), children: L.industryFull(d.industry) },
            ...(!d.restricted
              ? [
                  { key: 'budget', label: t('dem.field.budget'), children: <strong className="price" data-testid="budget">{budget(d.budgetMin, d.budgetMax)}</strong> },
                  {
                    key: 'modes',
                    label: t('dem.field.cooperationModes'),
                    children: d.cooperationModes?.length ? d.cooperationModes.map((m) => <Tag key={m}>{L.transferMode(m)}</Tag>) : '—',
                  },
                  { key: 'tags', label: t('cat.field.industryTags'), children: d.industryTags?.length ? d.industryTags.map((m) => <Tag key={m} color="blue">{m}</Tag>) : '—' },
                  { key: 'kw', label: t('cat.field.keywords'), children: d.keywords?.length ? d.keywords.map((m) => <Tag key={m}>{m}</Tag>) : '—' },
                ]
              : []),
            { key: 'deadline', label: t('dem.field.deadline'), children: d.deadline ?? t('dem.deadline.none') },
            { key: 'cp', label: t('dem.commonProblem'), children: d.commonProblem ? t('common.yes') : t('common.no') },
            { key: 'conf', label: t('cat.field.confidentiality'), children: L.confidentiality(d.confidentiality) },
            { key: 'pub', label: t('cat.field.publishedAt'), children: formatDate(d.publishedAt) },
            ...(d.version ? [{ key: 'ver', label: t('cat.field.version'), children: `v${d.version} · ${t('cat.updatedAt', { at: formatDateTime(d.updatedAt) })}` }] : []),
          ]}
        />
      </Card>
      <Card title={t('dem.field.description')}>
        <p className="prose" data-testid="summary">{d.description || t('cat.noSummary')}</p>
      </Card>
      {d.status === 'published' && can('update') && <ChallengeFromDemand demandId={d.id} />}
      {d.status === 'published' && <MatchSection sourceType="demand" record={d} />}
      {can('manageAccess') && d.confidentiality === 'abstract' && <AccessRequestsCard kind="demands" recordId={d.id} />}
      {!d.restricted && <AttachmentsCard kind="demands" recordId={d.id} />}
      {can('viewHistory') && <VersionsCard kind="demands" recordId={d.id} reloadKey={rev} />}
    </div>
  );
}
