import { App } from 'antd';
import { useCallback, useEffect, useRef } from 'react';
import { useBlocker } from 'react-router-dom';
import { useI18n } from '../i18n/index.tsx';

/**
 * Asks before a half-filled form is lost: leaving for another page of the app (a link, 取消, the browser's back)
 * opens 离开此页？ with 留在此页 as the safe choice, and reloading or closing the tab gets the browser's own
 * question. `isDirty` is read at the moment of leaving (e.g. `() => form.isFieldsTouched()`); call the returned
 * `allowLeave()` once the form is saved, just before navigating away on purpose.
 */
export function useLeaveGuard(isDirty: () => boolean) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const saved = useRef(false);
  const dirty = useRef(isDirty);
  dirty.current = isDirty;
  const blocker = useBlocker(({ currentLocation, nextLocation }) => !saved.current && currentLocation.pathname !== nextLocation.pathname && dirty.current());

  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    modal.confirm({
      title: t('form.leave.title'),
      content: t('form.leave.content'),
      okText: t('form.leave.ok'),
      cancelText: t('form.leave.stay'),
      okButtonProps: { danger: true },
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    });
  }, [blocker, modal, t]);

  useEffect(() => {
    const onUnload = (e: BeforeUnloadEvent) => {
      if (saved.current || !dirty.current()) return;
      e.preventDefault();
      // Older browsers show the question only when a value is set.
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onUnload);
    return () => window.removeEventListener('beforeunload', onUnload);
  }, []);

  return useCallback(() => {
    saved.current = true;
  }, []);
}
