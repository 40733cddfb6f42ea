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

/** GB/T 2260 provinces by their two leading digits: a flow to or from a province the platform has no jurisdiction for is still named. */
const PROVINCES: Record<string, string> = {
  '11': '北京市', '12': '天津市', '13': '河北省', '14': '山西省', '15': '内蒙古自治区', '21': '辽宁省', '22': '吉林省', '23': '黑龙江省',
  '31': '上海市', '32': '江苏省', '33': '浙江省', '34': '安徽省', '35': '福建省', '36': '江西省', '37': '山东省', '41': '河南省',
  '42': '湖北省', '43': '湖南省', '44': '广东省', '45': '广西壮族自治区', '46': '海南省', '50': '重庆市', '51': '四川省', '52': '贵州省',
  '53': '云南省', '54': '西藏自治区', '61': '陕西省', '62': '甘肃省', '63': '青海省', '64': '宁夏回族自治区', '65': '新疆维吾尔自治区',
  '71': '台湾省', '81': '香港特别行政区', '82': '澳门特别行政区',
};

/** A province's name by its code (`320000` → 江苏省); undefined for a city or county code. */
export const provinceName = (code: string) => (code.endsWith('0000') ? PROVINCES[code.slice(0, 2)] : undefined);
