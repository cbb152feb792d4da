import { describe, expect, it } from 'vitest';
import { loadOnce } from './load-once.js';

describe('loadOnce', () => {
  it('loads on the first call only and hands every call the same result', async () => {
    let loads = 0;
    const load = loadOnce(async () => ({ n: ++loads }));
    expect(loads).toBe(0);
    const [a, b] = await Promise.all([load(), load()]);
    expect(a).toBe(b);
    expect(await load()).toBe(a);
    expect(loads).toBe(1);
  });

  it('keeps a failed load failed', async () => {
    let loads = 0;
    const load = loadOnce(async () => {
      loads++;
      throw new Error('no binary');
    });
    await expect(load()).rejects.toThrow('no binary');
    await expect(load()).rejects.toThrow('no binary');
    expect(loads).toBe(1);
  });
});
