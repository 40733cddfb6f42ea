import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import type { Config } from './config.ts';
import type { Db } from './db/client.ts';
import { users } from './db/schema/index.ts';
import { systemContext } from './platform/context.ts';
import { loadActor } from './platform/sessions.ts';
import { attachmentStore } from './platform/files.ts';
import { uploadLicence } from './modules/organizations/organizations.licence.ts';

/** A one-page PDF standing in for a scanned document in the demo (a business licence, an application's proofs). */
export function demoPdf(text: string, name: string): Buffer {
  const stream = `BT /F1 12 Tf 40 100 Td (${text}) Tj ET`;
  const objects = [
    '<</Type/Catalog/Pages 2 0 R>>',
    '<</Type/Pages/Kids[3 0 R]/Count 1>>',
    '<</Type/Page/Parent 2 0 R/MediaBox[0 0 420 200]/Resources<</Font<</F1 5 0 R>>>>/Contents 4 0 R>>',
    `<</Length ${stream.length}>>stream\n${stream}\nendstream`,
    '<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj${o}endobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer<</Size ${objects.length + 1}/Root 1 0 R/Title (${name.length} chars)>>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/**
 * The demo organisation awaiting verification (晋中新材料, pending@newco.demo)
 * has sent its business licence, so an administrator trying the verification
 * queue can open it and approve (approval needs a licence). Made through the
 * owner's own upload, as a person would.
 */
export async function seedDemoLicence(db: Db, config: Config, ownerEmail = 'pending@newco.demo') {
  const [user] = await db.select().from(users).where(eq(users.email, ownerEmail));
  if (!user) return;
  const actor = await loadActor(db, user, { tokenHash: 'seed-licence', via: 'bearer' });
  const ctx = { ...systemContext('seed-licence'), actor };
  const org = actor.memberships.find((m) => m.organizationStatus === 'pending' && m.role === 'owner');
  if (!org) return;
  const pdf = demoPdf(`Business licence (demo) ${org.organizationId}`, org.organizationName);
  await uploadLicence(db, attachmentStore(config.dataDir), ctx, org.organizationId, async () => ({ filename: '营业执照（演示）.pdf', file: Readable.from([pdf]) }), config.storageQuotaBytes);
}

