import type { JurisdictionDto, WireOf, jurisdictionListDto } from '@kzt/shared';
import { get } from '../../api/client.ts';

export type Jurisdiction = JurisdictionDto;

export type JurisdictionNode = { value: string; title: string; key: string; children?: JurisdictionNode[] };

export const fetchJurisdictions = () => get<WireOf<typeof jurisdictionListDto>>('/jurisdictions');

/** Flat list (sorted by path) → TreeSelect data, children under their parentCode. */
export function buildJurisdictionTree(items: Jurisdiction[]): JurisdictionNode[] {
  const nodes = new Map<string, JurisdictionNode>();
  for (const j of items) nodes.set(j.code, { value: j.code, key: j.code, title: j.name });
  const roots: JurisdictionNode[] = [];
  for (const j of items) {
    const node = nodes.get(j.code)!;
    const parent = j.parentCode ? nodes.get(j.parentCode) : undefined;
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return roots;
}
