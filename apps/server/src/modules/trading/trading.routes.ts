import { z } from 'zod';
import {
  auctionPremiumListDto,
  bidListDto,
  comparableListDto,
  dealDto,
  dealPageDto,
  depositListDto,
  fileResponse,
  listingDto,
  listingPageDto,
  offerDto,
  offerListDto,
  priceRecordDto,
  tradingSettingsDto,
  bidBody,
  createListingBody,
  dealCancelBody,
  dealQuery,
  dealSignBody,
  depositBody,
  entrustmentBody,
  entrustmentListDto,
  IDEMPOTENCY_KEY_RE,
  lodgedObjectionDto,
  objectionListDto,
  placedBidDto,
  jurisdictionCodeSchema,
  listingQuery,
  listingReviewBody,
  listingWithdrawBody,
  objectionBody,
  objectionQuery,
  objectionResolveBody,
  objectionVexatiousBody,
  offerBody,
  paymentPaidBody,
  revenueReportBody,
  tradingSettingsBody,
} from '@kzt/shared';
import { contextOf, signedIn } from '../../platform/http.ts';
import { AppError } from '../../platform/errors.ts';
import { resolveActor, SESSION_COOKIE } from '../../platform/sessions.ts';
import { langOf } from '../../platform/i18n.ts';
import type { App, Deps } from '../../platform/types.ts';
import { getListing } from './listings.access.ts';
import { liveFloor, type Viewer } from './listings.floor.ts';
import { registrationRoutes } from './registrations.routes.ts';
import { addEntrustment, confirmEntrustment, createListing, getTradingSettings, listEntrustments, reviewListing, revokeEntrustment, saveTradingSettings, searchListings, withdrawListing } from './listings.service.ts';
import { acceptOffer, listOffers, makeOffer } from './offers.service.ts';
import { listObjections, lodgeObjection, markObjectionVexatious, resolveObjection } from './objections.service.ts';
import { listBids, listDeposits, placeBid, presentPlacedBid, recordDeposit } from './auctions.service.ts';
import { priceRecord, recordHtml } from './priceRecord.service.ts';
import { auctionPremiums, comparables } from './market.service.ts';
import { cancelDeal, completeDeal, confirmDeal, getDeal, recordPayment, reportRevenue, searchDeals, signDeal } from './deals.service.ts';

const tags = ['交易 Trading'];
const dealTags = ['成交 Deals'];
const idParams = z.object({ id: z.uuid() });
const lang = (req: { headers: Record<string, unknown> }) => langOf(req.headers['accept-language'] as string | undefined);

/** How often an open live stream checks its viewer's session again (a logout, a password change or a removal closes it). */
export const STREAM_RECHECK_MS = 3000;
/** Live streams one client (a session, or an address when anonymous) holds at once. */
export const MAX_STREAMS_PER_CLIENT = 4;

/** Routes of the trading module: listings (fixed price, negotiated with notice, auction), bids, the price record, and deals. */
export function tradingRoutes(app: App, deps: Deps) {
  const { db } = deps;
  // Live streams never end on their own: the server ends them when it closes.
  const streams = new Set<{ end: () => void }>();
  /** Open streams per client (session or address), bounded by MAX_STREAMS_PER_CLIENT. */
  const perClient = new Map<string, number>();
  const floor = liveFloor(db);
  app.addHook('preClose', async () => {
    for (const s of streams) s.end();
  });

  // ---- listings

  app.get('/api/listings', { config: { public: true }, schema: { tags, summary: '交易大厅：挂牌、公示与竞价项目（scope=mine 我的挂牌，scope=review 审核队列）', querystring: listingQuery, response: { 200: listingPageDto } } }, async (req) =>
    searchListings(db, contextOf(req).actor, req.query),
  );

  app.post('/api/listings', { schema: { tags, summary: '发起挂牌（成果所属单位或受托机构/经纪人；经辖区管理员审核后上线）', body: createListingBody, response: { 201: listingDto } } }, async (req, reply) =>
    reply.code(201).send(await createListing(db, signedIn(req), req.body)),
  );

  app.get('/api/listings/:id', { config: { public: true }, schema: { tags, summary: '挂牌详情（竞价含当前价与结束时间；保留价仅转让方与管理员可见）', params: idParams, response: { 200: listingDto } } }, async (req) =>
    getListing(db, contextOf(req).actor, req.params.id),
  );

  app.post('/api/listings/:id/review', { schema: { tags, summary: '审核挂牌（辖区管理员）', params: idParams, body: listingReviewBody, response: { 200: listingDto } } }, async (req) =>
    reviewListing(db, signedIn(req), req.params.id, req.body),
  );

  app.post('/api/listings/:id/withdraw', { schema: { tags, summary: '撤牌（转让方；竞价已有出价时不可撤）', params: idParams, body: listingWithdrawBody, response: { 200: listingDto } } }, async (req) =>
    withdrawListing(db, signedIn(req), req.params.id, req.body.reason),
  );

  // ---- fixed price

  app.get('/api/listings/:id/offers', { schema: { tags, summary: '挂牌的报价（转让方看全部，受让方看自己的）', params: idParams, response: { 200: offerListDto } } }, async (req) => listOffers(db, signedIn(req).actor, req.params.id));

  app.post('/api/listings/:id/offers', { schema: { tags, summary: '摘牌或报价（认证单位；首个按挂牌价确认者成交，或由转让方选择）', params: idParams, body: offerBody, response: { 201: offerDto } } }, async (req, reply) =>
    reply.code(201).send(await makeOffer(db, signedIn(req), req.params.id, req.body)),
  );

  app.post('/api/listings/:id/offers/:offerId/accept', { schema: { tags, summary: '转让方接受一项报价', params: idParams.extend({ offerId: z.uuid() }), response: { 200: listingDto } } }, async (req) => {
    await acceptOffer(db, signedIn(req), req.params.id, req.params.offerId);
    return getListing(db, req.actor, req.params.id);
  });

  // ---- negotiated price, notice period

  app.get('/api/listings/:id/objections', { config: { public: true }, schema: { tags, summary: '公示异议（理由与处理结果公开；恶意异议标注保留）', params: idParams, querystring: objectionQuery, response: { 200: objectionListDto } } }, async (req) =>
    listObjections(db, contextOf(req).actor, req.params.id, req.query.status),
  );

  app.post('/api/listings/:id/objections', { schema: { tags, summary: '公示期内提出异议（须以认证单位名义并说明理由；每个单位每个项目至多 2 项，同时只能有 1 项待处理）', params: idParams, body: objectionBody, response: { 201: lodgedObjectionDto } } }, async (req, reply) =>
    reply.code(201).send(await lodgeObjection(db, signedIn(req), req.params.id, req.body.reason, req.body.organizationId)),
  );

  app.post(
    '/api/listings/:id/objections/:objectionId/vexatious',
    { schema: { tags, summary: '认定恶意异议（辖区管理员；异议保留在记录中并标注，待处理的异议随之不成立）', params: idParams.extend({ objectionId: z.uuid() }), body: objectionVexatiousBody, response: { 200: listingDto } } },
    async (req) => {
      await markObjectionVexatious(db, signedIn(req), req.params.id, req.params.objectionId, req.body.reason);
      return getListing(db, req.actor, req.params.id);
    },
  );

  app.post('/api/listings/:id/objections/:objectionId/resolve', { schema: { tags, summary: '处理异议（辖区管理员；成立则终止本次协议定价）', params: idParams.extend({ objectionId: z.uuid() }), body: objectionResolveBody, response: { 200: listingDto } } }, async (req) => {
    await resolveObjection(db, signedIn(req), req.params.id, req.params.objectionId, req.body);
    return getListing(db, req.actor, req.params.id);
  });

  // ---- auction

  app.get('/api/listings/:id/deposits', { schema: { tags, summary: '竞价保证金（转让方与管理员看全部，竞买单位看自己的）', params: idParams, response: { 200: depositListDto } } }, async (req) => listDeposits(db, signedIn(req).actor, req.params.id));

  app.post('/api/listings/:id/deposits', { schema: { tags, summary: '登记线下缴纳的保证金（转让方或管理员）', params: idParams, body: depositBody, response: { 201: depositListDto } } }, async (req, reply) =>
    reply.code(201).send(await recordDeposit(db, signedIn(req), req.params.id, req.body)),
  );

  app.get('/api/listings/:id/bids', { config: { public: true }, schema: { tags, summary: '出价记录（按时间；公众看到竞买人编号）', params: idParams, response: { 200: bidListDto } } }, async (req) =>
    listBids(db, contextOf(req).actor, req.params.id, lang(req)),
  );

  app.post(
    '/api/listings/:id/bids',
    {
      config: { recentActor: true },
      schema: {
        tags,
        summary: '出价（须带 Idempotency-Key 头；同一键重复提交返回同一出价；出价不可撤回）',
        params: idParams,
        body: bidBody,
        headers: z.looseObject({ 'idempotency-key': z.string({ message: 'err.bid.key' }).regex(IDEMPOTENCY_KEY_RE, { message: 'err.bid.key' }) }),
        response: { 200: placedBidDto, 201: placedBidDto },
      },
    },
    async (req, reply) => {
      const placed = await placeBid(db, signedIn(req), req.params.id, req.body, req.headers['idempotency-key']);
      return reply.code(placed.replay ? 200 : 201).send(presentPlacedBid(placed));
    },
  );

  app.get(
    '/api/listings/:id/live',
    {
      config: { public: true, recentActor: true },
      schema: {
        tags,
        summary: '实时竞价（Server-Sent Events：listing 状态、bids 新出价；once=true 只发当前状态后结束；lang=en 英文，EventSource 不能设置 Accept-Language）',
        params: idParams,
        querystring: z.object({ once: z.enum(['true', 'false']).optional(), lang: z.enum(['zh', 'en']).optional() }),
        response: { 200: fileResponse('Server-Sent Events 流（event: listing | bids，data 为 JSON）', 'text/event-stream') },
      },
    },
    async (req, reply) => {
      const actor = contextOf(req).actor;
      const id = req.params.id;
      // Before the stream opens: 404 for a listing the caller may not see, as the other routes answer.
      await getListing(db, actor, id);
      const client = actor ? `session:${actor.session.tokenHash}` : `ip:${req.ip}`;
      if (req.query.once !== 'true' && (perClient.get(client) ?? 0) >= MAX_STREAMS_PER_CLIENT) {
        throw new AppError(429, 'too-many-streams', 'problem.tooManyRequests', 'err.live.tooMany', { max: MAX_STREAMS_PER_CLIENT });
      }
      const auth = req.headers.authorization;
      const credential = auth?.startsWith('Bearer ') ? { token: auth.slice(7).trim(), via: 'bearer' as const } : req.cookies[SESSION_COOKIE] ? { token: req.cookies[SESSION_COOKIE]!, via: 'cookie' as const } : null;
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      const viewer: Viewer = { actor, lang: req.query.lang ?? lang(req), lastSeq: 0, send: (event, json) => res.write(`event: ${event}\ndata: ${json}\n\n`) };
      if (req.query.once === 'true') {
        await floor.once(id, viewer);
        res.end();
        return;
      }
      const leave = floor.join(id, viewer);
      const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
      streams.add(res);
      perClient.set(client, (perClient.get(client) ?? 0) + 1);
      // The viewer's rights are those of the session when it opened: a stream of a signed-in viewer checks the session
      // again every few seconds and closes when it was revoked or the viewer's organisations or jurisdictions changed.
      const standing = (a: typeof actor) => (a ? JSON.stringify([a.memberships.map((m) => [m.organizationId, m.role, m.organizationStatus]), a.adminOf.map((j) => j.code), a.user.isPlatformAdmin]) : '');
      const was = standing(actor);
      const recheck =
        actor && credential
          ? setInterval(() => {
              resolveActor(db, credential.token, credential.via)
                .then((now) => {
                  if (now && standing(now) === was) return;
                  res.write(`event: revoked\ndata: {}\n\n`);
                  res.end();
                })
                .catch(() => undefined);
            }, STREAM_RECHECK_MS)
          : undefined;
      let closed = false;
      const close = () => {
        if (closed) return;
        closed = true;
        leave();
        clearInterval(ping);
        if (recheck) clearInterval(recheck);
        streams.delete(res);
        const n = (perClient.get(client) ?? 1) - 1;
        if (n > 0) perClient.set(client, n);
        else perClient.delete(client);
      };
      res.on('close', close);
    },
  );

  // ---- the price record

  app.get('/api/listings/:id/record', { config: { public: true }, schema: { tags, summary: '交易过程记录：挂牌、公示与异议、每次出价（竞买人编号）、延时、结果，附哈希链核验结果', params: idParams, response: { 200: priceRecordDto } } }, async (req) =>
    priceRecord(db, contextOf(req).actor, req.params.id, lang(req)),
  );

  app.get('/api/listings/:id/record.html', { config: { public: true }, schema: { tags, summary: '交易过程记录（可打印 HTML，浏览器打印可另存为 PDF 存档）', params: idParams, response: { 200: fileResponse('可打印的 HTML 页面', 'text/html') } } }, async (req, reply) => {
    const record = await priceRecord(db, contextOf(req).actor, req.params.id, lang(req));
    return reply.type('text/html; charset=utf-8').header('content-disposition', `inline; filename="price-record-${req.params.id}.html"`).send(recordHtml(record, lang(req)));
  });

  app.get('/api/listings/:id/comparables', { config: { public: true }, schema: { tags, summary: '可比成交：相似成果的成交价格及其形成方式', params: idParams, response: { 200: comparableListDto } } }, async (req) =>
    comparables(db, deps, contextOf(req).actor, req.params.id, lang(req)),
  );

  app.get('/api/trading/premiums', { config: { public: true }, schema: { tags, summary: '各行业竞价成交相对起拍价的溢价', querystring: z.object({ jurisdictionCode: jurisdictionCodeSchema.optional() }), response: { 200: auctionPremiumListDto } } }, async (req) =>
    auctionPremiums(db, req.query.jurisdictionCode),
  );

  // ---- entrustments and settings

  app.get('/api/achievements/:id/entrustments', { schema: { tags, summary: '成果的交易委托（技术转移机构或技术经纪人；status: active 生效 / pending 待负责人确认）', params: idParams, response: { 200: entrustmentListDto } } }, async (req) =>
    listEntrustments(db, signedIn(req).actor, req.params.id),
  );

  app.post('/api/achievements/:id/entrustments', { schema: { tags, summary: '委托技术转移机构或技术经纪人代理交易（单位负责人委托即生效；成员提议的须负责人确认）', params: idParams, body: entrustmentBody, response: { 201: entrustmentListDto } } }, async (req, reply) =>
    reply.code(201).send(await addEntrustment(db, signedIn(req), req.params.id, req.body)),
  );

  app.post('/api/achievements/:id/entrustments/:entrustmentId/confirm', { schema: { tags, summary: '确认成员提议的交易委托（成果所属单位负责人）', params: idParams.extend({ entrustmentId: z.uuid() }), response: { 200: entrustmentListDto } } }, async (req) =>
    confirmEntrustment(db, signedIn(req), req.params.id, req.params.entrustmentId),
  );

  app.delete('/api/achievements/:id/entrustments/:entrustmentId', { schema: { tags, summary: '解除交易委托', params: idParams.extend({ entrustmentId: z.uuid() }), response: { 204: z.null() } } }, async (req, reply) => {
    await revokeEntrustment(db, signedIn(req), req.params.id, req.params.entrustmentId);
    return reply.code(204).send(null);
  });

  const codeParams = z.object({ code: jurisdictionCodeSchema });
  app.get('/api/jurisdictions/:code/trading-settings', { config: { public: true }, schema: { tags, summary: '本辖区的公示期与签约期限（天；下级继承）', params: codeParams, response: { 200: tradingSettingsDto } } }, async (req) =>
    getTradingSettings(db, req.params.code),
  );

  app.put('/api/jurisdictions/:code/trading-settings', { schema: { tags, summary: '设置本辖区的公示期（默认 15 天）与签约期限（默认 10 天）', params: codeParams, body: tradingSettingsBody, response: { 200: tradingSettingsDto } } }, async (req) =>
    saveTradingSettings(db, signedIn(req), req.params.code, req.body),
  );

  registrationRoutes(app, deps);

  // ---- deals

  app.get('/api/deals', { schema: { tags: dealTags, summary: '成交（我的单位，side=seller 只看卖方一侧（含受托经纪机构，即录入合同的一方）、side=buyer 只看买方；或 scope=jurisdiction 本辖区）', querystring: dealQuery, response: { 200: dealPageDto } } }, async (req) => searchDeals(db, signedIn(req).actor, req.query));

  app.get('/api/deals/:id', { schema: { tags: dealTags, summary: '成交详情：双方、金额、条款、付款计划', params: idParams, response: { 200: dealDto } } }, async (req) => getDeal(db, signedIn(req).actor, req.params.id));

  app.post('/api/deals/:id/confirm', { schema: { tags: dealTags, summary: '确认成交（双方各确认一次）', params: idParams, response: { 200: dealDto } } }, async (req) => confirmDeal(db, signedIn(req), req.params.id));

  app.post('/api/deals/:id/sign', { schema: { tags: dealTags, summary: '登记合同签订（生成付款计划，成果登记转化）', params: idParams, body: dealSignBody, response: { 200: dealDto } } }, async (req) =>
    signDeal(db, signedIn(req), req.params.id, req.body),
  );

  app.post('/api/deals/:id/payments/:paymentId/paid', { schema: { tags: dealTags, summary: '登记收款（转让方）', params: idParams.extend({ paymentId: z.uuid() }), body: paymentPaidBody, response: { 200: dealDto } } }, async (req) =>
    recordPayment(db, signedIn(req), req.params.id, req.params.paymentId, req.body),
  );

  app.post('/api/deals/:id/revenue-reports', { schema: { tags: dealTags, summary: '报告销售收入（被许可方；按约定比例生成提成）', params: idParams, body: revenueReportBody, response: { 201: dealDto } } }, async (req, reply) =>
    reply.code(201).send(await reportRevenue(db, signedIn(req), req.params.id, req.body)),
  );

  app.post('/api/deals/:id/complete', { schema: { tags: dealTags, summary: '交易完成（转让方；款项已全部收讫）', params: idParams, response: { 200: dealDto } } }, async (req) => completeDeal(db, signedIn(req), req.params.id));

  app.post('/api/deals/:id/cancel', { schema: { tags: dealTags, summary: '取消成交（须说明原因）', params: idParams, body: dealCancelBody, response: { 200: dealDto } } }, async (req) =>
    cancelDeal(db, signedIn(req), req.params.id, req.body.reason),
  );
}
