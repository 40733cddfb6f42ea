import { applyBasisPoints, type PaymentKind, type PaymentTerms } from '@kzt/shared';

/**
 * A deal's payment schedule, computed once at signing from its payment
 * terms (dates are Beijing calendar dates, YYYY-MM-DD). Shares are basis
 * points of the price, rounded half up to the fen (applyBasisPoints); the
 * last staged payment takes what rounding left over, so the schedule always
 * adds up to the price exactly. Royalties are not scheduled: each is added
 * when the licensee reports a period's revenue (royaltyFor).
 */

/** Days after signing a lump sum falls due (the usual term of a technology contract). */
export const LUMP_SUM_DAYS = 30;
/** Days after a period ends its royalty falls due. */
export const ROYALTY_DUE_DAYS = 30;

export type ScheduledPayment = { kind: PaymentKind; dueOn: string; amountFen: number };

const parse = (d: string) => {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  return { y, m, day };
};
const format = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The date `months` calendar months later; the 31st becomes the month's last day. */
export function addMonths(date: string, months: number): string {
  const { y, m, day } = parse(date);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return format(ny, nm, Math.min(day, daysInMonth(ny, nm)));
}

export function addDays(date: string, days: number): string {
  const { y, m, day } = parse(date);
  const d = new Date(Date.UTC(y, m - 1, day + days));
  return format(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function paymentSchedule(priceFen: number, terms: PaymentTerms | null, signedOn: string): ScheduledPayment[] {
  const plan = terms?.plan ?? 'lump_sum';
  if (plan === 'deferred') return [{ kind: 'deferred', dueOn: addMonths(signedOn, terms!.deferredMonths), amountFen: priceFen }];
  if (plan === 'lump_sum') return priceFen > 0 ? [{ kind: 'lump_sum', dueOn: addDays(signedOn, LUMP_SUM_DAYS), amountFen: priceFen }] : [];
  const parts: { kind: PaymentKind; months: number; bp: number }[] = [
    ...(terms!.entryShareBp > 0 ? [{ kind: 'entry' as const, months: 0, bp: terms!.entryShareBp }] : []),
    ...[...terms!.instalments].sort((a, b) => a.months - b.months).map((i) => ({ kind: 'instalment' as const, months: i.months, bp: i.shareBp })),
  ];
  let left = priceFen;
  return parts
    .map((p, i) => {
      const amountFen = i === parts.length - 1 ? left : applyBasisPoints(priceFen, p.bp);
      left -= amountFen;
      return { kind: p.kind, dueOn: addMonths(signedOn, p.months), amountFen };
    })
    .filter((p) => p.amountFen > 0);
}

/** The first and last day of a royalty period: `2027` or `2027Q3`. */
export function periodBounds(period: string): { from: string; to: string } {
  const year = Number(period.slice(0, 4));
  if (period.length === 4) return { from: format(year, 1, 1), to: format(year, 12, 31) };
  const q = Number(period.slice(5));
  const first = (q - 1) * 3 + 1;
  return { from: format(year, first, 1), to: format(year, first + 2, daysInMonth(year, first + 2)) };
}

/** The royalty of a reported period: basis points of the revenue, due some days after the period ends. */
export function royaltyFor(revenueFen: number, royaltyBp: number, period: string) {
  return { amountFen: applyBasisPoints(revenueFen, royaltyBp), dueOn: addDays(periodBounds(period).to, ROYALTY_DUE_DAYS) };
}
