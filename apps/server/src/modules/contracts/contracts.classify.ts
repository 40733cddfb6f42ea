import { contractFlows, regionChain } from '@kzt/shared';

/**
 * Regions and classification of technology contracts.
 *
 * A GB/T 2260 code names its ancestors: 140702 lies in 140700 (晋中市) in
 * 140000 (山西省). Every contract is classified against every jurisdiction
 * above either party by the rule the statistics dashboard uses
 * (`contractFlows` of @kzt/shared): locally absorbed (本地吸纳, seller and
 * buyer inside), output (输出, the seller inside and the buyer outside),
 * input (输入, the buyer inside and the seller outside).
 */
export function regionPathOf(code: string): string {
  return regionChain(code).join('/');
}

export type Classification = { jurisdictionCode: string; absorbed: boolean; output: boolean; input: boolean };

export function classifyContract(sellerPath: string, buyerPath: string): Classification[] {
  const seller = sellerPath.split('/');
  const buyer = buyerPath.split('/');
  const flows = contractFlows(seller, buyer);
  const codes = [...seller, ...buyer].filter((c, i, a) => a.indexOf(c) === i);
  return codes.map((code) => ({ jurisdictionCode: code, absorbed: flows.local.includes(code), output: flows.output.includes(code), input: flows.input.includes(code) }));
}

/** YYYY-MM-DD plus days (calendar, no time zone involved). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
