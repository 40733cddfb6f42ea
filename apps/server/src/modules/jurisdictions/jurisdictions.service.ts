import type { AnyColumn, SQL } from 'drizzle-orm';
import type { JurisdictionLevel } from '@kzt/shared';
import { normalizeLogin } from '@kzt/shared';
import type { Db, Executor } from '../../db/client.ts';
import type { RequestContext } from '../../platform/context.ts';
import { recordAudit } from '../../platform/audit.ts';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.ts';
import type { Actor } from '../../platform/actor.ts';
import { jurisdictionRepository } from './jurisdictions.repository.ts';
import { jurisdictionPolicy, mayCreateProvince } from './jurisdictions.policy.ts';
import { presentJurisdiction } from './jurisdictions.presenter.ts';
import { findUserByLogin, userContacts } from '../accounts/accounts.service.ts';

export function levelOf(code: string): JurisdictionLevel {
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'county';
}

/** The five source regions of the action plans and their provinces (GB/T 2260). Reference data, inserted at every start. */
export const REFERENCE_JURISDICTIONS = [
  { code: '140000', name: '山西省' },
  { code: '140700', name: '晋中市', parentCode: '140000' },
  // 陕西: achievements published two years without conversion go to public trading (002 item 11).
  { code: '610000', name: '陕西省', unconvertedYears: 2 },
  { code: '210000', name: '辽宁省' },
  { code: '210100', name: '沈阳市', parentCode: '210000' },
  { code: '370000', name: '山东省' },
  { code: '371000', name: '威海市', parentCode: '370000' },
];

export async function ensureJurisdictions(db: Db, list: { code: string; name: string; parentCode?: string; unconvertedYears?: number }[]) {
  for (const j of list) {
    const parent = j.parentCode ? await jurisdictionRepository.byCode(db, j.parentCode) : undefined;
    await jurisdictionRepository.insert(db, {
      code: j.code,
      name: j.name,
      level: levelOf(j.code),
      parentCode: j.parentCode ?? null,
      path: parent ? `${parent.path}/${j.code}` : j.code,
      unconvertedYears: j.unconvertedYears ?? null,
    });
  }
}

const CHILD_LEVEL: Record<JurisdictionLevel, JurisdictionLevel | null> = { province: 'city', city: 'county', county: null };
const PREFIX: Record<JurisdictionLevel, number> = { province: 2, city: 4, county: 6 };

export async function createJurisdiction(
  db: Db,
  ctx: RequestContext & { actor: Actor },
  input: { code: string; name: string; parentCode?: string },
) {
  return db.transaction(async (tx) => {
    let path = input.code;
    if (input.parentCode) {
      const parent = await jurisdictionRepository.byCode(tx, input.parentCode);
      if (!parent) throw badRequest('parentCode', 'err.jurisdiction.unknown');
      if (!jurisdictionPolicy(ctx.actor, parent).addChild) throw forbidden();
      const level = levelOf(input.code);
      if (CHILD_LEVEL[parent.level as JurisdictionLevel] !== level) throw badRequest('code', 'err.jurisdiction.parentLevel');
      const n = PREFIX[parent.level as JurisdictionLevel];
      if (input.code.slice(0, n) !== parent.code.slice(0, n)) throw badRequest('code', 'err.jurisdiction.codePrefix');
      path = `${parent.path}/${input.code}`;
    } else {
      if (!mayCreateProvince(ctx.actor)) throw forbidden();
      if (levelOf(input.code) !== 'province') throw badRequest('parentCode', 'err.required');
    }
    const row = await jurisdictionRepository.insert(tx, {
      code: input.code,
      name: input.name,
      level: levelOf(input.code),
      parentCode: input.parentCode ?? null,
      path,
    });
    if (!row) throw conflict('code', 'err.jurisdiction.exists');
    await recordAudit(tx, ctx, {
      action: 'jurisdiction.create',
      entityType: 'jurisdiction',
      entityId: row.code,
      jurisdictionCode: row.code,
      after: presentJurisdiction(row),
    });
    return row;
  });
}

async function loadManageable(db: Executor, actor: Actor, code: string) {
  const j = await jurisdictionRepository.byCode(db, code);
  if (!j) throw notFound('jurisdiction');
  if (!jurisdictionPolicy(actor, j).manageAdmins) throw forbidden();
  return j;
}

export async function grantAdmin(db: Db, ctx: RequestContext & { actor: Actor }, code: string, login: string) {
  return db.transaction(async (tx) => {
    const j = await loadManageable(tx, ctx.actor, code);
    const user = await findUserByLogin(tx, normalizeLogin(login));
    if (!user) throw badRequest('login', 'err.user.unknown');
    const row = await jurisdictionRepository.addAdmin(tx, { jurisdictionCode: j.code, userId: user.id, grantedBy: ctx.actor.user.id });
    if (!row) throw conflict('login', 'err.admin.exists');
    await recordAudit(tx, ctx, {
      action: 'jurisdiction.admin.grant',
      entityType: 'jurisdiction',
      entityId: j.code,
      jurisdictionCode: j.code,
      after: { userId: user.id, name: user.name },
    });
    return { userId: user.id, name: user.name, email: user.email, phone: user.phone, grantedAt: row.createdAt };
  });
}

export async function revokeAdmin(db: Db, ctx: RequestContext & { actor: Actor }, code: string, userId: string) {
  await db.transaction(async (tx) => {
    const j = await loadManageable(tx, ctx.actor, code);
    const removed = await jurisdictionRepository.removeAdmin(tx, j.code, userId);
    if (!removed) throw notFound('user');
    await recordAudit(tx, ctx, {
      action: 'jurisdiction.admin.revoke',
      entityType: 'jurisdiction',
      entityId: j.code,
      jurisdictionCode: j.code,
      before: { userId },
    });
  });
}

export async function listAdmins(db: Db, actor: Actor, code: string) {
  await loadManageable(db, actor, code);
  const admins = await jurisdictionRepository.admins(db, code);
  const people = await userContacts(db, admins.map((a) => a.userId));
  return admins.flatMap((a) => {
    const u = people.get(a.userId);
    return u ? [{ userId: a.userId, name: u.name, email: u.email, phone: u.phone, grantedAt: a.grantedAt }] : [];
  });
}

/** Sets a jurisdiction's rule on unconverted achievements (platform administrators); audited with the old and new value. */
export async function setJurisdictionRules(db: Db, ctx: RequestContext & { actor: Actor }, code: string, input: { unconvertedYears: number | null }) {
  return db.transaction(async (tx) => {
    const j = await jurisdictionRepository.byCode(tx, code);
    if (!j) throw notFound('jurisdiction');
    if (!jurisdictionPolicy(ctx.actor, j).setRules) throw forbidden();
    const after = (await jurisdictionRepository.setUnconvertedYears(tx, j.code, input.unconvertedYears))!;
    await recordAudit(tx, ctx, {
      action: 'jurisdiction.rules.update',
      entityType: 'jurisdiction',
      entityId: j.code,
      jurisdictionCode: j.code,
      before: { unconvertedYears: j.unconvertedYears },
      after: { unconvertedYears: after.unconvertedYears },
    });
    return { code: after.code, name: after.name, unconvertedYears: after.unconvertedYears };
  });
}

/** The users who administer any of these jurisdictions (a record's path: its own and its ancestors'). */
export const administratorIdsOf = (db: Executor, codes: string[]) => jurisdictionRepository.adminIdsOf(db, codes);

/** The names of these jurisdictions by code, in one query (unknown codes are left out). */
export async function jurisdictionNames(db: Executor, codes: string[]): Promise<Map<string, string>> {
  return new Map((await jurisdictionRepository.byCodes(db, [...new Set(codes)])).map((j) => [j.code, j.name]));
}

/** A jurisdiction by its code, or undefined: how other modules read the tree. */
export const resolveJurisdiction = (db: Executor, code: string) => jurisdictionRepository.byCode(db, code);

/** Several jurisdictions by code, from the top of the tree down. */
export const resolveJurisdictions = (db: Executor, codes: string[]) => jurisdictionRepository.byCodes(db, codes);

/** One jurisdiction (code, name, path), or undefined: for modules that place a record in the tree. */
export async function findJurisdiction(db: Executor, code: string): Promise<{ code: string; name: string; path: string } | undefined> {
  const j = await jurisdictionRepository.byCode(db, code);
  return j && { code: j.code, name: j.name, path: j.path };
}

/**
 * Every jurisdiction's code, name and path as a subquery named `name`, for a
 * module that filters, orders or pages its own rows by their jurisdiction in
 * one query (organisations, demand lists): it joins this, never the table.
 */
export const jurisdictionsTable = <N extends string>(name: N) => jurisdictionRepository.asTable(name);

/**
 * The jurisdictions a person administers (code, name, path; by path) as one
 * JSON array, an SQL expression for the caller's own query: the actor of a
 * request is read in one query (profiles' actor source). The driver returns
 * JSON parsed or as text, by driver; `userId` must render qualified (see
 * organizations.service `membershipsJson`).
 */
export const administeredJson = (userId: SQL | AnyColumn) => jurisdictionRepository.administeredJson(userId);
