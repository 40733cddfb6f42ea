import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { attachments } from '../../db/schema/index.ts';
import type { RecordType } from '../../db/recordSearch.ts';

export type AttachmentRow = typeof attachments.$inferSelect;
/** Records of other modules whose files this module keeps (that module authorizes). */
export type OwnedRecordType = 'entitlement';

/** All SQL of the attachments module. */
export const attachmentRepository = {
  byId: async (db: Executor, id: string) => (await db.select().from(attachments).where(eq(attachments.id, id)))[0],

  forRecord: (db: Executor, recordType: RecordType | OwnedRecordType, recordId: string) =>
    db
      .select()
      .from(attachments)
      .where(and(eq(attachments.recordType, recordType), eq(attachments.recordId, recordId)))
      .orderBy(asc(attachments.createdAt), asc(attachments.id)),

  /** The attachments of several records of one type (another module's, e.g. contract payments). */
  forRecords: (db: Executor, recordType: string, recordIds: string[]) =>
    recordIds.length
      ? db
          .select()
          .from(attachments)
          .where(and(eq(attachments.recordType, recordType), inArray(attachments.recordId, recordIds)))
          .orderBy(asc(attachments.createdAt), asc(attachments.id))
      : Promise.resolve([] as AttachmentRow[]),

  /** How many files each of the records holds (records without any are absent). */
  countsForRecords: (db: Executor, recordType: string, recordIds: string[]) =>
    recordIds.length
      ? db
          .select({ recordId: attachments.recordId, n: count() })
          .from(attachments)
          .where(and(eq(attachments.recordType, recordType), inArray(attachments.recordId, recordIds)))
          .groupBy(attachments.recordId)
      : Promise.resolve([] as { recordId: string; n: number }[]),

  insert: async (db: Executor, row: typeof attachments.$inferInsert) => (await db.insert(attachments).values(row).returning())[0]!,

  delete: async (db: Executor, id: string) => (await db.delete(attachments).where(eq(attachments.id, id)).returning())[0],
};
