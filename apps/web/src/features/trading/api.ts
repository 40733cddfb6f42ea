import type {
  bidListDto,
  comparableListDto,
  createListingBody,
  dealPageDto,
  dealQuery,
  InputOf,
  listingPageDto,
  listingQuery,
  QueryOf,
  DealAction as DealActionName,
  dealDto,
  dealSummaryDto,
  depositListDto,
  LicenceTerms as LicenceTermsShape,
  ListingAction as ListingActionName,
  listingAuctionDto,
  listingDto,
  listingSummaryDto,
  objectionDto,
  objectionListDto,
  offerDto,
  offerListDto,
  PaymentTerms as PaymentTermsShape,
  paymentDto,
  placedBidDto,
  priceRecordDto,
  tradingSettingsDto,
  Wire,
  WireOf,
} from '@kzt/shared';
import type { ContractSummaryDto, RegistrationDto, RegistrationListDto } from '@kzt/shared';
import { api, ApiError, get, post, put, readCookie, type Paged, type Problem } from '../../api/client.ts';
import { acceptLanguage, getLang, translate } from '../../i18n/index.tsx';

/** Money is integer fen, rates basis points, instants UTC ISO strings (shown in Beijing time). */

export type ListingAction = ListingActionName;
export type LicenceTerms = Wire<LicenceTermsShape>;
export type PaymentTerms = Wire<PaymentTermsShape>;
export type AuctionState = WireOf<typeof listingAuctionDto>;
/** A listing as the caller may see it (GET /api/listings/:id): its type is the server's response schema. */
export type Listing = WireOf<typeof listingDto>;
export type ListingSummary = WireOf<typeof listingSummaryDto>;

/** The trading floor's filters (the server's `listingQuery`). */
export type ListingQuery = QueryOf<typeof listingQuery>;
/** A page of listings with the server's clock (`listingPageDto`). */
export type ListingPage = WireOf<typeof listingPageDto>;

export type Bid = WireOf<typeof bidListDto>['items'][number];
export type PlacedBid = WireOf<typeof placedBidDto>;
export type Deposits = WireOf<typeof depositListDto>;
export type Deposit = Deposits['items'][number];
export type Offers = WireOf<typeof offerListDto>;
export type Offer = WireOf<typeof offerDto>;
export type Objection = WireOf<typeof objectionDto>;
export type PriceRecord = WireOf<typeof priceRecordDto>;
export type RecordEvent = PriceRecord['events'][number];
export type Comparable = WireOf<typeof comparableListDto>['items'][number];
export type TradingSettings = WireOf<typeof tradingSettingsDto>;

export type DealAction = DealActionName;
export type DealSummary = WireOf<typeof dealSummaryDto>;
export type DealPayment = WireOf<typeof paymentDto>;
export type Deal = WireOf<typeof dealDto>;

/** What POST /api/listings takes (the server's `createListingBody`). */
export type CreateListingInput = InputOf<typeof createListingBody>;

/** An organisation as GET /api/organizations lists it (only what the pickers use). */

const one = (id: string, rest = '') => `/listings/${encodeURIComponent(id)}${rest}`;
const deal = (id: string, rest = '') => `/deals/${encodeURIComponent(id)}${rest}`;

export const listListings = (query: ListingQuery, signal?: AbortSignal) => get<ListingPage>('/listings', query, signal);
export const fetchListing = (id: string, signal?: AbortSignal) => get<Listing>(one(id), undefined, signal);
export const createListing = (body: CreateListingInput) => post<Listing>('/listings', body);
export const reviewListing = (id: string, decision: 'approve' | 'reject', reason?: string) => post<Listing>(one(id, '/review'), reason ? { decision, reason } : { decision });
export const withdrawListing = (id: string, reason: string) => post<Listing>(one(id, '/withdraw'), { reason });

export const fetchOffers = (id: string) => get<Offers>(one(id, '/offers'));
export const makeOffer = (id: string, body: { amount?: number; message: string; organizationId?: string }) => post<Offer>(one(id, '/offers'), body);
export const acceptOffer = (id: string, offerId: string) => post<Listing>(one(id, `/offers/${encodeURIComponent(offerId)}/accept`));

export const fetchObjections = (id: string) => get<WireOf<typeof objectionListDto>>(one(id, '/objections'));
export const lodgeObjection = (id: string, reason: string) => post(one(id, '/objections'), { reason });
export const resolveObjection = (id: string, objectionId: string, body: { decision: 'upheld' | 'dismissed'; resolution: string }) =>
  post<Listing>(one(id, `/objections/${encodeURIComponent(objectionId)}/resolve`), body);

export const markObjectionVexatious = (id: string, objectionId: string, reason: string) => post<Listing>(one(id, `/objections/${encodeURIComponent(objectionId)}/vexatious`), { reason });
export const fetchDeposits = (id: string) => get<Deposits>(one(id, '/deposits'));
export const recordDeposit = (id: string, body: { organizationId: string; amount: number; note?: string }) => post<Deposits>(one(id, '/deposits'), body);

export const fetchBids = (id: string) => get<WireOf<typeof bidListDto>>(one(id, '/bids'));
/** A bid; the same key sent again (a retry of the same attempt) gets the same bid back, never a second one. */
export const placeBid = (id: string, body: { amount: number; organizationId?: string; confirmed?: boolean }, idempotencyKey: string) =>
  api<PlacedBid>(one(id, '/bids'), { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } });

export const liveUrl = (id: string) => `/api${one(id, '/live')}`;
export const recordHtmlUrl = (id: string) => `/api${one(id, '/record.html')}`;
export const fetchRecord = (id: string) => get<PriceRecord>(one(id, '/record'));
export const fetchComparables = (id: string) => get<WireOf<typeof comparableListDto>>(one(id, '/comparables'));

export const fetchTradingSettings = (code: string, signal?: AbortSignal) => get<TradingSettings>(`/jurisdictions/${encodeURIComponent(code)}/trading-settings`, undefined, signal);
export const saveTradingSettings = (code: string, body: { noticeDays: number; signDays: number }) => put<TradingSettings>(`/jurisdictions/${encodeURIComponent(code)}/trading-settings`, body);

export const listDeals = (query: QueryOf<typeof dealQuery>, signal?: AbortSignal) => get<WireOf<typeof dealPageDto>>('/deals', query, signal);
export const fetchDeal = (id: string) => get<Deal>(deal(id));
/** The technology contract entered from a deal (the contracts list filtered by deal), null while there is none. */
export const dealContract = async (dealId: string, signal?: AbortSignal) =>
  (await get<Paged<Pick<ContractSummaryDto, 'id' | 'title' | 'status' | 'registrationNumber'>>>('/contracts', { scope: 'mine', dealId, pageSize: 1 }, signal)).items[0] ?? null;
export const confirmDeal = (id: string) => post<Deal>(deal(id, '/confirm'));
export const signDeal = (id: string, body: { signedOn: string; contractNo?: string }) => post<Deal>(deal(id, '/sign'), body);
export const recordPayment = (id: string, paymentId: string, body: { amount: number; paidOn: string; note?: string }) =>
  post<Deal>(deal(id, `/payments/${encodeURIComponent(paymentId)}/paid`), body);
export const reportRevenue = (id: string, body: { period: string; revenue: number; note?: string }) => post(deal(id, '/revenue-reports'), body);
export const completeDeal = (id: string) => post<Deal>(deal(id, '/complete'));
export const cancelDeal = (id: string, reason: string) => post<Deal>(deal(id, '/cancel'), { reason });

/**
 * A fresh Idempotency-Key for one bid attempt. crypto.randomUUID needs a
 * secure context (https or localhost); plain http falls back to random bytes.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return `bid-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

// ---- registration to bid (竞买报名)

export type Registration = RegistrationDto;
export type Registrations = RegistrationListDto;
export const fetchRegistrations = (id: string) => get<Registrations>(one(id, '/registrations'));
export const confirmRegistration = (id: string, registrationId: string) => post<Registration>(one(id, `/registrations/${encodeURIComponent(registrationId)}/confirm`));
export const rejectRegistration = (id: string, registrationId: string, reason: string) => post<Registration>(one(id, `/registrations/${encodeURIComponent(registrationId)}/reject`), { reason });
export const proofUrl = (id: string, registrationId: string) => `/api${one(id, `/registrations/${encodeURIComponent(registrationId)}/proof`)}`;

/** Registers to bid with the remittance proof, in one multipart request (fields first, then the file). */
export async function registerToBid(id: string, body: { organizationId: string; note: string }, proof: File): Promise<Registration> {
  const form = new FormData();
  form.append('organizationId', body.organizationId);
  form.append('note', body.note);
  form.append('file', proof, proof.name);
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', 'Accept-Language': acceptLanguage() };
  const csrf = readCookie('kzt_csrf');
  if (csrf) headers['X-CSRF-Token'] = csrf;
  let res: Response;
  try {
    res = await fetch(`/api${one(id, '/registrations')}`, { method: 'POST', body: form, headers, credentials: 'same-origin' });
  } catch {
    const msg = translate(getLang(), 'common.networkError');
    throw new ApiError({ status: 0, title: msg, detail: msg });
  }
  const data: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    if (data && typeof data === 'object' && 'title' in data) throw new ApiError({ ...(data as Problem), status: res.status });
    const msg = translate(getLang(), 'common.unexpected');
    throw new ApiError({ status: res.status, title: msg, detail: `${msg} (HTTP ${res.status})` });
  }
  return data as Registration;
}
