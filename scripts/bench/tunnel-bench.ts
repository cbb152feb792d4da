#!/usr/bin/env -S npx tsx
// The SSH tunnel's cost: the same bounded Kafka-to-Kafka job (engine in this process, at-least-once)
// run directly and through an OpenSSH jump host on loopback, in records per second. The broker and
// sshd are the test bench's. `npx tsx scripts/bench/tunnel-bench.ts [--records N] [--repeat N]`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import kafkajs from 'kafkajs';
import { createJob } from '../../engine/job/index.js';
import { parseClusterProfile, type ClusterProfile } from '../../engine/spec/cluster-profile.js';
import { parseJobSpec, type ClusterRef } from '../../engine/spec/index.js';
import { ClusterConnections } from '../../engine/transport/cluster-connections.js';
import type { SshdBench } from '../../test/bench/bench-info.js';
import { createRunDirs, projectRoot } from '../../test/bench/bench-paths.js';
import { stopAllComponents } from '../../test/bench/component-control.js';
import { checkJava } from '../../test/bench/java.js';
import { ensureKafkaJars, KAFKA_VERSION } from '../../test/bench/kafka-jars.js';
import { startKraftSingle } from '../../test/bench/kraft-single.js';
import { startSshdServer } from '../../test/bench/sshd.js';
import { produceInput } from '../perf/input-data.js';

const { Kafka, logLevel } = kafkajs;

export interface TunnelBenchOptions {
  /** Records in the input topic (default 200,000). */
  records?: number;
  valueBytes?: number;
  partitions?: number;
  /** Runs of each variant, alternating; the best of each counts (default 2). */
  repeat?: number;
  /** A running broker and jump host instead of starting the bench's. */
  bootstrap?: string;
  sshd?: SshdBench;
  log?: (line: string) => void;
}

export interface TunnelBenchResult {
  /** Records per second without the tunnel. */
  direct: number;
  /** Records per second with every broker connection through the SSH tunnel. */
  tunnel: number;
  /** tunnel / direct. */
  ratio: number;
}

export async function benchTunnel(options: TunnelBenchOptions = {}): Promise<TunnelBenchResult> {
  const records = options.records ?? 200_000;
  const repeat = Math.max(1, options.repeat ?? 2);
  const log = options.log ?? (() => undefined);
  let stateDir: string | undefined;
  let bootstrap = options.bootstrap;
  let sshd = options.sshd;
  try {
    if (!bootstrap || !sshd) {
      const dirs = createRunDirs(join(projectRoot, 'test-results', 'tunnel-bench'));
      stateDir = dirs.stateDir;
      await checkJava();
      const jarsDir = await ensureKafkaJars({ logPath: join(dirs.logDir, 'maven.log') });
      const ctx = { ...dirs, kafkaVersion: KAFKA_VERSION, jarsDir };
      const [kraft, jump] = await Promise.all([
        bootstrap ? Promise.resolve({ bootstrap }) : startKraftSingle(ctx),
        sshd ? Promise.resolve(sshd) : startSshdServer(ctx),
      ]);
      bootstrap = kraft.bootstrap;
      sshd = jump;
    }
    const input = `tunnel-bench-in-${Date.now().toString(36)}`;
    await createTopic(bootstrap, input, options.partitions ?? 3);
    log(`writing ${records} records to ${input}`);
    await produceInput(bootstrap, input, records, options.valueBytes ?? 100);

    const profile = benchProfile(bootstrap, sshd);
    const best = { direct: 0, tunnel: 0 };
    for (let run = 0; run < repeat; run++) {
      for (const variant of run % 2 === 0 ? (['direct', 'tunnel'] as const) : (['tunnel', 'direct'] as const)) {
        const cluster: ClusterRef =
          variant === 'direct' ? { bootstrapServers: [bootstrap] } : { profile: profile.name };
        const rate = await timeJob(bootstrap, input, records, cluster, profile);
        log(`${variant} run ${run + 1}: ${Math.round(rate)} records/s`);
        best[variant] = Math.max(best[variant], rate);
      }
    }
    return {
      direct: Math.round(best.direct),
      tunnel: Math.round(best.tunnel),
      ratio: Number((best.tunnel / best.direct).toFixed(2)),
    };
  } finally {
    if (stateDir) await stopAllComponents(stateDir);
  }
}

function benchProfile(bootstrap: string, sshd: SshdBench): ClusterProfile {
  const parsed = parseClusterProfile({
    name: 'bench-tunnel',
    bootstrapServers: [bootstrap],
    ssh: {
      host: sshd.host,
      port: sshd.port,
      user: sshd.user,
      auth: { type: 'private-key', path: sshd.privateKeyPath },
      hostKey: { knownHostsFile: sshd.knownHostsPath },
    },
  });
  if (!parsed.ok) throw new Error(`bench profile invalid: ${JSON.stringify(parsed.problems)}`);
  return parsed.value;
}

async function createTopic(bootstrap: string, topic: string, partitions: number): Promise<void> {
  const admin = new Kafka({ brokers: [bootstrap], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
}

/** One bounded run from start() to done(), SSH connect included for the tunnel; records per second. */
async function timeJob(
  bootstrap: string,
  input: string,
  records: number,
  cluster: ClusterRef,
  profile: ClusterProfile,
): Promise<number> {
  const id = `tunnel-bench-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
  const output = `${id}-out`;
  await createTopic(bootstrap, output, 3);
  const parsed = parseJobSpec({
    version: 1,
    name: id,
    source: { cluster, topics: [input], groupId: id, stopAt: { mode: 'latest' } },
    sink: { type: 'kafka', topic: output, deliveryGuarantee: 'at-least-once' },
    restart: { strategy: 'none' },
  });
  if (!parsed.ok) throw new Error(`bench job invalid: ${JSON.stringify(parsed.problems)}`);
  const state = mkdtempSync(join(tmpdir(), 'sluice-tunnel-bench-'));
  const connections = new ClusterConnections({ lookup: (name) => (name === profile.name ? profile : undefined) });
  try {
    const job = createJob(parsed.value, { stateDir: state, resolveCluster: connections.resolve });
    const startedAt = performance.now();
    await job.start();
    const result = await job.done();
    const seconds = (performance.now() - startedAt) / 1000;
    if (result.state !== 'finished' || result.metrics.recordsOut !== records) {
      throw new Error(`bench job ${id} ended ${result.state} with ${result.metrics.recordsOut}/${records} records out`);
    }
    return records / seconds;
  } finally {
    await connections.close();
    rmSync(state, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: { records: { type: 'string' }, repeat: { type: 'string' }, bootstrap: { type: 'string' } },
  });
  const result = await benchTunnel({
    ...(values.records ? { records: Number(values.records) } : {}),
    ...(values.repeat ? { repeat: Number(values.repeat) } : {}),
    log: (line) => console.error(`[tunnel-bench] ${line}`),
  });
  console.log(JSON.stringify(result));
  process.exit(0);
}
