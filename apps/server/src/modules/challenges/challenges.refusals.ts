import { formatYuanExact } from '@kzt/shared';
import { AppError } from '../../platform/errors.ts';

/** A refusal of this module: a status, the message key, the field at fault. */
export const refuse = (status: number, key: string, path?: string, params: Record<string, string | number> = {}) =>
  new AppError(status, status === 409 ? 'invalid-state' : 'challenge-refused', status === 409 ? 'problem.invalidState' : 'problem.challenge', key, params, path ? [{ path, key }] : []);

const SHANGHAI = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
/** An instant as a refusal names it: YYYY-MM-DD HH:mm in Asia/Shanghai. */
export const shanghaiTime = (d: Date) => SHANGHAI.format(d).replace(/\//g, '-');
/** Fen as a refusal names them: 1,234.50 元 (exact). */
export const yuan = (fen: number) => formatYuanExact(fen);
