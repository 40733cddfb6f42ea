import type { RegionTreeDto, Wire } from '@kzt/shared';
import { get } from '../../api/client.ts';
import { regionIndex, type RegionIndex } from './regionSearch.ts';

let loading: Promise<RegionIndex> | undefined;

/**
 * The GB/T 2260 tree, fetched the first time a form with a region picker
 * opens and kept for the rest of the page's life (the browser's cache keeps
 * it longer: the server says it may for a week). A failed load is tried
 * again by the next picker.
 */
export function loadRegions(): Promise<RegionIndex> {
  loading ??= get<Wire<RegionTreeDto>>('/regions').then(regionIndex, (e: unknown) => {
    loading = undefined;
    throw e;
  });
  return loading;
}
