import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTopic, freshGroup, produceN, waitFor } from '../bench/helpers.js';
import { kcatOffsetForTimestamp } from '../bench/kcat.js';
import {
  bootstrap,
  commitGroupOffsets,
  fillPartitions,
  freshStateDir,
  jobSpec,
  offsetsByPartition,
  range,
  readNdjson,
  recordedJob,
  runBounded,
  withTimeout,
} from './engine-job-kit.js';

// Each start mode, read back through a file sink: which offsets of which partition the job read.

async function topicWith(partitions: number, perPartition: number): Promise<string> {
  const topic = await createTopic(bootstrap(), { partitions });
  await fillPartitions(topic, partitions, perPartition);
  return topic;
}

function fileJob(topic: string, startFrom: object, extra: { groupId?: string } = {}) {
  const path = join(freshStateDir(), 'out.ndjson');
  const spec = jobSpec({
    source: { topics: [topic], startFrom: startFrom as never, stopAt: { mode: 'latest' }, ...extra },
    sink: { type: 'file', path },
  });
  return { spec, path };
}

describe('engine start positions', () => {
  it('earliest reads every partition from its log start', async () => {
    const topic = await topicWith(2, 5);
    const { spec, path } = fileJob(topic, { mode: 'earliest' });
    const { result, events } = await runBounded(spec);
    expect(result.state).toBe('finished');
    expect(offsetsByPartition(await readNdjson(path), 2)).toEqual({ 0: range(0, 5), 1: range(0, 5) });
    expect(events.started[0]?.positions.map((p) => p.reason)).toEqual(['earliest', 'earliest']);
  });

  it('latest skips what is there at the start and reads what arrives after', async () => {
    const topic = await topicWith(2, 5);
    const path = join(freshStateDir(), 'out.ndjson');
    const spec = jobSpec({ source: { topics: [topic], startFrom: { mode: 'latest' } }, sink: { type: 'file', path } });
    const { job, events } = recordedJob(spec);
    await job.start();
    expect(events.started[0]?.positions.map((p) => p.offset)).toEqual([5, 5]);
    await fillPartitions(topic, 2, 3);
    await waitFor(async () => (await readNdjson(path)).length === 6, { message: '6 new records in the file' });
    await job.stop();
    expect((await job.done()).state).toBe('stopped');
    expect(offsetsByPartition(await readNdjson(path), 2)).toEqual({ 0: [5, 6, 7], 1: [5, 6, 7] });
  });

  it('timestamp starts at the offset kcat finds for that time, and at the end where no record is that new', async () => {
    const topic = await createTopic(bootstrap(), { partitions: 2 });
    const base = Date.now() - 3_600_000;
    // Partition 0 has records up to base+9s; partition 1 only up to base+2s, all older than the time.
    await fillPartitions(topic, 1, 10, { timestamp: (_, i) => base + i * 1_000 });
    await produceN(bootstrap(), topic, 3, { partition: 1, timestamp: (i) => base + i * 1_000 });
    const at = base + 6_500;
    const expected0 = await kcatOffsetForTimestamp(bootstrap(), topic, 0, at);
    expect(expected0).toBe(7);

    const { spec, path } = fileJob(topic, { mode: 'timestamp', timestamp: at });
    const { result, events } = await runBounded(spec);
    expect(result.state).toBe('finished');
    expect(events.started[0]?.positions).toEqual([
      { topic, partition: 0, offset: expected0, reason: 'timestamp' },
      { topic, partition: 1, offset: 3, reason: 'latest' },
    ]);
    expect(offsetsByPartition(await readNdjson(path), 2)).toEqual({ 0: [7, 8, 9], 1: [] });
  });

  it('group-offsets uses committed offsets and each fallback for a partition without one', async () => {
    const topic = await topicWith(2, 6);
    // Committing through the admin API takes seconds per group; commit both at once.
    const groups = { earliest: freshGroup('group-offsets'), latest: freshGroup('group-offsets') };
    await Promise.all(Object.values(groups).map((groupId) => commitGroupOffsets(groupId, topic, { 0: 4 })));
    const read = async (fallback: 'earliest' | 'latest') => {
      const groupId = groups[fallback];
      const { spec, path } = fileJob(topic, { mode: 'group-offsets', fallback }, { groupId });
      const { result } = await runBounded(spec);
      expect(result.state).toBe('finished');
      return offsetsByPartition(await readNdjson(path), 2);
    };
    expect(await read('earliest')).toEqual({ 0: [4, 5], 1: range(0, 6) });
    expect(await read('latest')).toEqual({ 0: [4, 5], 1: [] });
  });

  it('group-offsets with fallback none fails start naming the partition', async () => {
    const topic = await topicWith(2, 2);
    const groupId = freshGroup('group-none');
    await commitGroupOffsets(groupId, topic, { 0: 1 });
    const { spec } = fileJob(topic, { mode: 'group-offsets', fallback: 'none' }, { groupId });
    const { job } = recordedJob(spec);
    await expect(withTimeout(job.start(), 30_000, 'start to fail')).rejects.toThrow(
      new RegExp(`${topic}\\[1\\] \\(no committed offset\\).*fallback`),
    );
    const result = await job.done();
    expect(result.state).toBe('failed');
    expect(result.error?.hintId).toBe('offset-out-of-range');
  });

  it('specific-offsets: listed, unlisted with and without a committed offset, out of range', async () => {
    const topic = await topicWith(4, 6);
    const groups = { earliest: freshGroup('specific'), latest: freshGroup('specific') };
    await Promise.all(Object.values(groups).map((groupId) => commitGroupOffsets(groupId, topic, { 1: 3 })));
    const read = async (fallback: 'earliest' | 'latest') => {
      const groupId = groups[fallback];
      const { spec, path } = fileJob(
        topic,
        {
          mode: 'specific-offsets',
          offsets: [
            { topic, partition: 0, offset: 4 },
            { topic, partition: 3, offset: 99 },
          ],
          fallback,
        },
        { groupId },
      );
      const { result, events } = await runBounded(spec);
      expect(result.state).toBe('finished');
      return {
        read: offsetsByPartition(await readNdjson(path), 4),
        reasons: events.started[0]?.positions.map((p) => p.reason),
      };
    };
    expect(await read('earliest')).toEqual({
      read: { 0: [4, 5], 1: [3, 4, 5], 2: range(0, 6), 3: range(0, 6) },
      reasons: ['specific', 'committed', 'fallback-earliest', 'fallback-earliest'],
    });
    expect(await read('latest')).toEqual({
      read: { 0: [4, 5], 1: [3, 4, 5], 2: [], 3: [] },
      reasons: ['specific', 'committed', 'fallback-latest', 'fallback-latest'],
    });
  });

  it('a checkpoint wins over the start position when the job runs again', async () => {
    const topic = await topicWith(1, 4);
    const stateDir = freshStateDir();
    const path = join(stateDir, 'out.ndjson');
    const spec = jobSpec({
      source: { topics: [topic], startFrom: { mode: 'earliest' } },
      sink: { type: 'file', path },
    });
    const first = recordedJob(spec, { stateDir });
    await first.job.start();
    await waitFor(async () => (await readNdjson(path)).length === 4, { message: 'the first 4 records' });
    await first.job.stop();
    await fillPartitions(topic, 1, 2);
    const second = recordedJob(spec, { stateDir });
    await second.job.start();
    expect(second.events.started[0]).toMatchObject({ restoredFrom: first.events.checkpoint.at(-1)?.checkpointId });
    expect(second.events.started[0]?.positions).toEqual([{ topic, partition: 0, offset: 4, reason: 'checkpoint' }]);
    await waitFor(async () => (await readNdjson(path)).length === 6, { message: '6 records in all' });
    await second.job.stop();
    expect(offsetsByPartition(await readNdjson(path), 1)).toEqual({ 0: range(0, 6) });
  });
});
