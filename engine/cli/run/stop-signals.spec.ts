import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { onStopSignals, type StoppableJob } from './stop-signals.js';

function setUp(stop: () => Promise<void>) {
  const signals = new EventEmitter();
  const said: string[] = [];
  const exits: number[] = [];
  const job: StoppableJob = { spec: { name: 'orders' }, stop: vi.fn(stop) };
  const release = onStopSignals(job, (m) => said.push(m), {
    graceMs: 30_000,
    signals,
    exit: (code) => exits.push(code),
  });
  return { signals, said, exits, job, release };
}

describe('onStopSignals', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('stops the job gracefully on the first signal and exits within the bound if the stop hangs', async () => {
    const { signals, said, exits, job } = setUp(() => new Promise(() => {}));
    signals.emit('SIGTERM', 'SIGTERM');
    expect(job.stop).toHaveBeenCalledTimes(1);
    expect(said[0]).toMatch(/SIGTERM: stopping "orders" with a final checkpoint \(at most 30s/);
    await vi.advanceTimersByTimeAsync(29_999);
    expect(exits).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(exits).toEqual([1]);
    expect(said.at(-1)).toBe(
      '"orders" did not stop within 30s; exiting without waiting for its final checkpoint or sink flush',
    );
  });

  it('does not exit on its own when the stop finishes in time', async () => {
    const { signals, exits, release } = setUp(() => Promise.resolve());
    signals.emit('SIGINT', 'SIGINT');
    release();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(exits).toEqual([]);
  });

  it('exits at once on a second signal', () => {
    const { signals, said, exits } = setUp(() => new Promise(() => {}));
    signals.emit('SIGTERM', 'SIGTERM');
    signals.emit('SIGINT', 'SIGINT');
    expect(exits).toEqual([130]);
    expect(said.at(-1)).toBe('SIGINT again: exiting without a final checkpoint');
  });

  it('releases its handlers', () => {
    const { signals, release } = setUp(() => Promise.resolve());
    expect(signals.listenerCount('SIGHUP')).toBe(1);
    release();
    expect(['SIGINT', 'SIGTERM', 'SIGHUP'].map((s) => signals.listenerCount(s))).toEqual([0, 0, 0]);
  });
});
