import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterResolver } from '../../engine/job/kafka-clients.js';
import { RegistryClient } from '../../engine/registry/registry-client.js';
import type { JobSpec, JobSpecInput } from '../../engine/spec/index.js';
import { startApicurio, type Registry } from '../bench/apicurio.js';
import { createTopic } from '../bench/helpers.js';
import { kcatProduce } from '../bench/kcat.js';
import { kcatConsumeRaw } from '../bench/kcat-raw.js';
import { ensurePythonPeer, pythonConsume, pythonProduce } from '../bench/python-peer.js';
import { bootstrap, groupCoordinatorReady, jobSpec, runBounded } from './engine-job-kit.js';
import { subjectRefusingOthers } from './registry-fixtures.js';

// Jobs read JSON records (written by kcat), map them, and write Avro (a schema file registered
// under the TopicRecordName subject), Protobuf (a message nested below the file's first, from a
// registered subject's latest version) and JSON Schema; Python's confluent-kafka deserializers
// decode every record Sluice wrote to the expected JSON. A record that does not fit the schema is
// named by offset and field path; a schema file the registry refuses (409) names the subject.

let registry: Registry;
let schemas: RegistryClient;
let dir: string;

const COUNT = 4;

/** The JSON source records: one part per target format, and at offset COUNT one whose order.total is text. */
const sourceRecords = Array.from({ length: COUNT + 1 }, (_, i) => ({
  key: `k${i}`,
  value: {
    n: i,
    order: {
      ship_to: { city: `city-${i}` },
      total: i === COUNT ? 'cheap' : i * 1.25,
      status: i % 2 ? 'PAID' : 'NEW',
      tag: Buffer.from([i, 255 - i]).toString('base64'),
      items: Array.from({ length: (i % 3) + 1 }, (_, j) => `sku-${j}`),
    },
    line: {
      sku: `sku-${i}`,
      qty: i,
      price: { currency: 'EUR', cents: 10_000_000_000 + i },
      kind: i % 2 ? 'SERVICE' : 'GOODS',
      tags: Array.from({ length: i % 2 }, () => `t${i}`),
      raw: Buffer.from([i]).toString('base64'),
    },
    doc: { id: i, ship_to: { city: `city-${i}` }, total: i * 0.5, items: ['a'] },
  },
}));

const ORDER_AVSC = {
  type: 'record',
  name: 'Order',
  namespace: 'shop',
  fields: [
    { name: 'id', type: 'long' },
    {
      name: 'ship_to',
      type: {
        type: 'record',
        name: 'Address',
        fields: [
          { name: 'city', type: 'string' },
          { name: 'zip', type: ['null', 'string'], default: null },
        ],
      },
    },
    { name: 'total', type: 'double' },
    { name: 'status', type: { type: 'enum', name: 'Status', symbols: ['NEW', 'PAID'] } },
    { name: 'tag', type: 'bytes' },
    { name: 'items', type: { type: 'array', items: 'string' } },
  ],
};

// Order.Line has the field numbers of the Python peer's shop.Order.Line; its indexes are [0, 1].
const ORDER_PROTO = `syntax = "proto3";
package shop;

message Order {
  string id = 1;
  message Note { string text = 1; }
  message Line {
    string sku = 1;
    uint32 qty = 2;
    Money price = 3;
    Kind kind = 4;
    repeated string tags = 5;
    bytes raw = 6;
  }
}

message Money {
  string currency = 1;
  int64 cents = 2;
}

enum Kind {
  GOODS = 0;
  SERVICE = 1;
}
`;

const ORDER_JSON_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Order',
  type: 'object',
  properties: {
    id: { type: 'integer' },
    ship_to: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    total: { type: 'number' },
    items: { type: 'array', items: { type: 'string' } },
  },
  required: ['id', 'ship_to'],
  additionalProperties: false,
};

let sourceTopic: string;

beforeAll(async () => {
  [registry] = await Promise.all([startApicurio('registry-encode'), ensurePythonPeer()]);
  schemas = new RegistryClient({ url: registry.ccompatUrl });
  await groupCoordinatorReady(bootstrap());
  dir = mkdtempSync(join(tmpdir(), 'sluice-registry-encode-'));
  writeFileSync(join(dir, 'order.avsc'), JSON.stringify(ORDER_AVSC, null, 2));
  writeFileSync(join(dir, 'order.json'), JSON.stringify(ORDER_JSON_SCHEMA, null, 2));
  sourceTopic = await createTopic(bootstrap());
  await kcatProduce(
    bootstrap(),
    sourceTopic,
    sourceRecords.map((r) => ({ key: r.key, value: JSON.stringify(r.value) })),
    { partition: 0 },
  );
}, 300_000);

afterAll(async () => {
  await registry?.stop();
});

const resolveCluster: ClusterResolver = async () => ({ brokers: [bootstrap()], schemas });

function encodeJob(
  sinkTopic: string,
  map: string,
  valueSchema: NonNullable<Extract<JobSpecInput['sink'], { type: 'kafka' }>['valueSchema']>,
  onDecodeError: 'fail' | 'skip' = 'fail',
): JobSpec {
  return jobSpec({
    source: {
      cluster: { profile: 'with-registry' },
      topics: [sourceTopic],
      valueFormat: 'json',
      stopAt: { mode: 'latest' },
      onDecodeError,
    },
    transform: { map },
    sink: { type: 'kafka', topic: sinkTopic, valueSchema },
  });
}

const peer = (topic: string) => ({ bootstrap: bootstrap(), registry: registry.ccompatUrl, topic });
const good = sourceRecords.slice(0, COUNT);

describe('a job writing Avro with a schema file (TopicRecordName)', () => {
  const avroJob = (sinkTopic: string, onDecodeError: 'fail' | 'skip') =>
    encodeJob(
      sinkTopic,
      '{"key": "o-" & key, "value": $merge([value.order, {"id": value.n + 1000}])}',
      { format: 'avro', file: join(dir, 'order.avsc'), subjectStrategy: 'topic-record-name' },
      onDecodeError,
    );

  it('registers the file under <topic>-shop.Order; Python decodes every record; the one that does not fit is skipped by name', async () => {
    const sinkTopic = await createTopic(bootstrap());
    const { result, events, job } = await runBounded(avroJob(sinkTopic, 'skip'), { resolveCluster });
    expect({ state: result.state, error: events.error.at(-1)?.error.message }).toEqual({ state: 'finished' });
    expect(job.metrics()).toMatchObject({ recordsOut: COUNT });
    const subject = `${sinkTopic}-shop.Order`;
    expect(await schemas.versions(subject)).toEqual([1]);
    const { id } = await schemas.schemaByVersion(subject, 1);
    const skipped = events.warning.map((w) => w.message).filter((m) => m.startsWith('skipped'));
    expect(skipped).toEqual([
      `skipped the record at ${sourceTopic}[0] offset ${COUNT}: the value written for the record at ${sourceTopic}[0] ` +
        `offset ${COUNT} does not fit sink.valueSchema (subject "${subject}", id ${id}): field total: ` +
        'string "cheap" is not a valid double',
    ]);
    const read = await pythonConsume(peer(sinkTopic), 'avro', COUNT);
    expect(read).toEqual(
      good.map(({ key, value }) => ({
        key: `o-${key}`,
        value: { ...value.order, id: value.n + 1000, ship_to: { ...value.order.ship_to, zip: null } },
      })),
    );
  });

  it('fails the job on that record when onDecodeError is "fail", naming its offset and the field', async () => {
    const sinkTopic = await createTopic(bootstrap());
    const { result, events } = await runBounded(avroJob(sinkTopic, 'fail'), { resolveCluster });
    expect(result.state).toBe('failed');
    const error = events.error.at(-1)!.error;
    expect(error.message).toContain(
      `the value written for the record at ${sourceTopic}[0] offset ${COUNT} does not fit`,
    );
    expect(error.message).toContain('field total: string "cheap" is not a valid double');
  });
});

describe('a job writing Protobuf with a registered subject', () => {
  it('encodes the nested message shop.Order.Line with indexes [0, 1]; Python decodes every record', async () => {
    const sinkTopic = await createTopic(bootstrap());
    const subject = `${sinkTopic}-lines`;
    await schemas.register(subject, { schemaType: 'PROTOBUF', schema: ORDER_PROTO, references: [] });
    const spec = encodeJob(sinkTopic, '{"value": value.line}', {
      format: 'protobuf',
      subject,
      message: 'shop.Order.Line',
    });
    const { result, events } = await runBounded(spec, { resolveCluster });
    expect({ state: result.state, error: events.error.at(-1)?.error.message }).toEqual({ state: 'finished' });
    const raw = await kcatConsumeRaw(bootstrap(), sinkTopic);
    const { id } = await schemas.schemaByVersion(subject, 'latest');
    expect(raw).toHaveLength(COUNT + 1);
    for (const record of raw) {
      expect(record.value!.readUInt32BE(1)).toBe(id);
      // Zigzag count 2, then 0 and 1.
      expect([...record.value!.subarray(5, 8)]).toEqual([4, 0, 2]);
    }
    const read = await pythonConsume(peer(sinkTopic), 'protobuf', COUNT + 1);
    expect(read).toEqual(
      sourceRecords.map(({ key, value: { line } }) => ({
        key,
        value: { ...line, price: { currency: 'EUR', cents: String(line.price.cents) } },
      })),
    );
  });

  it("encodes with the subject Python's serializer registered (an import of shop/common.proto as a reference)", async () => {
    const pythonTopic = await createTopic(bootstrap());
    await pythonProduce(peer(pythonTopic), 'protobuf', 1);
    const sinkTopic = await createTopic(bootstrap());
    const spec = encodeJob(sinkTopic, '{"value": value.line}', {
      format: 'protobuf',
      subject: `${pythonTopic}-value`,
      message: 'shop.Order.Line',
    });
    const { result, events } = await runBounded(spec, { resolveCluster });
    expect({ state: result.state, error: events.error.at(-1)?.error.message }).toEqual({ state: 'finished' });
    const [pythons] = await kcatConsumeRaw(bootstrap(), pythonTopic);
    const raw = await kcatConsumeRaw(bootstrap(), sinkTopic);
    // The same schema id and message indexes as Python's own record.
    expect(raw.map((r) => [...r.value!.subarray(0, 8)])).toEqual(raw.map(() => [...pythons!.value!.subarray(0, 8)]));
    const read = await pythonConsume(peer(sinkTopic), 'protobuf', COUNT + 1);
    expect(read).toEqual(
      sourceRecords.map(({ key, value: { line } }) => ({
        key,
        value: { ...line, price: { currency: 'EUR', cents: String(line.price.cents) } },
      })),
    );
  });
});

describe('a job writing JSON Schema with a schema file (TopicName)', () => {
  it('registers the file under <topic>-value; Python validates and decodes every record', async () => {
    const sinkTopic = await createTopic(bootstrap());
    const spec = encodeJob(sinkTopic, '{"value": value.doc}', {
      format: 'json-schema',
      file: join(dir, 'order.json'),
    });
    const { result, events } = await runBounded(spec, { resolveCluster });
    expect({ state: result.state, error: events.error.at(-1)?.error.message }).toEqual({ state: 'finished' });
    expect(await schemas.versions(`${sinkTopic}-value`)).toEqual([1]);
    const read = await pythonConsume(peer(sinkTopic), 'json', COUNT + 1);
    expect(read).toEqual(sourceRecords.map(({ key, value }) => ({ key, value: value.doc })));
  });
});

describe('a schema file the registry refuses', () => {
  it('fails the job naming the subject and the registry message (409)', async () => {
    const sinkTopic = await createTopic(bootstrap());
    const subject = `${sinkTopic}-shop.Order`;
    await subjectRefusingOthers(registry.ccompatUrl, subject, 'shop.Order');
    const spec = encodeJob(sinkTopic, '{"value": $merge([value.order, {"id": value.n}])}', {
      format: 'avro',
      file: join(dir, 'order.avsc'),
      subjectStrategy: 'topic-record-name',
    });
    const { result, events } = await runBounded(spec, { resolveCluster });
    expect(result.state).toBe('failed');
    const error = events.error.at(-1)!.error;
    expect(error.message).toContain(
      `sink.valueSchema.file: registering ${join(dir, 'order.avsc')} under subject "${subject}": the registry refused it`,
    );
    expect(error.message).toMatch(/HTTP 409/);
    expect(error.hintId).toBe('invalid-config');
    expect(await schemas.versions(subject)).toEqual([1]);
  });
});
