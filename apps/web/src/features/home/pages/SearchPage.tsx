import type { SearchKind, SearchResult } from '@kzt/shared';
import { Alert, Button, Card, Empty, Pagination, Skeleton, Tabs } from 'antd';
import { useEffect } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useI18n } from '../../../i18n/index.tsx';
import { useAsync } from '../../../lib/useAsync.ts';
import { searchAll } from '../api.ts';
import { AchievementRow, DemandRow, ListingRow, PortalList } from '../components/Cards.tsx';
import { SearchBox } from './HomePage.tsx';
import { searchText } from '../../../lib/search.ts';

const KINDS: SearchKind[] = ['achievements', 'demands', 'listings'];
const PAGE_SIZE = 10;

/** /search?q=&kind=: one box over achievements, demands and listings; "all" shows each kind's best five, a tab pages through one kind. */
export function SearchPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const q = searchText(params);
  const kindParam = params.get('kind');
  const kind = KINDS.includes(kindParam as SearchKind) ? (kindParam as SearchKind) : undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);

  const { data, error, loading } = useAsync(
    (signal) => (q ? searchAll(q, kind, kind ? page : 1, kind ? PAGE_SIZE : 5, signal) : Promise.resolve(undefined)),
    [q, kind, page],
  );

  useEffect(() => {
    document.title = `${q ? t('search.results', { q }) : t('search.title')} · 科转通`;
  }, [q, t]);

  const go = (next: { kind?: SearchKind; page?: number }) => {
    const p = new URLSearchParams({ q });
    if (next.kind) p.set('kind', next.kind);
    if (next.page && next.page > 1) p.set('page', String(next.page));
    setParams(p);
  };

  const group = (k: SearchKind, r: SearchResult) => {
    const g = r[k];
    if (!g) return null;
    const rows =
      k === 'achievements'
        ? <PortalList items={r.achievements!.items} render={(a) => <AchievementRow a={a} summary />} />
        : k === 'demands'
          ? <PortalList items={r.demands!.items} render={(d) => <DemandRow d={d} summary />} />
          : <PortalList items={r.listings!.items} render={(l) => <ListingRow l={l} />} />;
    return (
      <Card
        key={k}
        className="portal-card"
        data-testid={`search-group-${k}`}
        title={t('search.groupTitle', { kind: t(`search.${k}`), n: g.total })}
        extra={!kind && g.total > g.items.length && <Button type="link" onClick={() => go({ kind: k })}>{t('search.seeAll', { n: g.total })}</Button>}
        style={{ marginBottom: 16 }}
      >
        {g.items.length ? rows : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('search.none')} />}
        {kind && g.total > PAGE_SIZE && (
          <Pagination style={{ marginTop: 12, textAlign: 'right' }} current={page} pageSize={PAGE_SIZE} total={g.total} showSizeChanger={false} onChange={(p) => go({ kind, page: p })} />
        )}
      </Card>
    );
  };

  return (
    <div className="container page">
      <div className="search-head">
        <SearchBox initial={q} />
      </div>
      {!q ? (
        <Empty description={t('search.enter')} />
      ) : (
        <>
          <h1 className="page-title">{t('search.results', { q })}</h1>
          <Tabs
            activeKey={kind ?? 'all'}
            onChange={(k) => go({ kind: k === 'all' ? undefined : (k as SearchKind) })}
            items={[{ key: 'all', label: t('search.all') }, ...KINDS.map((k) => ({ key: k, label: t(`search.${k}`) }))]}
          />
          {error ? (
            <Alert type="error" showIcon title={error instanceof Error ? error.message : String(error)} />
          ) : loading || !data ? (
            <Skeleton active />
          ) : (
            (kind ? [kind] : KINDS).map((k) => group(k, data))
          )}
        </>
      )}
    </div>
  );
}
