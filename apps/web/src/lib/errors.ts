import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { showField } from './validate.ts';

/**
 * Returns a handler that shows an API error the way every page does: field
 * errors next to their inputs (Form.setFields), the problem's detail as a message.
 */
export function useApiErrorHandler() {
  const { message } = App.useApp();
  const { t } = useI18n();
  return useCallback(
    (err: unknown, form?: FormInstance, fieldMap: Record<string, string> = {}) => {
      if (err instanceof ApiError) {
        const unplaced: string[] = [];
        if (err.errors.length > 0) {
          // Nested paths (`completers.0.share`) go to that exact field when the form has it,
          // otherwise to their top-level field (`completers`).
          const fields = form ? form.getFieldsError().map((f) => f.name.join('.')) : [];
          const known = new Set(fields);
          const byField = new Map<string, string[]>();
          for (const e of err.errors) {
            const mapped = fieldMap[e.path];
            const name = mapped ?? (known.has(e.path) ? e.path : e.path.split('.')[0]!);
            if (!known.has(name)) {
              unplaced.push(e.message);
              continue;
            }
            byField.set(name, [...(byField.get(name) ?? []), e.message]);
          }
          const toNamePath = (name: string) => name.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
          if (form && byField.size > 0) {
            form.setFields([...byField].map(([name, errors]) => ({ name: toNamePath(name), errors })));
            showField(form, toNamePath([...byField.keys()][0]!));
          }
        }
        message.error(unplaced.length > 0 ? `${err.detail} ${unplaced.join('；')}` : err.detail);
        return;
      }
      if (err instanceof Error && err.name === 'AbortError') return;
      message.error(t('common.unexpected'));
    },
    [message, t],
  );
}

/** A problem in one line: its detail and the field messages it carries (for errors shown outside a form). */
export function problemText(err: ApiError): string {
  return [err.detail, ...err.errors.map((e) => e.message).filter((m) => m && m !== err.detail)].join(' ');
}
