import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileTypeFromBuffer } from 'file-type';
import { AppError, badRequest } from './errors.ts';

/**
 * Content-addressed file store under `${dataDir}/attachments`: a file lives at
 * `<first 2 hex>/<sha256>`, so identical content is stored once. Bytes are
 * written to a temporary file first and renamed into place, so a crash never
 * leaves a half file under a content name.
 */
export function attachmentStore(dataDir: string) {
  const root = path.join(dataDir, 'attachments');
  const tmpDir = path.join(root, 'tmp');
  const pathOf = (sha256: string) => path.join(root, sha256.slice(0, 2), sha256);

  return {
    pathOf,

    /** Streams `source` into a temporary file, hashing on the way; the caller keeps or discards it. */
    async receive(source: Readable) {
      await fs.promises.mkdir(tmpDir, { recursive: true });
      const tmp = path.join(tmpDir, `${randomUUID()}.part`);
      const hash = createHash('sha256');
      let size = 0;
      const tap = new Transform({
        transform(chunk: Buffer, _enc, done) {
          hash.update(chunk);
          size += chunk.length;
          done(null, chunk);
        },
      });
      try {
        await pipeline(source, tap, fs.createWriteStream(tmp, { flags: 'wx' }));
      } catch (err) {
        await fs.promises.rm(tmp, { force: true });
        throw err;
      }
      return { tmp, size, sha256: hash.digest('hex') };
    },

    /** The first bytes of a received file, enough to recognise its type. */
    async head(tmp: string, bytes = 4100) {
      const fh = await fs.promises.open(tmp, 'r');
      try {
        const buf = Buffer.alloc(bytes);
        const { bytesRead } = await fh.read(buf, 0, bytes, 0);
        return buf.subarray(0, bytesRead);
      } finally {
        await fh.close();
      }
    },

    discard: (tmp: string) => fs.promises.rm(tmp, { force: true }),

    /** Moves a received file to its content name (fsynced first); an identical file already stored is kept and the copy dropped. */
    async commit(tmp: string, sha256: string) {
      const target = pathOf(sha256);
      if (fs.existsSync(target)) return fs.promises.rm(tmp, { force: true });
      const fh = await fs.promises.open(tmp, 'r+');
      try {
        await fh.sync();
      } finally {
        await fh.close();
      }
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      await fs.promises.rename(tmp, target);
    },

    exists: (sha256: string) => fs.existsSync(pathOf(sha256)),
    open: (sha256: string) => fs.createReadStream(pathOf(sha256)),
  };
}
export type AttachmentStore = ReturnType<typeof attachmentStore>;

/** At most 20 MB per file. */
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;

/** The types accepted, recognised by content, and the file name extensions each may carry. */
export const ATTACHMENT_TYPES: Record<string, readonly string[]> = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/webp': ['webp'],
};

/** 413 for a file above the attachments' size, in Chinese with the limit. */
export const fileTooLarge = () => new AppError(413, 'payload-too-large', 'problem.tooLarge', 'err.attachment.tooLarge', { limit: `${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB` });

/** Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266 / RFC 5987). */
export function contentDisposition(fileName: string, kind: 'attachment' | 'inline' = 'attachment') {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** A file name as shown and offered back: no directories, no control characters, at most 200 characters. */
export function cleanFileName(raw: string) {
  const base = path.basename(raw.replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  if (base.length <= 200) return base;
  const ext = path.extname(base);
  return base.slice(0, 200 - ext.length) + ext;
}

/** The type of a file as its content says, if it is one we accept and matches the extension of its name. */
export async function checkFileType(fileName: string, head: Uint8Array) {
  const ext = path.extname(fileName).slice(1).toLowerCase();
  if (!Object.values(ATTACHMENT_TYPES).some((exts) => exts.includes(ext))) throw badRequest('file', 'err.attachment.extension');
  const detected = await fileTypeFromBuffer(head);
  const allowed = detected && ATTACHMENT_TYPES[detected.mime];
  if (!detected || !allowed) throw badRequest('file', 'err.attachment.type');
  if (!allowed.includes(ext)) throw badRequest('file', 'err.attachment.mismatch');
  return detected.mime;
}

export type IncomingFile = { filename: string; file: Readable & { truncated?: boolean } };

/**
 * Reads the one uploaded file into the store's temporary area and checks it
 * before anything is kept: within `maxBytes`, not empty, of an allowed type by
 * its content, and whatever `alsoCheck` asks of its size (a quota). A refused
 * file is discarded; an accepted one waits for `store.commit`.
 */
export async function receiveUpload(
  store: AttachmentStore,
  next: () => Promise<IncomingFile | undefined>,
  maxBytes: number,
  tooLarge: () => AppError,
  alsoCheck: (size: number) => Promise<unknown>,
) {
  const incoming = await next().catch((err: { statusCode?: number }) => {
    throw err.statusCode === 413 ? tooLarge() : badRequest('file', 'err.attachment.multipart');
  });
  if (!incoming || !incoming.filename) throw badRequest('file', 'err.attachment.missing');
  const fileName = cleanFileName(incoming.filename);
  const received = await store.receive(incoming.file);
  try {
    if (incoming.file.truncated || received.size > maxBytes) throw tooLarge();
    if (received.size === 0) throw badRequest('file', 'err.attachment.type');
    const mime = await checkFileType(fileName, await store.head(received.tmp));
    await alsoCheck(received.size);
    return { fileName, mime, ...received };
  } catch (err) {
    await store.discard(received.tmp);
    throw err;
  }
}
