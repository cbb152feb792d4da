import { describe, expect, it } from 'vitest';
import { SendWindow } from './send-window.js';

const deferred = () => {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

describe('SendWindow', () => {
  it('makes the caller wait while the window is full', async () => {
    const window = new SendWindow(2);
    const sends = [deferred(), deferred(), deferred()];
    await window.add(
      () => sends[0]!.promise,
      () => undefined,
    );
    await window.add(
      () => sends[1]!.promise,
      () => undefined,
    );
    let third = false;
    const adding = window
      .add(
        () => sends[2]!.promise,
        () => undefined,
      )
      .then(() => (third = true));
    await Promise.resolve();
    expect(third).toBe(false);
    sends[0]!.resolve();
    await adding;
    expect(third).toBe(true);
    sends[1]!.resolve();
    sends[2]!.resolve();
    await window.drain();
    expect(window.inFlight).toBe(0);
  });

  it('keeps the first failure and rethrows it to later callers', async () => {
    const window = new SendWindow(4);
    const errors: unknown[] = [];
    await window.add(
      () => Promise.reject(new Error('boom')),
      (e) => errors.push(e),
    );
    await expect(window.drain()).rejects.toThrow('boom');
    await expect(
      window.add(
        () => Promise.resolve(),
        () => undefined,
      ),
    ).rejects.toThrow('boom');
    expect(errors).toHaveLength(1);
  });
});
