/**
 * A loader that runs `load` on its first call and hands every later call the same promise: how a
 * library only some jobs need (ssh2, ZooKeeper, the schema and codec libraries) is imported on
 * first use instead of at start-up. A failed load stays failed, as a failed import would.
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => (loading ??= load());
}
