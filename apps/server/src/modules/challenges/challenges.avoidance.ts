import { shanghaiToday } from '@kzt/shared';
import type { Executor } from '../../db/client.ts';
import { achievementsByCompleters } from '../achievements/achievements.service.ts';
import { challengeRepository as repo, type BidRow, type ChallengeRow } from './challenges.repository.ts';

/**
 * Registered technology contracts between any two of these organisations
 * since a day. The contracts module answers it (`registeredContractsBetween`);
 * it is handed in at start (app.ts), since the contracts module reacts to this
 * module's events and this module may not import it back.
 */
export type ContractsBetween = (db: Executor, q: { organizationIds: string[]; since: string }) => Promise<{ title: string; signedOn: string; parties: { id: string; name: string }[] }[]>;

declare module '../../platform/types.ts' {
  interface Deps {
    /** The contracts module's registered contracts between organisations (a challenge panel's avoidance reads them). */
    contractsBetween?: ContractsBetween;
  }
}

/** How far back a collaboration the platform knows of makes an expert step aside. */
export const AVOIDANCE_YEARS = 3;

export type PanelExpert = { id: string; name: string; organizationIds: string[] };
/** A reason to avoid an expert: a message key and its parameters. */
export type Avoidance = { key: string; params?: Record<string, string> };

const yearOf = (d: Date | string) => (typeof d === 'string' ? d.slice(0, 4) : shanghaiToday(d).slice(0, 4));

/**
 * Why each expert must stay off this challenge's panel (回避): a member of
 * the posting or a bidding organisation, a declared conflict, or a
 * collaboration with a bidding organisation in the past three years that the
 * platform knows of:
 * - the expert submitted another challenge's bid for that organisation (they were on its team);
 * - the expert's organisation and that one were poser and team of another awarded challenge;
 * - the expert and that organisation's people completed an achievement together (the expert among
 *   its completers, the achievement the bidder's own, or beside a completer of the bidder's or one
 *   the bid's team names);
 * - a registered technology contract between the expert's organisation and that one.
 * Every reason names the organisation and the link, so the administrator sees why.
 */
export async function avoidanceOf(
  db: Executor,
  c: Pick<ChallengeRow, 'id' | 'organizationId'>,
  bids: Pick<BidRow, 'organizationId' | 'organizationName' | 'team'>[],
  declared: Set<string>,
  experts: PanelExpert[],
  now: Date,
  contractsBetween?: ContractsBetween,
): Promise<Map<string, Avoidance[]>> {
  const out = new Map<string, Avoidance[]>(experts.map((e) => [e.id, []]));
  if (!experts.length) return out;
  const since = new Date(now);
  since.setUTCFullYear(since.getUTCFullYear() - AVOIDANCE_YEARS);
  const bidders = new Map(bids.map((b) => [b.organizationId, b]));
  const bidderIds = [...bidders.keys()];
  const expertOrgIds = [...new Set(experts.flatMap((e) => e.organizationIds))];
  const add = (expertId: string, a: Avoidance) => {
    const list = out.get(expertId)!;
    if (!list.some((x) => x.key === a.key && JSON.stringify(x.params) === JSON.stringify(a.params))) list.push(a);
  };
  const worked = (expertId: string, organizationId: string, link: string) => add(expertId, { key: 'err.challenge.expertWorkedWith', params: { organization: bidders.get(organizationId)!.organizationName, link } });

  for (const e of experts) {
    if (c.organizationId && e.organizationIds.includes(c.organizationId)) add(e.id, { key: 'err.challenge.expertPoser' });
    if (e.organizationIds.some((o) => bidders.has(o))) add(e.id, { key: 'err.challenge.expertBidder' });
    if (declared.has(e.id)) add(e.id, { key: 'err.challenge.expertConflict' });
  }
  if (!bidderIds.length) return out;

  const [ownBids, pairs, achievements, contracts] = await Promise.all([
    repo.bidsSubmittedBy(db, experts.map((e) => e.id), c.id, since),
    repo.awardedPairs(db, [...new Set([...expertOrgIds, ...bidderIds])], c.id, since),
    achievementsByCompleters(db, { names: experts.map((e) => e.name), organizationIds: [...new Set([...expertOrgIds, ...bidderIds])], since }),
    contractsBetween && expertOrgIds.length ? contractsBetween(db, { organizationIds: [...new Set([...expertOrgIds, ...bidderIds])], since: shanghaiToday(since) }) : Promise.resolve([]),
  ]);

  for (const b of ownBids) {
    if (bidders.has(b.organizationId)) worked(b.submittedBy, b.organizationId, `曾代表该单位揭榜「${b.title}」，${yearOf(b.at)} 年`);
  }
  for (const e of experts) {
    const mine = new Set(e.organizationIds);
    for (const p of pairs) {
      if (!p.poserId) continue;
      const other = mine.has(p.poserId) ? p.solverId : mine.has(p.solverId) ? p.poserId : null;
      if (other && bidders.has(other)) worked(e.id, other, `所在单位与其在榜单「${p.title}」中为发榜与揭榜双方，${p.at ? yearOf(p.at) : ''} 年`);
    }
    for (const a of achievements) {
      if (!a.completers.some((x) => x.name === e.name)) continue;
      const others = a.completers.filter((x) => x.name !== e.name);
      for (const b of bidders.values()) {
        const together = a.organizationId === b.organizationId || others.some((x) => x.organization === b.organizationName || (x.name.length >= 2 && b.team.includes(x.name)));
        if (together) worked(e.id, b.organizationId, `共同完成成果「${a.title}」，${yearOf(a.at)} 年`);
      }
    }
    for (const k of contracts) {
      const [x, y] = k.parties;
      if (!x || !y) continue;
      const other = mine.has(x.id) ? y.id : mine.has(y.id) ? x.id : null;
      if (other && bidders.has(other) && !mine.has(other)) worked(e.id, other, `所在单位与其签订技术合同「${k.title}」，${k.signedOn}`);
    }
  }
  return out;
}
