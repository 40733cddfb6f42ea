import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

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
