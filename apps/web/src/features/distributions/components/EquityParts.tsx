import type { ShareEquityDto } from '@kzt/shared';
import { useI18n } from '../../../i18n/index.tsx';
import { useDistributionLabels } from '../labels.ts';

/**
 * A share's form, and for equity its parts — 技术股 from the income and 现金股 paid in — with the estimate of the
 * tax on a later transfer at that value ((value − acquisition cost) × 20%; the calculator below takes another price).
 */
export function EquityParts({ form, equity }: { form: string; equity: ShareEquityDto | null }) {
  const { t } = useI18n();
  const L = useDistributionLabels();
  if (!equity) return <span>{L.form(form)}</span>;
  return (
    <span data-testid="share-equity">
      {L.form(form)}
      <span className="muted" style={{ display: 'block', fontSize: 12 }}>
        {t('dist.equity.parts', { technology: L.yuan(equity.technologyShares), cash: L.yuan(equity.cashShares) })}
      </span>
      <span className="muted" style={{ display: 'block', fontSize: 12 }}>
        {t('dist.equity.tax', { value: L.yuan(equity.total), cost: L.yuan(equity.acquisitionCost), tax: L.yuan(equity.transferTax) })}
      </span>
    </span>
  );
}
