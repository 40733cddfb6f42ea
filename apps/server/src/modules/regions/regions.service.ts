import { createHash } from 'node:crypto';
import { pinyin } from 'pinyin-pro';
import type { RegionNode, RegionTreeDto } from '@kzt/shared';
import { CITY_AND_COUNTY_NAMES, PROVINCES, regionName } from '../../platform/regions.ts';
import { nameKeyTranslation } from '../../platform/text.ts';

/**
 * The GB/T 2260 tree, derived from the codes: a province is the first two
 * digits + 0000, a prefecture-level city the first four + 00, a county the
 * whole code. A county whose city code is not a region (北京 1101 市辖区,
 * 重庆 5001/5002, 省直辖县级行政区划 such as 济源 4190 or 仙桃 4290) sits
 * directly under its province, so 北京市 → 海淀区 and 河南省 → 济源市. Each
 * code appears once, provinces and children in code order.
 */
export function buildRegionTree(): RegionTreeDto {
  const provinces = new Map<string, RegionNode & { children: RegionNode[] }>(
    Object.keys(PROVINCES)
      .sort()
      .map((p) => [p, { code: `${p}0000`, name: PROVINCES[p]!, children: [] }]),
  );
  const cities = new Map<string, RegionNode & { children: RegionNode[] }>();
  const codes = Object.keys(CITY_AND_COUNTY_NAMES).sort();
  for (const code of codes.filter((c) => c.endsWith('00'))) {
    const city = { code, name: CITY_AND_COUNTY_NAMES[code]!, children: [] };
    cities.set(code, city);
    provinces.get(code.slice(0, 2))?.children.push(city);
  }
  for (const code of codes.filter((c) => !c.endsWith('00'))) {
    const county = { code, name: CITY_AND_COUNTY_NAMES[code]! };
    const city = cities.get(`${code.slice(0, 4)}00`);
    if (city) city.children.push(county);
    else provinces.get(code.slice(0, 2))?.children.push(county);
  }
  // Children in code order (a province's own counties after its cities), and no empty lists (台湾, 香港, 澳门, 东莞 …).
  const tidy = <T extends RegionNode>(node: T): T => {
    const children = (node.children ?? []).sort((a, b) => a.code.localeCompare(b.code)).map(tidy);
    return children.length ? { ...node, children } : { code: node.code, name: node.name } as T;
  };
  // Each name's pinyin (pinyin-pro reads the names' polyphones as places are said: 重庆 chong qing, 六安 lu an, 番禺 pan yu).
  const withPinyin = <T extends RegionNode>(node: T): T => ({
    ...node,
    pinyin: pinyin(node.name, { toneType: 'none', type: 'array' }).join(' '),
    ...(node.children ? { children: node.children.map(withPinyin) } : {}),
  });
  const items = [...provinces.values()].map(tidy).map(withPinyin);
  const { from, to } = nameKeyTranslation([...Object.values(PROVINCES), ...Object.values(CITY_AND_COUNTY_NAMES)]);
  const traditional: Record<string, string> = {};
  [...to].forEach((simplified, i) => (traditional[[...from][i]!] = simplified));
  return { items, traditional };
}

let built: { tree: RegionTreeDto; etag: string } | undefined;

/** The tree, built on first use and kept: it changes only with the data file, i.e. with a release. Its ETag is a digest of its JSON. */
export function regionTree(): { tree: RegionTreeDto; etag: string } {
  if (!built) {
    const tree = buildRegionTree();
    built = { tree, etag: `"${createHash('sha256').update(JSON.stringify(tree)).digest('hex').slice(0, 32)}"` };
  }
  return built;
}

/**
 * A region as people name it in a sentence, from GB/T 2260: a province or a city by its own name (山西省, 晋中市),
 * a county with the city or province above it (晋中市榆次区, 北京市东城区 — 北京's 市辖区 is no name); undefined for
 * a code it does not know.
 */
export function regionFullName(code: string): string | undefined {
  const own = regionName(code);
  if (!own || code.endsWith('00')) return own;
  const above = regionName(`${code.slice(0, 4)}00`) ?? regionName(`${code.slice(0, 2)}0000`);
  return above && !own.startsWith(above) ? `${above}${own}` : own;
}
