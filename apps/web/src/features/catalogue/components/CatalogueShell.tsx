import { FilterOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Card, Checkbox, Col, Drawer, Empty, Grid, Input, Pagination, Row, Segmented, Space, Spin } from 'antd';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ApiError } from '../../../api/client.ts';
import { useI18n } from '../../../i18n/index.tsx';
import type { FacetCount } from '../api.ts';
import { problemText } from '../../../lib/errors.ts';
import { SEARCH_MAX } from '../../../lib/search.ts';

/** The list's state lives in the URL, so a search can be shared and survives reloads. */
export function useUrlState() {
  const [params, setParams] = useSearchParams();
  const update = (patch: Record<string, string | number | undefined | null>, keepPage = false) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === null || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    if (!keepPage && !('page' in patch)) next.delete('page');
    setParams(next, { replace: false });
  };
  const list = (key: string) => (params.get(key) ?? '').split(',').filter(Boolean);
  return { params, update, list, reset: () => setParams(new URLSearchParams(params.get('q') ? { q: params.get('q')! } : {})) };
}

type FacetGroupProps = {
  title: string;
  name: string;
  facet: FacetCount[] | undefined;
  selected: string[];
  label: (value: string) => string;
  onChange: (values: string[]) => void;
  /** Values always offered, even with no count (e.g. every transfer mode). */
  all?: readonly string[];
};

/** A facet: one checkbox per value, with the number of matching records. */
export function FacetGroup({ title, name, facet, selected, label, onChange, all }: FacetGroupProps) {
  const counts = new Map((facet ?? []).map((f) => [f.value, f.count]));
  const values = [...new Set([...(all ?? []), ...(facet ?? []).map((f) => f.value), ...selected])];
  if (!all) values.sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0));
  return (
    <div className="facet" data-testid={`facet-${name}`}>
      <div className="facet-title">{title}</div>
      {values.length === 0 ? (
        <div className="muted facet-empty">—</div>
      ) : (
        <Checkbox.Group value={selected} onChange={(v) => onChange(v as string[])} className="facet-options">
          {values.map((v) => (
            <Checkbox key={v} value={v} disabled={!counts.get(v) && !selected.includes(v)}>
              <span className="facet-label" title={label(v)}>{label(v)}</span>
              <span className="facet-count">{counts.get(v) ?? 0}</span>
            </Checkbox>
          ))}
        </Checkbox.Group>
      )}
    </div>
  );
}

type ShellProps = {
  title: string;
  lead: string;
  actions?: ReactNode;
  query: string;
  onSearch: (q: string) => void;
  searchPlaceholder: string;
  filters: ReactNode;
  activeFilters: number;
  onReset: () => void;
  sort: 'relevance' | 'date';
  onSort: (s: 'relevance' | 'date') => void;
  total: number;
  page: number;
  pageSize: number;
  onPage: (page: number, pageSize: number) => void;
  relaxed: boolean;
  loading: boolean;
  error: unknown;
  empty: boolean;
  children: ReactNode;
};

/** Search box, facet column (a drawer on phones), sort, results and pagination. */
export function CatalogueShell(p: ShellProps) {
  const { t } = useI18n();
  const screens = Grid.useBreakpoint();
  const wide = screens.lg ?? true;
  const [drawer, setDrawer] = useState(false);
  const resultsBar = useRef<HTMLDivElement>(null);
  // Closing the phone drawer lands on the first result, wherever the page had scrolled to behind it.
  const showResults = (open: boolean) => {
    const top = resultsBar.current?.getBoundingClientRect().top;
    if (!open && top !== undefined && (top < 0 || top > window.innerHeight * 0.6)) window.scrollTo({ top: window.scrollY + top - 72 });
  };
  const [text, setText] = useState(p.query);
  useEffect(() => setText(p.query), [p.query]);

  const filterCard = (
    <div className="facets">
      <div className="facets-head">
        <strong>{wide && <><FilterOutlined /> {t('cat.filters')}</>}</strong>
        {p.activeFilters > 0 && (
          <Button type="link" size="small" onClick={p.onReset} data-testid="filters-reset">
            {t('cat.filters.clear')}
          </Button>
        )}
      </div>
      {p.filters}
    </div>
  );

  return (
    <div className="container stack catalogue">
      <div className="page-header page-header-row" style={{ marginBottom: 0 }}>
        <div>
          <h1>{p.title}</h1>
          <p>{p.lead}</p>
        </div>
        {p.actions}
      </div>
      <Input.Search
        size="large"
        allowClear
        value={text}
        onChange={(e) => setText(e.target.value)}
        onSearch={(v) => p.onSearch(v.trim())}
        placeholder={p.searchPlaceholder}
        maxLength={SEARCH_MAX}
        enterButton={t('cat.search')}
        data-testid="catalogue-search"
        aria-label={p.searchPlaceholder}
      />
      <Row gutter={[20, 20]}>
        {wide && (
          <Col lg={6}>
            <Card size="small" className="facets-card">
              {filterCard}
            </Card>
          </Col>
        )}
        <Col xs={24} lg={18}>
          <div className="results-bar" ref={resultsBar}>
            <Space wrap size={8}>
              {!wide && (
                <Badge count={p.activeFilters} size="small">
                  <Button icon={<FilterOutlined />} onClick={() => setDrawer(true)} data-testid="filters-open">
                    {t('cat.filters')}
                  </Button>
                </Badge>
              )}
              <span className="muted" data-testid="result-total">
                {t('cat.results', { total: p.total })}
              </span>
            </Space>
            <Segmented<'relevance' | 'date'>
              value={p.sort}
              onChange={p.onSort}
              options={[
                { value: 'relevance', label: t('cat.sort.relevance') },
                { value: 'date', label: t('cat.sort.date') },
              ]}
              data-testid="sort"
            />
          </div>
          {p.relaxed && <Alert type="warning" showIcon title={t('cat.relaxed')} style={{ marginBottom: 12 }} data-testid="relaxed-hint" />}
          {p.error instanceof ApiError && <Alert type="error" showIcon title={problemText(p.error)} style={{ marginBottom: 12 }} data-testid="catalogue-error" />}
          <Spin spinning={p.loading}>
            {p.empty && !p.loading ? (
              <Card>
                <Empty description={p.query ? t('cat.empty.query', { q: p.query }) : t('cat.empty')} data-testid="catalogue-empty">
                  {p.activeFilters > 0 && (
                    <Button onClick={p.onReset} data-testid="empty-filters-reset">
                      {t('cat.filters.clear')}
                    </Button>
                  )}
                </Empty>
              </Card>
            ) : (
              <div className="result-list" data-testid="result-list">
                {p.children}
              </div>
            )}
          </Spin>
          {p.total > p.pageSize && (
            <Pagination
              className="result-pagination"
              current={p.page}
              pageSize={p.pageSize}
              total={p.total}
              showSizeChanger={false}
              showTotal={wide ? (total) => t('common.total', { total }) : undefined}
              simple={!wide}
              onChange={p.onPage}
            />
          )}
        </Col>
      </Row>
      <Drawer title={t('cat.filters')} placement="left" size={300} open={!wide && drawer} onClose={() => setDrawer(false)} afterOpenChange={showResults} className="filters-drawer">
        {filterCard}
        <Button type="primary" block onClick={() => setDrawer(false)} style={{ marginTop: 16 }}>
          {t('cat.filters.show', { total: p.total })}
        </Button>
      </Drawer>
    </div>
  );
}
