/**
 * Runs `pass` for whoever calls, one at a time: callers that arrive while a
 * pass runs share the next one, started when it ends — not the running one,
 * which may have read the database before the caller's own write committed
 * (a replica's catch-up must find what its caller just wrote). A failed pass
 * fails its callers only; the next call starts afresh.
 */
export function serialPasses(pass: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  let queued: Promise<void> | undefined;
  const start = (): Promise<void> => {
    const p = pass().finally(() => {
      if (running === p) running = undefined;
    });
    running = p;
    return p;
  };
  return () => {
    if (!running) return start();
    queued ??= running
      .catch(() => undefined)
      .then(() => {
        queued = undefined;
        return start();
      });
    return queued;
  };
}
