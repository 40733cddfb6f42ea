import type { Actor } from '../../platform/actor.ts';
import { pathWithin } from '../../platform/actor.ts';

/**
 * The one visible projection of a catalogue record per viewer (issue 11):
 * which fields a viewer may see of a public, `abstract` (摘要公开) or secret
 * record. Every path that shows, filters, counts, ranks or explains records
 * to someone — the API presenters, the catalogue index's filters and facets,
 * match results, their filters and reasons, pushes, comparables — asks this
 * module, so a hidden field cannot be read back through any of them (e.g. by
 * bisecting a price filter, or from a facet count).
 *
 * Viewer classes:
 * - an insider of the record (a member of its organisation, an administrator
 *   of its jurisdiction subtree, the platform administrator) sees everything;
 * - an organisation granted access to an `abstract` record sees everything of it;
 * - everyone else (anonymous or another organisation) sees a public record
 *   whole, an `abstract` one's open fields only, and a secret one not at all.
 *
 * A filter on a field the viewer cannot see excludes the record (whatever its
 * value), a facet does not count it, the fit step of matching treats it as
 * unknown: never include or exclude by the hidden value.
 */

export type RecordType = 'achievement' | 'demand';

/** What a viewer sees of a record: nothing, the open fields, or everything. */
export type Sight = 'none' | 'open' | 'full';

/**
 * What everyone may see of an `abstract` record (the presenters' open part,
 * `presentAchievement` / `presentDemand` without `readFull`). Everything else
 * of such a record is for insiders and granted organisations.
 */
export const OPEN_FIELDS: Record<RecordType, readonly string[]> = {
  achievement: ['id', 'title', 'summary', 'industry', 'maturity', 'maturityStage', 'confidentiality', 'status', 'organization', 'jurisdictionCode', 'publishedAt', 'stale'],
  demand: ['id', 'title', 'description', 'industry', 'deadline', 'commonProblem', 'confidentiality', 'status', 'organization', 'jurisdictionCode', 'publishedAt', 'stale'],
};

/**
 * Search fields (index filters and facets, match filters) hidden in an
 * `abstract` record from outsiders. A filter or facet not named here tests
 * an open field (industry, maturity, jurisdiction, dates, freshness…).
 */
export const HIDDEN_SEARCH_FIELDS: Record<RecordType, ReadonlySet<string>> = {
  achievement: new Set(['keywords', 'type', 'transferMode', 'price', 'ownerType', 'unconverted']),
  demand: new Set(['keywords', 'cooperationMode', 'budget', 'ownerType']),
};

/** Whether a search field (filter or facet) of this record type is hidden in an `abstract` record. */
export const hiddenWhenAbstract = (type: RecordType, field: string) => HIDDEN_SEARCH_FIELDS[type].has(field);

/** A viewer as the projection needs it: organisations, administered subtrees, grants of `abstract` records. */
export type Viewer = {
  orgIds: ReadonlySet<string>;
  /** The platform administrator. */
  adminAll: boolean;
  adminRoots: readonly string[];
  /** Ids of `abstract` records the viewer's organisations were granted access to (of the type being looked at). */
  granted: ReadonlySet<string>;
};

/** Anonymous: public records whole, `abstract` ones' open fields. */
export const ANONYMOUS: Viewer = { orgIds: new Set(), adminAll: false, adminRoots: [], granted: new Set() };

/** The viewer a signed-in person (or nobody) is; `granted` are the grants of their organisations. */
export function viewerOf(actor: Actor | null, granted: Iterable<string> = []): Viewer {
  if (!actor) return { ...ANONYMOUS, granted: new Set(granted) };
  return {
    orgIds: new Set(actor.memberships.map((m) => m.organizationId)),
    adminAll: actor.user.isPlatformAdmin,
    adminRoots: actor.adminOf.map((j) => j.path),
    granted: new Set(granted),
  };
}

/** An organisation as a whole viewing others' records (the recipients of pushes, for instance). */
export function organizationViewer(organizationId: string, granted: Iterable<string> = []): Viewer {
  return { orgIds: new Set([organizationId]), adminAll: false, adminRoots: [], granted: new Set(granted) };
}

/** The administrators of a jurisdiction subtree (a demand list's, for a match batch). */
export function jurisdictionViewer(path: string): Viewer {
  return { orgIds: new Set(), adminAll: false, adminRoots: [path], granted: new Set() };
}

/** What the projection needs of a record. */
export type Seen = { id: string; organizationId: string; jurisdictionPath: string; secret: boolean; abstract?: boolean };

/** The flags of a record's confidentiality column. */
export const confidentialityFlags = (c: string) => ({ secret: c === 'secret', abstract: c === 'abstract' });

export function isInsider(v: Viewer, r: Pick<Seen, 'organizationId' | 'jurisdictionPath'>) {
  return v.adminAll || v.orgIds.has(r.organizationId) || v.adminRoots.some((root) => pathWithin(r.jurisdictionPath, root));
}

/** What this viewer sees of a published record. */
export function sightOf(v: Viewer, r: Seen): Sight {
  if (!r.secret && !r.abstract) return 'full';
  if (isInsider(v, r)) return 'full';
  if (r.secret) return 'none';
  return v.granted.has(r.id) ? 'full' : 'open';
}

/** Whether the viewer sees the record's hidden fields (cheap: a public record answers at once). */
export const seesAll = (v: Viewer, r: Seen) => sightOf(v, r) === 'full';
