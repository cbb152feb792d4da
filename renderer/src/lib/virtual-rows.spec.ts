import { describe, expect, it } from 'vitest';
import { windowOf } from './virtual-rows';

const item = (index: number, size = 28) => ({
  index,
  key: index,
  start: index * size,
  end: (index + 1) * size,
  size,
  lane: 0,
});

describe('windowOf', () => {
  it('pads above the first rendered row and below the last', () => {
    const view = windowOf([item(10), item(11), item(12)], 1000 * 28);
    expect(view.before).toBe(280);
    expect(view.after).toBe(1000 * 28 - 13 * 28);
    expect(view.items.map((i) => i.index)).toEqual([10, 11, 12]);
  });

  it('has no padding when nothing is rendered', () => {
    expect(windowOf([], 0)).toEqual({ items: [], before: 0, after: 0 });
  });
});
