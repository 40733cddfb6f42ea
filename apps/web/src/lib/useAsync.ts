import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';

export type AsyncState<T> = { data: T | undefined; error: unknown; loading: boolean; reload: () => Promise<void> };

/** Runs `fn` when deps change; the latest call wins, earlier answers are ignored. */
export function useAsync<T>(fn: (signal: AbortSignal) => Promise<T>, deps: DependencyList): AsyncState<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);
  const current = useRef<AbortController | null>(null);

  // eslint-disable-next-line react-hooks/exhaustive-deps
  const run = useCallback(fn, deps);

  const reload = useCallback(async () => {
    current.current?.abort();
    const ctrl = new AbortController();
    current.current = ctrl;
    setLoading(true);
    try {
      const value = await run(ctrl.signal);
      if (!ctrl.signal.aborted) {
        setData(value);
        setError(undefined);
      }
    } catch (e) {
      if (!ctrl.signal.aborted) setError(e);
    } finally {
      if (!ctrl.signal.aborted) setLoading(false);
    }
  }, [run]);

  useEffect(() => {
    void reload();
    return () => current.current?.abort();
  }, [reload]);

  return { data, error, loading, reload };
}
