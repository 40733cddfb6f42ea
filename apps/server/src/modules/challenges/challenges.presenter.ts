import { fromBasisPoints, type ChallengeDto } from '@kzt/shared';
import type { Actor } from '../../platform/actor.ts';
import { membershipIn, pathWithin } from '../../platform/actor.ts';
import type { BidRow, ChallengeListRow, ChallengeRow, MilestoneRow, ObjectionRow, PaymentRow, ScoreRow, TimelineRow } from './challenges.repository.ts';
import { biddableOrganizations, biddingOpen, challengeActions, challengeRoles, objectingOrganizations, type ChallengePolicy, type ChallengeState } from './challenges.policy.ts';
import type { OwnedAttachment } from '../attachments/attachments.service.ts';
import { milestoneAmounts, pointsOf, trimmedResult } from './challenges.scoring.ts';

/** A panel member who must not score a bid, with the reasons (worded) and whether anyone has scored that bid yet. */
export type PanelConflict = { expert: { id: string; name: string }; bid: Pick<BidRow, 'id' | 'organizationId' | 'organizationName'>; reasons: string[]; scored: boolean };

export function presentChallengeSummary(c: ChallengeListRow, now: Date, winners: { name: string; budget: number }[] = []) {
  return {
    id: c.id,
    scheme: c.scheme as ChallengeDto['scheme'],
    kind: c.kind as ChallengeDto['kind'],
    title: c.title,
    organization: c.organizationId ? { id: c.organizationId, name: c.organizationName } : null,
    jurisdiction: { code: c.jurisdictionCode, name: c.jurisdictionName },
    bounty: c.bountyFen,
    deadline: c.deadline,
    status: c.status as ChallengeDto['status'],
    biddingOpen: biddingOpen(c, now),
    bidCount: c.bidCount,
    publishedAt: c.publishedAt,
    createdAt: c.createdAt,
    winners: winners.map((w) => ({ organizationName: w.name, amount: w.budget })),
  };
}

/** What the caller may see of one bid's scores. */
type ScoreView = { all: boolean; names: boolean };

function scoreView(actor: Actor | null, c: ChallengeRow, bid: BidRow, s: ChallengeState, roles: ReturnType<typeof challengeRoles>): ScoreView | null {
  if (roles.admin) return { all: true, names: true };
  const own = !!actor && !!membershipIn(actor, bid.organizationId);
  if (c.awardedAt && (own || roles.poser || roles.panel)) return { all: true, names: false };
  if (roles.panel) {
    const scoredBy = new Set(s.scores.filter((x) => x.bidId === bid.id).map((x) => x.expertId));
    return { all: s.panel.every((p) => scoredBy.has(p.expertId)), names: false };
  }
  return null;
}

export function presentBid(actor: Actor | null, c: ChallengeRow, bid: BidRow, s: ChallengeState, policy: ChallengePolicy) {
  const roles = challengeRoles(actor, c, s);
  const mine = !!actor && !!membershipIn(actor, bid.organizationId);
  const view = scoreView(actor, c, bid, s, roles);
  const own = s.scores.filter((x) => x.bidId === bid.id);
  const names = new Map(s.panel.map((p, i) => [p.expertId, { name: p.expertName, n: i + 1 }]));
  const shown = view ? own.filter((x) => view.all || x.expertId === actor?.user.id) : null;
  const presentScore = (x: ScoreRow) => ({
    expert: view?.names || x.expertId === actor?.user.id ? (names.get(x.expertId)?.name ?? '') : `专家 ${names.get(x.expertId)?.n ?? ''}`.trim(),
    mine: x.expertId === actor?.user.id,
    scores: x.scores,
    weighted: pointsOf(x.weightedBp),
    comment: x.comment,
    scoredAt: x.createdAt,
  });
  const scoredByMe = own.some((x) => x.expertId === actor?.user.id);
  const actions = [
    ...(roles.admin && c.status === 'published' && bid.checkStatus === 'pending' ? ['check'] : []),
    ...(policy.score && bid.checkStatus === 'passed' && !scoredByMe ? ['score'] : []),
  ];
  return {
    id: bid.id,
    challengeId: bid.challengeId,
    organization: { id: bid.organizationId, name: bid.organizationName },
    team: bid.team,
    plan: bid.plan,
    budget: bid.budgetFen,
    milestones: bid.milestones.map((m, i) => ({ n: i + 1, title: m.title, dueOn: m.dueOn, share: fromBasisPoints(m.shareBp), deliverable: m.deliverable })),
    check: { status: bid.checkStatus as 'pending' | 'passed' | 'failed', reason: bid.checkReason },
    outcome: { status: bid.outcome as 'pending' | 'won' | 'not_chosen' | 'failed_check' | 'terminated' | 'ended', reason: bid.outcomeReason },
    scores: shown ? shown.map(presentScore) : null,
    result: view?.all ? trimmedResult(own.map((x) => x.weightedBp), s.panel.length) : null,
    mine,
    createdAt: bid.createdAt,
    allowedActions: actions,
  };
}

/** An objection without any person named; the organisation only for administrators and the objector. */
export function presentObjection(actor: Actor | null, o: ObjectionRow, roles: Pick<ReturnType<typeof challengeRoles>, 'admin'>, c: Pick<ChallengeRow, 'status'>) {
  const mine = !!actor && !!membershipIn(actor, o.organizationId);
  return {
    id: o.id,
    organization: roles.admin || mine ? { id: o.organizationId, name: o.organizationName } : null,
    reason: o.reason,
    status: o.status as 'pending' | 'upheld' | 'dismissed' | 'closed',
    resolution: o.resolution,
    createdAt: o.createdAt,
    resolvedAt: o.resolvedAt,
    mine,
    allowedActions: roles.admin && o.status === 'pending' && c.status === 'notice' ? ['resolve'] : [],
  };
}

/** A milestone's stored files, by milestone row id (the attachments module's rows, as it hands them out). */
export type MilestoneFiles = Map<string, OwnedAttachment[]>;

/** The files a report handed in, in the report's order, each with the URL that serves it to those who see the milestone. */
export function reportFiles(c: Pick<ChallengeRow, 'id'>, m: MilestoneRow, files: MilestoneFiles) {
  const mine = new Map((files.get(m.id) ?? []).map((a) => [a.id, a]));
  return m.attachmentIds.flatMap((id) => {
    const a = mine.get(id);
    return a ? [{ id: a.id, fileName: a.fileName, mime: a.mime, size: a.size, url: `/api/challenges/${c.id}/milestones/${m.n}/attachments/${a.id}`, createdAt: a.createdAt }] : [];
  });
}

export function presentMilestone(actor: Actor | null, c: ChallengeRow, m: MilestoneRow, bid: BidRow, roles: ReturnType<typeof challengeRoles>, today: string, files: MilestoneFiles) {
  // A terminated challenge's work has stopped: nothing of it is overdue.
  const overdue = c.status !== 'terminated' && (m.status === 'pending' || m.status === 'returned') && m.dueOn < today;
  const team = !!actor && !!membershipIn(actor, bid.organizationId) && bid.outcome === 'won';
  const live = c.status === 'awarded';
  return {
    bidId: m.bidId,
    organization: { id: bid.organizationId, name: bid.organizationName },
    n: m.n,
    title: m.title,
    dueOn: m.dueOn,
    share: fromBasisPoints(m.shareBp),
    amount: m.amountFen,
    deliverable: m.deliverable,
    status: (overdue ? 'overdue' : m.status) as 'pending' | 'reported' | 'accepted' | 'returned' | 'overdue' | 'stopped',
    reportNote: m.reportNote,
    attachmentIds: m.attachmentIds,
    attachments: reportFiles(c, m, files),
    reportedAt: m.reportedAt,
    decidedAt: m.decidedAt,
    decisionNote: m.decisionNote,
    allowedActions: [
      ...(live && team && m.status !== 'reported' && m.status !== 'accepted' ? ['report'] : []),
      ...(live && (roles.poser || roles.panel) && m.status === 'reported' ? ['accept', 'return'] : []),
    ],
  };
}

/** A firm on the list: a member of a verified organisation of the challenge's region or below. */
const onTheList = (actor: Actor | null, c: Pick<ChallengeRow, 'jurisdictionPath'>) =>
  !!actor && actor.memberships.some((m) => m.organizationStatus === 'verified' && pathWithin(m.jurisdictionPath, c.jurisdictionPath));

/**
 * The results the caller may see. 悬赏: each accepted solution (its final
 * milestone's report) for the platform's participants and the firms on the
 * list, never the public. 研发众包: the submissions (reported or accepted
 * milestones) for the poser, the panel, the administrators and each team its
 * own; accepted ones for everyone when the poser allowed it.
 */
export function presentResults(actor: Actor | null, c: ChallengeRow, s: Pick<ChallengeState, 'bids'> & { milestones: MilestoneRow[]; files: MilestoneFiles }, roles: ReturnType<typeof challengeRoles>) {
  const byId = new Map(s.bids.map((b) => [b.id, b]));
  const entry = (m: MilestoneRow) => {
    const b = byId.get(m.bidId)!;
    return { bidId: m.bidId, organization: { id: b.organizationId, name: b.organizationName }, n: m.n, title: m.title, status: m.status as 'reported' | 'accepted', reportNote: m.reportNote, attachmentIds: m.attachmentIds, attachments: reportFiles(c, m, s.files), reportedAt: m.reportedAt, decidedAt: m.decidedAt };
  };
  const insider = roles.admin || roles.poser || roles.panel;
  const own = (m: MilestoneRow) => roles.ownBids.some((b) => b.id === m.bidId);
  if (c.scheme === 'bounty') {
    const solved = s.bids.filter((b) => b.outcome === 'won').filter((b) => {
      const ms = s.milestones.filter((m) => m.bidId === b.id);
      return ms.length > 0 && ms.every((m) => m.status === 'accepted');
    });
    const finals = solved.map((b) => s.milestones.filter((m) => m.bidId === b.id).reduce((a, m) => (m.n > a.n ? m : a)));
    return finals.filter((m) => insider || own(m) || onTheList(actor, c)).map(entry);
  }
  if (c.scheme === 'crowdsourcing') {
    return s.milestones
      .filter((m) => m.status === 'reported' || m.status === 'accepted')
      .filter((m) => insider || own(m) || (m.status === 'accepted' && c.resultsPublic))
      .map(entry);
  }
  return [];
}

/**
 * 悬赏: each winning team's commitment (its budget) and the payments the poser
 * recorded, for the poser, the panel and administrators (every winner) and for
 * a winning team (its own); nobody else.
 */
export function presentPayments(c: ChallengeRow, s: Pick<ChallengeState, 'bids'> & { milestones: MilestoneRow[]; payments: PaymentRow[] }, roles: ReturnType<typeof challengeRoles>) {
  if (c.scheme !== 'bounty') return [];
  const insider = roles.admin || roles.poser || roles.panel;
  const live = c.status === 'awarded' || c.status === 'completed';
  return s.bids
    .filter((b) => b.outcome === 'won' && (insider || roles.winning.some((w) => w.id === b.id)))
    .map((b) => {
      const ms = s.milestones.filter((m) => m.bidId === b.id);
      const accepted = ms.length > 0 && ms.every((m) => m.status === 'accepted');
      const records = s.payments.filter((p) => p.bidId === b.id);
      const paid = records.reduce((sum, p) => sum + p.amountFen, 0);
      return {
        bidId: b.id,
        organization: { id: b.organizationId, name: b.organizationName },
        committed: b.budgetFen,
        paid,
        remaining: b.budgetFen - paid,
        accepted,
        records: records.map((p) => ({ id: p.id, amount: p.amountFen, paidOn: p.paidOn, reference: p.reference, note: p.note, recordedBy: p.recordedByName, recordedAt: p.recordedAt })),
        allowedActions: roles.poser && live && accepted && paid < b.budgetFen ? ['record'] : [],
      };
    });
}

/** The milestone rows a winning bid starts with: its plan, with amounts that add up to its budget. */
export function milestoneRowsOf(c: ChallengeRow, bid: BidRow) {
  const amounts = milestoneAmounts(bid.budgetFen, bid.milestones.map((m) => m.shareBp));
  return bid.milestones.map((m, i) => ({ challengeId: c.id, bidId: bid.id, n: i + 1, title: m.title, dueOn: m.dueOn, shareBp: m.shareBp, amountFen: amounts[i]!, deliverable: m.deliverable }));
}

export function presentChallenge(
  actor: Actor | null,
  c: ChallengeRow,
  s: ChallengeState & { milestones: MilestoneRow[]; timeline: TimelineRow[]; files: MilestoneFiles; payments: PaymentRow[]; panelConflicts: PanelConflict[] | null },
  policy: ChallengePolicy,
  today: string,
) {
  const roles = challengeRoles(actor, c, s);
  const participant = roles.admin || roles.poser || roles.panel || roles.ownBids.length > 0;
  const bids = policy.seeAllBids ? s.bids : roles.ownBids;
  const byId = new Map(s.bids.map((b) => [b.id, b]));
  const winners = s.bids.filter((b) => b.outcome === 'won');
  const milestones = s.milestones.filter((m) => roles.admin || roles.poser || roles.panel || roles.ownBids.some((b) => b.id === m.bidId && (b.outcome === 'won' || b.outcome === 'ended')));
  const resultOf = (b: BidRow) => trimmedResult(s.scores.filter((x) => x.bidId === b.id).map((x) => x.weightedBp), s.panel.length).mean;
  return {
    ...presentChallengeSummary({ ...c, bidCount: s.bids.length }, s.now),
    description: c.description,
    requirements: c.requirements,
    demandId: c.demandId,
    achievementId: c.achievementId,
    criteria: c.criteria.map((k) => ({ key: k.key, name: k.name, weight: fromBasisPoints(k.weightBp) })),
    reviewReason: roles.admin || roles.poser ? c.reviewReason : null,
    awardedAt: c.awardedAt,
    awardNote: c.awardNote,
    notice: c.noticeEndsAt ? { endsAt: c.noticeEndsAt, final: !!c.finalAt, finalAt: c.finalAt } : null,
    objections: s.objections.map((o) => presentObjection(actor, o, roles, c)),
    resultsPublic: c.resultsPublic,
    results: presentResults(actor, c, s, roles),
    objectingOrganizations: objectingOrganizations(actor, c, s).map((m) => ({ id: m.organizationId, name: m.organizationName })),
    terminatedAt: c.terminatedAt,
    terminationReason: c.terminationReason,
    winners: winners.map((b) => ({ bidId: b.id, organization: { id: b.organizationId, name: b.organizationName }, budget: b.budgetFen, mean: resultOf(b) })),
    panelConflicts: s.panelConflicts?.map((x) => ({ expert: x.expert, bid: { id: x.bid.id, organization: { id: x.bid.organizationId, name: x.bid.organizationName } }, reasons: x.reasons, scored: x.scored })) ?? null,
    panel: roles.admin || roles.poser || roles.panel
      ? s.panel.map((p) => {
          const scored = new Set(s.scores.filter((x) => x.expertId === p.expertId).map((x) => x.bidId));
          const passed = s.bids.filter((b) => b.checkStatus === 'passed');
          return {
            id: p.expertId,
            name: p.expertName,
            // Nothing to score yet is not "scored all".
            scoredAll: passed.length > 0 && passed.every((b) => scored.has(b.id)),
            allowedActions: roles.admin && c.status === 'published' && scored.size === 0 ? ['replace'] : [],
          };
        })
      : null,
    bids: bids.map((b) => presentBid(actor, c, b, s, policy)),
    milestones: milestones.map((m) => presentMilestone(actor, c, m, byId.get(m.bidId)!, roles, today, s.files)),
    payments: presentPayments(c, s, roles),
    timeline: s.timeline.filter((e) => e.visibility === 'public' || participant).map((e) => ({ at: e.at, kind: e.kind, text: e.text, params: e.params ?? null })),
    biddableOrganizations: biddingOpen(c, s.now) ? biddableOrganizations(actor, c, s.bids).map((m) => ({ id: m.organizationId, name: m.organizationName })) : [],
    allowedActions: challengeActions(policy),
  };
}

const yuanText = (fen: number) => `${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`;

/** The pledges of the agreement, in the words of the scheme: 军令状 for 揭榜挂帅, a task agreement for the others. */
function clausesOf(c: ChallengeRow, bid: BidRow, completeBy: string | null) {
  const solver = `「${bid.organizationName}」`;
  const payer = c.organizationName ? `发榜单位「${c.organizationName}」` : `${c.jurisdictionName}`;
  const by = completeBy ? `于 ${completeBy} 前` : '按期';
  const money = `本任务经费共计 ${yuanText(bid.budgetFen)}，按下列里程碑节点的比例，经验收后逐笔拨付，专款专用，不挪作他用。`;
  const verify = `每个里程碑节点到期前提交成果报告及附件，由${payer}或评审专家组验收；验收未通过的，按退回意见整改后重新提交。`;
  const honest = '遵守科研诚信与保密要求，如实报告进展与经费使用，不弄虚作假，不转包他人。';
  switch (c.scheme) {
    case 'jiebang_guashuai':
      return [
        `揭榜单位${solver}自愿揭榜「${c.title}」，立此军令状：按中标方案组建攻关团队，由团队负责人对任务目标、进度和经费使用负总责。`,
        `${by}完成全部攻关任务，达到榜单提出的技术指标并通过验收。`,
        money,
        verify,
        '里程碑逾期未完成的，平台向揭榜单位与发榜单位提示逾期；无正当理由未能完成攻关任务的，接受终止任务、停止拨付后续经费的处理，并按规定记入科研信用记录。',
        honest,
      ];
    case 'two_way':
      return [
        `揭榜单位${solver}承接双向揭榜「${c.title}」（${c.kind === 'conversion' ? '成果转化' : '技术攻关'}），按中标方案组织实施。`,
        c.kind === 'conversion' ? `成果转化按里程碑推进，${by}完成转化落地。` : `${by}完成攻关并通过验收；攻关经费在验收通过后支付。`,
        money,
        verify,
        honest,
      ];
    case 'racing':
      return [
        `揭榜单位${solver}参加赛马制攻关「${c.title}」，与其他入围团队并行攻关，${by}完成中标方案所列任务。`,
        money,
        verify,
        '阶段评审由专家组择优保留；未被保留的团队终止后续任务，已验收节点的经费不受影响，后续节点不再拨付。',
        honest,
      ];
    case 'bounty':
      return [
        `揭榜单位${solver}承接悬赏任务「${c.title}」，${by}提交解决方案。`,
        `解决方案经${payer}验收通过后，由发榜方支付悬赏金并在平台记录；验收通过的方案向榜单所列企业共享。`,
        verify,
        honest,
      ];
    default:
      return [
        `揭榜单位${solver}承接研发众包任务「${c.title}」，${by}逐项提交任务成果。`,
        `每项任务成果经${payer}验收通过后支付该项报酬。`,
        verify,
        honest,
      ];
  }
}

/** The winning plan as the agreement: parties, amounts, milestones and deadlines, the pledges, the team's signature. */
export function presentAgreement(c: ChallengeRow, bid: BidRow, milestones: MilestoneRow[], canSign: boolean) {
  const rows = milestones.length ? milestones : milestoneRowsOf(c, bid).map((m) => ({ ...m, status: 'pending' }));
  const list = rows.map((m) => ({ n: m.n, title: m.title, dueOn: m.dueOn, share: fromBasisPoints(m.shareBp), amount: m.amountFen, deliverable: m.deliverable, status: m.status as 'pending' | 'reported' | 'accepted' | 'returned' | 'overdue' | 'stopped' }));
  const completeBy = list.length ? list.reduce((a, m) => (m.dueOn > a ? m.dueOn : a), list[0]!.dueOn) : null;
  return {
    challengeId: c.id,
    bidId: bid.id,
    kind: (c.scheme === 'jiebang_guashuai' ? 'pledge' : 'agreement') as 'pledge' | 'agreement',
    scheme: c.scheme as ChallengeDto['scheme'],
    challengeKind: c.kind as ChallengeDto['kind'],
    challengeTitle: c.title,
    requirements: c.requirements,
    issuer: { code: c.jurisdictionCode, name: c.jurisdictionName },
    poser: c.organizationId ? { id: c.organizationId, name: c.organizationName } : null,
    solver: { id: bid.organizationId, name: bid.organizationName },
    team: bid.team,
    plan: bid.plan,
    budget: bid.budgetFen,
    bounty: c.bountyFen,
    awardedAt: c.awardedAt,
    finalAt: c.finalAt,
    final: !!c.finalAt,
    outcome: bid.outcome as 'pending' | 'won' | 'not_chosen' | 'failed_check' | 'terminated' | 'ended',
    milestones: list,
    completeBy,
    clauses: clausesOf(c, bid, completeBy),
    signed: bid.agreementSignedAt ? { at: bid.agreementSignedAt, by: bid.agreementSignerName ?? '' } : null,
    allowedActions: canSign ? ['sign'] : [],
  };
}
