import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliBatchCounts } from '../bench/cli-batch-counts.js';
import { createTopic, defaultBroker, freshGroup, uniqueName } from '../bench/helpers.js';
import { javaConsume } from '../bench/java-records.js';
import { kcatConsumeRaw, kcatProduceRaw } from '../bench/kcat-raw.js';
import { segmentBatches } from '../bench/log-segments.js';
import { assertShallowSpec, SHALLOW_FORMATS, shallowSink } from '../bench/shallow-job.js';
import { buildCli, startCli, tempDir, waitUntilCommitted, writeSpec, type CliResult } from './cli-kit.js';
import { groupCoordinatorReady } from './engine-job-kit.js';

// Exactly-once on the shallow path under SIGKILL: kcat keeps writing lz4 batches to three
// partitions while `sluice run` (an exactly-once, shallow-eligible spec) is killed with SIGKILL at
// random moments and restarted; the last run catches up and stops on SIGTERM. A read_committed
// reader (kcat and Kafka's Java consumer) sees every source record exactly once, in order per
// partition, and the sink's data batches are still lz4 (forwarded, not rewritten).
//
// Each restart waits for the dead run's group session to expire (10 s), so the kills are few.

const KILLS = Number(process.env['SLUICE_SHALLOW_CRASH_KILLS'] ?? 4);
const PARTITIONS = [0, 1, 2];
/** Records per kcat call (one lz4 batch), and the pause between calls: a few thousand records a second. */
const PER_CALL = 1_000;
const PAUSE_MS = 40;
const FLOWING = /\| [1-9][\d,]* in /;
const CHECKPOINTED = /checkpoint \d+, [\d.]+m?s ago/;

beforeAll(async () => {
  await buildCli();
  // A fresh broker's group coordinator may still be loading; the first run's start must not race it.
  await groupCoordinatorReady(defaultBroker().bootstrap);
});

/** Writes `p<partition>-<n>` records (key = value) round the partitions until stopped; keeps what it wrote. */
function startFeeder(bootstrap: string, topic: string) {
  const written: string[][] = PARTITIONS.map(() => []);
  let stopped = false;
  const write = async (partition: number) => {
    const list = written[partition]!;
    const values = Array.from({ length: PER_CALL }, (_, i) => `p${partition}-${list.length + i}`);
    const records = values.map((value) => ({ key: Buffer.from(value), value: Buffer.from(value) }));
    // Lingering long enough that the call's records leave as one lz4 batch (a batch of one or two
    // records, which lz4 does not shrink, librdkafka sends uncompressed).
    await kcatProduceRaw(bootstrap, topic, records, { compression: 'lz4', partition, lingerMs: 300 });
    list.push(...values);
  };
  const running = (async () => {
    while (!stopped) {
      for (const partition of PARTITIONS) await write(partition);
      await sleep(PAUSE_MS);
    }
  })();
  return {
    written,
    fill: async (rounds: number) => {
      for (let round = 0; round < rounds; round++) for (const partition of PARTITIONS) await write(partition);
    },
    stop: async () => {
      stopped = true;
      await running;
    },
  };
}

interface KillNote {
  cycle: number;
  moment: string;
  resumedFromCheckpoint: boolean;
  flowing: boolean;
}

describe(`shallow exactly-once under SIGKILL on Kafka ${defaultBroker().kafkaVersion}`, () => {
  it(`${KILLS} kills mid-copy: a read_committed reader sees every record once, in order per partition`, async () => {
    const { bootstrap, node } = defaultBroker();
    const input = await createTopic(bootstrap, { partitions: PARTITIONS.length });
    const output = await createTopic(bootstrap, { partitions: PARTITIONS.length });
    const name = uniqueName('shallow-crash');
    const groupId = freshGroup('shallow-crash');
    const spec = {
      version: 1,
      name,
      source: { cluster: { bootstrapServers: [bootstrap] }, topics: [input], groupId, ...SHALLOW_FORMATS },
      sink: shallowSink(output, { delivery: 'exactly-once', transactionalIdPrefix: name }),
      checkpoint: { intervalMs: 300, retain: 5 },
      restart: { strategy: 'none' },
    };
    assertShallowSpec(spec);
    const args = ['run', writeSpec(spec), '--state-dir', tempDir(), '--progress-interval', '100'];
    const env = { SLUICE_LOG: 'info' };

    const feeder = startFeeder(bootstrap, input);
    await feeder.fill(8);
    const runs: CliResult[] = [];
    const kills: KillNote[] = [];
    try {
      for (let cycle = 0; cycle < KILLS; cycle++) {
        const run = startCli(args, { env, timeoutMs: 120_000 });
        let moment: string;
        if (cycle === KILLS - 1) {
          // The last kill lands during start-up: connecting, restoring, aborting the dead transaction.
          const delay = 300 + Math.floor(Math.random() * 1_200);
          await sleep(delay);
          moment = `${delay}ms after spawn`;
        } else {
          await run.waitForStderr(FLOWING, 90_000);
          // Every other run first lives to write a checkpoint, so restores from one are exercised.
          if (cycle % 2 === 1) await run.waitForStderr(CHECKPOINTED, 90_000);
          const delay = Math.floor(Math.random() * 1_500);
          await sleep(delay);
          moment = `${delay}ms after records flowed`;
        }
        run.child.kill('SIGKILL');
        const result = await run.exited;
        expect(result.signal, `cycle ${cycle} ended by itself:\n${result.stderr}`).toBe('SIGKILL');
        runs.push(result);
        kills.push({
          cycle,
          moment,
          resumedFromCheckpoint: /^started "[^"]+" from checkpoint/m.test(result.stderr),
          flowing: FLOWING.test(result.stderr),
        });
      }
    } finally {
      await feeder.stop();
    }

    // The last run catches up with the input, then stops gracefully.
    const last = startCli(args, { env, timeoutMs: 180_000 });
    await last.waitForStderr(CHECKPOINTED, 120_000);
    const total = feeder.written.flat().length;
    await waitUntilCommitted(bootstrap, groupId, input, total);
    last.child.kill('SIGTERM');
    const final = await last.exited;
    expect(final.code, final.stderr).toBe(0);
    runs.push(final);
    console.log(`[shallow crash] ${total} records, kills: ${JSON.stringify(kills)}`);
    expect(kills.filter((k) => k.flowing).length).toBeGreaterThanOrEqual(KILLS - 1);
    expect(kills.filter((k) => k.resumedFromCheckpoint).length).toBeGreaterThanOrEqual(1);

    // Each record once, in order, per partition: kcat and Java, read_committed.
    const valuesByPartition = (records: { partition: number; value: Buffer | null }[]) =>
      PARTITIONS.map((p) => records.filter((r) => r.partition === p).map((r) => r.value?.toString() ?? null));
    const [kcatRead, javaRead] = await Promise.all([
      kcatConsumeRaw(bootstrap, output, { readCommitted: true }),
      javaConsume(bootstrap, output, total, { readCommitted: true }),
    ]);
    expect(valuesByPartition(kcatRead)).toEqual(feeder.written);
    expect(valuesByPartition(javaRead)).toEqual(feeder.written);

    // Forwarded: the sink's data batches are the feeder's lz4 ones (the record path writes uncompressed).
    const [sourceBatches, sinkBatches] = await Promise.all([
      segmentBatches(node, input, PARTITIONS),
      segmentBatches(node, output, PARTITIONS),
    ]);
    for (const partition of PARTITIONS) {
      expect(new Set(sourceBatches[partition]!.map((b) => b.codec)), `source ${partition}`).toEqual(new Set(['lz4']));
      const data = sinkBatches[partition]!.filter((b) => !b.isControl);
      expect(new Set(data.map((b) => b.codec)), `partition ${partition}`).toEqual(new Set(['lz4']));
    }
    const counts = runs.map((run) => cliBatchCounts(run.stderr));
    expect(counts.at(-1)!.copyPath, final.stderr).toMatch(/^shallow/);
    expect(counts.every((c) => c.copyPath?.startsWith('shallow') ?? true)).toBe(true);
    expect(counts.reduce((sum, c) => sum + c.forwarded, 0)).toBeGreaterThan(0);
  });
});
