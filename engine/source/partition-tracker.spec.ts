import type { KafkaMessage } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { selectBatch } from './batch-selection.js';
import { PartitionTracker } from './partition-tracker.js';

const tp = { topic: 't', partition: 0 };
const messages = (...offsets: number[]) =>
  offsets.map((o) => ({ offset: String(o), key: null, value: null, timestamp: '0', attributes: 0 }) as KafkaMessage);

describe('PartitionTracker', () => {
  it('moves forward only, caps at the stop and reports the step that finished a partition', () => {
    const tracker = new PartitionTracker(true);
    tracker.add(tp, 5, { kind: 'at', offset: 10 });
    expect(tracker.advance(tp, 3)).toBe(false);
    expect(tracker.get(tp)?.next).toBe(5);
    expect(tracker.advance(tp, 8)).toBe(false);
    expect(tracker.advance(tp, 12)).toBe(true);
    expect(tracker.get(tp)).toMatchObject({ next: 10, finished: true });
    expect(tracker.allFinished()).toBe(true);
  });

  it('counts empty partitions and those already past the stop as finished', () => {
    const tracker = new PartitionTracker(true);
    tracker.add(tp, 0, { kind: 'at', offset: 0 });
    tracker.add({ topic: 't', partition: 1 }, 9, { kind: 'at', offset: 4 });
    tracker.add({ topic: 't', partition: 2 }, 0, { kind: 'not-read' });
    expect(tracker.allFinished()).toBe(true);
  });

  it('an unbounded tracker never finishes', () => {
    const tracker = new PartitionTracker(false);
    expect(tracker.allFinished()).toBe(false);
  });

  it('snapshots sorted next offsets', () => {
    const tracker = new PartitionTracker(false);
    tracker.add({ topic: 'b', partition: 1 }, 4);
    tracker.add({ topic: 'a', partition: 2 }, 7);
    tracker.add({ topic: 'a', partition: 0 }, 1);
    expect(tracker.snapshot()).toEqual([
      { topic: 'a', partition: 0, offset: 1 },
      { topic: 'a', partition: 2, offset: 7 },
      { topic: 'b', partition: 1, offset: 4 },
    ]);
  });
});

describe('PartitionTracker stops', () => {
  it('lists the stop offsets for a checkpoint, leaving unread partitions out', () => {
    const tracker = new PartitionTracker(true);
    tracker.add({ topic: 'b', partition: 0 }, 0, { kind: 'at', offset: 9 });
    tracker.add({ topic: 'a', partition: 1 }, 2, { kind: 'not-read' });
    tracker.add({ topic: 'a', partition: 0 }, 4, { kind: 'at', offset: 4 });
    expect(tracker.stops()).toEqual([
      { topic: 'a', partition: 0, offset: 4 },
      { topic: 'b', partition: 0, offset: 9 },
    ]);
    expect(new PartitionTracker(false).stops()).toEqual([]);
  });
});

describe('selectBatch', () => {
  it('skips what was already processed and stops before the stop offset', () => {
    const s = selectBatch(messages(3, 4, 5, 6, 7), 7, { next: 5, stop: { kind: 'at', offset: 7 }, finished: false });
    expect(s.messages.map((m) => m.offset)).toEqual(['5', '6']);
    expect(s.next).toBe(7);
  });

  it('steps over trailing control records via the batch last offset', () => {
    const s = selectBatch(messages(0, 1), 2, { next: 0, stop: undefined, finished: false });
    expect(s.messages).toHaveLength(2);
    expect(s.next).toBe(3);
  });

  it('never moves backwards on a stale batch', () => {
    const s = selectBatch(messages(0, 1), 1, { next: 10, stop: undefined, finished: false });
    expect(s.messages).toHaveLength(0);
    expect(s.next).toBe(10);
  });
});
