import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SluiceApi } from '../../main/ipc/contract.js';
import { RegistryClient } from '../../engine/registry/registry-client.js';
import type { ClusterProfile } from '../../engine/spec/cluster-profile.js';
import { ClusterConnections } from '../../engine/transport/cluster-connections.js';
import { startApicurio, type Registry } from '../bench/apicurio.js';
import { benchShape, createTopic, freshGroup, freshTopic, uniqueName, waitFor } from '../bench/helpers.js';
import { kcatConsumeRaw } from '../bench/kcat-raw.js';
import { execInNetns } from '../bench/netns.js';
import {
  insideStatus,
  REGISTRY_INSIDE_HOSTS,
  startNetnsApicurio,
  type NetnsRegistry,
} from '../bench/netns-apicurio.js';
import { startTunnelBench, tunnelProfile, type TunnelBench } from '../bench/netns-fixture.js';
import { PORTS, startNetnsKraft, type NetnsKraft } from '../bench/netns-kafka.js';
import { makeTlsMaterial } from '../bench/netns-tls.js';
import { ensurePythonPeer, pythonConsume, pythonProduce, type PeerRecord } from '../bench/python-peer.js';
import { kcatExecutable } from '../bench/kcat.js';
import { captureForReadme, saveClusterInPage, startConsole, type Console } from '../e2e/console-kit.js';
import { TopicsPage } from '../e2e/pages/TopicsPage.js';
import { buildCli, runCli, tempDir } from './cli-kit.js';

// Issue 18's "Done when": the source cluster and its registry A live in a network namespace, reachable
// only through an SSH jump host (OpenSSH's sshd), under names only the jump host resolves. Python's
// confluent-kafka writes Avro, Protobuf and JSON Schema records there against A; `sluice run` copies
// each topic, through the source profile's tunnel, to the ZooKeeper-mode cluster whose registry is B.
// Python with registry B alone decodes every copied record to what was written, kcat shows B's ids in
// the copies, and the console browses the copies decoded with registry B, and the source through the
// SSH profile decoded with registry A.

let bench: TunnelBench;
let kafka: NetnsKraft;
let registryA: NetnsRegistry;
let registryB: Registry;
let app: Console;

beforeAll(async () => {
  bench = await startTunnelBench('registry-ssh-copy', { needsKafka: true, hosts: REGISTRY_INSIDE_HOSTS });
  try {
    const tls = await makeTlsMaterial(
      join(bench.ctx.dataDir, 'tls'),
      ['kafka-inside'],
      join(bench.ctx.logDir, 'tls.log'),
    );
    const started = await Promise.all([
      startNetnsKraft(bench.ctx, bench.ns, bench.stateDir, { tls, scram: [] }),
      startNetnsApicurio(bench.ctx, bench.ns, bench.stateDir),
      startApicurio('registry-ssh-copy-b'),
      ensurePythonPeer(),
      buildCli(),
    ]);
    [kafka, registryA, registryB] = started;
    bench.onTeardown(() => kafka.process.stop({ graceMs: 5_000 }));
    bench.onTeardown(() => registryA.process.stop({ graceMs: 5_000 }));
    bench.onTeardown(() => registryB.stop());
    // B assigns ids of its own: its first ids go to unrelated schemas, so no id of A is one of B's.
    const b = new RegistryClient({ url: registryB.ccompatUrl });
    for (let n = 1; n <= 8; n++) {
      await b.register(`unrelated-${n}`, {
        schemaType: 'AVRO',
        schema: `{"type":"fixed","name":"F${n}","size":${n}}`,
        references: [],
      });
    }
    app = await startConsole();
  } catch (error) {
    await bench.teardown();
    throw error;
  }
}, 600_000);

afterAll(async () => {
  await app?.close();
  await bench?.teardown();
});

const COUNT = 6;
const zk = (): string => benchShape('zk').bootstrap;
const KINDS = [
  { kind: 'avro', format: 'avro', schemaType: 'AVRO' }, // Order names shop.Address of a referenced schema
  { kind: 'protobuf', format: 'protobuf', schemaType: 'PROTOBUF' }, // Order.Line: message indexes [0, 1]
  { kind: 'json', format: 'json-schema', schemaType: 'JSON' }, // ship_to is a $ref to a referenced schema
] as const;

/** The source profile: brokers and registry both named only on the jump host. */
const sourceProfile = (): ClusterProfile =>
  tunnelProfile(bench.sshd, {
    name: 'source',
    bootstrapServers: [kafka.plaintext],
    schemaRegistry: { url: registryA.ccompatUrl },
  });

/**
 * Topics on the source, created through the source profile's tunnel (there is no other way in); and
 * the group coordinator of the fresh broker answering (it creates __consumer_offsets on first use).
 */
async function createSourceTopics(topics: string[]): Promise<void> {
  const connections = new ClusterConnections({ lookup: (name) => (name === 'source' ? sourceProfile() : undefined) });
  try {
    const connection = await connections.resolve('source');
    const admin = new Kafka({
      clientId: 'registry-ssh-copy-setup',
      brokers: connection.brokers,
      logLevel: logLevel.NOTHING,
      ...(connection.socketFactory ? { socketFactory: connection.socketFactory } : {}),
    }).admin();
    await admin.connect();
    try {
      await admin.createTopics({
        topics: topics.map((topic) => ({ topic, numPartitions: 1 })),
        waitForLeaders: true,
      });
      const answered = () => admin.fetchOffsets({ groupId: 'registry-ssh-copy-warmup' }).then(Boolean, () => false);
      await waitFor(answered, { timeoutMs: 60_000, message: 'the group coordinator of the source cluster' });
    } finally {
      await admin.disconnect();
    }
  } finally {
    await connections.close();
  }
}

/** The value bytes of the first record of a source topic, read by kcat inside the namespace. */
async function firstSourceValue(topic: string): Promise<Buffer> {
  const kcat = `${kcatExecutable()} -C -q -e -c 1 -o beginning -b 127.0.0.1:${PORTS.plaintext} -t ${topic} -f '%s'`;
  const { code, stdout, stderr } = await execInNetns(bench.ns, 'bash', ['-c', `${kcat} | od -An -v -tx1`]);
  if (code !== 0) throw new Error(`kcat in the namespace failed: ${stderr}`);
  const value = Buffer.from(stdout.replace(/\s+/g, ''), 'hex');
  expect(value[0]).toBe(0);
  return value;
}

interface Copied {
  kind: string;
  source: string;
  sourceId: number;
  target: string;
  written: PeerRecord[];
}
const copied: Copied[] = [];

describe('a copy of registry records from a cluster behind an SSH jump host to a cluster with its own registry', () => {
  it('registers the schemas in B, rewrites the ids, and Python decodes the copies with B alone', async () => {
    // Nothing of the source is reachable from here but the jump host.
    expect(
      await fetch(`http://${bench.ns.address}:28080/apis/ccompat/v7/subjects`).catch((e: Error) => e),
    ).toBeInstanceOf(Error);
    const sources = KINDS.map(({ kind }) => freshTopic(`ssh-${kind}`));
    await createSourceTopics(sources);
    const targets = await Promise.all(KINDS.map(() => createTopic(zk(), { partitions: 1 })));

    // Python writes inside the namespace, against registry A.
    const inside = { bootstrap: kafka.plaintext, registry: registryA.ccompatUrl, exec: bench.ns.exec };
    const written: PeerRecord[][] = [];
    for (const [i, { kind }] of KINDS.entries()) {
      written.push(await pythonProduce({ ...inside, topic: sources[i]! }, kind, COUNT));
    }

    // One profiles file for the CLI: the source through the jump host, the sink with registry B.
    const dir = tempDir('sluice-registry-ssh-');
    const clusters = join(dir, 'clusters.json');
    const sink: ClusterProfile = {
      name: 'sink',
      bootstrapServers: [zk()],
      schemaRegistry: { url: registryB.ccompatUrl },
    };
    writeFileSync(clusters, JSON.stringify({ version: 1, clusters: [sourceProfile(), sink] }, null, 2));
    // The connection test reaches registry A through the tunnel too.
    const check = await runCli(['cluster', 'test', 'source', '--clusters', clusters, '--json']);
    expect(check.code).toBe(0);
    const steps = (JSON.parse(check.stdout) as { steps: { step: string; status: string; detail?: string }[] }).steps;
    expect(steps.find((s) => s.step === 'registry')).toMatchObject({
      status: 'ok',
      detail: expect.stringContaining('through the SSH tunnel'),
    });
    const runs = await Promise.all(
      KINDS.map(async ({ kind, format }, i) => {
        const jobFile = join(dir, `copy-${kind}.json`);
        writeFileSync(
          jobFile,
          JSON.stringify({
            version: 1,
            name: uniqueName(`ssh-copy-${kind}`),
            source: {
              cluster: { profile: 'source' },
              topics: [sources[i]],
              groupId: freshGroup('ssh-copy'),
              valueFormat: format,
              startFrom: { mode: 'earliest' },
              stopAt: { mode: 'latest' },
            },
            sink: { type: 'kafka', cluster: { profile: 'sink' }, topic: targets[i] },
            restart: { strategy: 'none' },
          }),
        );
        return runCli(['run', jobFile, '--clusters', clusters, '--state-dir', join(dir, `state-${kind}`)], {
          timeoutMs: 120_000,
        });
      }),
    );
    for (const run of runs) {
      expect(run.stderr).toMatch(new RegExp(`finished \\(${COUNT} records in, ${COUNT} out`));
      expect(run.code).toBe(0);
    }

    const a = (path: string) => `${registryA.insideUrl}${path}`;
    const b = new RegistryClient({ url: registryB.ccompatUrl });
    for (const [i, { kind, schemaType }] of KINDS.entries()) {
      // Python with registry B only decodes every copied record to what it wrote.
      const copy = await pythonConsume(
        { bootstrap: zk(), registry: registryB.ccompatUrl, topic: targets[i]! },
        kind,
        COUNT,
      );
      expect(copy).toEqual(written[i]);

      // kcat: every copy carries one id, B's, in place of A's; the bytes after the id are the source's.
      const sourceValue = await firstSourceValue(sources[i]!);
      const sourceId = sourceValue.readUInt32BE(1);
      const records = await kcatConsumeRaw(zk(), targets[i]!);
      expect(records).toHaveLength(COUNT);
      expect(records[0]!.value!.subarray(5)).toEqual(sourceValue.subarray(5));
      const ids = new Set(records.map((r) => r.value!.readUInt32BE(1)));
      expect(ids.size).toBe(1);
      const [targetId] = [...ids] as [number];
      expect(targetId).toBeGreaterThan(8);
      const inB = await b.schemaById(targetId);
      expect(inB.schemaType ?? 'AVRO').toBe(schemaType);
      expect(inB.subject).toBe(`${targets[i]}-value`);
      // A holds the source id, and no schema under B's id.
      const { stdout } = await execInNetns(bench.ns, 'curl', ['-s', '-m', '5', a(`/schemas/ids/${sourceId}`)]);
      expect(JSON.parse(stdout)).toMatchObject({ schema: inB.schema });
      expect(await insideStatus(bench.ns, a(`/schemas/ids/${targetId}`))).toBe(404);
      copied.push({ kind, source: sources[i]!, sourceId, target: targets[i]!, written: written[i]! });
    }
  }, 300_000);

  it('the console browses the copies decoded with the sink profile registry B, raw bytes on a toggle', async () => {
    expect(copied).toHaveLength(KINDS.length);
    const cluster = uniqueName('ssh-copy-sink');
    const { browser } = app;
    await browser.url(app.mode.server.url);
    await browser.$('nav[aria-label="Sections"]').waitForDisplayed({ timeout: 10_000 });
    await saveClusterInPage(browser, cluster, zk(), registryB.ccompatUrl);
    await browser.refresh();
    const topics = new TopicsPage(browser);
    await topics.open(cluster);
    for (const { kind, target, written } of copied) {
      await topics.chooseTopic(target);
      await topics.browse({ from: 'earliest' });
      await topics.openRecord(1);
      // Decoded as Python decoded it (Protobuf in protobuf's JSON mapping, as MessageToDict gives it).
      expect(JSON.parse(await topics.detailValue())).toEqual(written[1]!.value);
      const id = (await kcatConsumeRaw(zk(), target))[1]!.value!.readUInt32BE(1);
      expect(await browser.$('[data-testid="record-value-schema"]').getText()).toMatch(
        new RegExp(`^${target}-value v1 · id ${id} · ${KINDS.find((k) => k.kind === kind)!.schemaType}$`),
      );
      if (kind === 'protobuf') {
        await browser.$('[data-testid="record-value"]').scrollIntoView();
        await captureForReadme(browser, 'topics-registry-ssh-copy');
      }
      await topics.showBytesAs('hex');
      const hexId = id.toString(16).padStart(8, '0').match(/../g)!.join(' ');
      expect(await topics.detailValue()).toMatch(new RegExp(`^00 ${hexId} `));
      await topics.showBytesAs('decoded');
    }
  }, 180_000);

  it('the console browses the source through the SSH profile, decoded with registry A through the tunnel', async () => {
    const { source, sourceId, written } = copied.find((c) => c.kind === 'avro')!;
    const cluster = uniqueName('ssh-copy-source');
    const { browser } = app;
    await browser.execute(
      (profile) => (globalThis as unknown as { sluice: SluiceApi }).sluice.invoke('clusters:save', { profile }),
      { ...sourceProfile(), name: cluster },
    );
    await browser.refresh();
    const topics = new TopicsPage(browser);
    await topics.open(cluster);
    await topics.chooseTopic(source);
    await topics.browse({ from: 'earliest' });
    await topics.openRecord(1);
    expect(JSON.parse(await topics.detailValue())).toEqual(written[1]!.value);
    expect(await browser.$('[data-testid="record-value-schema"]').getText()).toBe(
      `${source}-value v1 · id ${sourceId} · AVRO`,
    );
  }, 120_000);
});
