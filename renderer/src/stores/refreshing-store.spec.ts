import { describe, expect, it } from 'vitest';
import { createRefreshingStore, keyedStores, type StoreState, type Visibility } from './refreshing-store';

const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

function fakeVisibility(): Visibility & { setHidden(hidden: boolean): void } {
  let hidden = false;
  const listeners = new Set<() => void>();
  return {
    hidden: () => hidden,
    onVisible: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setHidden(next) {
      hidden = next;
      if (!next) listeners.forEach((l) => l());
    },
  };
}

function setup() {
  let loads = 0;
  const events = new Set<() => void>();
  const visibility = fakeVisibility();
  const store = createRefreshingStore<number[]>({
    initial: [],
    load: async () => [++loads],
    watch: (s) => {
      const onEvent = () => s.refreshSoon();
      events.add(onEvent);
      return [() => events.delete(onEvent)];
    },
    debounceMs: 10,
    visibility,
  });
  return { store, events, visibility, loads: () => loads };
}

describe('createRefreshingStore', () => {
  it('loads on first subscriber, debounces events into one reload, and lets go with the last subscriber', async () => {
    const { store, events, loads } = setup();
    const seen: StoreState<number[]>[] = [];
    expect(loads()).toBe(0);
    const off = store.subscribe((s) => seen.push(s));
    await tick();
    expect(store.get().value).toEqual([1]);
    for (let i = 0; i < 5; i++) events.forEach((e) => e());
    await tick(30);
    expect(loads()).toBe(2);
    off();
    expect(events.size).toBe(0);
    store.refreshSoon();
    await tick(30);
    expect(loads()).toBe(2);
    expect(seen.at(-1)!.loading).toBe(false);
  });

  it('holds reloads while the window is hidden and makes one when it shows again', async () => {
    const { store, events, visibility, loads } = setup();
    const off = store.subscribe(() => undefined);
    await tick();
    visibility.setHidden(true);
    events.forEach((e) => e());
    events.forEach((e) => e());
    await tick(30);
    expect(loads()).toBe(1);
    visibility.setHidden(false);
    await tick();
    expect(loads()).toBe(2);
    off();
  });

  it('keeps the last value on a failed load, says why, and lets the newest load win', async () => {
    let calls = 0;
    const store = createRefreshingStore<string>({
      initial: 'none',
      load: async () => {
        calls += 1;
        if (calls === 2) throw new Error('broker down');
        await tick(calls === 3 ? 20 : 0);
        return `load ${calls}`;
      },
      visibility: fakeVisibility(),
    });
    const off = store.subscribe(() => undefined);
    await tick();
    await store.refresh();
    expect(store.get()).toEqual({ value: 'load 1', loading: false, error: 'broker down' });
    const slow = store.refresh();
    const fast = store.refresh();
    await Promise.all([slow, fast]);
    expect(store.get().value).toBe('load 4');
    store.update((v) => `${v}!`);
    expect(store.get().value).toBe('load 4!');
    off();
  });

  it('makes one store per key', () => {
    let made = 0;
    const byCluster = keyedStores((key) => {
      made += 1;
      return createRefreshingStore({ initial: key, load: async () => key, visibility: fakeVisibility() });
    });
    expect(byCluster('a')).toBe(byCluster('a'));
    expect(byCluster('b')).not.toBe(byCluster('a'));
    expect(made).toBe(2);
  });
});
