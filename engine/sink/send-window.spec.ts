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
    const window = new SendWindow({ sends: 2, bytes: Infinity });
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
    const window = new SendWindow({ sends: 4, bytes: Infinity });
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

  it('makes the caller wait while the bytes in flight would exceed the limit', async () => {
    const window = new SendWindow({ sends: 4, bytes: 100 });
    const sends = [deferred(), deferred(), deferred()];
    await window.add(
      () => sends[0]!.promise,
      () => undefined,
      60,
    );
    expect(window.bytesInFlight).toBe(60);
    let second = false;
    const adding = window
      .add(
        () => sends[1]!.promise,
        () => undefined,
        60,
      )
      .then(() => (second = true));
    await Promise.resolve();
    expect(second).toBe(false);
    sends[0]!.resolve();
    await adding;
    expect(second).toBe(true);
    expect(window.bytesInFlight).toBe(60);
    // Small sends share the room that is left.
    await window.add(
      () => sends[2]!.promise,
      () => undefined,
      40,
    );
    expect(window.inFlight).toBe(2);
    sends[1]!.resolve();
    sends[2]!.resolve();
    await window.drain();
    expect(window.bytesInFlight).toBe(0);
  });

  it('lets a send larger than the byte limit go when nothing else is in flight', async () => {
    const window = new SendWindow({ sends: 4, bytes: 100 });
    const big = deferred();
    await window.add(
      () => big.promise,
      () => undefined,
      500,
    );
    expect(window.inFlight).toBe(1);
    let next = false;
    const adding = window
      .add(
        () => Promise.resolve(),
        () => undefined,
        1,
      )
      .then(() => (next = true));
    await Promise.resolve();
    expect(next).toBe(false);
    big.resolve();
    await adding;
    await window.drain();
    expect(window.bytesInFlight).toBe(0);
  });
});
