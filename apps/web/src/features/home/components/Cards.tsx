import { INDUSTRY_SECTIONS, formatFen, type AchievementCard, type DemandCard, type ListingCard, type ListingKind, type ListingPhase, type ListingStatus } from '@kzt/shared';
import { Tag } from 'antd';
import { Fragment, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../i18n/index.tsx';
import { formatDate } from '../../../lib/time.ts';
import { KindTag, StateTag } from '../../trading/labels.tsx';

type Segment = { text: string; hit: boolean };

/** Highlighted text from the search: hits in <mark>. */
export function Highlight({ segments, fallback }: { segments?: Segment[]; fallback: string | null }) {
  if (!segments?.length) return <>{fallback}</>;
  return <>{segments.map((s, i) => (s.hit ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}</>;
}

function Industry({ code }: { code: string | null }) {
  const { label } = useI18n();
  if (!code) return null;
  return <Tag variant="outlined">{label(INDUSTRY_SECTIONS[code as keyof typeof INDUSTRY_SECTIONS], code)}</Tag>;
}

/**
 * A list of portal rows (the home page's sections, the search results). Plain
 * markup rather than antd's List: List brings Pagination and Select into the
 * first page, and these lists are never paged here.
 */
export function PortalList<T extends { id: string }>({ items, render }: { items: T[]; render: (item: T) => ReactNode }) {
  return (
    <ul className="portal-list">
      {items.map((item) => (
        <Fragment key={item.id}>{render(item)}</Fragment>
      ))}
    </ul>
  );
}

function Row({ to, title, meta, extra, testId }: { to: string; title: ReactNode; meta: ReactNode; extra?: ReactNode; testId?: string }) {
  return (
    <li className="portal-row" data-testid={testId}>
      <div className="portal-row-main">
        <div className="portal-row-title">
          <Link to={to}>{title}</Link>
        </div>
        <div className="portal-row-meta">{meta}</div>
      </div>
      {extra && <div className="portal-row-extra">{extra}</div>}
    </li>
  );
}

export function AchievementRow({ a, summary }: { a: AchievementCard; summary?: boolean }) {
  const { t } = useI18n();
  return (
    <Row
      to={`/achievements/${a.id}`}
      testId="card-achievement"
      title={<Highlight segments={a.highlight?.title} fallback={a.title} />}
      meta={
        <>
          {summary && a.summary && (
            <div className="portal-summary">
              <Highlight segments={a.highlight?.summary} fallback={a.summary} />
            </div>
          )}
          <span className="portal-meta">
            <Industry code={a.industry} />
            {a.confidentiality === 'abstract' && <Tag color="gold">{t('search.restricted')}</Tag>}
            {a.organization.name} · {formatDate(a.publishedAt as string | null)}
          </span>
        </>
      }
    />
  );
}

export function DemandRow({ d, summary }: { d: DemandCard; summary?: boolean }) {
  const { t } = useI18n();
  return (
    <Row
      to={`/demands/${d.id}`}
      testId="card-demand"
      title={<Highlight segments={d.highlight?.title} fallback={d.title} />}
      meta={
        <>
          {summary && d.description && (
            <div className="portal-summary">
              <Highlight segments={d.highlight?.description} fallback={d.description} />
            </div>
          )}
          <span className="portal-meta">
            <Industry code={d.industry} />
            {d.commonProblem && <Tag color="purple">{t('search.commonProblem')}</Tag>}
            {d.confidentiality === 'abstract' && <Tag color="gold">{t('search.restricted')}</Tag>}
            {d.organization.name} · {formatDate(d.publishedAt as string | null)}
          </span>
        </>
      }
    />
  );
}

export function ListingRow({ l }: { l: ListingCard }) {
  const { lang } = useI18n();
  const price = l.kind === 'auction' ? l.currentPrice : l.price;
  return (
    <Row
      to={`/listings/${l.id}`}
      testId="card-listing"
      title={l.title}
      meta={
        <span className="portal-meta">
          <KindTag kind={l.kind as ListingKind} />
          <StateTag status={l.status as ListingStatus} phase={l.phase as ListingPhase} />
          {l.organization.name}
        </span>
      }
      extra={<span className="portal-price">{formatFen(price, lang)}</span>}
    />
  );
}
