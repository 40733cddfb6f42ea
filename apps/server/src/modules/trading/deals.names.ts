import type { Executor } from '../../db/client.ts';
import { nameOrganizations } from '../organizations/organizations.service.ts';
import type { DealWithTitles } from './deals.repository.ts';

/** Deals with the names of seller, buyer and agent, asked of the organisations module in one query. */
export const nameDeals = (db: Executor, rows: DealWithTitles[]) =>
  nameOrganizations(db, rows, (d) => ({ sellerName: d.sellerOrganizationId, buyerName: d.buyerOrganizationId, agentName: d.agentOrganizationId }));

export type DealWithNames = Awaited<ReturnType<typeof nameDeals>>[number];
