import { describe, expect, it } from 'vitest';
import type { FetchedBatch } from '../source/fetched-batch.js';
import { ForwardQueue } from './forward-queue.js';

const entry = (partition: number, baseOffset: number, size = 10) => ({
  batch: { baseOffset, bytes: Buffer.alloc(size) } as FetchedBatch,
  source: { topic: 't', partition },
});

describe('ForwardQueue', () => {
  it('takes one batch per partition a round, each partition in order', () => {
    const queue = new ForwardQueue();
    for (const [partition, offset] of [
      [0, 0],
      [0, 10],
      [0, 20],
      [1, 0],
      [2, 0],
      [1, 5],
    ] as const)
      queue.push(entry(partition, offset));
    expect(queue.bytes).toBe(60);
    const rounds: [number, number][][] = [];
    while (!queue.empty) rounds.push(queue.takeRound().map((e) => [e.source.partition, e.batch.baseOffset]));
    expect(rounds).toEqual([
      [
        [0, 0],
        [1, 0],
        [2, 0],
      ],
      [
        [0, 10],
        [1, 5],
      ],
      [[0, 20]],
    ]);
    expect(queue.bytes).toBe(0);
  });

  it('forgets everything on clear', () => {
    const queue = new ForwardQueue();
    queue.push(entry(3, 0, 99));
    queue.clear();
    expect(queue.empty).toBe(true);
    expect(queue.bytes).toBe(0);
    expect(queue.takeRound()).toEqual([]);
  });
});
