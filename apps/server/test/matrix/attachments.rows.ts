import { Readable } from 'node:stream';
import { deflateSync, crc32 } from 'node:zlib';
import { eq } from 'drizzle-orm';
import { attachments, organizations } from '../../src/db/schema/index.ts';
import { attachmentStore } from '../../src/platform/files.ts';
import type { TestApp } from '../testApp.ts';
import type { World } from './types.ts';
import { all, orgRoute, type Row } from './types.ts';

/** The smallest PDF a reader accepts: header, one empty page, trailer. */
export function tinyPdf(note = '') {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>endobj\ntrailer<</Root 1 0 R>>\n%${note}\n%%EOF\n`,
    'latin1',
  );
}

/** A 1×1 PNG of one colour, built chunk by chunk. */
export function tinyPng(rgb: [number, number, number] = [200, 30, 30]) {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from([0, ...rgb]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A multipart/form-data body with one file in the field `file`. */
export function multipartFile(fileName: string, content: Buffer, field = 'file') {
  const boundary = `----kzt${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}\r\nContent-Type: application/octet-stream\r\n\r\n`,
    'utf8',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
  return { body: Buffer.concat([head, content, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** An attachment on one of the world's records: its bytes in the store, its row inserted directly. */
async function attached(w: World, t: TestApp, recordType: 'achievement' | 'demand', recordId: string) {
  const store = attachmentStore(t.config.dataDir);
  const pdf = tinyPdf('matrix');
  const { tmp, sha256, size } = await store.receive(Readable.from([pdf]));
  await store.commit(tmp, sha256);
  const [row] = await t.database.db
    .insert(attachments)
    .values({ recordType, recordId, fileName: '说明.pdf', mime: 'application/pdf', size, sha256, uploadedBy: w.users.owner.id })
    .returning();
  return row!.id;
}

const upload = (path: string) => () => {
  const { body, headers } = multipartFile('检测报告.pdf', tinyPdf());
  return { method: 'POST', url: path, body, headers };
};

export const attachmentRows: Row[] = [
  { route: 'POST /api/achievements/:id/attachments', call: (w) => upload(`/api/achievements/${w.achievements.draft}/attachments`)(), expect: orgRoute(201, 201, 403) },
  { route: 'POST /api/demands/:id/attachments', call: (w) => upload(`/api/demands/${w.demands.draft}/attachments`)(), expect: orgRoute(201, 201, 403) },
  // Attachments of an abstract record are confidential details: outsiders and foreign administrators do not see them.
  { route: 'GET /api/achievements/:id/attachments', call: (w) => ({ method: 'GET', url: `/api/achievements/${w.achievements.abstract}/attachments` }), expect: { ...orgRoute(200, 200, 200), anonymous: 404 } },
  { route: 'GET /api/demands/:id/attachments', call: (w) => ({ method: 'GET', url: `/api/demands/${w.demands.published}/attachments` }), expect: all(200) },
  {
    route: 'GET /api/attachments/:id/content',
    call: async (w, t) => ({ method: 'GET', url: `/api/attachments/${await attached(w, t, 'achievement', w.achievements.abstract)}/content` }),
    expect: { ...orgRoute(200, 200, 200), anonymous: 404 },
  },
  {
    route: 'DELETE /api/attachments/:id',
    call: async (w, t) => ({ method: 'DELETE', url: `/api/attachments/${await attached(w, t, 'achievement', w.achievements.published)}` }),
    expect: { ...orgRoute(204, 204, 403), outsider: 403, foreignAdmin: 403 },
  },
  // Issue 12: the business licence of the (pending) organisation's verification request.
  {
    route: 'PUT /api/organizations/:id/licence',
    call: (w) => {
      const { body, headers } = multipartFile('营业执照.pdf', tinyPdf('licence'));
      return { method: 'PUT', url: `/api/organizations/${w.orgId}/licence`, body, headers };
    },
    expect: { ...orgRoute(403, 200, 403) },
  },
  { route: 'GET /api/organizations/:id/licence', call: async (w, t) => ({ method: 'GET', url: `/api/organizations/${await licensed(w, t)}/licence` }), expect: orgRoute(200, 200, 200) },
  { route: 'GET /api/organizations/:id/licence/content', call: async (w, t) => ({ method: 'GET', url: `/api/organizations/${await licensed(w, t)}/licence/content` }), expect: orgRoute(200, 200, 200) },
];

/** The world's pending organisation with a licence on file (its bytes in the store, its columns set directly). */
async function licensed(w: World, t: TestApp) {
  const store = attachmentStore(t.config.dataDir);
  const { tmp, sha256, size } = await store.receive(Readable.from([tinyPdf('licence')]));
  await store.commit(tmp, sha256);
  await t.database.db
    .update(organizations)
    .set({ licenceSha256: sha256, licenceFileName: '营业执照.pdf', licenceMime: 'application/pdf', licenceSize: size, licenceUploadedAt: new Date() })
    .where(eq(organizations.id, w.orgId));
  return w.orgId;
}
