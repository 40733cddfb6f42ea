import type { ShareEquityDto } from '@kzt/shared';
import { useI18n } from '../../../i18n/index.tsx';
import { useDistributionLabels } from '../labels.ts';

/**
 * An equity share's parts — 技术股 from the income and 现金股 paid in — with the estimate of the tax on a later
 * transfer at that value ((value − acquisition cost) × 20%; the calculator takes another price).
 */
export function EquityParts({ equity }: { equity: ShareEquityDto }) {
  const { t } = useI18n();
  const L = useDistributionLabels();
  return (
    <div data-testid="share-equity" className="muted" style={{ fontSize: 12 }}>
      <div>{t('dist.equity.parts', { technology: L.yuan(equity.technologyShares), cash: L.yuan(equity.cashShares) })}</div>
      <div>{t('dist.equity.tax', { value: L.yuan(equity.total), cost: L.yuan(equity.acquisitionCost), tax: L.yuan(equity.transferTax) })}</div>
    </div>
  );
}

/**
 * A table's rows of shares show an equity share's parts on a line of their own below it, at any width (a phone keeps
 * its columns): pass the result to the table's `expandable`.
 */
export function equityRows<T extends { equity: ShareEquityDto | null }>(rows: T[], key: (r: T) => string) {
  return {
    expandedRowKeys: rows.filter((r) => r.equity).map(key),
    expandedRowRender: (r: T) => (r.equity ? <EquityParts equity={r.equity} /> : null),
    rowExpandable: (r: T) => !!r.equity,
    showExpandColumn: false,
  };
}
