import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterResolver } from '../../engine/job/kafka-clients.js';
import { RegistryClient } from '../../engine/registry/registry-client.js';
import type { RegisteredSchema } from '../../engine/registry/schema-source.js';
import type { JobSpec } from '../../engine/spec/index.js';
import { startApicurio, type Registry } from '../bench/apicurio.js';
import { benchShape, createTopic, waitFor } from '../bench/helpers.js';
import { kcatConsumeRaw } from '../bench/kcat-raw.js';
import { ensurePythonPeer, pythonConsume, pythonProduce, type PeerRecord } from '../bench/python-peer.js';
import {
  bootstrap,
  freshStateDir,
  groupCoordinatorReady,
  jobSpec,
  recordedJob,
  runBounded,
  type RecordedJob,
} from './engine-job-kit.js';
import { subjectRefusingOthers } from './registry-fixtures.js';

// A job copies records Python's confluent-kafka wrote against registry A (on the KRaft cluster) to
// the ZooKeeper cluster, whose registry is B: B gets the schemas (references included), the copy's
// framed ids are B's, and Python with registry B alone decodes the copy to what was written. A run
// restored from the checkpoint reuses the id mapping: B sees no registration.

let registryA: Registry;
let registryB: Registry;

beforeAll(async () => {
  [registryA, registryB] = await Promise.all([
    startApicurio('registry-copy-a'),
    startApicurio('registry-copy-b'),
    ensurePythonPeer(),
  ]).then(([a, b]) => [a, b] as const);
  // The job's group lives on the source cluster: a fresh broker's coordinator may still be loading.
  await groupCoordinatorReady(bootstrap());
  // B assigns ids of its own: fill its first ids with unrelated schemas.
  const b = new RegistryClient({ url: registryB.ccompatUrl });
  for (const n of [1, 2, 3]) {
    await b.register(`unrelated-${n}`, {
      schemaType: 'AVRO',
      schema: `{"type":"fixed","name":"F${n}","size":${n}}`,
      references: [],
    });
  }
}, 300_000);

afterAll(async () => {
  await Promise.all([registryA?.stop(), registryB?.stop()]);
});

/** Registry B's client with its register() calls counted. */
class CountedRegistry extends RegistryClient {
  readonly registered: string[] = [];
  override register(subject: string, schema: Omit<RegisteredSchema, 'id' | 'subject' | 'version'>): Promise<number> {
    this.registered.push(subject);
    return super.register(subject, schema);
  }
}

const COUNT = 5;
const zk = (): string => benchShape('zk').bootstrap;

function copyJob(topic: string, sinkTopic: string, format: 'avro' | 'protobuf'): JobSpec {
  return jobSpec({
    source: { cluster: { profile: 'a' }, topics: [topic], valueFormat: format, startFrom: { mode: 'earliest' } },
    sink: { type: 'kafka', cluster: { profile: 'b' }, topic: sinkTopic },
  });
}

/** Runs the job until `records` are out, then stops it gracefully (a final checkpoint). */
async function runUntil(spec: JobSpec, stateDir: string, records: number, b: CountedRegistry): Promise<RecordedJob> {
  const a = new RegistryClient({ url: registryA.ccompatUrl });
  const resolveCluster: ClusterResolver = async (profile) =>
    profile === 'a' ? { brokers: [bootstrap()], schemas: a } : { brokers: [zk()], schemas: b };
  const recorded = recordedJob(spec, { stateDir, resolveCluster });
  await recorded.job.start();
  await waitFor(() => recorded.job.metrics().recordsOut >= records || recorded.events.error.length > 0, {
    timeoutMs: 60_000,
    message: `job ${spec.name} to write ${records} records`,
  });
  expect(recorded.events.error.map((e) => e.error.message)).toEqual([]);
  await recorded.job.stop();
  return recorded;
}

const idOf = (bytes: Buffer | null): number => bytes!.readUInt32BE(1);

async function versionCount(url: string, subjects: string[]): Promise<Record<string, number>> {
  const client = new RegistryClient({ url });
  const out: Record<string, number> = {};
  for (const subject of subjects) out[subject] = (await client.versions(subject)).length;
  return out;
}

describe.each([
  { kind: 'avro', format: 'avro' }, // Order names the Address type of a referenced schema
  { kind: 'protobuf', format: 'protobuf' }, // Order.Line, nested: message indexes [0, 1]
] as const)('copying $format records to a cluster with another registry', ({ kind, format }) => {
  it('registers the schemas in B, rewrites the ids, and a restored run reuses the mapping', async () => {
    const topic = await createTopic(bootstrap());
    const sinkTopic = await createTopic(zk());
    const written: PeerRecord[] = await pythonProduce(
      { bootstrap: bootstrap(), registry: registryA.ccompatUrl, topic },
      kind,
      COUNT,
    );
    const spec = copyJob(topic, sinkTopic, format);
    const stateDir = freshStateDir();
    const first = await runUntil(spec, stateDir, COUNT, new CountedRegistry({ url: registryB.ccompatUrl }));

    // Python with registry B only decodes every copied record to what was written.
    const copy = await pythonConsume(
      { bootstrap: zk(), registry: registryB.ccompatUrl, topic: sinkTopic },
      kind,
      COUNT,
    );
    expect(copy).toEqual(written);

    // kcat: same bytes after the id, and B's id where A's was.
    const [from, to] = await Promise.all([kcatConsumeRaw(bootstrap(), topic), kcatConsumeRaw(zk(), sinkTopic)]);
    expect(to).toHaveLength(COUNT);
    const sourceIds = [...new Set(from.map((r) => idOf(r.value)))];
    expect(sourceIds).toHaveLength(1);
    const targetId = idOf(to[0]!.value);
    expect(targetId).not.toBe(sourceIds[0]);
    for (const [i, record] of to.entries()) {
      expect(idOf(record.value)).toBe(targetId);
      expect(record.value!.subarray(5)).toEqual(from[i]!.value!.subarray(5));
      expect(record.key).toEqual(from[i]!.key);
    }
    const b = new RegistryClient({ url: registryB.ccompatUrl });
    const inB = await b.schemaById(targetId);
    const inA = await new RegistryClient({ url: registryA.ccompatUrl }).schemaById(sourceIds[0]!);
    expect(inB.schema).toBe(inA.schema);
    expect(inB.references.map((r) => [r.name, r.subject])).toEqual(inA.references.map((r) => [r.name, r.subject]));
    // The value under the sink topic's subject, each reference under its own subject as named.
    const inBSubjects = await b.subjects();
    expect(inBSubjects).toEqual(
      expect.arrayContaining([`${sinkTopic}-value`, ...inA.references.map((r) => r.subject)]),
    );
    expect(inBSubjects).not.toContain(`${topic}-value`);

    // The checkpoint holds the mapping.
    const lastCheckpoint = first.events.checkpoint.at(-1)!;
    const saved = JSON.parse(await readFile(lastCheckpoint.path, 'utf8')) as { schemaIds?: Record<string, number> };
    expect(saved.schemaIds).toEqual({ [String(sourceIds[0])]: targetId });

    // Restored: more records of the same schema go out with B's id, and B is not asked to register.
    const subjects = [`${sinkTopic}-value`, ...inA.references.map((r) => r.subject)];
    const versionsBefore = await versionCount(registryB.ccompatUrl, subjects);
    const more = await pythonProduce({ bootstrap: bootstrap(), registry: registryA.ccompatUrl, topic }, kind, COUNT);
    const counted = new CountedRegistry({ url: registryB.ccompatUrl });
    const second = await runUntil(spec, stateDir, COUNT, counted);
    expect(second.events.started[0]?.restoredFrom).toBe(lastCheckpoint.checkpointId);
    expect(counted.registered).toEqual([]);
    expect(await versionCount(registryB.ccompatUrl, subjects)).toEqual(versionsBefore);
    const all = await kcatConsumeRaw(zk(), sinkTopic);
    expect(all.map((r) => idOf(r.value))).toEqual(new Array(2 * COUNT).fill(targetId));
    // The peer's consumer group resumes after the records it read above.
    const copyMore = await pythonConsume(
      { bootstrap: zk(), registry: registryB.ccompatUrl, topic: sinkTopic },
      kind,
      COUNT,
    );
    expect(copyMore).toEqual(more);
  }, 240_000);
});

describe('a schema the sink registry refuses', () => {
  it('fails the job naming the subject and the registry message', async () => {
    const topic = await createTopic(bootstrap());
    const sinkTopic = await createTopic(zk());
    await pythonProduce({ bootstrap: bootstrap(), registry: registryA.ccompatUrl, topic }, 'avro', 1);
    const subject = `${sinkTopic}-value`;
    const b = new RegistryClient({ url: registryB.ccompatUrl });
    await subjectRefusingOthers(registryB.ccompatUrl, subject, 'Order');
    const a = new RegistryClient({ url: registryA.ccompatUrl });
    const resolveCluster: ClusterResolver = async (profile) =>
      profile === 'a' ? { brokers: [bootstrap()], schemas: a } : { brokers: [zk()], schemas: b };
    const spec = jobSpec({
      source: { cluster: { profile: 'a' }, topics: [topic], valueFormat: 'avro', stopAt: { mode: 'latest' } },
      sink: { type: 'kafka', cluster: { profile: 'b' }, topic: sinkTopic },
    });
    const { result, events } = await runBounded(spec, { resolveCluster });
    expect(result.state).toBe('failed');
    const error = events.error.at(-1)!.error;
    expect(error.message).toContain(`under subject "${subject}": the registry refused it`);
    expect(error.hintId).toBe('invalid-config');
    expect(await b.versions(subject)).toEqual([1]);
  }, 240_000);
});
