import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApicurio, type Registry } from '../bench/apicurio.js';
import { ensureFlinkJars, ensureSqlRunner } from '../bench/flink-jars.js';
import { runFlinkSql } from '../bench/flink-runner.js';
import { createTopic, freshGroup, kafkaClient, uniqueName } from '../bench/helpers.js';
import { ensurePythonPeer, pythonConsume, pythonProduce, type PeerRecord } from '../bench/python-peer.js';
import { buildCli, kraftBootstrap, runCli, tempDir, writeSpec } from './cli-kit.js';

// The Flink export of a job that filters Avro records: Python's confluent-kafka writes them against
// Apicurio, `sluice run` copies the ones the filter keeps into one topic and the exported Flink SQL
// (avro-confluent with the columns of the subject's latest schema) into another; Python decodes
// both with the registry, and they hold the same records.

let registry: Registry;

beforeAll(async () => {
  [registry] = await Promise.all([
    startApicurio('flink-avro-export'),
    ensurePythonPeer(),
    buildCli(),
    ensureFlinkJars().then(ensureSqlRunner),
  ]);
}, 20 * 60_000);

afterAll(async () => {
  await registry?.stop();
});

const COUNT = 12;
const FILTER = 'value.total > 5 and value.status = "PAID" and value.ship_to.city != "city-9"';

const byKey = (records: PeerRecord[]) => [...records].sort((a, b) => String(a.key).localeCompare(String(b.key)));

describe('sluice export flink: an Avro value read with avro-confluent', () => {
  it('Flink keeps and writes the same Avro records as Sluice', async () => {
    const input = await createTopic(kraftBootstrap(), { partitions: 1 });
    const peer = (topic: string) => ({ bootstrap: kraftBootstrap(), registry: registry.ccompatUrl, topic });
    const written = await pythonProduce(peer(input), 'avro-flat', COUNT);
    const kept = written.filter((r) => {
      const value = r.value as { total: number; status: string; ship_to: { city: string } };
      return value.total > 5 && value.status === 'PAID' && value.ship_to.city !== 'city-9';
    });
    expect(kept.map((r) => r.key)).toEqual(['k5', 'k7', 'k11']);

    const dir = tempDir();
    const clusters = join(dir, 'clusters.json');
    writeFileSync(
      clusters,
      JSON.stringify({
        version: 1,
        clusters: [
          { name: 'avro', bootstrapServers: [kraftBootstrap()], schemaRegistry: { url: registry.ccompatUrl } },
        ],
      }),
    );
    const job = (output: string) => ({
      version: 1,
      name: uniqueName('flink-avro'),
      source: {
        cluster: { profile: 'avro' },
        topics: [input],
        groupId: freshGroup('flink-avro'),
        valueFormat: 'avro',
        startFrom: { mode: 'earliest' },
        stopAt: { mode: 'latest' },
      },
      transform: { filter: FILTER },
      sink: { type: 'kafka', topic: output },
      checkpoint: { intervalMs: 500 },
      restart: { strategy: 'none' },
    });
    const [sinkSluice, sinkFlink] = await Promise.all([
      createTopic(kraftBootstrap(), { partitions: 1 }),
      createTopic(kraftBootstrap(), { partitions: 1 }),
    ]);

    const run = await runCli(
      ['run', writeSpec(job(sinkSluice), dir), '--clusters', clusters, '--state-dir', join(dir, 'state'), '--no-lint'],
      { timeoutMs: 120_000 },
    );
    expect(run.code, run.stderr).toBe(0);

    const script = join(dir, 'job.sql');
    const exported = await runCli(
      ['export', 'flink', writeSpec(job(sinkFlink), tempDir()), '--clusters', clusters, '--out', script],
      { timeoutMs: 60_000 },
    );
    expect(exported.code, exported.stderr).toBe(0);
    const sql = readFileSync(script, 'utf8');
    expect(sql).toContain("'value.format' = 'avro-confluent'");
    expect(sql).toContain('`ship_to` ROW<`city` STRING NOT NULL, `zip` STRING> NOT NULL');
    await runFlinkSql(script, uniqueName('avro'));

    const [sluice, flink] = await Promise.all([
      pythonConsume(peer(sinkSluice), 'avro-flat', kept.length),
      pythonConsume(peer(sinkFlink), 'avro-flat', kept.length),
    ]);
    expect(byKey(sluice)).toEqual(byKey(kept));
    expect(byKey(flink)).toEqual(byKey(sluice));
    // Nothing beyond them: each sink topic ends after the kept records.
    const admin = kafkaClient(kraftBootstrap()).admin();
    await admin.connect();
    try {
      for (const topic of [sinkSluice, sinkFlink]) {
        expect((await admin.fetchTopicOffsets(topic)).map((p) => p.high)).toEqual([String(kept.length)]);
      }
    } finally {
      await admin.disconnect();
    }
  }, 600_000);
});
