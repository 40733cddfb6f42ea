import { useEffect, useState } from 'react';

/**
 * What a search select shows: the items `load` finds for the text typed,
 * asked 250 ms after the last keystroke (an answer overtaken by newer typing
 * is dropped). `deps` are further filters that ask again when they change.
 */
export function useRemoteSearch<T>(load: (q: string | undefined, signal: AbortSignal) => Promise<{ items: T[] }>, deps: unknown[] = []) {
  const [q, setQ] = useState('');
  const [items, setItems] = useState<T[]>([]);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      setLoading(true);
      load(q.trim() || undefined, ctrl.signal).then(
        (p) => (setItems(p.items), setLoading(false)),
        () => setLoading(false),
      );
    }, 250);
    return () => (clearTimeout(timer), ctrl.abort());
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q, ...deps]);
  return { setQ, items, loading };
}
