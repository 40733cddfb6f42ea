import { shanghaiToday } from '@kzt/shared';
import type { Executor } from '../../db/client.ts';
import { nameKey } from '../../platform/text.ts';
import { achievementsCompletedBy } from '../achievements/achievements.service.ts';
import { activeMembersOf } from '../organizations/organizations.service.ts';
import { challengeRepository as repo, type BidRow, type ChallengeRow } from './challenges.repository.ts';

/**
 * Registered technology contracts between any two of these organisations
 * since a day. The contracts module answers it (`registeredContractsBetween`);
 * it is handed in at start (app.ts), since the contracts module reacts to this
 * module's events and this module may not import it back.
 */
export type ContractsBetween = (db: Executor, q: { organizationIds: string[]; since: string }) => Promise<{ title: string; signedOn: string; parties: { id: string; name: string }[] }[]>;

/**
 * The income distributions (收益分配) since a day naming any of these users:
 * per plan the contract's title, the day the money came in, the seller and
 * everyone it names. The distributions module answers it
 * (`distributionsNaming`), handed in at start for the same reason.
 */
export type DistributionsNaming = (db: Executor, q: { userIds: string[]; since: string }) => Promise<{ title: string; paidOn: string; sellerOrganizationId: string | null; people: { userId: string | null; name: string }[] }[]>;

declare module '../../platform/types.ts' {
  interface Deps {
    /** The contracts module's registered contracts between organisations (a challenge panel's avoidance reads them). */
    contractsBetween?: ContractsBetween;
    /** The distributions module's plans naming people (a challenge panel's avoidance reads who shared income with whom). */
    distributionsNaming?: DistributionsNaming;
  }
}

/** What other modules know of collaborations, as handed in at start. */
export type CollaborationSources = { contractsBetween?: ContractsBetween; distributionsNaming?: DistributionsNaming };

/** How far back a collaboration the platform knows of makes an expert step aside. */
export const AVOIDANCE_YEARS = 3;

export type PanelExpert = { id: string; name: string; organizationIds: string[]; organizationNames: string[] };
/**
 * A reason to avoid an expert: a message key and its parameters, and what it
 * rests on: `identity` (the platform's user or organisation ids say so) or
 * `name` (a fallback: a person the platform knows only by name, matched
 * after normalising 繁体/简体, full-width characters and spaces).
 */
export type Avoidance = { key: string; params?: Record<string, string>; basis: 'identity' | 'name' };

const yearOf = (d: Date | string) => (typeof d === 'string' ? d.slice(0, 4) : shanghaiToday(d).slice(0, 4));

const sameName = (a: string, b: string) => nameKey(a).length > 0 && nameKey(a) === nameKey(b);
/** A name (two characters or more) written in a free text such as a bid's team. */
const namedIn = (text: string, name: string) => nameKey(name).length >= 2 && nameKey(text).includes(nameKey(name));

/**
 * Why each expert must stay off this challenge's panel (回避): a member of
 * the posting or a bidding organisation, a declared conflict, or a
 * collaboration with a bidding organisation in the past three years that the
 * platform knows of. By identity where the platform has it:
 * - the expert submitted another challenge's bid for that organisation;
 * - the expert's organisation and that one were poser and team of another awarded challenge;
 * - a registered technology contract between the expert's organisation and that one;
 * - an achievement the expert completed (named by user id) that is the bidder's own or lists
 *   a member of the bidder (by user id) beside the expert;
 * - an income distribution naming the expert (by user id) of the bidder's contract, or beside
 *   a member of the bidder.
 * By name only as a fallback, each such reason marked `name`: a completer without an account
 * whose normalised name is the expert's (and whose stated organisation, if any, is one of the
 * expert's), or a co-completer named in the bid's team; the expert named in the team of the
 * bidder's bid on another challenge. A completer named with another user id, or with another
 * organisation, is another person: no avoidance.
 * Every reason names the organisation and the link, so the administrator sees why.
 */
export async function avoidanceOf(
  db: Executor,
  c: Pick<ChallengeRow, 'id' | 'organizationId'>,
  bids: Pick<BidRow, 'organizationId' | 'organizationName' | 'team' | 'submittedBy'>[],
  declared: Set<string>,
  experts: PanelExpert[],
  now: Date,
  sources: CollaborationSources = {},
): Promise<Map<string, Avoidance[]>> {
  const out = new Map<string, Avoidance[]>(experts.map((e) => [e.id, []]));
  if (!experts.length) return out;
  const since = new Date(now);
  since.setUTCFullYear(since.getUTCFullYear() - AVOIDANCE_YEARS);
  const sinceDay = shanghaiToday(since);
  const bidders = new Map(bids.map((b) => [b.organizationId, b]));
  const bidderIds = [...bidders.keys()];
  const expertOrgIds = [...new Set(experts.flatMap((e) => e.organizationIds))];
  const add = (expertId: string, a: Avoidance) => {
    const list = out.get(expertId)!;
    if (!list.some((x) => x.key === a.key && JSON.stringify(x.params) === JSON.stringify(a.params))) list.push(a);
  };
  const worked = (expertId: string, organizationId: string, link: string, basis: Avoidance['basis'] = 'identity') =>
    add(expertId, { key: basis === 'identity' ? 'err.challenge.expertWorkedWith' : 'err.challenge.expertWorkedWithByName', params: { organization: bidders.get(organizationId)!.organizationName, link }, basis });

  for (const e of experts) {
    if (c.organizationId && e.organizationIds.includes(c.organizationId)) add(e.id, { key: 'err.challenge.expertPoser', basis: 'identity' });
    if (e.organizationIds.some((o) => bidders.has(o))) add(e.id, { key: 'err.challenge.expertBidder', basis: 'identity' });
    if (declared.has(e.id)) add(e.id, { key: 'err.challenge.expertConflict', basis: 'identity' });
  }
  if (!bidderIds.length) return out;

  const expertIds = experts.map((e) => e.id);
  const [ownBids, teams, pairs, achievements, contracts, distributions, members] = await Promise.all([
    repo.bidsSubmittedBy(db, expertIds, c.id, since),
    repo.bidsOfOrganizations(db, bidderIds, c.id, since),
    repo.awardedPairs(db, [...new Set([...expertOrgIds, ...bidderIds])], c.id, since),
    achievementsCompletedBy(db, { people: experts.map((e) => ({ id: e.id, name: e.name })), since }),
    sources.contractsBetween && expertOrgIds.length ? sources.contractsBetween(db, { organizationIds: [...new Set([...expertOrgIds, ...bidderIds])], since: sinceDay }) : Promise.resolve([]),
    sources.distributionsNaming ? sources.distributionsNaming(db, { userIds: expertIds, since: sinceDay }) : Promise.resolve([]),
    activeMembersOf(db, bidderIds),
  ]);
  /** The people the platform knows of each bidder by user id: its active members and whoever submitted its bid. */
  const people = new Map(bids.map((b) => [b.organizationId, new Set([b.submittedBy])]));
  for (const m of members) people.get(m.organizationId)?.add(m.userId);
  const biddersOf = (userId: string | null) => (userId ? bidderIds.filter((o) => people.get(o)!.has(userId)) : []);

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
    for (const tm of teams) {
      if (namedIn(tm.team, e.name)) worked(e.id, tm.organizationId, `列名该单位揭榜「${tm.title}」的团队，${yearOf(tm.at)} 年`, 'name');
    }
    for (const a of achievements) {
      // The expert among the completers: by user id, else (no account stated) by name, unless a stated organisation says it is someone else.
      const byId = a.completers.filter((x) => x.userId === e.id);
      const byName = a.completers.filter((x) => !x.userId && sameName(x.name, e.name) && (!x.organization || e.organizationNames.some((o) => sameName(o, x.organization!))));
      const self = byId.length ? byId : byName;
      if (!self.length) continue;
      const others = a.completers.filter((x) => !self.includes(x));
      for (const b of bidders.values()) {
        const byIdentity = a.organizationId === b.organizationId || others.some((x) => biddersOf(x.userId).includes(b.organizationId));
        const byNames = others.some((x) => !x.userId && ((x.organization && sameName(x.organization, b.organizationName)) || namedIn(b.team, x.name)));
        if (byIdentity && byId.length) worked(e.id, b.organizationId, `共同完成成果「${a.title}」，${yearOf(a.at)} 年`);
        else if (byIdentity || byNames) worked(e.id, b.organizationId, `共同完成成果「${a.title}」，${yearOf(a.at)} 年`, 'name');
      }
    }
    for (const k of contracts) {
      const [x, y] = k.parties;
      if (!x || !y) continue;
      const other = mine.has(x.id) ? y.id : mine.has(y.id) ? x.id : null;
      if (other && bidders.has(other) && !mine.has(other)) worked(e.id, other, `所在单位与其签订技术合同「${k.title}」，${k.signedOn}`);
    }
    for (const d of distributions) {
      if (!d.people.some((x) => x.userId === e.id)) continue;
      if (d.sellerOrganizationId && bidders.has(d.sellerOrganizationId)) worked(e.id, d.sellerOrganizationId, `参与该单位技术合同「${d.title}」的收益分配，${yearOf(d.paidOn)} 年`);
      for (const x of d.people) {
        if (x.userId === e.id) continue;
        for (const o of biddersOf(x.userId)) worked(e.id, o, `与该单位的${x.name}共同参与技术合同「${d.title}」的收益分配，${yearOf(d.paidOn)} 年`);
      }
    }
  }
  return out;
}
