import { describe, expect, it } from 'vitest';
import type { HintSummary } from '../../engine/job/index.js';
import { createTopic, freshTopic, kafkaClient, produceN } from '../bench/helpers.js';
import { bootstrap, jobSpec, recordedJob, withTimeout } from './engine-job-kit.js';

// Issue 17: a job whose sink topic does not exist read as "Leader election in progress": kafkajs
// retries the missing topic's metadata error (UNKNOWN_TOPIC_OR_PARTITION, "This server does not host
// this topic-partition"), the same code a leader move gives. The bench broker refuses auto-creation.

async function failedRun(spec: ReturnType<typeof jobSpec>) {
  const recorded = recordedJob(spec);
  const published: HintSummary[][] = [];
  recorded.job.on('hints', (event) => event && published.push(event.hints));
  await recorded.job.start().catch(() => undefined);
  const result = await withTimeout(recorded.job.done(), 90_000, `job ${spec.name} to end`);
  return { result, published };
}

describe('kraft: a missing topic is a missing topic', () => {
  it('the bench broker does not create topics on demand', async () => {
    const admin = kafkaClient(bootstrap()).admin();
    await admin.connect();
    try {
      const { brokers } = await admin.describeCluster();
      const configs = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: 4, name: String(brokers[0]!.nodeId), configNames: ['auto.create.topics.enable'] }],
      });
      expect(configs.resources[0]!.configEntries[0]!.configValue).toBe('false');
    } finally {
      await admin.disconnect();
    }
  });

  it('sink topic missing: the topic-missing hint names it, and no leader-election hint appears', async () => {
    const source = await createTopic(bootstrap(), { topic: freshTopic('orphan-in') });
    await produceN(bootstrap(), source, 5);
    const sink = freshTopic('never-created-sink');
    const { result, published } = await failedRun(
      jobSpec({ source: { topics: [source] }, sink: { type: 'kafka', topic: sink } }),
    );
    expect(result.state).toBe('failed');
    const ids = [...result.hints, ...published.flat()].map((h) => h.id);
    expect(ids).toContain('topic-missing');
    expect(ids).not.toContain('leader-election');
    expect(result.hints.find((h) => h.id === 'topic-missing')!.topics).toContain(sink);
  });

  it('source topic missing: the same, for the topic the job reads', async () => {
    const missing = freshTopic('never-created-source');
    const { result, published } = await failedRun(jobSpec({ source: { topics: [missing] } }));
    expect(result.state).toBe('failed');
    const ids = [...result.hints, ...published.flat()].map((h) => h.id);
    expect(ids).toContain('topic-missing');
    expect(ids).not.toContain('leader-election');
  });
});
