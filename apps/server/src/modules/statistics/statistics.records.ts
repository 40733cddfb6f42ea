import type { StatsRecordLink } from '@kzt/shared';
import type { Lang } from '../../platform/i18n.ts';
import type { Executor } from '../../db/client.ts';
import { achievementHeads } from '../achievements/achievements.service.ts';
import { challengeHeads } from '../challenges/challenges.service.ts';
import { demandHeads } from '../demands/demands.service.ts';
import { feedbackHeads } from '../matching/matching.service.ts';
import { organizationNames } from '../organizations/organizations.service.ts';
import { entitlementHeads } from '../policy/policy.service.ts';
import { pushHeads } from '../push/push.service.ts';
import { dealHeads } from '../trading/deals.service.ts';
import type { FactRow } from './statistics.repository.ts';

/** One record behind a figure as the drill-down lists it: what the fact kept, named and linked by the module that owns the record. */
export type StatsRecord = {
  sourceType: string;
  sourceId: string;
  day: string;
  kind: string;
  label: string;
  amount: number;
  amount2: number;
  seller: string;
  buyer: string;
  /** Who or what else: the owner, the beneficiary, the person pushed to or answering, the challenge's poster. */
  detail: string;
  /** The page of the record (null: it has none, or it is gone). */
  link: StatsRecordLink | null;
};

/** The words a record's detail is said in (the records' Excel is in Chinese; the drawer in the reader's language). */
const WORDS = {
  zh: { pushedTo: (who: string) => `推送给 ${who}`, matched: (title: string) => `匹配：${title}`, answeredBy: (who: string) => `回应人 ${who}`, contractNo: (no: string) => `（合同编号 ${no}）` },
  en: { pushedTo: (who: string) => `pushed to ${who}`, matched: (title: string) => `match: ${title}`, answeredBy: (who: string) => `answered by ${who}`, contractNo: (no: string) => ` (contract no. ${no})` },
} satisfies Record<Lang, unknown>;

type Fact = Pick<FactRow, 'metric' | 'sourceType' | 'sourceId' | 'day' | 'kind' | 'label' | 'amount' | 'amount2' | 'sellerName' | 'buyerName'>;
const isRecordType = (t: string): t is 'achievement' | 'demand' => t === 'achievement' || t === 'demand';

/**
 * The records behind a figure, each named and linked by its owner (the
 * achievements, demands, trading, challenges, push, matching and policy
 * modules' services): a fact keeps counts and a label, not always a title
 * (a deal's, a verdict's) nor where a record lives (a push names the record
 * it was pushed for only through the push module). Ids whose owner no longer
 * has them keep what the fact says.
 */
export async function describeRecords(db: Executor, metric: string, facts: Fact[], lang: Lang = 'zh'): Promise<StatsRecord[]> {
  const w = WORDS[lang];
  const ids = (type: string) => facts.filter((f) => f.sourceType === type).map((f) => f.sourceId);
  const pushes = metric === 'match.pushed' ? await pushHeads(db, facts.map((f) => f.sourceId)) : new Map<string, never>();
  const verdicts = metric === 'match.answered' ? await feedbackHeads(db, ids('matchFeedback')) : new Map<string, never>();
  const records = metric === 'match.pushed' || metric === 'match.answered' ? [] : facts;
  // The achievements and demands a list names: its own, and those its pushes and verdicts are about.
  const recordIds = { achievement: [] as string[], demand: [] as string[] };
  for (const f of records) if (isRecordType(f.sourceType)) recordIds[f.sourceType].push(f.sourceId);
  for (const p of pushes.values()) for (const [t, id] of [[p.sourceType, p.sourceId], [p.recordType, p.recordId]] as const) if (isRecordType(t)) recordIds[t].push(id);
  for (const v of verdicts.values()) for (const [t, id] of [[v.sourceType, v.sourceId], [v.targetType, v.targetId]] as const) if (isRecordType(t)) recordIds[t].push(id);
  const [achievements, demands, deals, challenges, entitlements] = await Promise.all([
    achievementHeads(db, [...new Set(recordIds.achievement)]),
    demandHeads(db, [...new Set(recordIds.demand)]),
    dealHeads(db, ids('deal')),
    challengeHeads(db, ids('challenge')),
    entitlementHeads(db, ids('entitlement')),
  ]);
  const heads = new Map([...achievements, ...demands].map((h) => [h.id, h]));
  const owners = await organizationNames(db, [...heads.values()].map((h) => h.organizationId));
  const titleOf = (id: string) => heads.get(id)?.title ?? '';

  return facts.map((f) => {
    const r: StatsRecord = { sourceType: f.sourceType, sourceId: f.sourceId, day: f.day, kind: f.kind, label: f.label, amount: Number(f.amount), amount2: Number(f.amount2), seller: f.sellerName, buyer: f.buyerName, detail: '', link: null };
    if (metric === 'match.pushed') {
      const p = pushes.get(f.sourceId);
      if (!p) return r;
      // The published record the push was for is the one of the fact's type; the other side is what was pushed with it (a subscription has none).
      const sides = [{ type: p.recordType, id: p.recordId }, { type: p.sourceType, id: p.sourceId }];
      const [published, other] = p.recordType === f.sourceType ? [sides[0]!, sides[1]!] : [sides[1]!, sides[0]!];
      if (isRecordType(published.type)) r.link = { type: published.type, id: published.id };
      r.label ||= titleOf(published.id);
      r.detail = [w.pushedTo(p.recipient || '—'), isRecordType(other.type) && titleOf(other.id) ? w.matched(titleOf(other.id)) : ''].filter(Boolean).join(' · ');
      return r;
    }
    if (metric === 'match.answered') {
      const v = verdicts.get(f.sourceId);
      if (!v) return r;
      if (isRecordType(v.sourceType)) r.link = { type: v.sourceType, id: v.sourceId };
      r.label = [titleOf(v.sourceId), titleOf(v.targetId)].filter(Boolean).join(' ↔ ');
      r.detail = v.by ? w.answeredBy(v.by) : '';
      return r;
    }
    switch (f.sourceType) {
      case 'achievement':
      case 'demand': {
        const h = heads.get(f.sourceId);
        if (!h) return r;
        r.link = { type: f.sourceType, id: f.sourceId };
        // A conversion's label names what converted it (登记合同 …): the achievement's own title goes beside it.
        if (!r.label) r.label = h.title;
        else if (r.label !== h.title) r.detail = h.title;
        r.detail = [r.detail, owners.get(h.organizationId)].filter(Boolean).join(' · ');
        return r;
      }
      case 'contract':
        r.link = { type: 'contract', id: f.sourceId };
        return r;
      case 'deal': {
        const d = deals.get(f.sourceId);
        if (!d) return r;
        r.link = { type: 'deal', id: f.sourceId };
        r.label ||= d.contractNo ? `${d.title}${w.contractNo(d.contractNo)}` : d.title;
        r.seller ||= d.sellerName;
        r.buyer ||= d.buyerName;
        return r;
      }
      case 'challenge': {
        const c = challenges.get(f.sourceId);
        if (!c) return r;
        r.link = { type: 'challenge', id: f.sourceId };
        r.label ||= c.title;
        r.detail = c.organizationName ?? '';
        return r;
      }
      case 'organization':
        r.link = { type: 'organization', id: f.sourceId };
        return r;
      case 'entitlement': {
        const e = entitlements.get(f.sourceId);
        if (!e) return r;
        r.label ||= e.ruleTitle;
        r.detail = e.beneficiaryName ?? '';
        if (e.beneficiaryOrganizationId) r.link = { type: 'organization', id: e.beneficiaryOrganizationId };
        return r;
      }
      default:
        return r;
    }
  });
}
