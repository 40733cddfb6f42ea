import multipart from '@fastify/multipart';
import type { FastifyReply } from 'fastify';
import type { App } from './types.ts';
import { AppError } from './errors.ts';
import { ATTACHMENT_MAX_BYTES, contentDisposition } from './files.ts';

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
