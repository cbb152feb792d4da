import { describe, expect, it } from 'vitest';
import { CheckpointBarrier } from './checkpoint-barrier.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('CheckpointBarrier', () => {
  it('close waits for handlers inside and keeps new ones out until reopened', async () => {
    const barrier = new CheckpointBarrier();
    expect(await barrier.enter()).toBe(true);
    let closed = false;
    const closing = barrier.close().then((reopen) => {
      closed = true;
      return reopen;
    });
    await tick();
    expect(closed).toBe(false);
    barrier.leave();
    const reopen = await closing;
    let entered = false;
    const entering = barrier.enter().then((ok) => (entered = ok));
    await tick();
    expect(entered).toBe(false);
    reopen();
    await entering;
    expect(entered).toBe(true);
  });

  it('seal turns everyone away for good, including those waiting', async () => {
    const barrier = new CheckpointBarrier();
    await barrier.close();
    const waiting = barrier.enter();
    barrier.seal();
    expect(await waiting).toBe(false);
    expect(await barrier.enter()).toBe(false);
  });
});
