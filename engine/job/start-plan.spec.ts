import type { Admin } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import type { Checkpoint } from '../checkpoints/index.js';
import { parseJobSpec, type JobSpec, type StopAt } from '../spec/index.js';
import { buildStartPlan, type JobMemory } from './start-plan.js';

const topic = 'orders';
const p0 = { topic, partition: 0 };
const p1 = { topic, partition: 1 };

/** An admin that knows one topic's log ends (all logs start at 0) and no committed offsets. */
function fakeAdmin(ends: number[]): Admin {
  return {
    fetchTopicOffsets: async () =>
      ends.map((end, partition) => ({ partition, offset: String(end), high: String(end), low: '0' })),
    fetchOffsets: async () => [{ topic, partitions: ends.map((_, partition) => ({ partition, offset: '-1' })) }],
    fetchTopicOffsetsByTimestamp: async () => ends.map((end, partition) => ({ partition, offset: String(end) })),
  } as unknown as Admin;
}

function spec(stopAt: StopAt | undefined): JobSpec {
  const parsed = parseJobSpec({
    version: 1,
    name: 'orders-replay',
    source: { cluster: { bootstrapServers: ['k:9092'] }, topics: [topic], groupId: 'g', ...(stopAt ? { stopAt } : {}) },
    sink: { type: 'none' },
  });
  if (!parsed.ok) throw new Error('invalid test spec');
  return parsed.value;
}

const checkpoint = (stops: Checkpoint['stops']): Checkpoint => ({
  version: 1,
  jobName: 'orders-replay',
  checkpointId: 4,
  takenAt: 1,
  offsets: [
    { ...p0, offset: 40 },
    { ...p1, offset: 10 },
  ],
  partitions: [p0, p1],
  ...(stops ? { stops } : {}),
  sink: null,
});

async function plan(options: {
  ends: number[];
  stopAt?: StopAt;
  checkpoint?: Checkpoint;
  memory?: JobMemory;
}): Promise<{ stops: string[] | undefined; positions: string[]; warnings: string[] }> {
  const partitions = options.ends.map((_, partition) => ({ topic, partition }));
  const result = await buildStartPlan({
    admin: fakeAdmin(options.ends),
    transactional: undefined,
    spec: spec(options.stopAt ?? { mode: 'latest' }),
    topics: [topic],
    partitions,
    checkpoint: options.checkpoint,
    explicit: false,
    memory: options.memory ?? {},
  });
  return {
    stops: result.stops && [...result.stops].map(([tp, s]) => `${tp.partition}:${s.kind === 'at' ? s.offset : s.kind}`),
    positions: [...result.positions].map(([tp, p]) => `${tp.partition}:${p.offset}`),
    warnings: result.warnings,
  };
}

describe('buildStartPlan: stops of a bounded job', () => {
  it('resolves stopAt on the first start and keeps it for restarts in the same process', async () => {
    const memory: JobMemory = {};
    expect((await plan({ ends: [50, 20], memory })).stops).toEqual(['0:50', '1:20']);
    // The logs grew; a restart of this process still stops where the first run would have.
    expect((await plan({ ends: [90, 60], memory, checkpoint: checkpoint(undefined) })).stops).toEqual(['0:50', '1:20']);
  });

  it("restored in a new process, takes the checkpoint's stops instead of resolving again", async () => {
    const memory: JobMemory = {};
    const restored = await plan({
      ends: [90, 60],
      memory,
      checkpoint: checkpoint([
        { ...p0, offset: 50 },
        { ...p1, offset: 20 },
      ]),
    });
    expect(restored).toEqual({ stops: ['0:50', '1:20'], positions: ['0:40', '1:10'], warnings: [] });
    // Later restarts of this process keep them too.
    expect(memory.stops?.get(p0)).toEqual({ kind: 'at', offset: 50 });
    // Whatever the spec's stopAt resolves to now.
    const timestamp = await plan({
      ends: [90, 60],
      stopAt: { mode: 'timestamp', timestamp: 1 },
      checkpoint: checkpoint([{ ...p0, offset: 50 }]),
    });
    expect(timestamp.stops).toEqual(['0:50', '1:not-read']);
  });

  it('after a checkpoint of a finished run, starts a new run to the stops found now', async () => {
    const finished = {
      ...checkpoint([{ ...p0, offset: 40 }]),
      offsets: [
        { ...p0, offset: 40 },
        { ...p1, offset: 10 },
      ],
    };
    // p0 reached its stop and p1 was not read: that run was complete.
    const next = await plan({ ends: [90, 60], checkpoint: finished });
    expect(next).toEqual({ stops: ['0:90', '1:60'], positions: ['0:40', '1:10'], warnings: [] });
  });

  it('leaves a partition created since the first start unread, with a warning', async () => {
    const restored = await plan({
      ends: [90, 60, 30],
      checkpoint: checkpoint([
        { ...p0, offset: 50 },
        { ...p1, offset: 20 },
      ]),
    });
    expect(restored.stops).toEqual(['0:50', '1:20', '2:not-read']);
    expect(restored.positions).toEqual(['0:40', '1:10', '2:0']);
    expect(restored.warnings).toEqual([expect.stringMatching(/not reading orders\[2\]: created after/)]);
  });

  it('resolves again, with a warning, from a checkpoint written before stops were stored', async () => {
    const restored = await plan({ ends: [90, 60], checkpoint: checkpoint(undefined) });
    expect(restored.stops).toEqual(['0:90', '1:60']);
    expect(restored.warnings).toEqual([expect.stringMatching(/checkpoint 4 holds no stop offsets/)]);
  });

  it('warns when a stop is past the log end, as after the topic was recreated', async () => {
    const restored = await plan({
      ends: [30, 60],
      checkpoint: checkpoint([
        { ...p0, offset: 50 },
        { ...p1, offset: 20 },
      ]),
    });
    expect(restored.warnings).toContainEqual(
      expect.stringMatching(/stop offset 50 of orders\[0\] is past its log end 30/),
    );
  });

  it('an unbounded job ignores stops in the checkpoint', async () => {
    const partitions = [p0, p1];
    const result = await buildStartPlan({
      admin: fakeAdmin([90, 60]),
      transactional: undefined,
      spec: spec(undefined),
      topics: [topic],
      partitions,
      checkpoint: checkpoint([{ ...p0, offset: 50 }]),
      explicit: false,
      memory: {},
    });
    expect(result.stops).toBeUndefined();
  });
});
