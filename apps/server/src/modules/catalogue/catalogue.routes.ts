import { z } from 'zod';
import {
  accessDecisionBody,
  accessDecisionDto,
  accessRequestBody,
  accessRequestDto,
  accessRequestListDto,
  catalogueSettingsDto,
  jurisdictionCodeSchema,
  recordVersionListDto,
  reviewBody,
  withdrawBody,
} from '@kzt/shared';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/actor.ts';
import type { App, Deps } from '../../platform/types.ts';
import { signedIn } from '../../platform/http.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { administers } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { resolveJurisdiction } from '../jurisdictions/jurisdictions.service.ts';
import { freshnessRepository } from './catalogue.repository.ts';
import { listAccessRequests, listVersions, type AccessDecision, type AccessRequestView, type BaseRow, type RecordKind, type Signed } from './catalogue.service.ts';

/**
 * The named commands of one kind of record (`submitAchievement`,
 * `returnDemand`, …), each writing its own literal audit action.
 */
export type RecordCommands = {
  submit: (db: Db, ctx: Signed, id: string) => Promise<unknown>;
  publish: (db: Db, ctx: Signed, id: string, input: { reason?: string }) => Promise<unknown>;
  return: (db: Db, ctx: Signed, id: string, input: { reason?: string }) => Promise<unknown>;
  withdraw: (db: Db, ctx: Signed, id: string, reason?: string) => Promise<unknown>;
  confirm: (db: Db, ctx: Signed, id: string) => Promise<unknown>;
  requestAccess: (db: Db, ctx: Signed, id: string, input: { organizationId?: string; reason: string }) => Promise<AccessRequestView>;
  approveAccess: (db: Db, ctx: Signed, requestId: string, input: { reason?: string }) => Promise<AccessDecision>;
  declineAccess: (db: Db, ctx: Signed, requestId: string, input: { reason?: string }) => Promise<AccessDecision>;
};

const tags = ['目录设置 Catalogue settings'];
const codeParams = z.object({ code: jurisdictionCodeSchema });

export function catalogueRoutes(app: App, { db }: Deps) {
  app.get('/api/jurisdictions/:code/catalogue-settings', { schema: { tags, summary: '本辖区成果/需求的“新鲜度”期限（月）', params: codeParams, response: { 200: catalogueSettingsDto } } }, async (req) => {
    const { actor } = signedIn(req);
    const j = await resolveJurisdiction(db, req.params.code);
    if (!j) throw notFound('jurisdiction');
    if (!administers(actor, j.path)) throw forbidden();
    const [own] = await freshnessRepository.settings(db, j.code);
    return { jurisdictionCode: j.code, staleAfterMonths: own?.staleAfterMonths ?? null, inherited: !own };
  });

  app.put(
    '/api/jurisdictions/:code/catalogue-settings',
    { schema: { tags, summary: '设置本辖区的“新鲜度”期限（默认 12 个月，下级区划继承）', params: codeParams, body: z.object({ staleAfterMonths: z.number().int().min(1).max(60) }), response: { 200: catalogueSettingsDto } } },
    async (req) => {
      const ctx = signedIn(req);
      const j = await resolveJurisdiction(db, req.params.code);
      if (!j) throw notFound('jurisdiction');
      if (!administers(ctx.actor, j.path)) throw forbidden();
      return db.transaction(async (tx) => {
        const [before] = await freshnessRepository.settings(tx, j.code);
        const row = await freshnessRepository.saveSettings(tx, j.code, req.body.staleAfterMonths);
        await recordAudit(tx, ctx, {
          action: 'jurisdiction.catalogueSettings.update',
          entityType: 'jurisdiction',
          entityId: j.code,
          jurisdictionCode: j.code,
          before: before ? { staleAfterMonths: before.staleAfterMonths } : null,
          after: { staleAfterMonths: row.staleAfterMonths },
        });
        return { jurisdictionCode: j.code, staleAfterMonths: row.staleAfterMonths, inherited: false };
      });
    },
  );
}

/**
 * The lifecycle and access routes achievements and demands share, under
 * `/api/<path>`: submit, review, withdraw, confirm, versions, access requests.
 * Each route calls the kind's named command (`commands`); commands answer
 * with the record as `detail` presents it to the caller.
 */
export function recordLifecycleRoutes<Row extends BaseRow>(
  app: App,
  db: Db,
  opts: {
    path: 'achievements' | 'demands';
    kind: RecordKind<Row>;
    commands: RecordCommands;
    tags: string[];
    noun: string;
    /** The record as `detail` presents it: what every command answers. */
    dto: z.ZodType;
    detail: (actor: Actor | null, id: string) => Promise<unknown>;
  },
) {
  const { path, kind, commands, tags, noun, dto, detail } = opts;
  const idParams = z.object({ id: z.uuid() });
  const base = `/api/${path}/:id`;
  app.post(`${base}/submit`, { schema: { tags, summary: '提交审核', params: idParams, response: { 200: dto } } }, async (req) => {
    const ctx = signedIn(req);
    await commands.submit(db, ctx, req.params.id);
    return detail(ctx.actor, req.params.id);
  });
  app.post(`${base}/review`, { schema: { tags, summary: '审核：通过发布或退回（辖区管理员）', params: idParams, body: reviewBody, response: { 200: dto } } }, async (req) => {
    const ctx = signedIn(req);
    if (req.body.decision === 'approve') await commands.publish(db, ctx, req.params.id, { reason: req.body.reason });
    else await commands.return(db, ctx, req.params.id, { reason: req.body.reason });
    return detail(ctx.actor, req.params.id);
  });
  app.post(`${base}/withdraw`, { schema: { tags, summary: '撤回', params: idParams, body: withdrawBody, response: { 200: dto } } }, async (req) => {
    const ctx = signedIn(req);
    await commands.withdraw(db, ctx, req.params.id, req.body?.reason);
    return detail(ctx.actor, req.params.id);
  });
  app.post(`${base}/confirm`, { schema: { tags, summary: `确认${noun}信息仍然有效（恢复“新鲜”）`, params: idParams, response: { 200: dto } } }, async (req) => {
    const ctx = signedIn(req);
    await commands.confirm(db, ctx, req.params.id);
    return detail(ctx.actor, req.params.id);
  });
  app.get(`${base}/versions`, { schema: { tags, summary: '已发布版本的历史', params: idParams, response: { 200: recordVersionListDto } } }, async (req) => listVersions(db, kind, signedIn(req).actor, req.params.id));
  app.get(`${base}/access-requests`, { schema: { tags, summary: `查看申请（${noun}方看全部，申请方看本单位的）`, params: idParams, response: { 200: accessRequestListDto } } }, async (req) =>
    listAccessRequests(db, kind, signedIn(req).actor, req.params.id),
  );
  app.post(`${base}/access-requests`, { schema: { tags, summary: `申请查看摘要公开${noun}的详细信息（已认证单位）`, params: idParams, body: accessRequestBody, response: { 201: accessRequestDto } } }, async (req, reply) =>
    reply.code(201).send(await commands.requestAccess(db, signedIn(req), req.params.id, req.body)),
  );
  app.post(`/api/${path}/access-requests/:id/decision`, { schema: { tags, summary: `同意或拒绝查看申请（${noun}方，拒绝须说明理由）`, params: idParams, body: accessDecisionBody, response: { 200: accessDecisionDto } } }, async (req) =>
    req.body.decision === 'approve'
      ? commands.approveAccess(db, signedIn(req), req.params.id, { reason: req.body.reason })
      : commands.declineAccess(db, signedIn(req), req.params.id, { reason: req.body.reason }),
  );
}
