import { describe, expect, it } from 'vitest';
import { ConnectionError, ConfigError } from '../errors/index.js';
import { decideRestart } from './restart-policy.js';

const retriable = new ConnectionError('broker down');

describe('decideRestart', () => {
  it('never restarts with strategy none or a non-retriable error', () => {
    expect(decideRestart({ strategy: 'none' }, 1, retriable)).toMatchObject({ restart: false });
    expect(decideRestart({ strategy: 'fixed-delay', delayMs: 10, maxAttempts: 3 }, 1, new ConfigError('bad'))).toEqual({
      restart: false,
      reason: 'the error is not retriable',
    });
  });

  it('fixed delay up to maxAttempts', () => {
    const spec = { strategy: 'fixed-delay', delayMs: 250, maxAttempts: 2 } as const;
    expect(decideRestart(spec, 1, retriable)).toEqual({ restart: true, delayMs: 250 });
    expect(decideRestart(spec, 2, retriable)).toEqual({ restart: true, delayMs: 250 });
    expect(decideRestart(spec, 3, retriable)).toEqual({ restart: false, reason: 'gave up after 2 restart attempts' });
  });

  it('exponential backoff grows by the multiplier and is capped', () => {
    const spec = {
      strategy: 'exponential-backoff',
      initialDelayMs: 100,
      maxDelayMs: 1000,
      multiplier: 3,
      maxAttempts: 10,
    } as const;
    expect([1, 2, 3, 4].map((n) => decideRestart(spec, n, retriable))).toEqual([
      { restart: true, delayMs: 100 },
      { restart: true, delayMs: 300 },
      { restart: true, delayMs: 900 },
      { restart: true, delayMs: 1000 },
    ]);
  });
});
