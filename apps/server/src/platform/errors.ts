import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { issueMessage, langOf, t } from './i18n.ts';

export type FieldError = { path: string; message: string };
type Params = Record<string, string | number>;

/**
 * The one error type domain code throws. The HTTP layer renders it as
 * application/problem+json (RFC 9457) in the caller's language.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly titleKey: string,
    readonly detailKey?: string,
    readonly params: Params = {},
    /** Each field's message key, with its own parameters when they differ from the problem's. */
    readonly fieldErrors: { path: string; key: string; params?: Params }[] = [],
  ) {
    super(titleKey);
  }
}

export const badRequest = (path: string, key: string) =>
  new AppError(400, 'validation-error', 'problem.validation', 'problem.validation.detail', {}, [{ path, key }]);
export const unauthorized = () => new AppError(401, 'unauthorized', 'problem.unauthorized', 'problem.unauthorized.detail');
export const forbidden = () => new AppError(403, 'forbidden', 'problem.forbidden', 'problem.forbidden.detail');
export const notFound = (entity: string) =>
  new AppError(404, 'not-found', 'problem.entityNotFound', 'problem.entityNotFound.detail', { entity: `entity.${entity}` });
export const conflict = (path: string, key: string) =>
  new AppError(409, 'conflict', 'problem.conflict', key, {}, [{ path, key }]);
/** A well-formed request the rules refuse (422), at the field at fault. */
export const unprocessable = (path: string, key: string, params: Params = {}) => new AppError(422, 'unprocessable', 'problem.validation', key, params, [{ path, key }]);
export const invalidState = (key: string) => new AppError(409, 'invalid-state', 'problem.invalidState', key);

const PROBLEM = 'application/problem+json; charset=utf-8';

export function sendProblem(
  reply: FastifyReply,
  req: FastifyRequest,
  p: { status: number; slug: string; title: string; detail?: string; errors?: FieldError[] },
) {
  return reply
    .code(p.status)
    .type(PROBLEM)
    .send({
      type: `/api/problems/${p.slug}`,
      title: p.title,
      status: p.status,
      detail: p.detail ?? p.title,
      instance: req.url.split('?')[0],
      requestId: req.id,
      errors: p.errors ?? [],
    });
}

/** Validator for fastify that keeps zod's issues so messages can be rendered per request language. */
export const zodValidatorCompiler =
  ({ schema }: { schema: z.ZodType }) =>
  (data: unknown) => {
    const result = schema.safeParse(data, { reportInput: true });
    if (result.success) return { value: result.data };
    return { error: Object.assign(new Error('validation'), { zodIssues: result.error.issues }) };
  };

export function registerErrorHandling(app: FastifyInstance, opts: { bodyLimit: number }) {
  app.setErrorHandler((error: FastifyError & { validation?: unknown[]; validationContext?: string }, req, reply) => {
    const lang = langOf(req.headers['accept-language']);
    if (error instanceof AppError) {
      return sendProblem(reply, req, {
        status: error.status,
        slug: error.slug,
        title: t(error.titleKey, lang, error.params),
        detail: error.detailKey ? t(error.detailKey, lang, error.params) : undefined,
        errors: error.fieldErrors.map((f) => ({ path: f.path, message: t(f.key, lang, f.params ?? error.params) })),
      });
    }
    const zodIssues = (error as { zodIssues?: z.core.$ZodIssue[] }).zodIssues;
    if (zodIssues || error.validation) {
      const fieldErrors: FieldError[] = zodIssues
        ? zodIssues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: issueMessage(i, lang) }))
        : (error.validation as { instancePath?: string; message?: string }[]).map((v) => ({
            path: (v.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.') || '(root)',
            message: v.message ?? '',
          }));
      return sendProblem(reply, req, {
        status: 400,
        slug: 'validation-error',
        title: t('problem.validation', lang),
        detail: t('problem.validation.detail', lang),
        errors: fieldErrors,
      });
    }
    switch (error.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return sendProblem(reply, req, { status: 400, slug: 'malformed-json', title: t('problem.malformedJson', lang), detail: t('problem.malformedJson.detail', lang) });
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return sendProblem(reply, req, { status: 400, slug: 'empty-body', title: t('problem.emptyBody', lang), detail: t('problem.emptyBody.detail', lang) });
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendProblem(reply, req, {
          status: 413,
          slug: 'payload-too-large',
          title: t('problem.tooLarge', lang),
          detail: t('problem.tooLarge.detail', lang, { limit: `${Math.round(opts.bodyLimit / 1024 / 1024)} MiB` }),
        });
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendProblem(reply, req, { status: 415, slug: 'unsupported-media-type', title: t('problem.unsupportedMediaType', lang), detail: t('problem.unsupportedMediaType.detail', lang) });
    }
    if (error instanceof SyntaxError || error.statusCode === 400) {
      return sendProblem(reply, req, { status: 400, slug: 'malformed-json', title: t('problem.malformedJson', lang), detail: t('problem.malformedJson.detail', lang) });
    }
    if (error.statusCode === 413) {
      // A limit of a plugin (e.g. multipart): its own message is English, so the detail stays general.
      return sendProblem(reply, req, { status: 413, slug: 'payload-too-large', title: t('problem.tooLarge', lang) });
    }
    if (error.statusCode === 403 || error.statusCode === 404) {
      // The static file handler refuses a path that climbs out of the web app (`/a/..%5c..`) with a bare 403: to the caller it is a file that does not exist.
      return sendProblem(reply, req, {
        status: 404,
        slug: 'route-not-found',
        title: t('problem.notFound', lang),
        detail: t('problem.notFound.detail', lang, { method: req.method, url: req.url.split('?')[0]! }),
      });
    }
    if (error.statusCode === 429) {
      return sendProblem(reply, req, { status: 429, slug: 'too-many-requests', title: t('problem.tooManyRequests', lang) });
    }
    req.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, req, {
      status: 500,
      slug: 'internal',
      title: t('problem.internal', lang),
      detail: t('problem.internal.detail', lang, { requestId: req.id }),
    });
  });
}

/**
 * What a background task that failed tells the person who started it: our own
 * problems (AppError) in their words; anything else only as a system error,
 * never its internals (file paths, SQL, stack). The whole error stays in the
 * job's record (`jobs.last_error`) for administrators.
 */
export function failureMessage(err: unknown): string {
  if (err instanceof AppError) return t(err.detailKey ?? err.titleKey, 'zh', err.params);
  return t('err.task.internal', 'zh');
}
