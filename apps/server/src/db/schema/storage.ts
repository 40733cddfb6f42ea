import { bigint, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations.ts';

/**
 * Every file the platform keeps for an organisation (attachments, import
 * files, the business licence), by its content hash: what counts against the
 * organisation's storage quota, and what the sweep keeps. A file on disk no
 * row names any more is deleted by the `storage.sweep` job; an import file's
 * row expires (`expiresAt`) some time after its dry run or its import.
 */
export const storedFiles = pgTable(
  'stored_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    /** 'attachment' | 'import' | 'licence' */
    kind: text('kind').notNull(),
    /** The attachment, import or organisation the file belongs to. */
    ref: uuid('ref').notNull(),
    sha256: text('sha256').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
  },
  (t) => [index('stored_files_org_idx').on(t.organizationId), index('stored_files_ref_idx').on(t.kind, t.ref), index('stored_files_sha_idx').on(t.sha256)],
);
