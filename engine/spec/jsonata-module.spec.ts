import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import { jsonataModule, provideJsonata } from './jsonata-module.js';

describe('jsonataModule', () => {
  it('requires jsonata on first use in Node, the same module an import gives, and keeps it', async () => {
    const loaded = jsonataModule();
    expect(loaded).toBe(jsonata);
    await expect(loaded('value.n + 1').evaluate({ value: { n: 1 } })).resolves.toBe(2);
    provideJsonata((() => {
      throw new Error('not this one');
    }) as unknown as typeof jsonata);
    expect(jsonataModule()).toBe(jsonata);
  });
});
