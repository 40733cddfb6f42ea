import {
  amountInCapitals,
  bidderLabel,
  DEAL_SOURCE_LABELS,
  formatFen,
  LICENCE_KIND_LABELS,
  LISTING_KIND_LABELS,
  LISTING_STATUS_LABELS,
  LISTING_TRANSACTION_LABELS,
  PAYMENT_PLAN_LABELS,
  type DealSource,
  type LicenceKind,
  type ListingKind,
  type ListingStatus,
  type ListingTransaction,
  type PaymentPlan,
} from '@kzt/shared';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/actor.ts';
import { auditEventsOf, verifyEvents, type StoredEvent as AuditEventRow } from '../../platform/audit.ts';
import type { Lang } from '../../platform/i18n.ts';
import { authorizeListing } from './listings.access.ts';
import { phaseOf } from './listings.policy.ts';
import { reserveDisclosed } from './listings.presenter.ts';
import type { ListingRow } from './listings.repository.ts';

/**
 * The public record of how a listing's price was formed (交易过程记录): its
 * events from the audit chain in order — listing dates, notice period and
 * objections, every bid with bidders as 竞买人1, 竞买人2…, extensions, the
 * result and the deal — each with its hash, and whether they verify against
 * the chain. It is the evidence an official files for 尽职免责, so it says
 * only what the public may know: no bidder's identity, and the reserve price
 * only once bidding is over.
 */

type Data = Record<string, unknown>;
type Say = { zh: string; en: string };

const TZ_FORMAT = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
/** An instant in Beijing time, as the record prints it. */
export const beijing = (iso: unknown) => (iso ? TZ_FORMAT.format(new Date(String(iso))).replace(/\//g, '-') : '—');
const money = (fen: unknown, lang: Lang) => formatFen(fen == null ? null : Number(fen), lang);

const label = <K extends string>(labels: Record<K, Say>, k: unknown, lang: Lang) => (labels as Record<string, Say>)[String(k)]?.[lang] ?? String(k ?? '');

const CLOSE_REASON: Record<string, Say> = {
  no_bids: { zh: '无人出价', en: 'no bids' },
  reserve_not_met: { zh: '最高出价未达到保留价', en: 'the highest bid did not reach the reserve' },
  not_signed: { zh: '受让方逾期未签约', en: 'the buyer did not sign in time' },
  objection_upheld: { zh: '公示异议成立', en: 'an objection was upheld' },
  deal_cancelled: { zh: '成交已取消', en: 'the deal was cancelled' },
};

type Names = { bidder: (orgId: unknown) => string; buyer: (orgId: unknown) => string; objector: (id: unknown) => string };

/** One event as a sentence a person reads, in Chinese or English, with only what the public may know. */
function describe(action: string, d: Data, l: ListingRow, names: Names, lang: Lang, revealReserve: boolean): string {
  const zh = lang === 'zh';
  const m = (x: unknown) => money(x, lang);
  switch (action) {
    case 'submitted': {
      const a = d.auction as Data | null;
      const kind = label(LISTING_KIND_LABELS, d.kind, lang);
      const tx = label(LISTING_TRANSACTION_LABELS, d.transaction, lang);
      const licence = d.licence as Data | null;
      const payment = d.payment as Data | null;
      const parts = [zh ? `提交挂牌申请：${kind}，${tx}` : `Listing submitted: ${kind}, ${tx}`];
      if (a) {
        parts.push(
          zh
            ? `起拍价 ${m(a.startPrice)}，加价幅度 ${m(a.increment)}，保证金 ${m(a.deposit)}，竞价时间 ${beijing(a.startsAt)} 至 ${beijing(a.endsAt)}，${a.reservePrice == null ? '无保留价' : revealReserve ? `保留价 ${m(a.reservePrice)}` : '设有保留价（竞价结束后公开）'}，最后 ${a.extendSeconds} 秒内出价延时 ${a.extendSeconds} 秒（至多 ${a.maxExtensions} 次）`
            : `start price ${m(a.startPrice)}, increment ${m(a.increment)}, deposit ${m(a.deposit)}, bidding ${beijing(a.startsAt)} to ${beijing(a.endsAt)}, ${a.reservePrice == null ? 'no reserve' : revealReserve ? `reserve ${m(a.reservePrice)}` : 'a reserve (disclosed after bidding)'}, a bid in the last ${a.extendSeconds} s extends by ${a.extendSeconds} s (at most ${a.maxExtensions} times)`,
        );
      } else if (d.kind === 'negotiated') {
        parts.push(zh ? `协议价格 ${m(d.price)}，受让方 ${names.buyer(d.buyerOrganizationId)}${d.agreedOn ? `，协商日期 ${d.agreedOn}` : ''}` : `agreed price ${m(d.price)} with ${names.buyer(d.buyerOrganizationId)}${d.agreedOn ? `, agreed on ${d.agreedOn}` : ''}`);
      } else parts.push(zh ? `挂牌价 ${m(d.price)}${d.acceptance === 'choose' ? '，由转让方择优选择受让方' : '，首个确认受让的认证单位成交'}` : `asking price ${m(d.price)}${d.acceptance === 'choose' ? ', the owner chooses among offers' : ', the first verified buyer to accept gets it'}`);
      if (licence) parts.push(zh ? `${label(LICENCE_KIND_LABELS, licence.kind as LicenceKind, lang)}，地域 ${licence.territory}，期限 ${licence.termMonths} 个月，领域 ${licence.fieldOfUse}` : `${label(LICENCE_KIND_LABELS, licence.kind, lang)}, territory ${licence.territory}, ${licence.termMonths} months, field ${licence.fieldOfUse}`);
      if (payment) parts.push(zh ? `支付方式：${label(PAYMENT_PLAN_LABELS, payment.plan as PaymentPlan, lang)}${Number(payment.royaltyBp) > 0 ? `，销售提成 ${Number(payment.royaltyBp) / 100}%` : ''}` : `payment: ${label(PAYMENT_PLAN_LABELS, payment.plan, lang)}${Number(payment.royaltyBp) > 0 ? `, royalty ${Number(payment.royaltyBp) / 100}%` : ''}`);
      return parts.join(zh ? '；' : '; ');
    }
    case 'approved':
      return zh
        ? `审核通过，挂牌公开${d.noticeEndsAt ? `；公示期 ${d.noticeDays} 天，至 ${beijing(d.noticeEndsAt)}` : ''}`
        : `Approved and published${d.noticeEndsAt ? `; notice period of ${d.noticeDays} days, to ${beijing(d.noticeEndsAt)}` : ''}`;
    case 'rejected':
      return zh ? `未通过审核：${d.reason ?? ''}` : `Rejected: ${d.reason ?? ''}`;
    case 'withdrawn':
      return zh ? `撤牌：${d.reason ?? ''}` : `Withdrawn: ${d.reason ?? ''}`;
    case 'offer':
      return zh ? `${names.bidder(d.organizationId).replace('竞买人', '意向受让方')}${d.accepted ? '确认按挂牌价' : '报价'} ${m(d.amount)}` : `${names.bidder(d.organizationId).replace('Bidder', 'Buyer')} ${d.accepted ? 'accepted the asking price of' : 'offered'} ${m(d.amount)}`;
    case 'offerAccepted':
      return zh ? `转让方接受${names.bidder(d.organizationId).replace('竞买人', '意向受让方')}的报价 ${m(d.amount)}` : `The owner accepted ${names.bidder(d.organizationId).replace('Bidder', 'Buyer')}'s offer of ${m(d.amount)}`;
    case 'objection':
      return zh ? `收到异议（${names.objector(d.objectionId)}）：${d.reason}` : `Objection (${names.objector(d.objectionId)}): ${d.reason}`;
    case 'objectionResolved':
      return zh
        ? `${names.objector(d.objectionId)}的异议${d.decision === 'upheld' ? '成立' : '不成立'}。处理意见：${d.resolution}`
        : `${names.objector(d.objectionId)}'s objection ${d.decision === 'upheld' ? 'upheld' : 'dismissed'}: ${d.resolution}`;
    case 'noticeEnded':
      return Number(d.openObjections) > 0
        ? zh
          ? `公示期满，尚有 ${d.openObjections} 项异议待处理`
          : `Notice period over; ${d.openObjections} objections still open`
        : zh
          ? '公示期满，无异议'
          : 'Notice period over without objections';
    case 'deposit':
      return zh ? `${names.bidder(d.organizationId)}缴纳保证金 ${m(d.amount)}` : `${names.bidder(d.organizationId)} paid a deposit of ${m(d.amount)}`;
    case 'registered':
      return zh ? `${names.bidder(d.organizationId)}报名竞买` : `${names.bidder(d.organizationId)} registered to bid`;
    case 'registrationProof':
      return zh ? `${names.bidder(d.organizationId)}上传保证金付款凭证` : `${names.bidder(d.organizationId)} uploaded the remittance proof`;
    case 'registrationConfirmed':
      return zh ? `${names.bidder(d.organizationId)}的竞买报名已确认${Number(d.deposit) > 0 ? `，保证金 ${m(d.deposit)} 到账` : ''}` : `${names.bidder(d.organizationId)}'s registration confirmed${Number(d.deposit) > 0 ? `, deposit of ${m(d.deposit)} received` : ''}`;
    case 'registrationRejected':
      return zh ? `${names.bidder(d.organizationId)}的竞买报名未通过：${d.reason}` : `${names.bidder(d.organizationId)}'s registration rejected: ${d.reason}`;
    case 'objectionVexatious':
      return zh ? `${names.objector(d.objectionId)}的异议被认定为恶意异议${d.dismissed ? '，不成立' : ''}。理由：${d.reason}` : `${names.objector(d.objectionId)}'s objection marked vexatious${d.dismissed ? ' and dismissed' : ''}: ${d.reason}`;
    case 'bid':
      return zh
        ? `${names.bidder(d.organizationId)}出价 ${m(d.amount)}${d.extended ? `，竞价结束时间延长至 ${beijing(d.endsAt)}` : ''}`
        : `${names.bidder(d.organizationId)} bid ${m(d.amount)}${d.extended ? `; the end moved to ${beijing(d.endsAt)}` : ''}`;
    case 'closed': {
      const reserve = d.reservePrice == null ? '' : zh ? `（保留价 ${m(d.reservePrice)}）` : ` (reserve ${m(d.reservePrice)})`;
      if (d.result === 'sold' && l.kind === 'auction') {
        const applied = Number(d.depositApplied) > 0 ? (zh ? `；竞得人保证金 ${m(d.depositApplied)} 抵作价款` : `; the winner's deposit of ${m(d.depositApplied)} applied to the price`) : '';
        const refunds = Number(d.depositsRefunded) > 0 ? (zh ? `；其余 ${d.depositsRefunded} 家竞买人的保证金应予退还` : `; the other ${d.depositsRefunded} bidders' deposits are to be refunded`) : '';
        return zh ? `竞价结束：共 ${d.bids} 次出价，${names.bidder(d.winnerOrganizationId)}以 ${m(d.amount)} 竞得${reserve}${applied}${refunds}` : `Bidding ended: ${d.bids} bids; ${names.bidder(d.winnerOrganizationId)} won at ${m(d.amount)}${reserve}${applied}${refunds}`;
      }
      if (d.result === 'sold') return zh ? `按 ${m(d.amount)} 成交` : `Sold at ${m(d.amount)}`;
      const why = CLOSE_REASON[String(d.reason)]?.[lang] ?? String(d.reason ?? '');
      if (d.result === 'cancelled') return zh ? `协议定价终止：${why}` : `Negotiated price ended: ${why}`;
      return zh ? `未成交：${why}${d.highest != null ? `，最高出价 ${m(d.highest)}` : ''}${reserve}` : `No sale: ${why}${d.highest != null ? `; highest bid ${m(d.highest)}` : ''}${reserve}`;
    }
    case 'dealCreated':
      return zh
        ? `成交（${label(DEAL_SOURCE_LABELS, d.source as DealSource, lang)}）：受让方 ${d.buyerName}，成交价 ${m(d.amount)}，应于 ${beijing(d.signDeadline)} 前签约`
        : `Deal (${label(DEAL_SOURCE_LABELS, d.source, lang)}): buyer ${d.buyerName}, price ${m(d.amount)}, to be signed by ${beijing(d.signDeadline)}`;
    case 'dealConfirmed':
      return zh ? '买卖双方已确认成交' : 'Both parties confirmed the deal';
    case 'dealSigned':
      return zh ? `合同已签订（签订日期 ${d.signedOn}）` : `Contract signed on ${d.signedOn}`;
    case 'dealLapsed':
      return zh ? `受让方逾期未签约，成交失效${l.kind === 'auction' ? '，保证金不予退还' : ''}` : `The buyer did not sign in time; the deal lapsed${l.kind === 'auction' ? ' and the deposit is forfeited' : ''}`;
    case 'dealCancelled':
      return zh ? `成交已取消：${d.reason}` : `Deal cancelled: ${d.reason}`;
    case 'dealCompleted':
      return zh ? '交易完成' : 'Deal completed';
  }
  return action;
}

/** Public data of an event: what the sentence says, as values (amounts in fen, no organisation ids of bidders). */
function publicData(action: string, d: Data, names: Names, revealReserve: boolean): Data {
  switch (action) {
    case 'bid':
      return { seq: d.seq, bidder: names.bidder(d.organizationId), amount: d.amount, extended: d.extended, endsAt: d.endsAt };
    case 'deposit':
      return { bidder: names.bidder(d.organizationId), amount: d.amount };
    case 'registered':
    case 'registrationProof':
      return { bidder: names.bidder(d.organizationId) };
    case 'registrationConfirmed':
      return { bidder: names.bidder(d.organizationId), deposit: d.deposit };
    case 'registrationRejected':
      return { bidder: names.bidder(d.organizationId), reason: d.reason };
    case 'objectionVexatious':
      return { objector: names.objector(d.objectionId), reason: d.reason, dismissed: d.dismissed };
    case 'offer':
    case 'offerAccepted':
      return { amount: d.amount };
    case 'closed':
      return {
        result: d.result,
        reason: d.reason ?? null,
        amount: d.amount ?? d.highest ?? null,
        bids: d.bids ?? null,
        winner: d.winnerOrganizationId ? names.bidder(d.winnerOrganizationId) : null,
        reservePrice: d.reservePrice ?? null,
        depositApplied: d.depositApplied ?? null,
        depositsRefunded: d.depositsRefunded ?? null,
      };
    case 'submitted': {
      const a = d.auction as Data | null;
      return { kind: d.kind, transaction: d.transaction, price: d.price, auction: a ? { ...a, reservePrice: revealReserve ? a.reservePrice : undefined, hasReserve: a.reservePrice != null } : null, licence: d.licence, payment: d.payment };
    }
    case 'dealCreated':
      return { source: d.source, buyer: d.buyerName, amount: d.amount, signDeadline: d.signDeadline };
    case 'objection':
      return { objector: names.objector(d.objectionId), reason: d.reason };
    case 'objectionResolved':
      return { objector: names.objector(d.objectionId), decision: d.decision, resolution: d.resolution };
    default: {
      const { organizationId: _o, buyerOrganizationId: _b, winnerOrganizationId: _w, ...rest } = d;
      return rest;
    }
  }
}

export async function priceRecord(db: Db, actor: Actor | null, id: string, lang: Lang = 'zh') {
  const { listing: l } = await authorizeListing(db, actor, id);
  const events = await auditEventsOf(db, 'listing', l.id);
  const verification = await verifyEvents(db, events);
  return presentRecord(l, events, verification, lang, new Date());
}

function presentRecord(l: ListingRow, events: AuditEventRow[], verification: Awaited<ReturnType<typeof verifyEvents>>, lang: Lang, now: Date) {
  const action = (e: AuditEventRow) => e.action.replace(/^listing\./, '');
  const data = (e: AuditEventRow) => (e.after ?? {}) as Data;
  // 竞买人N in the order of first bid, then depositors who never bid (as auctions.service numbers them).
  const numbers = new Map<string, number>();
  for (const kinds of [['bid'], ['registered', 'deposit', 'offer']]) for (const e of events) if (kinds.includes(action(e))) {
    const org = String(data(e).organizationId);
    if (!numbers.has(org)) numbers.set(org, numbers.size + 1);
  }
  const objectors = new Map<string, number>();
  for (const e of events) if (action(e) === 'objection') objectors.set(String(data(e).objectionId), objectors.size + 1);
  const buyerNames = new Map<string, string>();
  for (const e of events) if (action(e) === 'dealCreated') buyerNames.set(String(data(e).buyerOrganizationId), String(data(e).buyerName));
  const names: Names = {
    bidder: (org) => bidderLabel(numbers.get(String(org)) ?? 0, lang),
    buyer: (org) => buyerNames.get(String(org)) ?? (lang === 'zh' ? '协议受让方' : 'the agreed buyer'),
    objector: (oid) => (lang === 'zh' ? `异议人${objectors.get(String(oid)) ?? '?'}` : `Objector ${objectors.get(String(oid)) ?? '?'}`),
  };
  const revealReserve = reserveDisclosed(phaseOf(l, now));
  return {
    listing: {
      id: l.id,
      title: l.title,
      kind: l.kind,
      transaction: l.transaction,
      status: l.status,
      price: l.priceFen,
      finalPrice: l.finalPriceFen,
      listedAt: l.listedAt,
      closedAt: l.closedAt,
      jurisdictionCode: l.jurisdictionCode,
    },
    events: events.map((e) => ({
      seq: e.seq,
      at: e.at,
      kind: action(e),
      text: describe(action(e), data(e), l, names, lang, revealReserve),
      data: publicData(action(e), data(e), names, revealReserve),
      hash: e.hash,
      prevHash: e.prevHash,
    })),
    verified: { ok: verification.ok, events: verification.count, of: events.length, firstBrokenSeq: verification.firstBrokenSeq ?? null, reason: verification.reason ?? null, checkedAt: now },
  };
}
export type PriceRecord = ReturnType<typeof presentRecord>;

const escape = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The record as a printable page (A4, Chinese), the document an official
 * files; the browser's print turns it into a PDF. No script: the page is
 * self-contained and readable offline.
 */
export function recordHtml(r: PriceRecord, lang: Lang = 'zh') {
  const zh = lang === 'zh';
  const l = r.listing;
  const status = LISTING_STATUS_LABELS[l.status as ListingStatus]?.[lang] ?? l.status;
  const rows = r.events
    .map((e, i) => `<tr><td>${i + 1}</td><td class="t">${escape(beijing(e.at))}</td><td>${escape(e.text)}</td><td class="h" title="${escape(e.hash)}">${escape(e.hash.slice(0, 16))}…</td></tr>`)
    .join('\n');
  const verified = r.verified.ok
    ? zh
      ? `✔ 已核验：全部 ${r.verified.events} 条记录与平台审计哈希链一致（核验时间 ${beijing(r.verified.checkedAt)}）`
      : `✔ Verified: all ${r.verified.events} events match the platform's audit hash chain (checked ${beijing(r.verified.checkedAt)})`
    : zh
      ? `✘ 核验未通过：第 ${r.verified.firstBrokenSeq} 号审计记录与哈希链不一致（${r.verified.reason}）`
      : `✘ Verification failed at audit event ${r.verified.firstBrokenSeq} (${r.verified.reason})`;
  return `<!doctype html>
<html lang="${zh ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><title>${escape(zh ? `交易过程记录 · ${l.title}` : `Price record · ${l.title}`)}</title>
<style>
@page { size: A4; margin: 18mm 15mm; }
body { font-family: "WenQuanYi Zen Hei", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; color: #1f1f1f; font-size: 12px; line-height: 1.6; max-width: 900px; margin: 24px auto; }
h1 { font-size: 20px; margin: 0 0 4px; } .sub { color: #595959; margin-bottom: 16px; }
dl { display: grid; grid-template-columns: 7em 1fr 7em 1fr; gap: 4px 12px; margin: 0 0 16px; } dt { color: #595959; } dd { margin: 0; }
table { width: 100%; border-collapse: collapse; } th, td { border: 1px solid #d9d9d9; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #fafafa; } td.t { white-space: nowrap; } td.h { font-family: monospace; font-size: 10px; color: #8c8c8c; }
.ok { color: #237804; font-weight: bold; margin: 12px 0; } .bad { color: #a8071a; font-weight: bold; margin: 12px 0; }
.note { color: #8c8c8c; margin-top: 16px; font-size: 11px; }
</style></head><body>
<h1>${escape(zh ? '科技成果交易过程记录' : 'Record of how the price was formed')}</h1>
<div class="sub">${escape(l.title)}</div>
<dl>
<dt>${zh ? '交易方式' : 'Kind'}</dt><dd>${escape(LISTING_KIND_LABELS[l.kind as ListingKind]?.[lang])} · ${escape(LISTING_TRANSACTION_LABELS[l.transaction as ListingTransaction]?.[lang])}</dd>
<dt>${zh ? '状态' : 'Status'}</dt><dd>${escape(status)}</dd>
<dt>${l.kind === 'auction' ? (zh ? '起拍价' : 'Start price') : zh ? '挂牌价格' : 'Listed at'}</dt><dd>${escape(formatFen(l.price, lang))}</dd>
<dt>${zh ? '成交价格' : 'Sold at'}</dt><dd>${escape(l.finalPrice == null ? '—' : `${formatFen(l.finalPrice, lang)}${zh ? `（大写：${amountInCapitals(l.finalPrice)}）` : ''}`)}</dd>
<dt>${zh ? '挂牌时间' : 'Listed'}</dt><dd>${escape(beijing(l.listedAt))}</dd>
<dt>${zh ? '结束时间' : 'Closed'}</dt><dd>${escape(beijing(l.closedAt))}</dd>
<dt>${zh ? '记录编号' : 'Listing id'}</dt><dd style="grid-column: span 3">${escape(l.id)}</dd>
</dl>
<div class="${r.verified.ok ? 'ok' : 'bad'}">${escape(verified)}</div>
<table><thead><tr><th>#</th><th>${zh ? '时间（北京时间）' : 'Time (Beijing)'}</th><th>${zh ? '事项' : 'Event'}</th><th>${zh ? '哈希' : 'Hash'}</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<p class="note">${escape(
    zh
      ? '本记录由科转通平台根据审计日志生成。每条记录的哈希链接前一条审计记录，任何修改、删除或插入都会使核验失败；竞买人以编号代替名称。可使用浏览器“打印”功能另存为 PDF 存档。'
      : 'Generated by 科转通 from its audit log. Each event is hash-linked to the one before it in the chain, so any change, removal or insertion fails the check; bidders are numbered, not named. Print to PDF to file it.',
  )}</p>
</body></html>`;
}
