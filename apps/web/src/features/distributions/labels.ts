import { DISTRIBUTION_BASIS_LABELS, DISTRIBUTION_ROLE_LABELS, SHARE_FORM_LABELS, fenToYuan, type DistributionBasis, type DistributionRole, type ShareForm } from '@kzt/shared';
import { useI18n } from '../../i18n/index.tsx';

/** Labels of 收益分配 in the reader's language; amounts exact to the fen. */
export function useDistributionLabels() {
  const { lang } = useI18n();
  const pick = (l: { zh: string; en: string } | undefined, raw: string) => (l ? l[lang] : raw);
  return {
    role: (r: string) => pick(DISTRIBUTION_ROLE_LABELS[r as DistributionRole], r),
    form: (f: string) => pick(SHARE_FORM_LABELS[f as ShareForm], f),
    basis: (b: string) => pick(DISTRIBUTION_BASIS_LABELS[b as DistributionBasis], b),
    roles: (rs: string[]) => rs.map((r) => pick(DISTRIBUTION_ROLE_LABELS[r as DistributionRole], r)).join(lang === 'zh' ? '和' : ' and '),
    yuan: (fen: number) => (lang === 'zh' ? `${fenToYuan(fen)} 元` : `${fenToYuan(fen)} yuan`),
    pct: (bp: number) => `${bp / 100}%`,
  };
}
