import { regionChain } from '@kzt/shared';

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

/**
 * Where a contract counts, for every region above its parties: locally
 * absorbed (seller and buyer inside), output (seller inside, buyer outside),
 * input (buyer inside, seller outside).
 */
export function classifyContract(sellerRegion: string, buyerRegion: string) {
  const seller = new Set(regionChain(sellerRegion));
  const buyer = new Set(regionChain(buyerRegion));
  return {
    local: [...seller].filter((r) => buyer.has(r)),
    output: [...seller].filter((r) => !buyer.has(r)),
    input: [...buyer].filter((r) => !seller.has(r)),
  };
}
