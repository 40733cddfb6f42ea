/**
 * Money as people read it on the trading floor: the allowed ranges, the
 * amount in 大写 (the financial capitals written on contracts and cheques),
 * and the bid that needs an explicit confirmation. One place, so the
 * server, the web and the printed record agree.
 */

/** The largest price, bid or deposit: 100 亿元 (in fen). */
export const PRICE_MAX_FEN = 1_000_000_000_000;
/** The largest other amount (revenue, payments): 10 万亿元 (in fen). */
export const MONEY_MAX_FEN = 1_000_000_000_000_000;
/** A bid above this many times the current minimum is refused unless the bidder confirms it (`confirmed: true`). */
export const BID_CONFIRM_FACTOR = 3;

const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const PLACES = ['', '拾', '佰', '仟'];

/** 0 < n < 10,000 in capitals: 壹仟零伍, 壹拾 (a leading 壹 is always written), no trailing zeros. */
function belowTenThousand(n: number): string {
  let out = '';
  let zero = false;
  for (let place = 3; place >= 0; place--) {
    const d = Math.floor(n / 10 ** place) % 10;
    if (d === 0) {
      if (out) zero = true;
      continue;
    }
    if (zero) out += '零';
    zero = false;
    out += DIGITS[d]! + PLACES[place]!;
  }
  return out;
}

/** A positive whole number in capitals with 万 and 亿 (亿 may repeat: 壹万亿). */
function wholeNumber(n: number): string {
  if (n >= 1e8) {
    const high = Math.floor(n / 1e8);
    const rest = n % 1e8;
    return wholeNumber(high) + '亿' + (rest === 0 ? '' : (rest < 1e7 ? '零' : '') + wholeNumber(rest));
  }
  if (n >= 1e4) {
    const high = Math.floor(n / 1e4);
    const rest = n % 1e4;
    return belowTenThousand(high) + '万' + (rest === 0 ? '' : (rest < 1000 ? '零' : '') + belowTenThousand(rest));
  }
  return belowTenThousand(n);
}

/**
 * An amount of fen in 大写 as a contract writes it: 壹佰万元整,
 * 壹万陆仟肆佰零玖元零贰分, 伍角整, 零元整. Zeros inside the number are one
 * 零; 整 follows 元 or 角 when nothing smaller follows; a zero 角 before a
 * 分 is written 零. Whole, non-negative fen only (anything else throws: an
 * amount shown in capitals is never rounded).
 */
export function amountInCapitals(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`not a whole, non-negative number of fen: ${fen}`);
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cents = fen % 10;
  if (fen === 0) return '零元整';
  let out = yuan > 0 ? wholeNumber(yuan) + '元' : '';
  if (jiao === 0 && cents === 0) return out + '整';
  if (jiao > 0) out += DIGITS[jiao]! + '角';
  else if (yuan > 0) out += '零';
  if (cents > 0) return out + DIGITS[cents]! + '分';
  return out + '整';
}

/** An amount in fen as 元 with separators and two decimals: 1,000,000.00 元 (the exact figure beside 万元). */
export function formatYuanExact(fen: number, lang: 'zh' | 'en' = 'zh'): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100).toLocaleString('en-US');
  const cents = String(abs % 100).padStart(2, '0');
  return lang === 'zh' ? `${sign}${whole}.${cents} 元` : `CNY ${sign}${whole}.${cents}`;
}

/**
 * An amount as a person reads it, never rounded: 30 万元 when it is a whole
 * number of 元 from 1 万元 up and 万元 with at most two decimals says it
 * exactly (a cap, a price), otherwise the exact 元 (12,345.67 元).
 */
export function formatFenReadable(fen: number, lang: 'zh' | 'en' = 'zh'): string {
  const abs = Math.abs(fen);
  if (abs >= 1_000_000 && abs % 10_000 === 0) {
    const wan = (fen / 1_000_000).toLocaleString('en-US', { maximumFractionDigits: 2 });
    return lang === 'zh' ? `${wan} 万元` : `${wan} × 10k yuan`;
  }
  return formatYuanExact(fen, lang);
}

/** Whether a bid of `amount` needs the bidder's explicit confirmation: more than BID_CONFIRM_FACTOR times the minimum. */
export const bidNeedsConfirmation = (amount: number, minimum: number) => amount > minimum * BID_CONFIRM_FACTOR;

/**
 * What a seller is warned of in an auction's terms, and the reviewer shown,
 * before it goes public (not refused: the seller may mean it):
 * `incrementAboveStart` — each bid must add more than the whole start price
 * (起拍 30 万, 加价 100 万), which keeps bidders away;
 * `depositWithoutAccount` — a deposit is required but no account to pay it
 * into was given, so bidders read 「转让方未在平台登记收款账户」.
 */
export const AUCTION_TERM_WARNINGS = ['incrementAboveStart', 'depositWithoutAccount'] as const;
export type AuctionTermWarning = (typeof AUCTION_TERM_WARNINGS)[number];
export function auctionTermWarnings(t: { startPrice?: number | null; increment?: number | null; deposit?: number | null; depositAccount?: { bank?: string; accountName?: string; accountNumber?: string } | null }): AuctionTermWarning[] {
  const out: AuctionTermWarning[] = [];
  if (t.startPrice != null && t.increment != null && t.increment > t.startPrice) out.push('incrementAboveStart');
  const a = t.depositAccount;
  const account = !!(a?.bank?.trim() && a.accountName?.trim() && a.accountNumber?.trim());
  if ((t.deposit ?? 0) > 0 && !account) out.push('depositWithoutAccount');
  return out;
}
