import type { Executor } from '../../db/client.ts';
import { nameOrganizations } from '../organizations/organizations.service.ts';
import type { ListingRow } from './listings.repository.ts';

/** Listings with the names of their seller, agent and negotiated buyer, asked of the organisations module in one query. */
export const nameListings = (db: Executor, rows: ListingRow[]) =>
  nameOrganizations(db, rows, (l) => ({ organizationName: l.organizationId, agentOrganizationName: l.agentOrganizationId, buyerOrganizationName: l.buyerOrganizationId }));

export type ListingWithNames = Awaited<ReturnType<typeof nameListings>>[number];
