import { DEFAULT_CHALLENGE_CRITERIA, formatFen, timelineParams } from '@kzt/shared';
import { Tag } from 'antd';
import type { MessageKey } from '../../i18n/index.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { Challenge, ChallengeSummary, Milestone } from './api.ts';

const SCHEME_COLOR: Record<string, string> = { jiebang_guashuai: 'red', two_way: 'geekblue', racing: 'purple', bounty: 'gold', crowdsourcing: 'cyan' };
const STATUS_COLOR: Record<string, string> = { pending_review: 'orange', rejected: 'default', published: 'green', closed: 'blue', notice: 'gold', awarded: 'blue', completed: 'success', terminated: 'default' };
const MS_COLOR: Record<string, string> = { pending: 'processing', reported: 'orange', accepted: 'success', returned: 'warning', overdue: 'error', stopped: 'default' };

/** The five regions of the demo, for the board's region filter. */
export const REGIONS = [
  { code: '140700', name: { zh: '晋中', en: 'Jinzhong' } },
  { code: '140000', name: { zh: '山西', en: 'Shanxi' } },
  { code: '610000', name: { zh: '陕西', en: 'Shaanxi' } },
  { code: '210100', name: { zh: '沈阳', en: 'Shenyang' } },
  { code: '371000', name: { zh: '威海', en: 'Weihai' } },
];

export function useChallengeLabels() {
  const { t, lang } = useI18n();
  return {
    scheme: (s: string) => t(`ch.scheme.${s}` as MessageKey),
    kind: (k: string) => t(`ch.kind.${k}` as MessageKey),
    status: (s: string) => t(`ch.status.${s}` as MessageKey),
    milestone: (s: string) => t(`ch.ms.${s}` as MessageKey),
    outcome: (s: string) => t(`ch.outcome.${s}` as MessageKey),
    check: (s: string) => t(`ch.check.${s}` as MessageKey),
    /** A default criterion (its key and Chinese name unchanged) in the reader's language; a poster's own criterion as written. */
    criterion: (k: { key: string; name: string }) =>
      DEFAULT_CHALLENGE_CRITERIA.some((d) => d.key === k.key && d.name === k.name) ? t(`ch.criterion.${k.key}` as MessageKey) : k.name,
    money: (fen: number | null | undefined) => (fen == null ? '—' : formatFen(fen, lang)),
    percent: (share: number) => `${Math.round(share * 10_000) / 100}%`,
    /** A timeline entry worded here from its params (so it follows a language switch); an entry without params, or of a kind this build does not know, as the server wrote it. */
    timeline: (e: Challenge['timeline'][number]) => {
      const key = `ch.tl.${e.kind}` as MessageKey;
      if (!e.params || t(key) === key) return e.text;
      const params = timelineParams(e.params, lang);
      if (params.agreement) params.agreement = t(`ch.tl.agreement.${params.agreement}` as MessageKey);
      return t(key, params);
    },
  };
}

/** Published challenges whose deadline has passed read as 评审中 (under review). */
export const shownStatus = (c: Pick<ChallengeSummary, 'status' | 'biddingOpen'>) => (c.status === 'published' && !c.biddingOpen ? 'closed' : c.status);

export function SchemeTag({ scheme }: { scheme: string }) {
  const L = useChallengeLabels();
  return <Tag color={SCHEME_COLOR[scheme]}>{L.scheme(scheme)}</Tag>;
}

export function StatusTag({ c }: { c: Pick<ChallengeSummary, 'status' | 'biddingOpen'> }) {
  const L = useChallengeLabels();
  const s = shownStatus(c);
  return <Tag color={STATUS_COLOR[s]} data-testid="challenge-status">{L.status(s)}</Tag>;
}

export function MilestoneTag({ m }: { m: Pick<Milestone, 'status'> }) {
  const L = useChallengeLabels();
  return <Tag color={MS_COLOR[m.status]}>{L.milestone(m.status)}</Tag>;
}
