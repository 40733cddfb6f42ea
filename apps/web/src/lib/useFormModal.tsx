import { App, type FormInstance } from 'antd';
import { useCallback, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/index.tsx';
import { useFormSubmit, type FormSubmitOptions } from './useFormSubmit.tsx';
import { validateInView } from './validate.ts';

/** Asked after the form validates and before saving, for what cannot be undone. */
export type FormModalConfirm = {
  title: ReactNode;
  content?: ReactNode;
  /** The confirm button's text (default 确定 / OK); it is red when `danger`. */
  okText?: string;
  danger?: boolean;
};

export type FormModalOptions<V, R> = FormSubmitOptions<V, R> & {
  /**
   * For a modal whose parent decides whether it is open: that state, and how to close it.
   * Without it the hook keeps the open state itself (`open()` / `close()`).
   */
  controlled?: { open: boolean; onClose: () => void };
  /** Clear the fields after a success (default true). */
  resetOnDone?: boolean;
  /** Ask before saving (irrevocable steps): the values decide the question, or none (undefined) is asked. */
  confirm?: FormModalConfirm | ((values: V) => FormModalConfirm | undefined);
};

export type FormModal<V> = {
  form: FormInstance<V>;
  isOpen: boolean;
  busy: boolean;
  /** Opens the modal, optionally filling the form. */
  open: (values?: Partial<V>) => void;
  close: () => void;
  /**
   * Validates, asks the confirmation when there is one, saves, routes API field errors
   * into the form; closes, resets and calls onDone on success. Never rejects; true on success.
   */
  submit: () => Promise<boolean>;
  /** Spread onto <Modal>: open, onOk, onCancel, confirmLoading. */
  modalProps: { open: boolean; onOk: () => void; onCancel: () => void; confirmLoading: boolean };
};

/**
 * A form in a modal: useFormSubmit's wiring (busy flag, success message, API
 * field errors next to their inputs) plus the modal's open state, closing and
 * clearing on success, and an optional confirmation before an irrevocable save.
 * A second click while saving (or while the confirmation is up) does nothing.
 */
export function useFormModal<V = Record<string, unknown>, R = unknown>(opts: FormModalOptions<V, R>): FormModal<V> {
  const { modal } = App.useApp();
  const { t } = useI18n();
  const [ownOpen, setOwnOpen] = useState(false);
  const [asking, setAsking] = useState(false);
  const latest = useRef(opts);
  latest.current = opts;
  const pending = useRef(false);

  const close = useCallback(() => {
    setOwnOpen(false);
    latest.current.controlled?.onClose();
  }, []);

  const { form, busy, save } = useFormSubmit<V, R>({
    action: (values) => latest.current.action(values),
    success: (result, values) => {
      const s = latest.current.success;
      return typeof s === 'function' ? s(result, values) : s;
    },
    fieldMap: opts.fieldMap,
    onDone: (result, values) => {
      close();
      if (latest.current.resetOnDone !== false) form.resetFields();
      latest.current.onDone?.(result, values);
    },
  });

  const isOpen = opts.controlled ? opts.controlled.open : ownOpen;

  const open = useCallback(
    (values?: Partial<V>) => {
      if (values) form.setFieldsValue(values as Parameters<FormInstance<V>['setFieldsValue']>[0]);
      setOwnOpen(true);
    },
    [form],
  );

  const ask = useCallback(
    (c: FormModalConfirm) =>
      new Promise<boolean>((resolve) => {
        modal.confirm({
          title: c.title,
          content: c.content,
          okText: c.okText ?? t('common.ok'),
          cancelText: t('common.cancel'),
          okButtonProps: { danger: c.danger, 'data-testid': 'form-modal-confirm-ok' } as { danger?: boolean },
          onOk: () => resolve(true),
          onCancel: () => resolve(false),
        });
      }),
    [modal, t],
  );

  const submit = useCallback(async () => {
    if (pending.current) return false;
    pending.current = true;
    try {
      const values = await validateInView(form);
      if (values === null) return false;
      const c = latest.current.confirm;
      const question = typeof c === 'function' ? c(values) : c;
      if (question) {
        setAsking(true);
        const yes = await ask(question).finally(() => setAsking(false));
        if (!yes) return false;
      }
      return await save(values);
    } finally {
      pending.current = false;
    }
  }, [form, ask, save]);

  const working = busy || asking;
  return {
    form,
    isOpen,
    busy: working,
    open,
    close,
    submit,
    modalProps: { open: isOpen, onOk: () => void submit(), onCancel: close, confirmLoading: working },
  };
}
