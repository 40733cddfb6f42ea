import type { MatchFeedbackBody, MatchQueryParams } from '@kzt/shared';
import type { Executor } from '../../db/client.ts';
import type { Actor } from '../../platform/actor.ts';
import { administers, membershipIn, pathWithin } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { AppError, badRequest, forbidden, notFound } from '../../platform/errors.ts';
import type { Lang } from '../../platform/i18n.ts';
import { indexTokens } from '../../platform/search.ts';
import type { Deps } from '../../platform/types.ts';
import { paged, type Page } from '../../platform/pagination.ts';
import { authorizeRecord, subtreeFilter, viewerFor } from '../catalogue/catalogue.service.ts';
import { confidentialityFlags, sightOf, viewerOf, type Viewer } from '../catalogue/catalogue.visibility.ts';
import { grantedRecordIds } from '../catalogue/catalogue.service.ts';
import { recordPolicy } from '../catalogue/catalogue.policy.ts';
import { achievementKind, achievementsByIds } from '../achievements/achievements.service.ts';
import { demandKind, demandsByIds } from '../demands/demands.service.ts';
import type { AchievementWithOrg } from '../achievements/achievements.service.ts';
import type { DemandWithOrg } from '../demands/demands.service.ts';
import { reviewSummaries, type ReviewSummary } from '../matchReviews/matchReviews.service.ts';
import { approvedProfile, expertDirectory } from '../profiles/profiles.service.ts';
import { userNames } from '../accounts/accounts.service.ts';
import { organizationNames, organizationsOf } from '../organizations/organizations.service.ts';
import { achievementQuery, demandQuery, scoresInOrder, type DocView, type MatchHit, type MatchQuery, type MatchReason, type MatchSide } from './matching.engine.ts';
import { describeIntent, wantedMaturity } from './matching.intent.ts';
import { matchingRepository } from './matching.repository.ts';
import { matchAnswered } from './matching.events.ts';
import { publish } from '../../platform/events.ts';
import { shanghaiToday } from '@kzt/shared';
import { presentReasons, type PresentedReason } from './matching.presenter.ts';

export { presentReasons } from './matching.presenter.ts';

type Signed = RequestContext & { actor: Actor };
type SourceRow = (Omit<AchievementWithOrg, 'type'> & { type: 'achievement' }) | (DemandWithOrg & { type: 'demand' });

const otherSide = (t: MatchSide): MatchSide => (t === 'demand' ? 'achievement' : 'demand');
const indexFor = (deps: Pick<Deps, 'matching'>, sourceType: MatchSide) => (sourceType === 'demand' ? deps.matching.achievements : deps.matching.demands);

async function loadSource(db: Executor, type: MatchSide, id: string): Promise<SourceRow | undefined> {
  if (type === 'achievement') {
    const row = await achievementKind.load(db, id);
    return row && { ...row, type };
  }
  const row = await demandKind.load(db, id);
  return row && { ...row, type };
}

/** A record as a query. `full`: the caller may see its confidential fields (an `abstract` record's keywords, price, budget, modes). */
export function queryOf(row: SourceRow, full: boolean): MatchQuery {
  const common = { id: row.id, organizationId: row.organizationId, jurisdictionPath: row.jurisdictionPath, title: row.title, keywords: full ? row.keywords : [], industry: row.industry };
  if (row.type === 'demand')
    return demandQuery({
      ...common,
      description: row.description,
      cooperationModes: full ? row.cooperationModes : [],
      budgetMinFen: full ? row.budgetMinFen : null,
      budgetMaxFen: full ? row.budgetMaxFen : null,
    });
  return achievementQuery({ ...common, summary: row.summary, maturity: row.maturity, transferModes: full ? row.transferModes : [], priceFen: full ? row.priceFen : null });
}

/** Pair verdicts of the source's organisation: `not_relevant` removes the record, `interested` lifts it. */
async function pairFeedback(db: Executor, source: SourceRow) {
  const weights = new Map<string, number>();
  const reasons = new Map<string, MatchReason>();
  for (const f of await matchingRepository.feedbackForSource(db, source.id)) {
    if (f.organizationId !== source.organizationId) continue;
    if (f.verdict === 'not_relevant') weights.set(f.targetId, 0);
    else if (!weights.has(f.targetId)) {
      weights.set(f.targetId, 1.15);
      reasons.set(f.targetId, { kind: 'feedback', fit: 'good' });
    }
  }
  return { weights, reasons };
}

/**
 * A viewer's projection of the records matched (catalogue.visibility.ts): a
 * record they may not see at all is not there (a secret one of another
 * organisation: neither its id nor its score leaves the server), and an
 * `abstract` one they were not granted has its modes, price and budget
 * unknown, so that no filter tests them and no fit rule or reason uses them.
 */
/** Published achievements or demands by id, from their modules. */
const publishedByIds = (db: Executor, type: 'achievement' | 'demand', ids: string[]) =>
  type === 'achievement' ? achievementsByIds(db, ids, { published: true }) : demandsByIds(db, ids, { published: true });

/** Published achievements or demands by id with their owners' names (one query for the names). */
async function publishedWithOwners(db: Executor, type: 'achievement' | 'demand', ids: string[]) {
  const rows = await publishedByIds(db, type, ids);
  const owners = await organizationNames(db, rows.map((r) => r.organizationId));
  return rows.map((r) => ({ ...r, organizationName: owners.get(r.organizationId) ?? '' }));
}

export function matchProjection(viewer: Viewer): (d: DocView) => DocView | null {
  return (d) => {
    const sight = sightOf(viewer, d);
    if (sight === 'none') return null;
    if (sight === 'full') return d;
    return { ...d, modes: [], priceFen: null, budgetMinFen: null, budgetMaxFen: null, wanted: d.wantedOpen ?? null };
  };
}

/**
 * The ranked matches of a published record, with people's feedback applied
 * and records of its own organisation left out, as `project` (a viewer's
 * projection; none: everything, for jobs that check what they show) lets
 * them be seen.
 */
async function rank(deps: Pick<Deps, 'db' | 'matching'>, source: SourceRow, query: MatchQuery, limit: number, filter?: (d: DocView) => boolean, project?: (d: DocView) => DocView | null) {
  await deps.matching.catchUp();
  const { weights, reasons } = await pairFeedback(deps.db, source);
  const hits = indexFor(deps, source.type).match(query, {
    limit: limit * 2 + 10,
    project,
    filter: (d) => d.organizationId !== source.organizationId && (!filter || filter(d)),
    feedback: weights,
    feedbackReasons: reasons,
  });
  // Records many people found not relevant sink a little for everyone.
  const counts = await matchingRepository.feedbackCounts(
    deps.db,
    hits.map((h) => h.id),
  );
  for (const h of hits) {
    const c = counts.get(h.id);
    if (!c || c.notRelevant < 2) continue;
    h.rank *= 1 - Math.min(0.3, 0.05 * c.notRelevant);
    if (!h.reasons.some((r) => r.kind === 'feedback')) h.reasons.push({ kind: 'feedback', fit: 'poor' });
  }
  hits.sort((a, b) => b.rank - a.rank);
  // A match far weaker than the best is noise beside it (a lone common word): people are shown the ones worth their time.
  const floor = (hits[0]?.rank ?? 0) * WEAK_SHARE;
  // The order is final now (a sunk record moved down): the score shown never rises down the list.
  return scoresInOrder(hits.filter((h) => h.rank >= floor).slice(0, limit));
}

/** Matches ranked below this share of the best one are left out. */
const WEAK_SHARE = 0.25;

export type MatchedSource = { id: string; type: MatchSide; title: string; organizationId: string; jurisdictionPath: string };

/**
 * Matches of a published record for jobs (pushes, demand-list batches). Without
 * `viewer` everything, secret records flagged in `doc.secret`; with it, as
 * that viewer may see the records matched (matchProjection). `open`: the
 * record asks as an outsider sees it (an abstract record without its hidden
 * keywords, modes, price or budget), for results shown to outsiders.
 */
export async function matchRecord(
  deps: Pick<Deps, 'db' | 'matching'>,
  source: { type: MatchSide; id: string },
  opts: { limit: number; viewer?: Viewer; open?: boolean },
): Promise<{ source: MatchedSource | null; hits: MatchHit[] }> {
  const row = await loadSource(deps.db, source.type, source.id);
  if (!row || row.status !== 'published') return { source: null, hits: [] };
  const hits = await rank(deps, row, queryOf(row, !opts.open), opts.limit, undefined, opts.viewer && matchProjection(opts.viewer));
  return { source: { id: row.id, type: row.type, title: row.title, organizationId: row.organizationId, jurisdictionPath: row.jurisdictionPath }, hits };
}

function filtersOf(q: MatchQueryParams, sourceType: MatchSide, jurisdictionPath: string | undefined) {
  return (d: DocView) => {
    if (q.industry?.length && !q.industry.includes(d.industry as never)) return false;
    if (jurisdictionPath && !pathWithin(d.jurisdictionPath, jurisdictionPath)) return false;
    if (sourceType === 'demand') {
      if (q.maturityMin && (d.maturity ?? 0) < q.maturityMin) return false;
      if (q.maturityMax && (d.maturity ?? 10) > q.maturityMax) return false;
      if (q.transferMode?.length && !d.modes.some((m) => q.transferMode!.includes(m as never))) return false;
      if (q.priceMax !== undefined && (d.priceFen == null || d.priceFen > q.priceMax)) return false;
    } else {
      if (q.cooperationMode?.length && !d.modes.some((m) => q.cooperationMode!.includes(m as never))) return false;
      if (q.budgetMin !== undefined && (d.budgetMaxFen == null || d.budgetMaxFen < q.budgetMin)) return false;
    }
    return true;
  };
}

const mayReadSecret = (actor: Actor | null, d: { organizationId: string; jurisdictionPath: string }) => !!membershipIn(actor, d.organizationId) || administers(actor, d.jurisdictionPath);

/** Who sees how others judged a record's matches: administrators, and an approved broker for records of their jurisdiction. */
async function seesFeedbackCounts(db: Executor, actor: Actor | null, sourcePath: string) {
  if (!actor) return false;
  if (actor.user.isPlatformAdmin || actor.adminOf.length) return true;
  const broker = await approvedProfile(db, actor.user.id, 'broker');
  return !!broker && pathWithin(sourcePath, broker.path);
}

/** The matches of a record as the caller may see them (GET /api/demands/:id/matches, GET /api/achievements/:id/matches). */
export async function findMatches(deps: Deps, actor: Actor | null, sourceType: MatchSide, id: string, q: MatchQueryParams, lang: Lang) {
  const { row, policy } = sourceType === 'demand' ? await authorizeRecord(deps.db, demandKind, actor, id, 'read') : await authorizeRecord(deps.db, achievementKind, actor, id, 'read');
  const source = { ...row, type: sourceType } as SourceRow;
  const head = { type: sourceType, id: row.id, title: row.title };
  const intent =
    source.type === 'demand'
      ? { sentences: describeIntent(source.description), wanted: wantedMaturity(`${source.title} ${source.description}`, policy.readFull ? source.cooperationModes : []) }
      : null;
  if (row.status !== 'published') return { source: head, intent, items: [] };
  const targetType = otherSide(sourceType);
  const [path, viewer] = await Promise.all([subtreeFilter(deps.db, q.jurisdictionCode), viewerFor(deps.db, actor, targetType)]);
  // The caller's projection: secret records of others are not there at all, and filters never test a field the caller cannot see.
  const hits = await rank(deps, source, queryOf(source, policy.readFull), q.limit, filtersOf(q, sourceType, path), matchProjection(viewer));

  const rows = new Map((await publishedWithOwners(deps.db, targetType, hits.map((h) => h.id))).map((r) => [r.id, r]));
  const orgIds = actor?.memberships.map((m) => m.organizationId) ?? [];
  const granted = await grantedRecordIds(deps.db, targetType, [...rows.keys()], orgIds);
  const mine = actor ? (await matchingRepository.feedbackForSource(deps.db, row.id)).filter((f) => f.userId === actor.user.id) : [];
  const broker = await seesFeedbackCounts(deps.db, actor, row.jurisdictionPath);
  const summaries = broker ? await matchingRepository.feedbackCounts(deps.db, hits.map((h) => h.id)) : new Map();
  const pairs = hits.map((h) => (sourceType === 'demand' ? { demandId: row.id, achievementId: h.id } : { demandId: h.id, achievementId: row.id }));
  const reviews = await reviewSummaries(deps.db, pairs);

  const items = hits.flatMap((h, i): MatchItem[] => {
    const r = rows.get(h.id);
    if (!r) return [];
    // The projection left out every secret record the caller may not read; the database has the last word (the index may lag a change).
    if (r.confidentiality === 'secret' && !mayReadSecret(actor, r)) return [];
    const targetPolicy = recordPolicy(actor, r, granted.has(r.id));
    const restricted = !policy.readFull || !targetPolicy.readFull;
    const fb = mine.find((f) => f.targetId === h.id);
    const pair = pairs[i]!;
    return [
      {
        id: h.id,
        type: targetType,
        score: h.score,
        reasons: presentReasons(h.reasons, lang, restricted),
        anonymous: false,
        record: presentTarget(r, targetPolicy.readFull),
        feedback: fb ? { verdict: fb.verdict, reasonCode: fb.reasonCode, reason: fb.reason } : null,
        feedbackSummary: broker ? (summaries.get(h.id) ?? { interested: 0, notRelevant: 0 }) : null,
        review: reviews.get(`${pair.demandId}:${pair.achievementId}`) ?? null,
      },
    ];
  });
  return { source: head, intent, items };
}

type MatchItem = {
  id: string | null;
  type: MatchSide;
  score: number;
  reasons: PresentedReason[];
  anonymous: boolean;
  /** For an anonymous (secret) record: what an inquiry names it by. */
  ref?: string;
  record: ReturnType<typeof presentTarget> | null;
  feedback: { verdict: string; reasonCode: string | null; reason: string | null } | null;
  feedbackSummary: { interested: number; notRelevant: number } | null;
  review: ReviewSummary | null;
};

type TargetRow = Awaited<ReturnType<typeof publishedWithOwners>>[number];

function presentTarget(r: TargetRow, full: boolean) {
  const base = {
    id: r.id,
    title: r.title,
    organization: { id: r.organizationId, name: r.organizationName },
    industry: r.industry,
    jurisdictionCode: r.jurisdictionCode,
    publishedAt: r.publishedAt,
    stale: r.stale,
    restricted: !full,
  };
  if ('maturity' in r) return { ...base, maturity: r.maturity, ...(full ? { priceFen: r.priceFen, transferModes: r.transferModes } : {}) };
  return { ...base, ...(full ? { budgetMinFen: r.budgetMinFen, budgetMaxFen: r.budgetMaxFen, cooperationModes: r.cooperationModes } : {}) };
}

/** The organisations behind a record's best matches: universities and institutes for a demand, enterprises for an achievement. */
export async function matchingOrganizations(deps: Deps, actor: Actor | null, sourceType: MatchSide, id: string, q: MatchQueryParams, lang: Lang) {
  const { row, policy } = sourceType === 'demand' ? await authorizeRecord(deps.db, demandKind, actor, id, 'read') : await authorizeRecord(deps.db, achievementKind, actor, id, 'read');
  if (row.status !== 'published') return { items: [] };
  const source = { ...row, type: sourceType } as SourceRow;
  const [path, viewer] = await Promise.all([subtreeFilter(deps.db, q.jurisdictionCode), viewerFor(deps.db, actor, otherSide(sourceType))]);
  const hits = await rank(deps, source, queryOf(source, policy.readFull), 100, filtersOf(q, sourceType, path), matchProjection(viewer));
  const byOrg = new Map<string, MatchHit[]>();
  for (const h of hits) byOrg.set(h.doc.organizationId, [...(byOrg.get(h.doc.organizationId) ?? []), h]);
  const ranked = [...byOrg.entries()]
    // The best record counts most; each further good one adds a little.
    .map(([orgId, list]) => {
      const calibrated = Math.min(99, list[0]!.score + 2 * Math.min(5, list.length - 1));
      return { orgId, list, rank: list[0]!.rank * (1 + 0.1 * Math.min(5, list.length - 1)), score: calibrated, calibrated };
    })
    .sort((a, b) => b.rank - a.rank)
    .slice(0, q.limit);
  // Shown down the list as the records' matches are: never rising.
  scoresInOrder(ranked);
  const titles = new Map((await publishedByIds(deps.db, otherSide(sourceType), ranked.flatMap((o) => o.list.slice(0, 3).map((h) => h.id)))).map((r) => [r.id, r.title]));
  const orgs = await organizationsOf(deps.db, ranked.map((o) => o.orgId));
  return {
    items: ranked.map((o) => {
      const org = orgs.get(o.orgId);
      return {
        organization: { id: o.orgId, name: org?.name ?? '', type: org?.type ?? null },
        score: o.score,
        reasons: presentReasons(o.list[0]!.reasons, lang, true),
        records: o.list.slice(0, 3).map((h) => ({ id: h.id, title: titles.get(h.id) ?? '', score: h.score })),
      };
    }),
  };
}

/** Experts whose fields fit the record; those of the record's own organisation are left out. */
export async function matchingExperts(deps: Deps, actor: Actor | null, sourceType: MatchSide, id: string, q: MatchQueryParams, lang: Lang) {
  const { row, policy } = sourceType === 'demand' ? await authorizeRecord(deps.db, demandKind, actor, id, 'read') : await authorizeRecord(deps.db, achievementKind, actor, id, 'read');
  const source = { ...row, type: sourceType } as SourceRow;
  const query = queryOf(source, policy.readFull);
  const index = indexFor(deps, sourceType);
  await deps.matching.catchUp();
  const experts = await expertDirectory(deps.db);
  let total = 0;
  for (const [t, w] of query.terms) total += w * index.idf(t);
  const scored = experts
    .filter((e) => e.organizationId !== row.organizationId && !e.organizationIds.includes(row.organizationId))
    .map((e) => {
      const fields = e.data.fields ?? [];
      const tokens = new Set(indexTokens([...fields, e.data.title ?? '', e.data.bio ?? ''].join(' ')));
      const shared: string[] = [];
      let s = 0;
      for (const [t, w] of query.terms)
        if (tokens.has(t)) {
          s += w * index.idf(t);
          shared.push(t);
        }
      // Fields are few words: a share of the query's weight is a fair score.
      const industryBonus = fields.some((f) => f === source.industry) ? 0.1 : 0;
      return { e, shared, rank: total ? s / total + industryBonus : 0 };
    })
    .filter((x) => x.shared.length > 0)
    .sort((a, b) => b.rank - a.rank)
    .slice(0, q.limit);
  return {
    items: scored.map(({ e, shared, rank }) => ({
      user: { id: e.userId, name: e.name },
      title: e.data.title ?? null,
      fields: e.data.fields ?? [],
      organization: e.organizationId ? { id: e.organizationId, name: e.organizationName } : null,
      score: Math.max(1, Math.min(99, Math.round(100 * (1 - Math.exp(-5 * rank))))),
      reasons: presentReasons([{ kind: 'terms', terms: shared.slice(0, 6) }], lang),
    })),
  };
}

/**
 * A person's own verdicts on these pairs (pushed matches), keyed
 * `sourceId:targetId`: one query for a whole page.
 */
export async function feedbackOf(db: Executor, userId: string, pairs: { sourceId: string; targetId: string }[]) {
  const rows = await matchingRepository.feedbackOfUser(db, userId, [...new Set(pairs.map((p) => p.sourceId))], [...new Set(pairs.map((p) => p.targetId))]);
  return new Map(rows.map((r) => [`${r.sourceId}:${r.targetId}`, { verdict: r.verdict, reasonCode: r.reasonCode, reason: r.reason }]));
}
export type PairFeedback = NonNullable<ReturnType<Awaited<ReturnType<typeof feedbackOf>>['get']>>;

/** A verdict on a proposed match, by a member of the organisation owning the source record. */
export async function giveFeedback(deps: Deps, ctx: Signed, body: MatchFeedbackBody) {
  const source = await loadSource(deps.db, body.sourceType, body.sourceId);
  if (!source || !recordPolicy(ctx.actor, source).read) throw notFound(body.sourceType);
  const membership = membershipIn(ctx.actor, source.organizationId);
  if (!membership) throw new AppError(403, 'forbidden', 'problem.forbidden', 'err.match.sourceOwner');
  const [target] = await publishedByIds(deps.db, otherSide(body.sourceType), [body.targetId]);
  // A record the caller may not see (another's secret one) is answered as a missing one: its id tells nothing.
  if (!target || sightOf(viewerOf(ctx.actor), { ...target, ...confidentialityFlags(target.confidentiality) }) === 'none') throw badRequest('targetId', 'err.match.target');
  return deps.db.transaction(async (tx) => {
    const row = await matchingRepository.upsertFeedback(tx, {
      sourceType: body.sourceType,
      sourceId: body.sourceId,
      targetType: otherSide(body.sourceType),
      targetId: body.targetId,
      verdict: body.verdict,
      reasonCode: body.verdict === 'not_relevant' ? (body.reasonCode ?? null) : null,
      reason: body.reason ?? null,
      userId: ctx.actor.user.id,
      organizationId: source.organizationId,
    });
    await recordAudit(tx, ctx, {
      action: 'match.feedback',
      entityType: 'match',
      entityId: row.id,
      organizationId: source.organizationId,
      jurisdictionCode: source.jurisdictionCode,
      after: { sourceType: body.sourceType, sourceId: body.sourceId, targetId: body.targetId, verdict: body.verdict, reasonCode: body.reasonCode ?? null },
    });
    await publish(
      tx,
      matchAnswered,
      { feedbackId: row.id, sourceType: body.sourceType, sourceId: body.sourceId, targetId: body.targetId, verdict: body.verdict, jurisdictionCode: source.jurisdictionCode, date: shanghaiToday() },
      { actorId: ctx.actor.user.id, requestId: ctx.requestId },
    );
    return { id: row.id, sourceType: row.sourceType, sourceId: row.sourceId, targetId: row.targetId, verdict: row.verdict, reasonCode: row.reasonCode, reason: row.reason, updatedAt: row.updatedAt };
  });
}

/** What others name of these verdicts (the statistics' records behind a figure): the pair, the verdict and who gave it; no authorisation here, the caller applies its own. */
export async function feedbackHeads(db: Executor, ids: string[]) {
  const rows = await matchingRepository.feedbackHeads(db, [...new Set(ids)]);
  const names = await userNames(db, rows.map((r) => r.userId));
  return new Map(rows.map((r) => [r.id, { ...r, by: names.get(r.userId) ?? '' }]));
}

/** Feedback for brokers and administrators (their subtrees), newest first. */
export async function listFeedback(deps: Deps, actor: Actor, q: Page & { verdict?: 'interested' | 'not_relevant' }) {
  let paths: string[] | null;
  if (actor.user.isPlatformAdmin) paths = null;
  else {
    // An approved broker reads the feedback of its own jurisdiction only; an administrator that of their subtrees.
    const broker = await approvedProfile(deps.db, actor.user.id, 'broker');
    paths = [...actor.adminOf.map((j) => j.path), ...(broker ? [broker.path] : [])];
    if (!paths.length) throw forbidden();
  }
  const { rows, total } = await matchingRepository.listFeedback(deps.db, paths, q);
  const people = await userNames(deps.db, rows.map((r) => String(r.user_id)));
  const orgNames = await organizationNames(deps.db, rows.flatMap((r) => (r.organization_id ? [String(r.organization_id)] : [])));
  // A secret record's title only for its insiders and administrators; the note given with a verdict (it may name a price) only for administrators of the source's subtree.
  const titleFor = (title: unknown, confidentiality: unknown, path: unknown, organizationId: unknown) =>
    confidentiality !== 'secret' || administers(actor, path as string) || membershipIn(actor, organizationId as string) ? title : null;
  return paged(
    rows.map((r) => ({
      id: r.id,
      source: { type: r.source_type, id: r.source_id, title: titleFor(r.source_title, r.source_confidentiality, r.source_path, r.source_organization_id) },
      target: { type: r.target_type, id: r.target_id, title: titleFor(r.target_title, r.target_confidentiality, r.target_path, r.target_organization_id) },
      verdict: r.verdict,
      reasonCode: r.reason_code,
      reason: administers(actor, r.source_path as string) ? r.reason : null,
      by: { name: people.get(String(r.user_id)) ?? null, organization: r.organization_id ? (orgNames.get(String(r.organization_id)) ?? null) : null },
      updatedAt: r.updated_at,
    })),
    total,
    q,
  );
}
