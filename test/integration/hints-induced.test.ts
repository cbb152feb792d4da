import { beforeAll, describe, expect, it } from 'vitest';
import type { HintSummary } from '../../engine/job/index.js';
import { ClusterConnections } from '../../engine/transport/cluster-connections.js';
import { createTopic, freshTopic, kafkaClient, produceN, uniqueName } from '../bench/helpers.js';
import { startSaslKafka } from '../bench/kafka-sasl.js';
import { startTunnelBench, tunnelProfile } from '../bench/netns-fixture.js';
import { buildCli, kafkaJob, runCli, tempDir, writeSpec } from './cli-kit.js';
import { bootstrap, commitGroupOffsets, jobSpec, recordedJob, withTimeout } from './engine-job-kit.js';

// Issue 6: each catalogue entry that can be induced on the bench is induced through a real job and
// seen among the job's hints, with its evidence. The rest are covered by engine/hints/match.spec.ts.

const hintOf = (hints: readonly HintSummary[], id: string): HintSummary => {
  const hint = hints.find((h) => h.id === id);
  if (!hint) throw new Error(`no "${id}" hint; hints: ${JSON.stringify(hints.map((h) => [h.id, h.lastMessage]))}`);
  return hint;
};

/** Starts the job, expecting start() to fail or the job to fail soon after; returns its result. */
async function failedRun(spec: ReturnType<typeof jobSpec>, options: Parameters<typeof recordedJob>[1] = {}) {
  const recorded = recordedJob(spec, options);
  const published: HintSummary[][] = [];
  recorded.job.on('hints', (event) => event && published.push(event.hints));
  await recorded.job.start().catch(() => undefined);
  const result = await withTimeout(recorded.job.done(), 90_000, `job ${spec.name} to end`);
  return { ...recorded, result, published };
}

describe('kraft: induced hints', () => {
  it('record too large: a record above the sink topic max.message.bytes', async () => {
    const source = await createTopic(bootstrap(), { topic: freshTopic('big-in') });
    const sink = await createTopic(bootstrap(), {
      topic: freshTopic('big-out'),
      configs: { 'max.message.bytes': '2000' },
    });
    await produceN(bootstrap(), source, 1, { value: () => 'x'.repeat(20_000) });
    const { result, published } = await failedRun(
      jobSpec({ source: { topics: [source] }, sink: { type: 'kafka', topic: sink } }),
    );
    expect(result.state).toBe('failed');
    expect(result.error?.hintId).toBe('record-too-large');
    const hint = hintOf(result.hints, 'record-too-large');
    expect(hint).toMatchObject({ severity: 'critical', retriable: false, active: true });
    expect(hint.count).toBeGreaterThan(0);
    expect(hint.lastMessage).toMatch(/larger than the max message size/);
    // Published live as well, not only in the result.
    expect(published.some((hints) => hints.some((h) => h.id === 'record-too-large'))).toBe(true);
  });

  it('topic missing: a job on a topic that does not exist (the bench has auto.create.topics.enable=false)', async () => {
    const missing = freshTopic('never-created');
    const { result } = await failedRun(jobSpec({ source: { topics: [missing] } }));
    expect(result.state).toBe('failed');
    const hint = hintOf(result.hints, 'topic-missing');
    expect(hint.topics).toEqual([missing]);
    expect(hint.count).toBe(1);
    // The engine did not create it either.
    const admin = kafkaClient(bootstrap()).admin();
    await admin.connect();
    try {
      expect(await admin.listTopics()).not.toContain(missing);
    } finally {
      await admin.disconnect();
    }
  });

  it('offset out of range: a committed offset below the log start after deleteRecords says where it reset', async () => {
    const topic = await createTopic(bootstrap(), { topic: freshTopic('trimmed'), partitions: 1 });
    await produceN(bootstrap(), topic, 20, { partition: 0 });
    const groupId = uniqueName('trimmed-group');
    await commitGroupOffsets(groupId, topic, { 0: 5 });
    const admin = kafkaClient(bootstrap()).admin();
    await admin.connect();
    try {
      // kafkajs finds partition leaders from metadata it must have loaded first.
      await admin.fetchTopicMetadata({ topics: [topic] });
      await admin.deleteTopicRecords({ topic, partitions: [{ partition: 0, offset: '12' }] });
    } finally {
      await admin.disconnect();
    }
    const recorded = recordedJob(
      jobSpec({
        source: {
          topics: [topic],
          groupId,
          startFrom: { mode: 'group-offsets', fallback: 'earliest' },
          stopAt: { mode: 'latest' },
        },
      }),
    );
    await recorded.job.start();
    const result = await withTimeout(recorded.job.done(), 60_000, 'the bounded job to finish');
    expect(result.state).toBe('finished');
    expect(recorded.events.started[0]!.positions).toEqual([
      { topic, partition: 0, offset: 12, reason: 'fallback-earliest' },
    ]);
    const hint = hintOf(result.hints, 'offset-out-of-range');
    expect(hint.partitions).toEqual([`${topic}/0`]);
    expect(hint.lastMessage).toBe(
      `offset 5 of ${topic}/0 is below the log start 12 (retention or deleteRecords removed offsets 5..11); ` +
        'reset to 12 (fallback-earliest), 7 offsets skipped',
    );
    expect(result.metrics.recordsIn).toBe(8);
  });

  it('data-loss settings: a sink topic with replication factor 1 and acks 1', async () => {
    const source = await createTopic(bootstrap(), { topic: freshTopic('loss-in') });
    const sink = await createTopic(bootstrap(), { topic: freshTopic('loss-out') });
    await produceN(bootstrap(), source, 3);
    const recorded = recordedJob(
      jobSpec({
        source: { topics: [source], stopAt: { mode: 'latest' } },
        sink: { type: 'kafka', topic: sink, acks: 1, idempotent: false },
      }),
    );
    await recorded.job.start();
    const result = await withTimeout(recorded.job.done(), 60_000, 'the bounded job to finish');
    expect(result.state).toBe('finished');
    expect(hintOf(result.hints, 'data-loss-risk').settings).toEqual({ acks: '1' });
    expect(hintOf(result.hints, 'replication-factor-one')).toMatchObject({
      topics: [sink],
      settings: { 'replication.factor': '1' },
    });
  });
});

describe('sluice run: hints on stderr', () => {
  beforeAll(buildCli);

  it('prints a hint when it appears and a summary with cause, remedy and docs at the end', async () => {
    const source = await createTopic(bootstrap(), { topic: freshTopic('cli-loss-in') });
    const sink = await createTopic(bootstrap(), { topic: freshTopic('cli-loss-out') });
    await produceN(bootstrap(), source, 3);
    const spec = kafkaJob({ input: source, output: sink, bounded: true });
    const result = await runCli(['run', writeSpec(spec), '--state-dir', tempDir()], { timeoutMs: 90_000 });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/^hint \[warning\] replication-factor-one: Topic has a single replica \(1×, at /m);
    expect(result.stderr).toContain('troubleshooting hint');
    expect(result.stderr).toContain('remedy: Use a replication factor of 3');
    expect(result.stderr).toContain('docs: https://kafka.apache.org/documentation/#replication');
  });
});

describe('sasl: induced hints', () => {
  it('SASL failure: a wrong password on a SASL/PLAIN listener; the right one gets in', async () => {
    const broker = await startSaslKafka('hints-sasl');
    try {
      const topic = await createTopic(broker.plainBootstrap, { topic: freshTopic('sasl-in') });
      const connect = (password: string) => async () => ({
        brokers: [broker.saslBootstrap],
        sasl: { mechanism: 'plain' as const, username: broker.user.username, password },
      });
      const spec = () =>
        jobSpec({ source: { cluster: { profile: 'sasl' }, topics: [topic], stopAt: { mode: 'latest' } } });

      const { result } = await failedRun(spec(), { resolveCluster: connect('wrong-password') });
      expect(result.state).toBe('failed');
      const hint = hintOf(result.hints, 'sasl-auth');
      expect(hint).toMatchObject({ severity: 'critical', retriable: false });
      expect(hint.lastMessage).toMatch(/SASL PLAIN authentication failed/);

      const recorded = recordedJob(spec(), { resolveCluster: connect(broker.user.password) });
      await recorded.job.start();
      const ok = await withTimeout(recorded.job.done(), 60_000, 'the job with the right password');
      expect(ok.state).toBe('finished');
      expect(ok.hints.map((h) => h.id)).not.toContain('sasl-auth');
    } finally {
      await broker.stop();
    }
  });
});

describe('ssh: induced hints', () => {
  it('host key changed: a job whose cluster profile pins another fingerprint', async () => {
    const bench = await startTunnelBench('hints-host-key', { needsKafka: false });
    try {
      const pinned = `SHA256:${'B'.repeat(43)}`;
      const profile = tunnelProfile(bench.sshd, {
        name: 'pinned-wrong',
        ssh: {
          host: bench.sshd.host,
          port: bench.sshd.port,
          user: bench.sshd.user,
          auth: { type: 'private-key', path: bench.sshd.privateKeyPath },
          hostKey: { fingerprint: pinned },
          connectTimeoutMs: 5_000,
        },
      });
      const connections = new ClusterConnections({ lookup: () => profile, env: {} });
      try {
        const spec = jobSpec({ source: { cluster: { profile: 'pinned-wrong' }, topics: ['anything'] } });
        const { result } = await failedRun(spec, { resolveCluster: (name) => connections.resolve(name) });
        expect(result.state).toBe('failed');
        const hint = hintOf(result.hints, 'ssh-host-key-changed');
        expect(hint).toMatchObject({
          severity: 'critical',
          retriable: false,
          brokers: [`${bench.sshd.host}:${bench.sshd.port}`],
        });
        expect(hint.lastMessage).toContain(pinned);
        expect(hint.lastMessage).toContain(bench.sshd.hostKeyFingerprint);
      } finally {
        await connections.close();
      }
    } finally {
      await bench.teardown();
    }
  });
});
