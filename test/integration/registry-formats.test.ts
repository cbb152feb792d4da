import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterResolver } from '../../engine/job/kafka-clients.js';
import { buildFramed } from '../../engine/registry/wire-format.js';
import type { JobSpec, RecordFormat } from '../../engine/spec/index.js';
import { startApicurio, type Registry } from '../bench/apicurio.js';
import { createTopic, kafkaClient, waitFor } from '../bench/helpers.js';
import { javaConsume } from '../bench/java-records.js';
import { kcatConsumeRaw } from '../bench/kcat-raw.js';
import { ensurePythonPeer, pythonConsume, pythonProduce, type PeerRecord } from '../bench/python-peer.js';
import { TestRegistrySource } from '../bench/registry-source.js';
import { bootstrap, jobSpec, readNdjson, recordedJob, runBounded } from './engine-job-kit.js';

// Records written by Python's confluent-kafka serializers against Apicurio (an independent encoder
// and registry) are decoded by Sluice jobs to the JSON Python reads back; undecodable records follow
// onDecodeError; an unmapped copy keeps every byte, and Python decodes the copy.

let registry: Registry;
let source: TestRegistrySource;

beforeAll(async () => {
  [registry] = await Promise.all([startApicurio('registry-formats'), ensurePythonPeer()]);
  source = new TestRegistrySource(registry.ccompatUrl);
  // The first group lookup on a fresh broker can meet a coordinator still loading: wait it out here.
  const admin = kafkaClient(bootstrap()).admin();
  await admin.connect();
  await waitFor(
    () =>
      admin.fetchOffsets({ groupId: 'registry-formats-warmup' }).then(
        () => true,
        () => false,
      ),
    {
      timeoutMs: 30_000,
      message: 'the group coordinator did not answer an offset fetch',
    },
  );
  await admin.disconnect();
}, 300_000);

afterAll(async () => {
  await registry?.stop();
});

const PROFILE = 'with-registry';
const resolveCluster: ClusterResolver = async () => ({ brokers: [bootstrap()], schemas: source });

function registryJob(
  topic: string,
  valueFormat: RecordFormat,
  rest: Omit<Parameters<typeof jobSpec>[0], 'source'>,
  onDecode = {},
): JobSpec {
  return jobSpec({
    ...rest,
    source: { cluster: { profile: PROFILE }, topics: [topic], valueFormat, stopAt: { mode: 'latest' }, ...onDecode },
  });
}

const COUNT = 6;
const KINDS = [
  { kind: 'avro', format: 'avro' },
  { kind: 'protobuf', format: 'protobuf' },
  { kind: 'json', format: 'json-schema' },
] as const;

async function pythonTopic(kind: string): Promise<{ topic: string; written: PeerRecord[] }> {
  const topic = await createTopic(bootstrap());
  const written = await pythonProduce({ bootstrap: bootstrap(), registry: registry.ccompatUrl, topic }, kind, COUNT);
  return { topic, written };
}

describe.each(KINDS)('$format records written by confluent-kafka', ({ kind, format }) => {
  it('decode in a job to the JSON Python reads back (file sink)', async () => {
    const { topic, written } = await pythonTopic(kind);
    const path = join(mkdtempSync(join(tmpdir(), 'sluice-registry-')), 'out.ndjson');
    const { result, events } = await runBounded(registryJob(topic, format, { sink: { type: 'file', path } }), {
      resolveCluster,
    });
    expect({ state: result.state, error: events.error.at(-1)?.error.message }).toEqual({ state: 'finished' });
    const read = await pythonConsume({ bootstrap: bootstrap(), registry: registry.ccompatUrl, topic }, kind, COUNT);
    expect(read).toEqual(written);
    const lines = await readNdjson(path);
    expect(lines.map(({ key, value }) => ({ key, value }))).toEqual(read);
  });
});

describe('an unmapped copy of registry records', () => {
  it('keeps the bytes identical, and a filter sees decoded fields; Python decodes the copy', async () => {
    const { topic, written } = await pythonTopic('protobuf');
    const sink = await createTopic(bootstrap());
    const { result, job, events } = await runBounded(
      registryJob(topic, 'protobuf', {
        transform: { filter: 'value.kind = "SERVICE"' },
        sink: { type: 'kafka', topic: sink },
      }),
      { resolveCluster },
    );
    expect({ state: result.state, error: events.error.at(-1)?.error.message }).toEqual({ state: 'finished' });
    const kept = written.filter((r) => (r.value as { kind: string }).kind === 'SERVICE');
    expect(kept.length).toBeGreaterThan(0);
    expect(job.metrics()).toMatchObject({ recordsOut: kept.length, recordsFiltered: COUNT - kept.length });
    const [from, to] = await Promise.all([kcatConsumeRaw(bootstrap(), topic), kcatConsumeRaw(bootstrap(), sink)]);
    // Order.Line, nested below the file's first message: indexes [0, 1] (zigzag count 2, then 0, 1).
    expect([...from[0]!.value!.subarray(5, 8)]).toEqual([4, 0, 2]);
    const keptKeys = new Set(kept.map((r) => r.key));
    const expected = from.filter((r) => keptKeys.has(r.key!.toString()));
    expect(to.map((r) => [r.key, r.value])).toEqual(expected.map((r) => [r.key, r.value]));
    const copy = await pythonConsume(
      { bootstrap: bootstrap(), registry: registry.ccompatUrl, topic: sink },
      'protobuf',
      kept.length,
    );
    expect(copy).toEqual(kept);
  });
});

describe('registry records that do not decode', () => {
  async function topicWithBadRecords(): Promise<{ topic: string; unknownId: Buffer; corrupt: Buffer }> {
    const { topic } = await pythonTopic('avro');
    const [first] = await kcatConsumeRaw(bootstrap(), topic);
    const unknownId = buildFramed(987_654, first!.value!.subarray(5));
    const corrupt = first!.value!.subarray(0, 8); // the schema's id, a payload cut short
    const producer = kafkaClient(bootstrap()).producer();
    await producer.connect();
    await producer.send({
      topic,
      messages: [
        { key: 'unknown', value: unknownId, partition: 0 },
        { key: 'corrupt', value: corrupt, partition: 0 },
      ],
    });
    await producer.disconnect();
    return { topic, unknownId, corrupt };
  }

  it('fail the job naming the offset and the unknown schema id', async () => {
    const { topic } = await topicWithBadRecords();
    const { result, events } = await runBounded(registryJob(topic, 'avro', { sink: { type: 'none' } }), {
      resolveCluster,
    });
    expect(result.state).toBe('failed');
    const error = events.error.at(-1)!.error;
    expect(error.message).toContain(`the value of the record at ${topic}[0] offset ${COUNT} is not avro`);
    expect(error.message).toContain('schema id 987654 is unknown to the registry');
  });

  it('dead-letter both with their bytes; the rest decode; the registry is asked once per id', async () => {
    const { topic, unknownId, corrupt } = await topicWithBadRecords();
    const dlq = await createTopic(bootstrap());
    const path = join(mkdtempSync(join(tmpdir(), 'sluice-registry-')), 'out.ndjson');
    const counted = new TestRegistrySource(registry.ccompatUrl);
    const { result, job, events } = await runBounded(
      registryJob(
        topic,
        'avro',
        { sink: { type: 'file', path } },
        {
          onDecodeError: 'dead-letter',
          deadLetter: { type: 'kafka', topic: dlq },
        },
      ),
      { resolveCluster: async () => ({ brokers: [bootstrap()], schemas: counted }) },
    );
    expect(result.state).toBe('finished');
    expect(job.metrics()).toMatchObject({ recordsOut: COUNT, recordsDeadLettered: 2 });
    expect(await readNdjson(path)).toHaveLength(COUNT);
    const letters = await javaConsume(bootstrap(), dlq, 2);
    expect(letters.map((l) => l.value)).toEqual([unknownId, corrupt]);
    const warnings = events.warning.map((w) => w.message).join('\n');
    expect(warnings).toContain(`dead-lettered the record at ${topic}[0] offset ${COUNT + 1}`);
    expect(warnings).toMatch(/do not match avro schema id \d+/);
    expect(counted.requests.filter((p) => p.startsWith('/schemas/ids/'))).toEqual([
      `/schemas/ids/${first(letters[1]!.value!)}`,
      '/schemas/ids/987654',
    ]);
  });

  it('a registry format on a cluster without a registry fails at start, saying so', async () => {
    const topic = await createTopic(bootstrap());
    const { job } = recordedJob(
      jobSpec({ source: { topics: [topic], valueFormat: 'json-schema', stopAt: { mode: 'latest' } } }),
    );
    await expect(job.start()).rejects.toThrow(
      /^source\.valueFormat is "json-schema", which needs a Schema Registry, but the source cluster \(127\.0\.0\.1:\d+\) has none/,
    );
  });
});

const first = (bytes: Buffer): number => bytes.readUInt32BE(1);
