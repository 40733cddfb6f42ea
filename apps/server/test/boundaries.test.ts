import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { actionExpressions, auditCalls, SRC, importsOf, isLiteralAction, moduleCycles, moduleOf, rel, schemaTables, sourceFiles } from './boundaries.ts';

/**
 * The module rules of docs/ARCHITECTURE.md ("This project's rules"), read
 * from the source: a module never imports another module's repository,
 * `platform/` imports no module and uses only its own tables, modules form
 * no cycle, and a table is used by its owner only. What the code still does against the last two rules
 * is listed below, exactly, so nothing new joins it and each fix must shorten
 * the list (the test fails when a listed exception is gone too).
 */

/** Modules that still reach each other: none. */
const KNOWN_CYCLES: string[][] = [];

/**
 * Owner module of each table whose schema file is not named after its
 * owner. A table of `db/schema/<module>.ts` belongs to `<module>`.
 */
const OWNER: Record<string, string> = {
  accessRequests: 'catalogue', recordVersions: 'catalogue', jurisdictionSettings: 'catalogue',
  achievements: 'achievements', conversionEvents: 'achievements', followups: 'achievements',
  demands: 'demands', notifications: 'notifications',
  auditEvents: 'audit',
  attachments: 'attachments', demandListItems: 'demandLists', demandLists: 'demandLists', importJobs: 'imports',
  conversationMessages: 'conversations', conversations: 'conversations', favourites: 'favourites',
  invitations: 'organizations', memberships: 'organizations', organizations: 'organizations',
  users: 'accounts', loginThrottle: 'accounts', verificationCodes: 'accounts',
  jurisdictionAdmins: 'jurisdictions', jurisdictions: 'jurisdictions',
  matchBatchResults: 'matchBatches', matchBatches: 'matchBatches', matchFeedback: 'matching',
  matchInquiries: 'matchReviews', matchReviewExperts: 'matchReviews', matchReviews: 'matchReviews',
  matchPushes: 'push', matchSubscriptions: 'push', outboxMessages: 'push', pushSettings: 'push',
  storedFiles: 'storage', brokerCommissions: 'brokerage', brokerFollowUps: 'brokerage',
};

/**
 * Reads of another module's table that remain (`table: modules`), each where
 * the reader sits below the owner, so that calling the owner's service would
 * close a cycle:
 * - audit: the audit log's read model names the people, organisations and
 *   jurisdictions of every event, and filters and pages by them.
 * Every module above an owner reads through the owner's service: named reads
 * (`achievementHeads`, `demandsByIds`, `achievementForListing`, …) or, to
 * filter, order or page by the owner's data in one query, a subquery the
 * owner hands out (`achievementHeadsTable`, `jurisdictionsTable`,
 * `usersTable`). Accounts read no other table: profiles and the person's own
 * view (`/api/me`) live in `profiles`, above organisations and jurisdictions.
 */
const KNOWN_FOREIGN_TABLES: Record<string, string[]> = {
  jurisdictions: ['audit'],
  organizations: ['audit'],
  users: ['audit'],
};

/**
 * The platform's own tables, by schema file: sessions, the jobs queue, the
 * domain events' outbox, and the audit chain (written by `platform/audit.ts`
 * for every module; the audit module is its read model). Everything else
 * belongs to a module, and the platform reaches it only through what the
 * module registers at start (the actor source, event handlers, jobs).
 */
const PLATFORM_SCHEMAS = ['audit.ts', 'events.ts', 'jobs.ts', 'sessions.ts'];

const files = sourceFiles();

describe('module boundaries', () => {
  it('no module imports another module’s repository', () => {
    const offences = files.flatMap((f) =>
      importsOf(f)
        .filter((i) => moduleOf(f) && /\.repository(\.ts)?$/.test(i) && moduleOf(i) && moduleOf(i) !== moduleOf(f))
        .map((i) => `${rel(f)} → ${rel(i)}`),
    );
    expect(offences).toEqual([]);
  });

  it('platform/ and db/ import no module', () => {
    const offences = files
      .filter((f) => /^(platform|db)\//.test(rel(f)))
      .flatMap((f) => importsOf(f).filter((i) => moduleOf(i)).map((i) => `${rel(f)} → ${rel(i)}`));
    expect(offences).toEqual([]);
  });

  it('platform/ uses only the platform’s own tables', () => {
    const schemaOf = new Map(schemaTables().map((t) => [t.jsName, t.file]));
    const offences = files
      .filter((f) => /^platform\//.test(rel(f)))
      .flatMap((f) => {
        const text = fs.readFileSync(f, 'utf8');
        return [...text.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+'[^']*db\/schema\/index\.ts'/g)].flatMap((imp) =>
          imp[1]!
            .split(',')
            .map((s) => s.trim().replace(/^type\s+/, ''))
            .filter((name) => schemaOf.has(name) && !PLATFORM_SCHEMAS.includes(schemaOf.get(name)!))
            .map((name) => `${rel(f)} → ${name} (db/schema/${schemaOf.get(name)})`),
        );
      });
    expect(offences).toEqual([]);
    // Nor in raw SQL: the actor's memberships and jurisdictions come from their owners (profiles' actor source).
    const moduleSqlNames = new Set(schemaTables().filter((t) => !PLATFORM_SCHEMAS.includes(t.file)).map((t) => t.sqlName));
    const rawOffences = files
      .filter((f) => /^platform\//.test(rel(f)))
      .flatMap((f) =>
        [...fs.readFileSync(f, 'utf8').matchAll(/\b(?:from|join|into|update)\s+"?(\w+)"?/gi)]
          .map((m) => m[1]!)
          .filter((name) => moduleSqlNames.has(name))
          .map((name) => `${rel(f)} → ${name}`),
      );
    expect(rawOffences).toEqual([]);
  });

  it('modules form no cycle but the one still listed', () => {
    const edges = new Map<string, Set<string>>();
    for (const f of files) {
      const m = moduleOf(f);
      if (!m) continue;
      for (const i of importsOf(f)) {
        const t = moduleOf(i);
        if (t && t !== m) edges.set(m, (edges.get(m) ?? new Set()).add(t));
      }
    }
    expect(moduleCycles(edges).sort()).toEqual(KNOWN_CYCLES);
  });

  it('a table is used by its owner only, but for the reads still listed', () => {
    const owners = new Map(schemaTables().map((t) => [t.jsName, OWNER[t.jsName] ?? t.file.replace(/\.ts$/, '')]));
    const foreign: Record<string, Set<string>> = {};
    for (const f of files) {
      const m = moduleOf(f);
      if (!m) continue;
      const text = fs.readFileSync(f, 'utf8');
      for (const imp of text.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+'[^']*db\/schema\/index\.ts'/g)) {
        for (const name of imp[1]!.split(',').map((s) => s.trim().replace(/^type\s+/, ''))) {
          const owner = owners.get(name);
          if (owner && owner !== m) (foreign[name] ??= new Set()).add(m);
        }
      }
    }
    const found = Object.fromEntries(Object.keys(foreign).sort().map((k) => [k, [...foreign[k]!].sort()]));
    expect(found).toEqual(KNOWN_FOREIGN_TABLES);
  });
});

/**
 * Named commands (docs/ARCHITECTURE.md): the audit action is written as a
 * literal where the audit writer is called, so `grep 'demand.return'` leads
 * from the audit log to the command, and from there to its route.
 */
describe('named commands', () => {
  it('reads the action of an audit call as written', () => {
    expect(actionExpressions("(tx, ctx, { ...audit, action: 'demand.return' })")).toEqual(["'demand.return'"]);
    expect(actionExpressions("(tx, ctx, { action: `${kind.type}.submit`, after: { action: 'x.y' } })")).toEqual(['`${kind.type}.submit`']);
    expect(actionExpressions('(tx, ctx, entry)')).toEqual([]);
    expect(isLiteralAction("'achievement.publish'")).toBe(true);
    expect(isLiteralAction("accept ? 'organization.member.join' : 'organization.invitation.decline'")).toBe(true);
    expect(isLiteralAction('`${kind.type}.publish`')).toBe(false);
    expect(isLiteralAction("'outbox.' + status")).toBe(false);
    expect(isLiteralAction('action')).toBe(false);
    expect(isLiteralAction("approve ? `${t}.publish` : 'demand.return'")).toBe(false);
  });

  it('every audit event is written with its action as a string literal', () => {
    const calls = auditCalls();
    expect(calls.length).toBeGreaterThan(100);
    const offences = calls.filter((c) => c.actions.length !== 1 || !isLiteralAction(c.actions[0]!)).map((c) => `${c.at}: ${c.actions.join(' | ') || '(no action: property)'}`);
    expect(offences).toEqual([]);
  });

  it('the catalogue’s lifecycle routes call one named command per transition', () => {
    for (const [kind, Kind] of [['achievement', 'Achievement'], ['demand', 'Demand']] as const) {
      const service = fs.readFileSync(`${SRC}/modules/${kind}s/${kind}s.service.ts`, 'utf8');
      for (const [command, action] of [
        [`submit${Kind}`, 'submit'],
        [`publish${Kind}`, 'publish'],
        [`return${Kind}`, 'return'],
        [`withdraw${Kind}`, 'withdraw'],
        [`confirm${Kind}`, 'confirm'],
        [`update${Kind}`, 'update'],
        [`request${Kind}Access`, 'access.request'],
        [`approve${Kind}Access`, 'access.approved'],
        [`decline${Kind}Access`, 'access.declined'],
      ]) {
        const body = service.match(new RegExp(`export async function ${command}\\([\\s\\S]*?\\n}\\n`))?.[0];
        expect(body, command).toBeDefined();
        expect(body, command).toContain(`action: '${kind}.${action}'`);
      }
    }
  });
});
