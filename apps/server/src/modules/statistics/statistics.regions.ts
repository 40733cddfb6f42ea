import { contractFlows, regionChain } from '@kzt/shared';

/*
 * A fact counts in its region and every region above it (`regionChain` of
 * @kzt/shared), whether or not the platform has that region as a
 * jurisdiction yet.
 */

/** The region directly above (null for a province). */
export function parentRegion(code: string): string | null {
  if (code.endsWith('0000')) return null;
  if (code.endsWith('00')) return `${code.slice(0, 2)}0000`;
  return `${code.slice(0, 4)}00`;
}

/** Where a contract counts (本地吸纳, 技术输出, 技术输入) for every region above its parties: the rule the contracts' totals use too. */
export const classifyContract = (sellerRegion: string, buyerRegion: string) => contractFlows(regionChain(sellerRegion), regionChain(buyerRegion));
