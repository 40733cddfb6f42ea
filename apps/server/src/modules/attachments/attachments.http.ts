import multipart from '@fastify/multipart';
import type { FastifyReply } from 'fastify';
import type { App } from '../../platform/types.ts';
import { AppError } from '../../platform/errors.ts';
import { ATTACHMENT_MAX_BYTES } from './attachments.schemas.ts';

/** Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266 / RFC 5987). */
export function contentDisposition(fileName: string, kind: 'attachment' | 'inline' = 'attachment') {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Streams a stored file as a download: its type, length and name, never sniffed. */
export function sendStoredFile(reply: FastifyReply, file: { attachment: { mime: string; size: number; fileName: string }; open: () => NodeJS.ReadableStream }) {
  return reply
    .header('x-content-type-options', 'nosniff')
    .header('content-type', file.attachment.mime)
    .header('content-length', file.attachment.size)
    .header('content-disposition', contentDisposition(file.attachment.fileName))
    .send(file.open());
}

/**
 * Registers upload routes in a scope of their own that takes multipart/form-data
 * with one file of at most the attachments' size; `routes` declares them (each
 * calls `requireMultipart` first, so another body gets a 415).
 */
export function uploadScope(app: App, routes: (scope: App) => void) {
  app.register(async (scope: App) => {
    await scope.register(multipart, { limits: { fileSize: ATTACHMENT_MAX_BYTES, files: 1, fields: 5, parts: 6 }, throwFileSizeLimit: false });
    routes(scope);
  });
}

/** 415 unless the request is multipart/form-data. */
export function requireMultipart(req: { isMultipart: () => boolean }) {
  if (!req.isMultipart()) throw new AppError(415, 'unsupported-media-type', 'problem.unsupportedMediaType', 'err.attachment.multipart');
}

/** The body limit of an upload route: the file and room for its multipart framing. */
export const UPLOAD_BODY_LIMIT = ATTACHMENT_MAX_BYTES + 1024 * 1024;
