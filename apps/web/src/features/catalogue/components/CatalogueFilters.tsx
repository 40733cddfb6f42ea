import { Button, DatePicker, Grid, TreeSelect } from 'antd';
import { useMemo, useState } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { TZ, dayjs } from '../../../lib/time.ts';
import { useAsync } from '../../../lib/useAsync.ts';
import { buildJurisdictionTree, fetchJurisdictions } from '../../jurisdictions/api.ts';
import './CatalogueFilters.css';
import { NumberInput } from '../../../lib/NumberInput.tsx';

/* Extra facets of the public catalogue lists (achievements and demands): region, publication date, price. */

const FEN_PER_WAN = 1_000_000;
const DAY = 'YYYY-MM-DD';

/** A `YYYY-MM-DD` query value, or undefined when missing or malformed. */
export function dayParam(v: string | null): string | undefined {
  return v && /^\d{4}-\d{2}-\d{2}$/.test(v) && dayjs(v).isValid() ? v : undefined;
}

/** A non-negative whole number of fen from the query, or undefined. */
export function fenParam(v: string | null): number | undefined {
  if (v == null || v === '') return undefined;
  const n = Number(v);
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

/** A six-digit division code from the query, or undefined. */
export function jurisdictionParam(v: string | null): string | undefined {
  return v && /^\d{6}$/.test(v) ? v : undefined;
}

/** Region facet: a province → city → county tree; a record matches when it lies anywhere under the chosen node. */
export function JurisdictionFacet({ value, onChange }: { value?: string; onChange: (code: string | undefined) => void }) {
  const { t } = useI18n();
  const { data, loading } = useAsync(() => fetchJurisdictions(), []);
  const tree = useMemo(() => buildJurisdictionTree(data?.items ?? []), [data]);
  // Until the tree arrives the select would show the bare code; show nothing rather than "140700".
  const known = !value || (data?.items ?? []).some((j) => j.code === value);
  return (
    <div className="facet" data-testid="facet-jurisdiction">
      <div className="facet-title">{t('cat.filter.jurisdiction')}</div>
      <TreeSelect
        value={known ? value : undefined}
        onChange={(v) => onChange((v as string | undefined) || undefined)}
        treeData={tree}
        loading={loading}
        placeholder={t('cat.filter.jurisdiction.all')}
        showSearch={{ treeNodeFilterProp: 'title' }}
        allowClear
        treeDefaultExpandedKeys={tree.map((n) => n.key)}
        popupMatchSelectWidth={false}
        styles={{ popup: { root: { maxHeight: 360, overflow: 'auto', minWidth: 220 } } }}
        style={{ width: '100%' }}
        aria-label={t('cat.filter.jurisdiction')}
        data-testid="filter-jurisdiction"
      />
    </div>
  );
}

/** Publication-date facet: whole days in Beijing time, either end may stay open. */
export function PublishedRangeFacet({ from, to, onChange }: { from?: string; to?: string; onChange: (from: string | undefined, to: string | undefined) => void }) {
  const { t } = useI18n();
  const screens = Grid.useBreakpoint();
  const phone = !(screens.lg ?? true);
  // "Today" is the Beijing calendar day, whatever the browser's own zone is.
  const today = dayjs(dayjs().tz(TZ).format(DAY));
  return (
    <div className="facet" data-testid="facet-published">
      <div className="facet-title">{t('cat.field.publishedAt')}</div>
      <DatePicker.RangePicker
        value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
        format={DAY}
        allowEmpty={[true, true]}
        inputReadOnly={phone}
        placeholder={[t('cat.filter.dateFrom'), t('cat.filter.dateTo')]}
        disabledDate={(d) => d.isAfter(today, 'day')}
        presets={[
          { label: t('cat.filter.last30d'), value: [today.subtract(30, 'day'), today] },
          { label: t('cat.filter.last90d'), value: [today.subtract(90, 'day'), today] },
          { label: t('cat.filter.lastYear'), value: [today.subtract(1, 'year'), today] },
        ]}
        onChange={(v) => onChange(v?.[0]?.format(DAY), v?.[1]?.format(DAY))}
        classNames={{ popup: { root: 'catalogue-range-popup' } }}
        style={{ width: '100%' }}
      />
    </div>
  );
}

/**
 * Price facet, typed in 万元 and sent in fen. Applied with a button (or Enter), not on every keystroke.
 * Records priced 面议 have no price and drop out once a bound is set; the hint says so.
 */
export function PriceRangeFacet({ min, max, onApply }: { min?: number; max?: number; onApply: (min: number | undefined, max: number | undefined) => void }) {
  const { t } = useI18n();
  const toWan = (fen?: number) => (fen === undefined ? null : fen / FEN_PER_WAN);
  const [lo, setLo] = useState<number | null>(toWan(min));
  const [hi, setHi] = useState<number | null>(toWan(max));
  // Follow the URL (清除筛选, back/forward): reset the typed values in the same render the applied ones change.
  const [applied, setApplied] = useState({ min, max });
  if (applied.min !== min || applied.max !== max) {
    setApplied({ min, max });
    setLo(toWan(min));
    setHi(toWan(max));
  }

  const toFen = (wan: number | null) => (wan == null ? undefined : Math.round(wan * FEN_PER_WAN));
  let a = toFen(lo);
  let b = toFen(hi);
  if (a !== undefined && b !== undefined && a > b) [a, b] = [b, a];
  const dirty = a !== min || b !== max;
  const apply = () => {
    if (dirty) onApply(a, b);
  };

  return (
    <div className="facet" data-testid="facet-price">
      <div className="facet-title">
        {t('ach.field.price')}
        <span className="muted facet-range">{t('cat.unit.wan')}</span>
      </div>
      <div className="range-inputs">
        <NumberInput<number>
          min={0}
          max={1e9}
          value={lo}
          onChange={setLo}
          onPressEnter={apply}
          placeholder={t('cat.filter.min')}
          aria-label={t('cat.filter.priceMin')}
          data-testid="filter-price-min"
        />
        <span className="muted">–</span>
        <NumberInput<number>
          min={0}
          max={1e9}
          value={hi}
          onChange={setHi}
          onPressEnter={apply}
          placeholder={t('cat.filter.max')}
          aria-label={t('cat.filter.priceMax')}
          data-testid="filter-price-max"
        />
      </div>
      <Button size="small" block disabled={!dirty} onClick={apply} style={{ marginTop: 8 }} data-testid="filter-price-apply">
        {t('cat.filters.apply')}
      </Button>
      <div className="muted facet-hint">{t('cat.filter.priceHint')}</div>
      <div className="muted facet-hint" data-testid="filter-abstract-hint">{t('cat.filter.abstractHint')}</div>
    </div>
  );
}
