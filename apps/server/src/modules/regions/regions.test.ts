import { describe, expect, it } from 'vitest';
import type { RegionTreeDto } from '@kzt/shared';
import { useTestApp } from '../../../test/testApp.ts';
import { regionName } from '../../platform/regions.ts';
import { buildRegionTree, regionFullName } from './regions.service.ts';

type Node = { code: string; name: string; children?: Node[] };
/** Every node with the names above it: [['山西省', '晋中市', '榆次区'], …]. */
const paths = (nodes: Node[], above: Node[] = []): Node[][] => nodes.flatMap((n) => [[...above, n], ...paths(n.children ?? [], [...above, n])]);
const pathOf = (tree: RegionTreeDto, code: string) => paths(tree.items).find((p) => p.at(-1)!.code === code)?.map((n) => n.name);

describe('a region named in a sentence', () => {
  it('names a county with the city (or the province) above it, a city or a province by itself, and nothing it does not know', () => {
    expect(regionFullName('140702')).toBe('晋中市榆次区');
    expect(regionFullName('110101')).toBe('北京市东城区');
    expect(regionFullName('140700')).toBe('晋中市');
    expect(regionFullName('140000')).toBe('山西省');
    expect(regionFullName('149999')).toBeUndefined();
  });
});

describe('the GB/T 2260 tree', () => {
  const tree = buildRegionTree();
  const all = paths(tree.items);

  it('has the 34 provincial-level regions, in code order', () => {
    expect(tree.items).toHaveLength(34);
    expect(tree.items[0]).toMatchObject({ code: '110000', name: '北京市' });
    expect(tree.items.map((p) => p.name)).toEqual(expect.arrayContaining(['山西省', '山东省', '台湾省', '香港特别行政区', '澳门特别行政区']));
    expect(tree.items.map((p) => p.code)).toEqual([...tree.items.map((p) => p.code)].sort());
  });

  it('puts a county under its province and its city', () => {
    expect(pathOf(tree, '140702')).toEqual(['山西省', '晋中市', '榆次区']);
    expect(pathOf(tree, '371002')).toEqual(['山东省', '威海市', '环翠区']);
    expect(pathOf(tree, '140700')).toEqual(['山西省', '晋中市']);
  });

  it('puts a municipality’s districts right under it (no 市辖区 level), and a province’s own county-level cities under the province', () => {
    expect(pathOf(tree, '110108')).toEqual(['北京市', '海淀区']);
    expect(pathOf(tree, '310104')).toEqual(['上海市', '徐汇区']);
    // 重庆's districts (5001) and counties (5002) together.
    expect(pathOf(tree, '500103')).toEqual(['重庆市', '渝中区']);
    expect(pathOf(tree, '500229')).toEqual(['重庆市', '城口县']);
    expect(pathOf(tree, '419001')).toEqual(['河南省', '济源市']);
    expect(pathOf(tree, '429004')).toEqual(['湖北省', '仙桃市']);
    // No node is a 市辖区 or a 县 grouping without a name of its own.
    expect(all.filter((p) => /^(市辖区|县|省直辖县级行政区划)$/.test(p.at(-1)!.name))).toEqual([]);
  });

  it('holds each code once, every one a code the platform names the same way, and no empty list of children', () => {
    const codes = all.map((p) => p.at(-1)!.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.length).toBeGreaterThan(3000);
    for (const p of all) expect(regionName(p.at(-1)!.code)).toBe(p.at(-1)!.name);
    expect(all.filter((p) => p.at(-1)!.children?.length === 0)).toEqual([]);
    // A node's code starts with its parent's province digits, and a county under a city carries the city's four.
    for (const p of all) {
      expect(p.at(-1)!.code.slice(0, 2)).toBe(p[0]!.code.slice(0, 2));
      if (p.length === 3) expect(p[2]!.code.slice(0, 4)).toBe(p[1]!.code.slice(0, 4));
    }
  });

  it('says how traditional characters of the names are written in simplified ones', () => {
    expect(tree.traditional['臺']).toBe('台');
    expect(tree.traditional['濟']).toBe('济');
    expect(tree.traditional['縣']).toBe('县');
    // Only characters that differ: a simplified one maps nowhere.
    expect(tree.traditional['台']).toBeUndefined();
  });
});

describe('GET /api/regions', () => {
  const t = useTestApp();

  it('answers anyone, signed in or not, with the tree and a long cache life', async () => {
    const anonymous = await t.api('GET', '/api/regions');
    expect(anonymous.statusCode).toBe(200);
    const body = anonymous.json() as RegionTreeDto;
    expect(body.items).toHaveLength(34);
    expect(pathOf(body, '140702')).toEqual(['山西省', '晋中市', '榆次区']);
    expect(anonymous.headers['cache-control']).toBe('public, max-age=604800');
    expect(anonymous.headers.etag).toMatch(/^"[0-9a-f]{32}"$/);
    const user = await t.factories.user();
    const signed = await t.api('GET', '/api/regions', { token: user.token });
    expect(signed.statusCode).toBe(200);
    expect(signed.headers.etag).toBe(anonymous.headers.etag);
  });

  it('answers 304 without a body to a browser that holds the same tree', async () => {
    const first = await t.api('GET', '/api/regions');
    const etag = first.headers.etag as string;
    const again = await t.api('GET', '/api/regions', { headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    // (Node drops a 304's body on the wire; the tree is not sent again either way.)
    expect(again.body).not.toContain('榆次区');
    expect((await t.api('GET', '/api/regions', { headers: { 'if-none-match': `W/${etag}` } })).statusCode).toBe(304);
    expect((await t.api('GET', '/api/regions', { headers: { 'if-none-match': '"stale"' } })).statusCode).toBe(200);
  });

  it('leaves every other API answer uncached', async () => {
    expect((await t.api('GET', '/api/jurisdictions')).headers['cache-control']).toBe('no-store');
  });
});
