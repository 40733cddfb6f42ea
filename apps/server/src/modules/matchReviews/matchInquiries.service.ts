import type { Db, Executor } from '../../db/client.ts';
import type { Actor } from '../../platform/actor.ts';
import { membershipIn } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { AppError, forbidden, invalidState, notFound } from '../../platform/errors.ts';
import { paged, type Page } from '../../platform/pagination.ts';
import { recordPolicy } from '../catalogue/catalogue.policy.ts';
import { administratorIdsOf } from '../jurisdictions/jurisdictions.service.ts';
import { notify } from '../notifications/notifications.service.ts';
import { named } from './matchReviews.names.ts';
import { matchReviewRepository as repo, type InquiryRow, type RecordSummary, type RecordType } from './matchReviews.repository.ts';
import { inquiryPolicy } from './matchReviews.policy.ts';
import { presentInquiry, snapshotInquiry } from './matchReviews.presenter.ts';
import type { CreateInquiryBody, InquiryQuery } from './matchReviews.schemas.ts';
import { standingOf } from './matchReviews.service.ts';

type Signed = RequestContext & { actor: Actor };

const LABEL: Record<RecordType, string> = { achievement: '科技成果', demand: '技术需求' };
const otherType = (t: RecordType): RecordType => (t === 'demand' ? 'achievement' : 'demand');
/** A jurisdiction path's own code is its last segment (`140000/140700` → `140700`). */
const codeOf = (path: string) => path.split('/').at(-1)!;

const auditOf = (i: InquiryRow) => ({
  entityType: 'matchInquiry',
  entityId: i.id,
  organizationId: i.organizationId,
  jurisdictionCode: codeOf(i.jurisdictionPath),
});

/**
 * "A matching record exists, ask the platform": a member of the source
 * record's organisation asks about a secret record of the other kind. The
 * record's jurisdiction administrators are notified; the inquirer never
 * learns the record's title. Asking again about the same pair returns the
 * first inquiry (`created: false`).
 */
export async function createInquiry(db: Db, ctx: Signed, body: CreateInquiryBody) {
  const targetType = otherType(body.sourceType);
  return db.transaction(async (tx) => {
    const [source] = await named.records(tx, body.sourceType, [body.sourceId]);
    if (!source || !recordPolicy(ctx.actor, source).read) throw notFound(body.sourceType);
    if (!membershipIn(ctx.actor, source.organizationId)) throw new AppError(403, 'forbidden', 'problem.forbidden', 'err.record.organization');
    const [target] = await named.records(tx, targetType, [body.ref]);
    // Neither a missing record nor an unpublished one is told apart from the other.
    if (!target || target.status !== 'published') throw notFound(targetType);
    if (target.confidentiality !== 'secret') throw invalidState('err.matchInquiry.notSecret');

    const records = { source, target };
    const standing = await standingOf(tx, ctx.actor);
    const present = (row: InquiryRow) =>
      presentInquiry(ctx.actor, { ...row, requesterName: ctx.actor.user.name, organizationName: source.organizationName }, records, inquiryPolicy(ctx.actor, row, standing));
    const asked = await repo.inquiryOf(tx, source.id, target.id, ctx.actor.user.id);
    if (asked) return { created: false, inquiry: present(asked) };
    const row = await repo.insertInquiry(tx, {
      sourceType: body.sourceType,
      sourceId: source.id,
      targetType,
      targetId: target.id,
      jurisdictionPath: target.jurisdictionPath,
      requestedBy: ctx.actor.user.id,
      organizationId: source.organizationId,
      message: body.message,
      status: 'open',
    });
    // Asked at the same moment in another request: that one stands.
    if (!row) return { created: false, inquiry: present((await repo.inquiryOf(tx, source.id, target.id, ctx.actor.user.id))!) };

    const admins = await administratorIdsOf(tx, target.jurisdictionPath.split('/'));
    for (const userId of admins) {
      await notify(tx, {
        userId,
        kind: 'matchInquiry.new',
        dedupeKey: `matchInquiry.new:${row.id}:${userId}`,
        title: `有单位咨询保密${LABEL[targetType]}的匹配`,
        body: `${source.organizationName}咨询保密${LABEL[targetType]}「${target.title}」。${body.message ? `留言：${body.message}` : ''}`,
        link: '/admin/match-inquiries',
      });
    }
    await recordAudit(tx, ctx, { ...auditOf(row), action: 'matchInquiry.create', after: snapshotInquiry(row) });
    return { created: true, inquiry: present(row) };
  });
}

/** The records named by these inquiries, by id. */
async function recordsOf(db: Executor, rows: InquiryRow[]) {
  const ids = (type: RecordType) => [
    ...new Set(rows.flatMap((r) => [r.sourceType === type ? r.sourceId : null, r.targetType === type ? r.targetId : null]).filter((id): id is string => !!id)),
  ];
  const [achievements, demands] = await Promise.all([named.records(db, 'achievement', ids('achievement')), named.records(db, 'demand', ids('demand'))]);
  return new Map<string, RecordSummary>([...achievements, ...demands].map((r) => [r.id, r]));
}

/** Inquiries for those who handle them (administrators of the subtree, the platform administrator, brokers), and the caller's own. */
export async function listInquiries(db: Db, actor: Actor, q: InquiryQuery) {
  const standing = await standingOf(db, actor);
  const page: Page = { page: q.page, pageSize: q.pageSize };
  const { rows, total } = await named.inquiries(db, actor, standing.brokerPath, { status: q.status }, page);
  const records = await recordsOf(db, rows);
  return paged(
    rows.map((r) => presentInquiry(actor, r, { source: records.get(r.sourceId), target: records.get(r.targetId) }, inquiryPolicy(actor, r, standing))),
    total,
    page,
  );
}

/** A handler answers an inquiry; the inquirer is told the answer. */
export async function answerInquiry(db: Db, ctx: Signed, id: string, answer: string) {
  const standing = await standingOf(db, ctx.actor);
  const row = await db.transaction(async (tx) => {
    const inq = await named.inquiry(tx, id, { lock: true });
    if (!inq) throw notFound('matchInquiry');
    const policy = inquiryPolicy(ctx.actor, inq, standing);
    if (!policy.read) throw notFound('matchInquiry');
    if (!policy.answer) throw inquiryPolicy(ctx.actor, { ...inq, status: 'open' }, standing).answer ? invalidState('err.matchInquiry.answered') : forbidden();
    const after = { ...inq, ...(await repo.updateInquiry(tx, id, { status: 'answered', answer, handledBy: ctx.actor.user.id, handledAt: new Date() })) };
    await notify(tx, {
      userId: inq.requestedBy,
      kind: 'matchInquiry.answered',
      dedupeKey: `matchInquiry.answered:${inq.id}`,
      title: '平台已答复您的匹配咨询',
      body: answer,
      link: `/${inq.sourceType}s/${inq.sourceId}`,
    });
    await recordAudit(tx, ctx, { ...auditOf(inq), action: 'matchInquiry.answer', before: snapshotInquiry(inq), after: snapshotInquiry(after) });
    return after;
  });
  const records = await recordsOf(db, [row]);
  return presentInquiry(ctx.actor, row, { source: records.get(row.sourceId), target: records.get(row.targetId) }, inquiryPolicy(ctx.actor, row, standing));
}
