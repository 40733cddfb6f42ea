import { App, Form, type FormInstance } from 'antd';
import { useCallback, useRef, useState } from 'react';
import { useApiErrorHandler } from './errors.ts';
import { validateInView } from './validate.ts';

export type FormSubmitOptions<V, R> = {
  /** What saving does: called with the validated values. */
  action: (values: V) => Promise<R>;
  /** Called after a success (navigate, reload, reset …). */
  onDone?: (result: R, values: V) => void;
  /** Shown after a success (nothing when it returns undefined). */
  success?: string | ((result: R, values: V) => string | undefined);
  /** Server field paths mapped to this form's names (see useApiErrorHandler). */
  fieldMap?: Record<string, string>;
};

export type FormSubmit<V> = {
  form: FormInstance<V>;
  busy: boolean;
  /** For `<Form onFinish>` (antd has validated): saves, routes API field errors into the form. */
  onFinish: (values: V) => void;
  /** For a button outside the form: validates, then saves as onFinish does. Never rejects; true on success. */
  submit: () => Promise<boolean>;
  /** Saves values already validated (onFinish's promise). Never rejects; true on success. */
  save: (values: V) => Promise<boolean>;
};

/**
 * The wiring every form on a page shares (useFormModal's sibling for forms not
 * in a modal): a busy flag for the submit button, the action, a success
 * message, API field errors next to their inputs and the rest as a message.
 */
export function useFormSubmit<V = Record<string, unknown>, R = unknown>(opts: FormSubmitOptions<V, R>): FormSubmit<V> {
  const [form] = Form.useForm<V>();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [busy, setBusy] = useState(false);
  const latest = useRef(opts);
  latest.current = opts;

  // A second click (or Enter) while saving is ignored, before the busy button has even drawn.
  const saving = useRef(false);
  const save = useCallback(
    async (values: V) => {
      if (saving.current) return false;
      saving.current = true;
      const o = latest.current;
      setBusy(true);
      try {
        const result = await o.action(values);
        const text = typeof o.success === 'function' ? o.success(result, values) : o.success;
        if (text) message.success(text);
        o.onDone?.(result, values);
        return true;
      } catch (e) {
        onError(e, form, o.fieldMap);
        return false;
      } finally {
        saving.current = false;
        setBusy(false);
      }
    },
    [form, message, onError],
  );

  const submit = useCallback(async () => {
    const values = await validateInView(form);
    return values === null ? false : save(values);
  }, [form, save]);

  const onFinish = useCallback((values: V) => void save(values), [save]);

  return { form, busy, onFinish, submit, save };
}
