import { z } from 'zod';

/**
 * GB/T 2260 regions as a tree for pickers (GET /api/regions): province →
 * prefecture-level city → county, each by its 6-digit code and Chinese name
 * (the data has no other names), and its pinyin for searching. A province's children may be counties
 * directly: a municipality's districts (北京市 → 海淀区, no 市辖区 level) and a
 * province's directly administered county-level cities (河南省 → 济源市).
 * 台湾省, 香港 and 澳门 have no children.
 */
export const regionLeafDto = z.object({
  code: z.string(),
  name: z.string(),
  /** The name's pinyin without tones, a syllable per character (yu ci qu): searched when a person types latin letters (yuci, ycq). */
  pinyin: z.string().optional(),
});
export const regionCityDto = regionLeafDto.extend({ children: z.array(regionLeafDto).optional() });
export const regionProvinceDto = regionLeafDto.extend({ children: z.array(regionCityDto).optional() });

export const regionTreeDto = z.object({
  items: z.array(regionProvinceDto),
  /**
   * Each traditional form (臺, 濟, 縣 …) of a character in the names, to the
   * simplified one the names use: a picker searches by name however it is typed.
   */
  traditional: z.record(z.string(), z.string()),
});
export type RegionTreeDto = z.infer<typeof regionTreeDto>;
export type RegionNode = z.infer<typeof regionCityDto>;

/**
 * Where a registered contract counts as 本地吸纳, 技术输出 or 技术输入 — one
 * rule for the contracts' yearly totals and the statistics dashboard, so an
 * official reads the same figure on both: for every region above the seller or
 * the buyer (their chains, province first), locally absorbed when both parties
 * lie inside, output when only the seller does, input when only the buyer does.
 * The three never overlap.
 */
export function contractFlows(sellerChain: readonly string[], buyerChain: readonly string[]) {
  const seller = new Set(sellerChain);
  const buyer = new Set(buyerChain);
  return {
    local: [...seller].filter((r) => buyer.has(r)),
    output: [...seller].filter((r) => !buyer.has(r)),
    input: [...buyer].filter((r) => !seller.has(r)),
  };
}
