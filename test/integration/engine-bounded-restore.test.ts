import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CheckpointStore } from '../../engine/checkpoints/index.js';
import { createTopic, kafkaClient, waitFor } from '../bench/helpers.js';
import {
  bootstrap,
  fillPartitions,
  freshStateDir,
  jobSpec,
  offsetsByPartition,
  range,
  readNdjson,
  recordedJob,
  withTimeout,
} from './engine-job-kit.js';

// A bounded run's stop offsets survive the process: resumed from a checkpoint in a new job before it
// finished, it ends where it would have, however much arrived in between.

describe('engine bounded job restored in a new process', () => {
  it('finishes at the end offsets of its first start, not the ones found at the restore', async () => {
    const topic = await createTopic(bootstrap(), { partitions: 2 });
    await fillPartitions(topic, 2, 10);
    const stateDir = freshStateDir();
    const path = join(stateDir, 'out.ndjson');
    const spec = jobSpec({
      source: { topics: [topic], stopAt: { mode: 'latest' } },
      sink: { type: 'file', path },
      checkpoint: { intervalMs: 200 },
    });

    // Another member of the job's group holds one partition, so the first run can only read the
    // other one: it is stopped mid-way, one partition done and one not started.
    const blocker = kafkaClient(bootstrap()).consumer({ groupId: spec.source.groupId });
    let blockerJoined = false;
    blocker.on(blocker.events.GROUP_JOIN, () => (blockerJoined = true));
    await blocker.connect();
    let first;
    try {
      await blocker.subscribe({ topics: [topic], fromBeginning: true });
      await blocker.run({ autoCommit: false, eachBatch: async () => undefined });
      await waitFor(() => blockerJoined, { message: 'the other member in the group' });

      first = recordedJob(spec, { stateDir });
      await first.job.start();
      await waitFor(async () => (await readNdjson(path)).length === 10, { message: 'one partition read' });
      await waitFor(() => first!.events.checkpoint.length > 0, { message: 'a checkpoint' });
      await first.job.stop();
    } finally {
      await blocker.disconnect();
    }
    expect((await first.job.done()).state).toBe('stopped');
    const cut = first.events.checkpoint.at(-1)!;
    expect(cut.final).toBe(true);
    expect(cut.offsets.map((o) => o.offset).sort((a, b) => a - b)).toEqual([0, 10]);
    const store = new CheckpointStore({ stateDir, jobName: spec.name, retain: 3 });
    expect((await store.latest())?.stops).toEqual([
      { topic, partition: 0, offset: 10 },
      { topic, partition: 1, offset: 10 },
    ]);

    // More records arrive; a fresh job (nothing in memory, as in a new process) resumes.
    await fillPartitions(topic, 2, 5, { from: 10 });
    const second = recordedJob(spec, { stateDir });
    await second.job.start();
    const result = await withTimeout(second.job.done(), 60_000, 'the restored job to finish');

    expect(result.state).toBe('finished');
    expect(second.events.started[0]?.restoredFrom).toBe(cut.checkpointId);
    expect(offsetsByPartition(await readNdjson(path), 2)).toEqual({ 0: range(0, 10), 1: range(0, 10) });
    expect(second.events.checkpoint.at(-1)?.offsets.map((o) => o.offset)).toEqual([10, 10]);
    expect(result.metrics.partitions.map((p) => p.stopOffset)).toEqual([10, 10]);

    // That run finished, so the next one is a new bounded run: it reads what arrived meanwhile.
    const third = recordedJob(spec, { stateDir });
    await third.job.start();
    expect((await withTimeout(third.job.done(), 60_000, 'the next run to finish')).state).toBe('finished');
    expect(offsetsByPartition(await readNdjson(path), 2)).toEqual({ 0: range(0, 15), 1: range(0, 15) });
  });
});
