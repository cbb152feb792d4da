// A store that owns one piece of the console's data: it loads on first use, reloads (debounced)
// when main says something changed, holds reloads while the window is hidden, and lets go of its
// event subscriptions when nothing reads it. Pages read stores instead of fetching for themselves.
// It follows Svelte's store contract (`subscribe`), so a component reads it as `$store`.

export interface Visibility {
  hidden(): boolean;
  /** Calls `listener` whenever the window becomes visible; returns the unsubscribe. */
  onVisible(listener: () => void): () => void;
}

/** The page's own visibility; in tests, a stand-in. */
export const documentVisibility: Visibility = {
  hidden: () => typeof document !== 'undefined' && document.visibilityState === 'hidden',
  onVisible(listener) {
    if (typeof document === 'undefined') return () => undefined;
    const handler = () => {
      if (document.visibilityState === 'visible') listener();
    };
    document.addEventListener('visibilitychange', handler);
    return () => document.removeEventListener('visibilitychange', handler);
  },
};

export interface StoreState<T> {
  value: T;
  loading: boolean;
  /** The last load's failure, cleared by the next success. */
  error: string | undefined;
}

export interface RefreshingStore<T> {
  subscribe(run: (state: StoreState<T>) => void): () => void;
  /** Reload now (an operator's Refresh, or after this window changed the data). */
  refresh(): Promise<void>;
  /** Reload soon: several calls within the debounce make one load. */
  refreshSoon(): void;
  /** Changes the value in place (an event that carries the change itself). */
  update(change: (value: T) => T): void;
  get(): StoreState<T>;
}

export interface RefreshingStoreOptions<T> {
  initial: T;
  load: () => Promise<T>;
  /** Subscribes to what makes the data stale; gets the store to refresh or update. Returns unsubscribes. */
  watch?: (store: RefreshingStore<T>) => (() => void)[];
  debounceMs?: number;
  visibility?: Visibility;
}

export function createRefreshingStore<T>(options: RefreshingStoreOptions<T>): RefreshingStore<T> {
  const debounceMs = options.debounceMs ?? 200;
  const visibility = options.visibility ?? documentVisibility;
  let state: StoreState<T> = { value: options.initial, loading: false, error: undefined };
  const runs = new Set<(state: StoreState<T>) => void>();
  let teardown: (() => void)[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let staleWhileHidden = false;
  let generation = 0;

  const set = (next: StoreState<T>) => {
    state = next;
    for (const run of [...runs]) run(state);
  };

  const store: RefreshingStore<T> = {
    subscribe(run) {
      runs.add(run);
      run(state);
      if (runs.size === 1) start();
      return () => {
        runs.delete(run);
        if (runs.size === 0) stop();
      };
    },
    async refresh() {
      clearTimeout(timer);
      timer = undefined;
      const mine = ++generation;
      set({ ...state, loading: true });
      try {
        const value = await options.load();
        // A newer load started meanwhile: its answer wins.
        if (mine === generation) set({ value, loading: false, error: undefined });
      } catch (error) {
        if (mine === generation) set({ ...state, loading: false, error: (error as Error).message ?? String(error) });
      }
    },
    refreshSoon() {
      if (runs.size === 0) return;
      if (visibility.hidden()) {
        staleWhileHidden = true;
        return;
      }
      clearTimeout(timer);
      timer = setTimeout(() => void store.refresh(), debounceMs);
    },
    update(change) {
      set({ ...state, value: change(state.value) });
    },
    get: () => state,
  };

  function start(): void {
    teardown = [
      ...(options.watch?.(store) ?? []),
      visibility.onVisible(() => {
        if (!staleWhileHidden) return;
        staleWhileHidden = false;
        void store.refresh();
      }),
    ];
    void store.refresh();
  }

  function stop(): void {
    clearTimeout(timer);
    timer = undefined;
    teardown.forEach((off) => off());
    teardown = [];
  }

  return store;
}

/** One store per key (a cluster's topics, a cluster's groups), made on first use. */
export function keyedStores<T>(make: (key: string) => RefreshingStore<T>): (key: string) => RefreshingStore<T> {
  const stores = new Map<string, RefreshingStore<T>>();
  return (key) => {
    let store = stores.get(key);
    if (!store) stores.set(key, (store = make(key)));
    return store;
  };
}
