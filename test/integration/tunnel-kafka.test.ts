import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:net';
import { Kafka, logLevel, Partitioners, type KafkaConfig } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProgram } from '../../engine/cli/program.js';
import type { CliIo } from '../../engine/cli/cli-io.js';
import { classifyError, SluiceError } from '../../engine/errors/index.js';
import { createJob, type Job } from '../../engine/job/index.js';
import type { ClusterConnection } from '../../engine/job/kafka-clients.js';
import type { ClusterProfile, ClusterProfileInput } from '../../engine/spec/cluster-profile.js';
import { parseJobSpec, type JobSpecInput } from '../../engine/spec/index.js';
import { ClusterConnections } from '../../engine/transport/cluster-connections.js';
import { openLocalForward } from '../../engine/transport/local-forward.js';
import { freshGroup, freshTopic, waitFor } from '../bench/helpers.js';
import { ALIAS_HOST, PORTS, startNetnsKraft, type NetnsKraft } from '../bench/netns-kafka.js';
import {
  directSocketFactory,
  kcatInside,
  startTunnelBench,
  tunnelProfile,
  type TunnelBench,
} from '../bench/netns-fixture.js';
import { makeTlsMaterial, type TlsMaterial } from '../bench/netns-tls.js';

// A broker that this process cannot reach: it listens on the loopback of its own network
// namespace and advertises `kafka-inside`, a name only that namespace resolves. The only way in
// is OpenSSH's sshd on the namespace's veth address. Everything here goes through the tunnel.

let bench: TunnelBench;
let kafka: NetnsKraft;
let tls: TlsMaterial;
const SCRAM_256 = { mechanism: 'SCRAM-SHA-256' as const, name: 'alice', password: 'alice-pw-7f3a' };
const SCRAM_512 = { mechanism: 'SCRAM-SHA-512' as const, name: 'bob', password: 'bob-pw-2c9e' };
const env = { ALICE_PASSWORD: SCRAM_256.password, BOB_PASSWORD: SCRAM_512.password, WRONG_PASSWORD: 'nope' };

beforeAll(async () => {
  bench = await startTunnelBench('tunnel-kafka', { needsKafka: true });
  try {
    tls = await makeTlsMaterial(join(bench.ctx.dataDir, 'tls'), ['kafka-inside'], join(bench.ctx.logDir, 'tls.log'));
    kafka = await startNetnsKraft(bench.ctx, bench.ns, bench.stateDir, { tls, scram: [SCRAM_256, SCRAM_512] });
    bench.onTeardown(() => kafka.process.stop({ graceMs: 5_000 }));
  } catch (error) {
    await bench.teardown();
    throw error;
  }
});
afterAll(async () => {
  await bench?.teardown();
});

const profiles: Record<string, (name: string) => Partial<ClusterProfileInput>> = {
  plaintext: () => ({ bootstrapServers: [kafka.plaintext] }),
  tls: () => ({
    bootstrapServers: [kafka.ssl],
    tls: { ca: tls.caPath, cert: tls.clientCertPath, key: tls.clientKeyPath },
  }),
  scram256: () => ({
    bootstrapServers: [kafka.saslSsl],
    tls: { ca: tls.caPath },
    sasl: { mechanism: 'scram-sha-256', username: 'alice', password: { secret: 'env:ALICE_PASSWORD' } },
  }),
  scram512: () => ({
    bootstrapServers: [kafka.saslSsl],
    tls: { ca: tls.caPath },
    sasl: { mechanism: 'scram-sha-512', username: 'bob', password: { secret: 'env:BOB_PASSWORD' } },
  }),
};

function profile(kind: keyof typeof profiles, extra: Partial<ClusterProfileInput> = {}): ClusterProfile {
  return tunnelProfile(bench.sshd, { name: kind, ...profiles[kind]!(kind), ...extra });
}

function connections(...list: ClusterProfile[]): ClusterConnections {
  return new ClusterConnections({ lookup: (name) => list.find((p) => p.name === name), env });
}

function kafkaFor(connection: ClusterConnection, config: Partial<KafkaConfig> = {}): Kafka {
  return new Kafka({
    clientId: 'sluice-tunnel-test',
    brokers: connection.brokers,
    logLevel: logLevel.NOTHING,
    retry: { retries: 5, initialRetryTime: 200 },
    ...(connection.ssl ? { ssl: connection.ssl } : {}),
    ...(connection.sasl ? { sasl: connection.sasl } : {}),
    ...(connection.socketFactory ? { socketFactory: connection.socketFactory } : {}),
    ...config,
  });
}

/** Creates a topic, produces `count` records and reads them back, all through the connection. */
async function roundTrip(connection: ClusterConnection, count: number): Promise<string[]> {
  const client = kafkaFor(connection);
  const topic = freshTopic('tunnel');
  const admin = client.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
  const producer = client.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  await producer.send({
    topic,
    messages: Array.from({ length: count }, (_, i) => ({ key: `k${i}`, value: `v${i}` })),
  });
  await producer.disconnect();
  const consumer = client.consumer({ groupId: freshGroup('tunnel'), maxWaitTimeInMs: 200 });
  const seen: string[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void seen.push(message.value?.toString() ?? '') });
    await waitFor(() => seen.length >= count, { message: () => `${count} records (have ${seen.length})` });
  } finally {
    await consumer.disconnect();
  }
  return seen.sort();
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

describe('Kafka through the SSH jump host', () => {
  it('cannot reach the broker without the tunnel, nor with only the bootstrap port forwarded', async () => {
    // Nothing listens on the namespace's reachable address: the broker is bound to its loopback.
    for (const port of [PORTS.plaintext, PORTS.ssl, PORTS.saslSsl]) {
      const refused = await new Promise<string>((resolve) => {
        const socket = connect({ host: bench.ns.address, port });
        socket.once('connect', () => resolve('connected'));
        socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      });
      expect(refused).toBe('ECONNREFUSED');
    }
    // The advertised name means nothing here.
    const direct = kafkaFor(
      { brokers: [kafka.plaintext], socketFactory: directSocketFactory },
      { retry: { retries: 0 }, connectionTimeout: 2_000 },
    ).admin();
    const error = await rejection(direct.connect());
    expect(error.message).toMatch(/ENOTFOUND kafka-inside/);

    // The classic half-way setup: a local forward of the bootstrap port only. Metadata then sends
    // the client to kafka-inside:29092, which it cannot reach.
    const c = connections(profile('plaintext'));
    try {
      const topic = await createTopicWith(await c.resolve('plaintext'), 1, 0);
      const tunnel = (await c.tunnel('plaintext'))!;
      const forward = await openLocalForward(tunnel, 'kafka-inside', PORTS.plaintext);
      try {
        const client = kafkaFor(
          { brokers: [`${forward.host}:${forward.port}`], socketFactory: directSocketFactory },
          { retry: { retries: 1, initialRetryTime: 100 }, connectionTimeout: 2_000 },
        );
        // The bootstrap connection works: it is the one port that is forwarded.
        const admin = client.admin();
        await admin.connect();
        await admin.disconnect();
        const producer = client.producer({ createPartitioner: Partitioners.DefaultPartitioner });
        const sendError = await rejection(
          producer.connect().then(() => producer.send({ topic, messages: [{ value: 'x' }] })),
        );
        expect(sendError.message).toMatch(/ENOTFOUND kafka-inside/);
        expect(classifyError(sendError).hintId).toBe('broker-unreachable');
        await producer.disconnect().catch(() => undefined);
      } finally {
        await forward.close();
      }
    } finally {
      await c.close();
    }
  });

  it('produces and consumes over one SSH connection, every broker connection through it', async () => {
    const c = connections(profile('plaintext'));
    const loginsBefore = bench.sshd.acceptedLogins();
    try {
      const connection = await c.resolve('plaintext');
      expect(await c.resolve('plaintext')).toBe(connection);
      const values = await roundTrip(connection, 40);
      expect(values).toEqual(Array.from({ length: 40 }, (_, i) => `v${i}`).sort());
      expect(bench.sshd.acceptedLogins()).toBe(loginsBefore + 1);
    } finally {
      await c.close();
    }
  });

  it('runs a job whose source and sink name the profile', async () => {
    const c = connections(profile('plaintext'));
    try {
      const connection = await c.resolve('plaintext');
      const input = await createTopicWith(connection, 3, 90);
      const output = freshTopic('tunnel-out');
      await createTopicWith(connection, 1, 0, output);
      const job = createJob(
        jobSpec({
          source: {
            cluster: { profile: 'plaintext' },
            topics: [input],
            groupId: freshGroup('tj'),
            stopAt: { mode: 'latest' },
          },
          sink: { type: 'kafka', cluster: { profile: 'plaintext' }, topic: output },
        }),
        { stateDir: mkdtempSync(join(tmpdir(), 'sluice-tunnel-job-')), resolveCluster: c.resolve },
      );
      await job.start();
      const result = await job.done();
      expect(result.state).toBe('finished');
      expect(result.metrics.recordsOut).toBe(90);
      const written = await kcatInside(bench.ns, [
        '-C',
        '-b',
        `127.0.0.1:${PORTS.plaintext}`,
        '-t',
        output,
        '-e',
        '-q',
        '-f',
        '%s\\n',
      ]);
      expect(new Set(written.trim().split('\n')).size).toBe(90);
    } finally {
      await c.close();
    }
  });

  it('runs TLS inside the tunnel with a client certificate, checking the advertised name', async () => {
    const c = connections(
      profile('tls'),
      profile('tls', { name: 'tls-alias', bootstrapServers: [`${ALIAS_HOST}:${PORTS.ssl}`] }),
      profile('tls', {
        name: 'tls-other-ca',
        tls: { ca: tls.otherCaPath, cert: tls.clientCertPath, key: tls.clientKeyPath },
      }),
    );
    try {
      expect(await roundTrip(await c.resolve('tls'), 10)).toHaveLength(10);
      // Same broker, a name its certificate does not carry: refused by the server-name check.
      const alias = await rejection(
        kafkaFor(await c.resolve('tls-alias'), { retry: { retries: 0 } })
          .admin()
          .connect(),
      );
      expect(classifyError(alias).hintId).toBe('tls');
      expect(alias.message).toMatch(/kafka-alias/);
      const otherCa = await rejection(
        kafkaFor(await c.resolve('tls-other-ca'), { retry: { retries: 0 } })
          .admin()
          .connect(),
      );
      expect(classifyError(otherCa).hintId).toBe('tls');
    } finally {
      await c.close();
    }
  });

  it('authenticates with SCRAM-SHA-256 and -512 over TLS through the tunnel, and refuses a wrong password', async () => {
    const wrong = profile('scram256', {
      name: 'scram-wrong',
      sasl: { mechanism: 'scram-sha-256', username: 'alice', password: { secret: 'env:WRONG_PASSWORD' } },
    });
    const c = connections(profile('scram256'), profile('scram512'), wrong);
    try {
      expect(await roundTrip(await c.resolve('scram256'), 5)).toHaveLength(5);
      expect(await roundTrip(await c.resolve('scram512'), 5)).toHaveLength(5);
      const error = await rejection(
        kafkaFor(await c.resolve('scram-wrong'), { retry: { retries: 0 } })
          .admin()
          .connect(),
      );
      expect(classifyError(error).hintId).toBe('sasl-auth');
    } finally {
      await c.close();
    }
  });

  it('`sluice cluster test` reports each step, and names the step that fails', async () => {
    const file = join(bench.ctx.configDir, 'clusters.json');
    const empty = join(bench.ctx.dataDir, 'known_hosts_none');
    writeFileSync(empty, '');
    const unknownKey = profile('scram256', { name: 'new-host' });
    unknownKey.ssh!.hostKey = { knownHostsFile: empty };
    writeFileSync(
      file,
      JSON.stringify({
        version: 1,
        clusters: [
          profile('scram256'),
          profile('scram256', {
            name: 'bad-sasl',
            sasl: { mechanism: 'scram-sha-256', username: 'alice', password: { secret: 'env:WRONG_PASSWORD' } },
          }),
          unknownKey,
        ],
      }),
    );
    const ok = await sluice(['cluster', 'test', 'scram256', '--clusters', file, '--json']);
    expect(ok.code).toBe(0);
    const report = JSON.parse(ok.out) as { ok: boolean; steps: { step: string; status: string; target: string }[] };
    expect(report.ok).toBe(true);
    expect(report.steps.map((s) => `${s.step} ${s.status}`)).toEqual([
      'ssh-connect ok',
      'host-key ok',
      'ssh-auth ok',
      'bootstrap ok',
      'metadata ok',
      'broker ok',
    ]);
    expect(report.steps.find((s) => s.step === 'broker')?.target).toBe(kafka.saslSsl);

    const bad = await sluice(['cluster', 'test', 'bad-sasl', '--clusters', file]);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/FAILED\s+bootstrap/);
    expect(bad.err).toMatch(/bootstrap kafka-inside:29094 failed: .*\[hint: sasl-auth\]/);
    // Each step is reported on stderr as it ends, before the table.
    expect(bad.err).toMatch(/^sluice: ssh-connect .*: ok$/m);
    expect(bad.err).toMatch(/^sluice: bootstrap kafka-inside:29094: failed$/m);

    const unknown = await sluice(['cluster', 'test', 'new-host', '--clusters', file]);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('[hint: ssh-host-key-unknown]');
    const trusted = await sluice([
      'cluster',
      'test',
      'new-host',
      '--clusters',
      file,
      '--trust-host-key',
      bench.sshd.hostKeyFingerprint,
    ]);
    expect(trusted.code).toBe(0);
    expect(trusted.out).toContain(`${bench.sshd.hostKeyFingerprint} (trusted by decision)`);
  });

  it('`sluice run` resolves a {profile} cluster from the profiles file and runs through the tunnel', async () => {
    const file = join(bench.ctx.configDir, 'clusters-run.json');
    writeFileSync(file, JSON.stringify({ version: 1, clusters: [profile('scram512', { name: 'prod' })] }));
    const c = connections(profile('scram512'));
    let input: string;
    try {
      input = await createTopicWith(await c.resolve('scram512'), 2, 25);
    } finally {
      await c.close();
    }
    const output = freshTopic('tunnel-run-out');
    const jobFile = join(bench.ctx.configDir, 'job-run.json');
    writeFileSync(
      jobFile,
      JSON.stringify({
        version: 1,
        name: freshTopic('tunnel-run'),
        source: {
          cluster: { profile: 'prod' },
          topics: [input],
          groupId: freshGroup('run'),
          stopAt: { mode: 'latest' },
        },
        sink: { type: 'file', path: join(bench.ctx.dataDir, `${output}.ndjson`) },
        restart: { strategy: 'none' },
      }),
    );
    const stateDir = mkdtempSync(join(tmpdir(), 'sluice-tunnel-run-'));
    const run = await sluice(['run', jobFile, '--clusters', file, '--state-dir', stateDir]);
    expect(run.err).toMatch(/finished \(25 records in, 25 out/);
    expect(run.code).toBe(0);
  });

  it('keeps an at-least-once job going when the jump host goes down and comes back, losing nothing', async () => {
    const c = connections(profile('plaintext'));
    let job: Job | undefined;
    try {
      const connection = await c.resolve('plaintext');
      const input = await createTopicWith(connection, 3, 0);
      const output = freshTopic('tunnel-reconnect-out');
      await createTopicWith(connection, 3, 0, output);
      const produceInside = (from: number, to: number) =>
        kcatInside(
          bench.ns,
          ['-P', '-b', `127.0.0.1:${PORTS.plaintext}`, '-t', input],
          Array.from({ length: to - from }, (_, i) => `r-${from + i}\n`).join(''),
        );
      const sink = async () =>
        (
          await kcatInside(bench.ns, [
            '-C',
            '-b',
            `127.0.0.1:${PORTS.plaintext}`,
            '-t',
            output,
            '-e',
            '-q',
            '-f',
            '%s\\n',
          ])
        )
          .split('\n')
          .filter((line) => line !== '');
      await produceInside(0, 300);

      job = createJob(
        jobSpec({
          source: { cluster: { profile: 'plaintext' }, topics: [input], groupId: freshGroup('reconnect') },
          sink: { type: 'kafka', topic: output, deliveryGuarantee: 'at-least-once' },
          checkpoint: { intervalMs: 500 },
          restart: { strategy: 'exponential-backoff', initialDelayMs: 500, maxDelayMs: 3_000, maxAttempts: 100 },
        }),
        { stateDir: mkdtempSync(join(tmpdir(), 'sluice-tunnel-reconnect-')), resolveCluster: c.resolve },
      );
      const errors: string[] = [];
      job.on('error', (event) => errors.push(event.error.message));
      await job.start();
      await waitFor(async () => new Set(await sink()).size >= 300, { message: 'the first 300 records in the sink' });

      const tunnel = (await c.tunnel('plaintext'))!;
      const states: string[] = [];
      tunnel.on('state', (event: { state: string }) => states.push(event.state));
      const loginsBefore = bench.sshd.acceptedLogins();
      await bench.sshd.process.stop();
      await produceInside(300, 600);
      // Down long enough that reconnects fail and the job itself meets the outage (and restarts).
      await waitFor(() => states.filter((state) => state === 'reconnecting').length >= 2, {
        message: 'a failed reconnect while the jump host is down',
      });
      await waitFor(() => errors.length > 0, { message: 'the job to report the outage', timeoutMs: 60_000 });
      await bench.sshd.process.start();

      const expected = Array.from({ length: 600 }, (_, i) => `r-${i}`);
      await waitFor(
        async () => {
          const distinct = new Set(await sink());
          return expected.every((value) => distinct.has(value));
        },
        { message: 'all 600 records in the sink after the jump host came back', timeoutMs: 90_000, intervalMs: 500 },
      );
      expect(job.state).toBe('running');
      // The tunnel logged in again to the restarted server, and reported each step of it.
      expect(bench.sshd.acceptedLogins()).toBeGreaterThan(loginsBefore);
      expect(states.slice(0, 3)).toEqual(['reconnecting', 'connecting', 'reconnecting']);
      expect(states.at(-1)).toBe('ready');
      expect(errors.some((message) => message.includes('jump host'))).toBe(true);
      const written = await sink();
      expect(written.length).toBeGreaterThanOrEqual(600);
      expect(new Set(written)).toEqual(new Set(expected));
      await job.stop();
      expect((await job.done()).state).toBe('stopped');
    } finally {
      if (job && job.state !== 'stopped' && job.state !== 'failed' && job.state !== 'finished') await job.stop();
      if (!bench.sshd.process.isRunning()) await bench.sshd.process.start();
      await c.close();
    }
  });
});

async function createTopicWith(
  connection: ClusterConnection,
  partitions: number,
  records: number,
  topic = freshTopic('tunnel-in'),
): Promise<string> {
  const client = kafkaFor(connection);
  const admin = client.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
  if (records > 0) {
    const producer = client.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await producer.send({ topic, messages: Array.from({ length: records }, (_, i) => ({ value: `r-${i}` })) });
    await producer.disconnect();
  }
  return topic;
}

function jobSpec(input: Omit<Partial<JobSpecInput>, 'source'> & { source: JobSpecInput['source'] }) {
  const parsed = parseJobSpec({ version: 1, name: freshTopic('tunnel-job'), restart: { strategy: 'none' }, ...input });
  if (!parsed.ok) throw new Error(`test job spec is invalid: ${JSON.stringify(parsed.problems)}`);
  return parsed.value;
}

/** Runs the `sluice` command tree in this process, capturing its output and exit code. */
async function sluice(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  let code = 0;
  const io: CliIo = {
    out: (text) => void (out += text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => void (err += text.endsWith('\n') ? text : `${text}\n`),
    errIsTTY: false,
    env: { ...env, HOME: bench.ctx.dataDir },
  };
  try {
    await createProgram(io, (exit) => (code = exit)).parseAsync(['node', 'sluice', ...args]);
  } catch (error) {
    if (!(error instanceof SluiceError)) throw error;
    err += error.message;
    code = 2;
  }
  return { code, out, err };
}
