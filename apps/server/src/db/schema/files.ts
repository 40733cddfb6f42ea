import type { IndustrySection } from '@kzt/shared';
import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { jurisdictions } from './jurisdictions.ts';
import { organizations } from './organizations.ts';

/** Files attached to catalogue records, stored under DATA_DIR by their SHA-256. */
export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    recordType: text('record_type').notNull(),
    recordId: uuid('record_id').notNull(),
    fileName: text('file_name').notNull(),
    mime: text('mime').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: uuid('uploaded_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('attachments_record_idx').on(t.recordType, t.recordId)],
);

/** An Excel/CSV import of achievements or demands: dry run, then import, with a report per row. */
export const importJobs = pgTable(
  'import_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    /** The importing organisation; null for an administrator's import of contracts (each row names its seller): only its creator sees it. */
    organizationId: uuid('organization_id').references(() => organizations.id),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    fileName: text('file_name').notNull(),
    sha256: text('sha256').notNull(),
    status: text('status').notNull().default('validated'),
    totalRows: integer('total_rows').notNull().default(0),
    validRows: integer('valid_rows').notNull().default(0),
    processedRows: integer('processed_rows').notNull().default(0),
    createdRows: integer('created_rows').notNull().default(0),
    duplicateRows: integer('duplicate_rows').notNull().default(0),
    /** [{row, column, message}] */
    report: jsonb('report').notNull().default([]),
    /** The first valid rows as they would be imported (kept for imports whose check runs as a job). */
    preview: jsonb('preview').notNull().default([]),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('import_jobs_org_idx').on(t.organizationId, t.createdAt)],
);

/** 需求清单: published demands compiled by an administrator, usually per industry. */
export const demandLists = pgTable(
  'demand_lists',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    jurisdictionCode: text('jurisdiction_code')
      .notNull()
      .references(() => jurisdictions.code),
    title: text('title').notNull(),
    industry: text('industry').$type<IndustrySection>(),
    description: text('description').notNull().default(''),
    status: text('status').notNull().default('draft'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('demand_lists_jurisdiction_idx').on(t.jurisdictionCode, t.status)],
);

export const demandListItems = pgTable(
  'demand_list_items',
  {
    listId: uuid('list_id')
      .notNull()
      .references(() => demandLists.id),
    demandId: uuid('demand_id').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.listId, t.demandId] })],
);
