import { rm } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { JobSpec } from '../../engine/spec/index.js';
import { benchShape, createTopic, kafkaClient, uniqueName, waitFor } from '../bench/helpers.js';
import { kcatConsume } from '../bench/kcat.js';
import { parseCommitTag, type CommitTag } from '../../engine/offsets/commit-metadata.js';
import { fetchCarriedOffsets } from '../../engine/offsets/fetch-offsets.js';
import { bootstrap, fetchGroupOffsets, fillPartitions, freshStateDir, jobSpec, recordedJob } from './engine-job-kit.js';

// Exactly-once into Kafka: read back with read_committed (kcat), every source record exactly once.

/** `sinkCluster`: another cluster's bootstrap for a copy between clusters. */
function exactlyOnceSpec(source: string, sink: string, sinkCluster?: string): JobSpec {
  return jobSpec({
    source: { topics: [source] },
    sink: {
      type: 'kafka',
      topic: sink,
      deliveryGuarantee: 'exactly-once',
      transactionalIdPrefix: uniqueName('tx'),
      ...(sinkCluster ? { cluster: { bootstrapServers: [sinkCluster] } } : {}),
    },
    checkpoint: { intervalMs: 300 },
  });
}

async function committedValues(topic: string, cluster = bootstrap()): Promise<string[]> {
  return (await kcatConsume(cluster, topic, { readCommitted: true })).map((r) => r.value!);
}

const expectedValues = (partitions: number, count: number) =>
  Array.from({ length: partitions }, (_, p) => Array.from({ length: count }, (_, i) => `p${p}-${i}`))
    .flat()
    .sort();

/** The commit tag of the offsets the last transaction committed: in the group, or carried on the sink's cluster. */
async function transactionalTag(spec: JobSpec, source: string, sinkCluster: string): Promise<CommitTag> {
  if (sinkCluster === bootstrap()) {
    const [group] = await fetchGroupOffsets(spec.source.groupId, source);
    return parseCommitTag(group?.metadata)!;
  }
  if (spec.sink.type !== 'kafka') throw new Error('a Kafka sink was expected');
  const admin = kafkaClient(sinkCluster).admin();
  await admin.connect();
  try {
    const carried = await fetchCarriedOffsets(admin, spec.source.groupId, spec.sink.topic);
    expect(carried.get({ topic: source, partition: 0 })?.offset).toBe(8);
    return parseCommitTag(carried.get({ topic: source, partition: 0 })?.metadata)!;
  } finally {
    await admin.disconnect();
  }
}

/** Runs the job until the sink holds `count` committed records, then stops it gracefully. */
async function runUntil(spec: JobSpec, stateDir: string, sink: string, count: number, cluster = bootstrap()) {
  const recorded = recordedJob(spec, { stateDir });
  await recorded.job.start();
  await waitFor(async () => (await committedValues(sink, cluster)).length >= count, {
    message: `${count} committed records in ${sink}`,
    timeoutMs: 30_000,
  });
  await recorded.job.stop();
  expect((await recorded.job.done()).state).toBe('stopped');
  return recorded;
}

describe('engine exactly-once', () => {
  it('holds each record once across a graceful stop and a restart', async () => {
    const source = await createTopic(bootstrap(), { partitions: 2 });
    const sink = await createTopic(bootstrap(), { partitions: 2 });
    const spec = exactlyOnceSpec(source, sink);
    const stateDir = freshStateDir();
    await fillPartitions(source, 2, 10);
    const first = await runUntil(spec, stateDir, sink, 20);

    // The group's offsets were written inside the transactions, tagged with the checkpoint.
    const group = await fetchGroupOffsets(spec.source.groupId, source);
    expect(group.map((g) => g.offset)).toEqual([10, 10]);
    const tag = parseCommitTag(group[0]!.metadata);
    expect(tag?.job).toBe(spec.name);
    expect(first.events.checkpoint.map((c) => c.checkpointId)).toContain(tag?.checkpointId);

    await fillPartitions(source, 2, 5, { from: 10 });
    const second = await runUntil(spec, stateDir, sink, 30);
    expect(second.events.started[0]?.positions.map((p) => p.offset)).toEqual([10, 10]);

    expect((await committedValues(sink)).sort()).toEqual(expectedValues(2, 15));
  });

  // The transaction commits the consumed offsets to the group on the sink's cluster; for a copy
  // between clusters that is not where the source's group lives, and restore must look there.
  it.each([
    ['on one cluster', () => bootstrap()],
    ['between two clusters', () => benchShape('zk').bootstrap],
  ])(
    'a crash between the transaction commit and the checkpoint file neither duplicates nor loses, %s',
    async (_, sinkCluster) => {
      const target = sinkCluster();
      const source = await createTopic(bootstrap());
      const sink = await createTopic(target);
      const spec = exactlyOnceSpec(source, sink, target === bootstrap() ? undefined : target);
      const stateDir = freshStateDir();
      await fillPartitions(source, 1, 8);
      const first = await runUntil(spec, stateDir, sink, 8, target);

      // The last transaction committed (its checkpoint id is in the group's offset metadata), but
      // its checkpoint file and any later ones "never got written". On a slow machine later empty
      // checkpoints (no new records, no transaction) may have pruned that file already (retention).
      const committedWith = (await transactionalTag(spec, source, target)).checkpointId;
      for (const c of first.events.checkpoint) if (c.checkpointId >= committedWith) await rm(c.path, { force: true });
      await fillPartitions(source, 1, 4, { from: 8 });

      const second = await runUntil(spec, stateDir, sink, 12, target);
      expect(second.events.started[0]).toMatchObject({ transactionalFrom: committedWith });
      expect(second.events.started[0]?.positions).toEqual([
        { topic: source, partition: 0, offset: 8, reason: 'transaction' },
      ]);
      expect((await committedValues(sink, target)).sort()).toEqual(expectedValues(1, 12));
    },
  );

  it("a crashed run's open transaction is aborted when the job starts again", async () => {
    const source = await createTopic(bootstrap());
    const sink = await createTopic(bootstrap());
    const spec = exactlyOnceSpec(source, sink);
    if (spec.sink.type !== 'kafka') throw new Error('unreachable');
    // A "crashed run": a producer with the job's transactional id left a transaction open.
    const ghost = kafkaClient(bootstrap()).producer({
      transactionalId: `${spec.sink.transactionalIdPrefix}-0`,
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await ghost.connect();
    const transaction = await ghost.transaction();
    await transaction.send({ topic: sink, messages: [{ value: 'ghost-1' }, { value: 'ghost-2' }] });
    await fillPartitions(source, 1, 5);

    await runUntil(spec, freshStateDir(), sink, 5);
    await ghost.disconnect();

    expect((await committedValues(sink)).sort()).toEqual(expectedValues(1, 5));
    const everything = (await kcatConsume(bootstrap(), sink)).map((r) => r.value);
    expect(everything).toEqual(expect.arrayContaining(['ghost-1', 'ghost-2']));
  });
});
