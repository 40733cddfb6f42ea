import { App, Form, type FormInstance } from 'antd';
import { useCallback, useRef, useState } from 'react';
import { useApiErrorHandler } from './errors.ts';

export type FormModalOptions<V, R> = {
  /** What saving does: called with the validated values. */
  action: (values: V) => Promise<R>;
  /** Called after a success, once the modal is closed. */
  onDone?: (result: R, values: V) => void;
  /** Shown after a success (nothing when it returns undefined). */
  success?: string | ((result: R, values: V) => string | undefined);
  /** Server field paths mapped to this form's names (see useApiErrorHandler). */
  fieldMap?: Record<string, string>;
  /**
   * For a modal whose parent decides whether it is open: that state, and how to close it.
   * Without it the hook keeps the open state itself (`open()` / `close()`).
   */
  controlled?: { open: boolean; onClose: () => void };
  /** Clear the fields after a success (default true). */
  resetOnDone?: boolean;
};

export type FormModal<V> = {
  form: FormInstance<V>;
  isOpen: boolean;
  busy: boolean;
  /** Opens the modal, optionally filling the form. */
  open: (values?: Partial<V>) => void;
  close: () => void;
  /** Validates, saves, routes API field errors into the form; closes and calls onDone on success. Never rejects. */
  submit: () => Promise<boolean>;
  /** Spread onto <Modal>: open, onOk, onCancel, confirmLoading. */
  modalProps: { open: boolean; onOk: () => void; onCancel: () => void; confirmLoading: boolean };
};

/** The wiring every form-in-a-modal shares: busy flag, validation, API errors, close on success. */
export function useFormModal<V = Record<string, unknown>, R = unknown>(opts: FormModalOptions<V, R>): FormModal<V> {
  const [form] = Form.useForm<V>();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [ownOpen, setOwnOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const latest = useRef(opts);
  latest.current = opts;

  const isOpen = opts.controlled ? opts.controlled.open : ownOpen;

  const open = useCallback(
    (values?: Partial<V>) => {
      if (values) form.setFieldsValue(values as Parameters<FormInstance<V>['setFieldsValue']>[0]);
      setOwnOpen(true);
    },
    [form],
  );

  const close = useCallback(() => {
    setOwnOpen(false);
    latest.current.controlled?.onClose();
  }, []);

  const submit = useCallback(async () => {
    let values: V;
    try {
      values = await form.validateFields();
    } catch {
      return false;
    }
    const o = latest.current;
    setBusy(true);
    try {
      const result = await o.action(values);
      const text = typeof o.success === 'function' ? o.success(result, values) : o.success;
      if (text) message.success(text);
      close();
      if (o.resetOnDone !== false) form.resetFields();
      o.onDone?.(result, values);
      return true;
    } catch (e) {
      onError(e, form, o.fieldMap);
      return false;
    } finally {
      setBusy(false);
    }
  }, [form, message, onError, close]);

  return {
    form,
    isOpen,
    busy,
    open,
    close,
    submit,
    modalProps: { open: isOpen, onOk: () => void submit(), onCancel: close, confirmLoading: busy },
  };
}
