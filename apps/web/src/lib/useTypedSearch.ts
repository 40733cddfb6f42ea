import { useEffect, useRef, useState } from 'react';

/**
 * The options of a picker searched as the person types: `load` runs at once
 * for an empty search and 300 ms after the last key otherwise, the search
 * before is aborted, and `loading` says one is running. `key` names what else
 * the search depends on (a jurisdiction, an organisation); `load` with
 * `enabled` false is not called and the options are empty.
 */
export function useTypedSearch<T>(q: string, key: string, load: (q: string, signal: AbortSignal) => Promise<T[]>, enabled = true) {
  const [items, setItems] = useState<T[]>([]);
  const [loading, setLoading] = useState(false);
  const latest = useRef(load);
  latest.current = load;
  useEffect(() => {
    if (!enabled) {
      setItems([]);
      return;
    }
    const ctrl = new AbortController();
    setLoading(true);
    const timer = setTimeout(() => {
      latest.current(q.trim(), ctrl.signal).then(
        (r) => {
          setItems(r);
          setLoading(false);
        },
        () => !ctrl.signal.aborted && setLoading(false),
      );
    }, q ? 300 : 0);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [q, key, enabled]);
  return { items, loading };
}
