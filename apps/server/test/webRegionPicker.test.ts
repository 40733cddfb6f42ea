import { describe, expect, it } from 'vitest';
import { buildRegionTree } from '../src/modules/regions/regions.service.ts';
import { regionIndex, regionMatches, regionOrder, type RegionOption } from '../../web/src/features/regions/regionSearch.ts';

/**
 * The region picker's search (web features/regions/regionSearch.ts) over the
 * tree GET /api/regions sends, walked as Ant Design's Cascader walks it with
 * changeOnSelect (every province, city and county is a result of its own).
 */
const index = regionIndex(JSON.parse(JSON.stringify(buildRegionTree())));
const everyPath = (nodes: RegionOption[], above: RegionOption[] = []): RegionOption[][] => nodes.flatMap((n) => [[...above, n], ...everyPath(n.children ?? [], [...above, n])]);
const PATHS = everyPath(index.options);
/** What the picker lists for a typed search, best first, as 山西省/晋中市/榆次区. */
const search = (typed: string) => {
  const q = index.normalize(typed);
  return PATHS.filter((p) => regionMatches(q, p))
    .sort((a, b) => regionOrder(q, a, b))
    .map((p) => p.map((o) => o.label).join('/'));
};

describe('the region picker’s search', () => {
  it('finds a county by part of its name, and a code by its digits', () => {
    expect(search('榆次')).toEqual(['山西省/晋中市/榆次区']);
    expect(search('140702')).toEqual(['山西省/晋中市/榆次区']);
    expect(search('１４０７０２')).toEqual(['山西省/晋中市/榆次区']);
    // A city's first four digits: the city first, then its counties.
    expect(search('1407')[0]).toBe('山西省/晋中市');
    expect(search('1407')).toContain('山西省/晋中市/榆次区');
    expect(search('999999')).toEqual([]);
  });

  it('reads traditional characters as the simplified names', () => {
    expect(search('濟南')[0]).toBe('山东省/济南市');
    expect(search('臺灣')).toEqual(['台湾省']);
    expect(search('臺州')[0]).toBe('浙江省/台州市');
  });

  it('reads latin letters as pinyin, when the input method was not switched to Chinese: the whole or its initials', () => {
    expect(search('yuci')).toEqual(['山西省/晋中市/榆次区']);
    expect(search('YuCi')).toEqual(['山西省/晋中市/榆次区']);
    expect(search('ｙｕｃｉ')).toEqual(['山西省/晋中市/榆次区']);
    expect(search('jinzhong')[0]).toBe('山西省/晋中市');
    expect(search('ycq')).toContain('山西省/晋中市/榆次区');
    // Polyphones as the places are said: 重庆 chongqing, 六安 luan, 厦门 xiamen.
    expect(search('chongqing')[0]).toBe('重庆市');
    expect(search('luan')).toContain('安徽省/六安市');
    expect(search('xiamen')[0]).toBe('福建省/厦门市');
    // A province's pinyin narrows like its name: 山西 and 陕西 are both shanxi.
    expect(search('shanxi yuci')).toEqual(['山西省/晋中市/榆次区']);
    expect(search('zzzz')).toEqual([]);
  });

  it('lists the region named before what lies under it, and narrows by several words', () => {
    const jinzhong = search('晋中');
    expect(jinzhong[0]).toBe('山西省/晋中市');
    expect(jinzhong).toContain('山西省/晋中市/榆次区');
    // 和平区 is in 天津 and in 沈阳: the province's name picks one.
    expect(search('和平区')).toEqual(expect.arrayContaining(['天津市/和平区', '辽宁省/沈阳市/和平区']));
    expect(search('辽宁 和平')).toEqual(['辽宁省/沈阳市/和平区']);
    expect(search('  ')).toEqual([]);
  });

  it('shows a value as its path, a municipality’s district under the municipality', () => {
    expect(index.pathOf('140702')).toEqual(['140000', '140700', '140702']);
    expect(index.namesOf('140702')).toEqual(['山西省', '晋中市', '榆次区']);
    expect(index.namesOf('110108')).toEqual(['北京市', '海淀区']);
    expect(index.pathOf('140000')).toEqual(['140000']);
    expect(index.pathOf('123456')).toBeUndefined();
  });
});
