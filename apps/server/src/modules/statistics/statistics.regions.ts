/**
 * GB/T 2260 codes as a tree, read from the code itself: a province is
 * `PP0000`, a city `PPCC00`, a county `PPCCXX`. A fact counts in its region
 * and every region above it, whether or not the platform has that region as
 * a jurisdiction yet.
 */
export function regionChain(code: string): string[] {
  if (!/^\d{6}$/.test(code)) return [];
  const province = `${code.slice(0, 2)}0000`;
  const city = `${code.slice(0, 4)}00`;
  const chain = [province];
  if (city !== province) chain.push(city);
  if (code !== city) chain.push(code);
  return chain;
}

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
