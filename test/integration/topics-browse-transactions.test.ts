import type { Kafka } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { benchShape, createTopic, kafkaClient, uniqueName } from '../bench/helpers.js';
import { kcatConsume } from '../bench/kcat.js';
import type { ClusterAccess } from '../../main/services/clusters/cluster-access.js';
import { TopicsService } from '../../main/services/topics/topics-service.js';

// A topic written by a transactional producer ends on a transaction marker (and may hold aborted
// records), which no reader is handed. Browsing and scanning it must still end at its end, not
// wait for the timeout: with a timeout of an hour here, a read that waited would fail the test.

const HOUR_MS = 3_600_000;

function accessTo(kafka: Kafka): ClusterAccess {
  return {
    kafka: async () => kafka,
    async withAdmin(_cluster, work) {
      const admin = kafka.admin();
      await admin.connect();
      try {
        return await work(admin);
      } finally {
        await admin.disconnect();
      }
    },
  };
}

async function transactional(kafka: Kafka, topic: string, batches: { values: string[]; commit: boolean }[]) {
  const producer = kafka.producer({
    transactionalId: uniqueName('browse-tx'),
    idempotent: true,
    maxInFlightRequests: 1,
  });
  await producer.connect();
  try {
    for (const batch of batches) {
      const tx = await producer.transaction();
      await tx.send({ topic, messages: batch.values.map((value) => ({ partition: 0, key: value, value })) });
      await (batch.commit ? tx.commit() : tx.abort());
    }
  } finally {
    await producer.disconnect();
  }
}

describe('browsing a transactional topic', () => {
  it('reads to a range that ends on a commit marker or an aborted batch, and shows committed records only', async () => {
    const bootstrap = benchShape('kraft').bootstrap;
    const kafka = kafkaClient(bootstrap);
    const topic = await createTopic(bootstrap, { partitions: 1 });
    await transactional(kafka, topic, [
      { values: ['a', 'b', 'c'], commit: true },
      { values: ['x', 'y'], commit: false },
      { values: ['d'], commit: true },
      { values: ['z'], commit: false },
    ]);
    const topics = new TopicsService({ access: accessTo(kafka), browseTimeoutMs: HOUR_MS });
    const text = (value: { base64: string } | null) => Buffer.from(value?.base64 ?? '', 'base64').toString();

    const browsed = await topics.browse({ cluster: 'bench', topic, from: { mode: 'earliest' }, limit: 100 });
    expect(browsed.records.map((r) => text(r.value))).toEqual(['a', 'b', 'c', 'd']);

    const scanned = await topics.browse({
      cluster: 'bench',
      topic,
      from: { mode: 'earliest' },
      limit: 100,
      search: 'd',
    });
    expect(scanned.records.map((r) => text(r.value))).toEqual(['d']);
    expect(scanned.scan).toMatchObject({ read: 4, matched: 1 });
    expect(scanned.scan?.stoppedAt).not.toBe('timeout');

    // kcat, read_committed, agrees on what the topic holds.
    expect((await kcatConsume(bootstrap, topic, { readCommitted: true })).map((r) => r.value)).toEqual([
      'a',
      'b',
      'c',
      'd',
    ]);
  });
});
