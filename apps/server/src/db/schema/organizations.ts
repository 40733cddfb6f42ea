import { bigint, boolean, pgTable, text, timestamp, uuid, primaryKey, index } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { jurisdictions } from './jurisdictions.ts';

export const organizations = pgTable(
  'organizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** The name normalised (simplified, half-width, lower case) for search; the original stays in `name`. */
    searchName: text('search_name').notNull().default(''),
    type: text('type').notNull(),
    creditCode: text('credit_code').notNull().unique(),
    jurisdictionCode: text('jurisdiction_code')
      .notNull()
      .references(() => jurisdictions.code),
    status: text('status').notNull().default('pending'),
    address: text('address'),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    description: text('description'),
    reviewReason: text('review_reason'),
    /**
     * 事业单位: a public institution (some subsidy rules ask for it, e.g. 威海 004-4 事业单位性质的新型研发机构).
     * Declared by the organisation while it is not yet verified, confirmed or changed by an administrator.
     */
    publicInstitution: boolean('public_institution').notNull().default(false),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    /** The business licence (营业执照) of the verification request: a PDF or image in the attachment store, by its SHA-256. */
    licenceSha256: text('licence_sha256'),
    licenceFileName: text('licence_file_name'),
    licenceMime: text('licence_mime'),
    licenceSize: bigint('licence_size', { mode: 'number' }),
    licenceUploadedAt: timestamp('licence_uploaded_at', { withTimezone: true }),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('organizations_jurisdiction_idx').on(t.jurisdictionCode, t.status)],
);

export const memberships = pgTable(
  'memberships',
  {
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.userId] }), index('memberships_user_idx').on(t.userId)],
);

/** An owner invites a person by e-mail or phone; the person accepts after signing in (or after registering with that login). */
export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    login: text('login').notNull(),
    role: text('role').notNull(),
    status: text('status').notNull().default('pending'),
    invitedBy: uuid('invited_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    /** SHA-256 of the one-time token in the invitation's link (the token itself is only in the message). */
    tokenHash: text('token_hash'),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
  },
  (t) => [index('invitations_login_idx').on(t.login, t.status), index('invitations_org_idx').on(t.organizationId)],
);
