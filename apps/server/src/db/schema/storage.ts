import { sql } from 'drizzle-orm';
import { bigint, check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { organizations } from './organizations.ts';

/**
 * Every file the platform keeps for an organisation (attachments, import
 * files, the business licence), by its content hash: what counts against the
 * organisation's storage quota, and what the sweep keeps. A file on disk no
 * row names any more is deleted by the `storage.sweep` job; an import file's
 * row expires (`expiresAt`) some time after its dry run or its import.
 * A file kept for no organisation (an administrator's contract import made
 * without one) is kept for, and counted against, the person (`userId`).
 */
export const storedFiles = pgTable(
  'stored_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The organisation whose quota the file counts against, or null when a person keeps it. */
    organizationId: uuid('organization_id').references(() => organizations.id),
    /** The person keeping a file no organisation keeps (exactly one of the two owners is set). */
    userId: uuid('user_id').references(() => users.id),
    /** 'attachment' | 'import' | 'licence' */
    kind: text('kind').notNull(),
    /** The attachment, import or organisation the file belongs to. */
    ref: uuid('ref').notNull(),
    /** The file's name as uploaded (null for files kept before names were recorded). */
    name: text('name'),
    sha256: text('sha256').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
  },
  (t) => [
    check('stored_files_one_owner', sql`(${t.organizationId} is null) <> (${t.userId} is null)`),
    index('stored_files_user_idx').on(t.userId),
    index('stored_files_org_idx').on(t.organizationId), index('stored_files_ref_idx').on(t.kind, t.ref), index('stored_files_sha_idx').on(t.sha256),
  ],
);
