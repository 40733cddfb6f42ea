import { and, asc, count, desc, eq, ilike, inArray, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { challengeBids, challengeConflicts, challengeObjections, challengeMilestones, challengePanel, challengePayments, challenges, challengeScores, challengeTimeline } from '../../db/schema/index.ts';
import { offsetOf, type Page } from '../../platform/pagination.ts';
import { containsPattern } from '../../platform/text.ts';

export type ChallengeRow = typeof challenges.$inferSelect;
export type BidRow = typeof challengeBids.$inferSelect;
export type ScoreRow = typeof challengeScores.$inferSelect;
export type PanelRow = typeof challengePanel.$inferSelect;
export type MilestoneRow = typeof challengeMilestones.$inferSelect;
export type TimelineRow = typeof challengeTimeline.$inferSelect;
export type ObjectionRow = typeof challengeObjections.$inferSelect;
export type PaymentRow = typeof challengePayments.$inferSelect;

export type ChallengeFilter = {
  scheme?: string;
  status?: string;
  statuses?: readonly string[];
  /** Published once (the board: a challenge withdrawn in review never was). */
  published?: boolean;
  /** Within this jurisdiction path (its subtree). */
  jurisdictionPath?: string;
  /** Any of these subtrees (an administrator's regions). */
  withinPaths?: string[];
  q?: string;
  /** Challenges these organisations posted or bid on, or this person posted or sits on the panel of. */
  involving?: { organizationIds: string[]; userId: string };
};

const within = (path: string) => or(eq(challenges.jurisdictionPath, path), sql`${challenges.jurisdictionPath} like ${`${path}/%`}`)!;

function whereOf(f: ChallengeFilter): SQL | undefined {
  const parts: (SQL | undefined)[] = [];
  if (f.scheme) parts.push(eq(challenges.scheme, f.scheme));
  if (f.status) parts.push(eq(challenges.status, f.status));
  if (f.statuses) parts.push(inArray(challenges.status, [...f.statuses]));
  if (f.published) parts.push(isNotNull(challenges.publishedAt));
  if (f.jurisdictionPath) parts.push(within(f.jurisdictionPath));
  if (f.withinPaths) parts.push(f.withinPaths.length ? or(...f.withinPaths.map(within)) : sql`false`);
  if (f.q) {
    const like = containsPattern(f.q);
    parts.push(or(ilike(challenges.title, like), ilike(challenges.description, like), ilike(challenges.requirements, like)));
  }
  if (f.involving) {
    const orgs = f.involving.organizationIds;
    const orgList = orgs.length ? sql.join(orgs.map((o) => sql`${o}`), sql`, `) : null;
    parts.push(
      or(
        eq(challenges.postedBy, f.involving.userId),
        orgList ? sql`${challenges.organizationId} in (${orgList})` : undefined,
        orgList ? sql`exists (select 1 from challenge_bids b where b.challenge_id = challenges.id and b.organization_id in (${orgList}))` : undefined,
        sql`exists (select 1 from challenge_panel p where p.challenge_id = challenges.id and p.expert_id = ${f.involving.userId})`,
      ),
    );
  }
  const defined = parts.filter((p): p is SQL => !!p);
  return defined.length ? and(...defined) : undefined;
}

// Written out: inside a one-table select drizzle drops the table names, and the subquery's own columns would shadow them.
const bidCount = sql<number>`(select count(*)::int from challenge_bids b where b.challenge_id = challenges.id)`;

export type ChallengeListRow = ChallengeRow & { bidCount: number };

export const challengeRepository = {
  insert: async (db: Executor, row: typeof challenges.$inferInsert) => (await db.insert(challenges).values(row).returning())[0]!,

  byId: async (db: Executor, id: string, opts: { lock?: boolean } = {}) => {
    const q = db.select().from(challenges).where(eq(challenges.id, id));
    return (opts.lock ? await q.for('update') : await q)[0];
  },

  /** What others name of these challenges: title, poster and status. */
  heads: async (db: Executor, ids: string[]) =>
    ids.length ? db.select({ id: challenges.id, title: challenges.title, organizationName: challenges.organizationName, scheme: challenges.scheme, status: challenges.status }).from(challenges).where(inArray(challenges.id, ids)) : [],

  update: async (db: Executor, id: string, set: Partial<typeof challenges.$inferInsert>) =>
    (await db.update(challenges).set({ ...set, updatedAt: new Date() }).where(eq(challenges.id, id)).returning())[0]!,

  search: async (db: Executor, f: ChallengeFilter, page: Page) => {
    const where = whereOf(f);
    const [rows, [total]] = await Promise.all([
      db
        .select({ c: challenges, bidCount })
        .from(challenges)
        .where(where)
        .orderBy(sql`${challenges.publishedAt} desc nulls last`, desc(challenges.createdAt), asc(challenges.id))
        .limit(page.pageSize)
        .offset(offsetOf(page)),
      db.select({ n: count() }).from(challenges).where(where),
    ]);
    return { rows: rows.map((r) => ({ ...r.c, bidCount: r.bidCount })), total: total?.n ?? 0 };
  },

  // ---- bids

  bids: (db: Executor, challengeId: string) => db.select().from(challengeBids).where(eq(challengeBids.challengeId, challengeId)).orderBy(asc(challengeBids.createdAt), asc(challengeBids.id)),

  bid: async (db: Executor, challengeId: string, bidId: string, opts: { lock?: boolean } = {}) => {
    const q = db.select().from(challengeBids).where(and(eq(challengeBids.challengeId, challengeId), eq(challengeBids.id, bidId)));
    return (opts.lock ? await q.for('update') : await q)[0];
  },

  bidOf: async (db: Executor, challengeId: string, organizationId: string) =>
    (await db.select().from(challengeBids).where(and(eq(challengeBids.challengeId, challengeId), eq(challengeBids.organizationId, organizationId))))[0],

  insertBid: async (db: Executor, row: typeof challengeBids.$inferInsert) => (await db.insert(challengeBids).values(row).returning())[0]!,

  updateBid: async (db: Executor, id: string, set: Partial<typeof challengeBids.$inferInsert>) => (await db.update(challengeBids).set(set).where(eq(challengeBids.id, id)).returning())[0]!,

  /** Bids on other challenges since an instant submitted by one of these people: who stood for which organisation. */
  bidsSubmittedBy: (db: Executor, userIds: string[], except: string, since: Date) =>
    userIds.length === 0
      ? Promise.resolve([])
      : db
          .select({ submittedBy: challengeBids.submittedBy, organizationId: challengeBids.organizationId, organizationName: challengeBids.organizationName, title: challenges.title, at: challengeBids.createdAt })
          .from(challengeBids)
          .innerJoin(challenges, eq(challenges.id, challengeBids.challengeId))
          .where(and(inArray(challengeBids.submittedBy, userIds), sql`${challengeBids.challengeId} <> ${except}`, sql`${challengeBids.createdAt} >= ${since.toISOString()}::timestamptz`)),

  /** Bids of these organisations on other challenges since an instant, with the team each named (avoidance reads who was on them). */
  bidsOfOrganizations: (db: Executor, organizationIds: string[], except: string, since: Date) =>
    organizationIds.length === 0
      ? Promise.resolve([])
      : db
          .select({ organizationId: challengeBids.organizationId, team: challengeBids.team, title: challenges.title, at: challengeBids.createdAt })
          .from(challengeBids)
          .innerJoin(challenges, eq(challenges.id, challengeBids.challengeId))
          .where(and(inArray(challengeBids.organizationId, organizationIds), sql`${challengeBids.challengeId} <> ${except}`, sql`${challengeBids.createdAt} >= ${since.toISOString()}::timestamptz`)),

  /** Other challenges awarded since an instant whose poser or a winning (or ended racing) team is one of these organisations: poser and team, paired. */
  awardedPairs: (db: Executor, organizationIds: string[], except: string, since: Date) =>
    organizationIds.length === 0
      ? Promise.resolve([])
      : db
          .select({ title: challenges.title, poserId: challenges.organizationId, poserName: challenges.organizationName, solverId: challengeBids.organizationId, solverName: challengeBids.organizationName, at: challenges.awardedAt })
          .from(challengeBids)
          .innerJoin(challenges, eq(challenges.id, challengeBids.challengeId))
          .where(
            and(
              inArray(challengeBids.outcome, ['won', 'ended']),
              sql`${challenges.id} <> ${except}`,
              sql`${challenges.awardedAt} >= ${since.toISOString()}::timestamptz`,
              or(inArray(challenges.organizationId, organizationIds), inArray(challengeBids.organizationId, organizationIds)),
            ),
          ),

  // ---- panel, conflicts, scores

  /** The published challenges whose panel this expert sits on and whose bidding has closed (where scores may be due), oldest deadline first. */
  panelSeatsToScore: (db: Executor, expertId: string, now: Date) =>
    db
      .select()
      .from(challenges)
      .where(and(eq(challenges.status, 'published'), sql`${challenges.deadline} <= ${now.toISOString()}::timestamptz`, sql`exists (select 1 from challenge_panel p where p.challenge_id = ${challenges.id} and p.expert_id = ${expertId})`))
      .orderBy(asc(challenges.deadline), asc(challenges.id)),

  panel: (db: Executor, challengeId: string) => db.select().from(challengePanel).where(eq(challengePanel.challengeId, challengeId)).orderBy(asc(challengePanel.addedAt), asc(challengePanel.expertId)),

  replacePanel: async (db: Executor, challengeId: string, experts: { id: string; name: string }[]) => {
    await db.delete(challengePanel).where(eq(challengePanel.challengeId, challengeId));
    if (experts.length) await db.insert(challengePanel).values(experts.map((e) => ({ challengeId, expertId: e.id, expertName: e.name })));
  },

  /** One panel member leaves and another takes the seat (the panel's other members stay as they are). */
  swapPanelMember: async (db: Executor, challengeId: string, outgoingId: string, incoming: { id: string; name: string }) => {
    await db.delete(challengePanel).where(and(eq(challengePanel.challengeId, challengeId), eq(challengePanel.expertId, outgoingId)));
    await db.insert(challengePanel).values({ challengeId, expertId: incoming.id, expertName: incoming.name });
  },

  /** Withdraws an expert's scores on a challenge (the expert left the panel); returns them. */
  deleteScoresOf: (db: Executor, challengeId: string, expertId: string) =>
    db.delete(challengeScores).where(and(eq(challengeScores.challengeId, challengeId), eq(challengeScores.expertId, expertId))).returning(),

  conflicts: (db: Executor, challengeId: string) => db.select().from(challengeConflicts).where(eq(challengeConflicts.challengeId, challengeId)),

  insertConflict: (db: Executor, row: typeof challengeConflicts.$inferInsert) => db.insert(challengeConflicts).values(row),

  scores: (db: Executor, challengeId: string) => db.select().from(challengeScores).where(eq(challengeScores.challengeId, challengeId)).orderBy(asc(challengeScores.createdAt), asc(challengeScores.id)),

  insertScore: async (db: Executor, row: typeof challengeScores.$inferInsert) => (await db.insert(challengeScores).values(row).onConflictDoNothing().returning())[0],

  // ---- milestones, timeline

  milestones: (db: Executor, challengeId: string) =>
    db.select().from(challengeMilestones).where(eq(challengeMilestones.challengeId, challengeId)).orderBy(asc(challengeMilestones.bidId), asc(challengeMilestones.n)),

  milestone: async (db: Executor, bidId: string, n: number, opts: { lock?: boolean } = {}) => {
    const q = db.select().from(challengeMilestones).where(and(eq(challengeMilestones.bidId, bidId), eq(challengeMilestones.n, n)));
    return (opts.lock ? await q.for('update') : await q)[0];
  },

  insertMilestones: (db: Executor, rows: (typeof challengeMilestones.$inferInsert)[]) => (rows.length ? db.insert(challengeMilestones).values(rows) : Promise.resolve()),

  updateMilestone: async (db: Executor, id: string, set: Partial<typeof challengeMilestones.$inferInsert>) =>
    (await db.update(challengeMilestones).set(set).where(eq(challengeMilestones.id, id)).returning())[0]!,

  /** Stops a bid's milestones not yet accepted (its team was ended at a stage gate). */
  stopMilestones: (db: Executor, bidId: string, at: Date, note: string) =>
    db
      .update(challengeMilestones)
      .set({ status: 'stopped', decidedAt: at, decisionNote: note })
      .where(and(eq(challengeMilestones.bidId, bidId), inArray(challengeMilestones.status, ['pending', 'reported', 'returned']))),

  /** Milestones of awarded challenges not yet reported or accepted, due by `day`, with their challenge and bid. */
  openMilestonesDueBy: (db: Executor, day: string) =>
    db
      .select({ m: challengeMilestones, c: challenges, b: challengeBids })
      .from(challengeMilestones)
      .innerJoin(challenges, eq(challenges.id, challengeMilestones.challengeId))
      .innerJoin(challengeBids, eq(challengeBids.id, challengeMilestones.bidId))
      .where(and(eq(challenges.status, 'awarded'), inArray(challengeMilestones.status, ['pending', 'returned']), sql`${challengeMilestones.dueOn} <= ${day}`)),

  /**
   * Milestones whose files can no longer go into a report, closed before the instant and not
   * swept since (a returned milestone opens again and is swept anew once closed): reported
   * (since its last report), accepted or stopped then, or of a challenge terminated then.
   * With their challenge.
   */
  milestonesToSweep: (db: Executor, before: Date) =>
    db
      .select({ m: challengeMilestones, c: challenges })
      .from(challengeMilestones)
      .innerJoin(challenges, eq(challenges.id, challengeMilestones.challengeId))
      .where(
        and(
          isNull(challengeMilestones.filesSweptAt),
          or(
            and(
              inArray(challengeMilestones.status, ['reported', 'accepted', 'stopped']),
              sql`(case when ${challengeMilestones.status} = 'reported' then ${challengeMilestones.reportedAt} else coalesce(${challengeMilestones.decidedAt}, ${challengeMilestones.reportedAt}) end) < ${before.toISOString()}::timestamptz`,
            ),
            and(eq(challenges.status, 'terminated'), sql`${challenges.terminatedAt} < ${before.toISOString()}::timestamptz`),
          ),
        ),
      ),

  /** The sweep has seen these milestones: later sweeps skip them. */
  markFilesSwept: (db: Executor, ids: string[], at: Date) =>
    ids.length ? db.update(challengeMilestones).set({ filesSweptAt: at }).where(inArray(challengeMilestones.id, ids)) : Promise.resolve(),

  timeline: (db: Executor, challengeId: string) => db.select().from(challengeTimeline).where(eq(challengeTimeline.challengeId, challengeId)).orderBy(asc(challengeTimeline.at), asc(challengeTimeline.seq)),

  // ---- objections to an award in notice

  objections: (db: Executor, challengeId: string) =>
    db.select().from(challengeObjections).where(eq(challengeObjections.challengeId, challengeId)).orderBy(asc(challengeObjections.createdAt), asc(challengeObjections.id)),

  objection: async (db: Executor, challengeId: string, id: string) =>
    (await db.select().from(challengeObjections).where(and(eq(challengeObjections.challengeId, challengeId), eq(challengeObjections.id, id))).for('update'))[0],

  insertObjection: async (db: Executor, row: typeof challengeObjections.$inferInsert) => (await db.insert(challengeObjections).values(row).returning())[0]!,

  updateObjection: async (db: Executor, id: string, set: Partial<typeof challengeObjections.$inferInsert>) =>
    (await db.update(challengeObjections).set(set).where(eq(challengeObjections.id, id)).returning())[0]!,

  /** Closes the objections still pending on a challenge (its award was withdrawn). */
  closePendingObjections: (db: Executor, challengeId: string, at: Date, resolution: string) =>
    db
      .update(challengeObjections)
      .set({ status: 'closed', resolution, resolvedAt: at })
      .where(and(eq(challengeObjections.challengeId, challengeId), eq(challengeObjections.status, 'pending'))),

  addTimeline: (db: Executor, row: typeof challengeTimeline.$inferInsert) => db.insert(challengeTimeline).values(row),

  // ---- bounty payments

  payments: (db: Executor, challengeId: string) =>
    db.select().from(challengePayments).where(eq(challengePayments.challengeId, challengeId)).orderBy(asc(challengePayments.recordedAt), asc(challengePayments.id)),

  /** The winning bids of these challenges: organisation name and budget (fen), in the order they bid. */
  winnersOf: (db: Executor, challengeIds: string[]) =>
    challengeIds.length
      ? db
          .select({ challengeId: challengeBids.challengeId, name: challengeBids.organizationName, budget: challengeBids.budgetFen })
          .from(challengeBids)
          .where(and(inArray(challengeBids.challengeId, challengeIds), eq(challengeBids.outcome, 'won')))
          .orderBy(asc(challengeBids.createdAt), asc(challengeBids.id))
      : Promise.resolve([]),

  /** The winning bids of these challenges and the bounty payments recorded on them (the board export). */
  outcomesOf: async (db: Executor, challengeIds: string[]) => {
    if (!challengeIds.length) return { winners: [], paid: [] };
    const [winners, paid] = await Promise.all([
      challengeRepository.winnersOf(db, challengeIds),
      db
        .select({ challengeId: challengePayments.challengeId, total: sql<string>`sum(${challengePayments.amountFen})` })
        .from(challengePayments)
        .where(inArray(challengePayments.challengeId, challengeIds))
        .groupBy(challengePayments.challengeId),
    ]);
    return { winners, paid: paid.map((p) => ({ challengeId: p.challengeId, total: Number(p.total) })) };
  },

  insertPayment: async (db: Executor, row: typeof challengePayments.$inferInsert) => (await db.insert(challengePayments).values(row).returning())[0]!,
};
