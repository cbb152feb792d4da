import { describe, expect, it } from 'vitest';
import { HintTracker } from './hint-tracker.js';
import type { HintObservation } from './observation.js';

const seen = (at: number, extra: Partial<HintObservation> = {}): HintObservation => ({
  hintId: 'leader-election',
  at,
  message: `not the leader (${at})`,
  origin: 'retry',
  ...extra,
});

describe('HintTracker', () => {
  it('counts sightings with first and last time, evidence and a timeline', () => {
    const tracker = new HintTracker({ mergeWithinMs: 0 });
    expect(tracker.observe(seen(1000, { topic: 'out', partition: 2, broker: 'b1:9092' }))).toBe(true);
    expect(tracker.observe(seen(2000, { topic: 'out', partition: 0, broker: 'b1:9092' }))).toBe(false);
    tracker.observe(seen(3000, { origin: 'error', broker: 'b2:9092' }));
    const [hint] = tracker.list(3000);
    expect(hint).toMatchObject({
      id: 'leader-election',
      title: 'Leader election in progress',
      severity: 'warning',
      retriable: true,
      count: 3,
      retries: 2,
      firstAt: 1000,
      lastAt: 3000,
      active: true,
      topics: ['out'],
      partitions: ['out/2', 'out/0'],
      brokers: ['b1:9092', 'b2:9092'],
      lastMessage: 'not the leader (3000)',
    });
    expect(hint!.timeline.map((t) => t.at)).toEqual([1000, 2000, 3000]);
  });

  it('counts the two log lines of one failed request once, keeping both brokers', () => {
    const tracker = new HintTracker({ mergeWithinMs: 100 });
    tracker.observe(seen(1000, { broker: 'b1:9092', message: 'Response Produce: not the leader' }));
    tracker.observe(seen(1010, { message: 'Failed to send messages: not the leader' }));
    tracker.observe(seen(1500, { broker: 'b3:9092' }));
    const [hint] = tracker.list(1500);
    expect(hint!.count).toBe(2);
    expect(hint!.brokers).toEqual(['b1:9092', 'b3:9092']);
  });

  it('names a broker once, by id and address when both are known', () => {
    const tracker = new HintTracker();
    tracker.observe(seen(1, { broker: 'h:9001' }));
    tracker.observe(seen(2, { broker: 'broker 1 (h:9001)' }));
    tracker.observe(seen(3, { broker: 'h:9001' }));
    tracker.observe(seen(4, { broker: 'h:9002' }));
    expect(tracker.list(4)[0]!.brokers).toEqual(['broker 1 (h:9001)', 'h:9002']);
  });

  it('bounds the timeline and the evidence lists', () => {
    const tracker = new HintTracker({ timelineLength: 3, evidenceLength: 2, mergeWithinMs: 0 });
    for (let i = 0; i < 10; i++) tracker.observe(seen(i * 1000, { topic: 't', partition: i }));
    const [hint] = tracker.list(10_000);
    expect(hint!.count).toBe(10);
    expect(hint!.timeline.map((t) => t.at)).toEqual([7000, 8000, 9000]);
    expect(hint!.partitions).toEqual(['t/8', 't/9']);
  });

  it('turns inactive after the window, except settings the job still runs with', () => {
    const tracker = new HintTracker({ activeWindowMs: 60_000 });
    tracker.observe(seen(0));
    tracker.observe({ hintId: 'data-loss-risk', at: 0, message: 'acks=1', origin: 'config', settings: { acks: '1' } });
    const later = tracker.list(120_000);
    expect(later.find((h) => h.id === 'leader-election')!.active).toBe(false);
    expect(later.find((h) => h.id === 'data-loss-risk')).toMatchObject({ active: true, settings: { acks: '1' } });
    tracker.clearSticky();
    expect(tracker.list(120_000).every((h) => !h.active)).toBe(true);
  });

  it('lists the most severe first and hands out copies', () => {
    const tracker = new HintTracker();
    tracker.observe(seen(5000));
    tracker.observe({ hintId: 'record-too-large', at: 1000, message: 'too large', origin: 'error', topic: 'out' });
    const list = tracker.list(5000);
    expect(list.map((h) => h.id)).toEqual(['record-too-large', 'leader-election']);
    list[0]!.topics.push('mutated');
    expect(tracker.list(5000)[0]!.topics).toEqual(['out']);
  });
});
