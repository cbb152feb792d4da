import { describe, expect, it } from 'vitest';
import type { Checkpoint } from '../../checkpoints/index.js';
import { parseClusterProfile, type ClusterProfile } from '../../spec/cluster-profile.js';
import { parseJobSpec, type JobSpec, type JobSpecInput } from '../../spec/index.js';
import { exportFlinkSql, type FlinkExport } from './flink-script.js';

function spec(overrides: Partial<JobSpecInput> & { source?: Partial<JobSpecInput['source']> } = {}): JobSpec {
  const parsed = parseJobSpec({
    version: 1,
    name: 'orders',
    ...overrides,
    source: {
      cluster: { bootstrapServers: ['b1:9092', 'b2:9092'] },
      topics: ['orders'],
      groupId: 'g1',
      ...overrides.source,
    },
    sink: overrides.sink ?? { type: 'kafka', topic: 'out' },
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.value;
}

const sqlOf = (result: FlinkExport): string => {
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.sql;
};
const run = (
  job: JobSpec,
  extra: { profiles?: Map<string, ClusterProfile>; checkpoint?: Checkpoint; allowTodo?: boolean } = {},
) => exportFlinkSql({ spec: job, profiles: extra.profiles ?? new Map(), ...extra });

describe('exportFlinkSql: tables and settings', () => {
  it('writes source and sink tables with the connector options', () => {
    const sql = sqlOf(run(spec({ checkpoint: { intervalMs: 2500 } })));
    expect(sql).toContain("SET 'execution.checkpointing.interval' = '2500 ms';");
    expect(sql).toContain('CREATE TABLE `sluice_source` (\n  `key` STRING,\n  `value` STRING,');
    expect(sql).toContain(
      "  'connector' = 'kafka',\n  'topic' = 'orders',\n  'properties.bootstrap.servers' = 'b1:9092,b2:9092',",
    );
    expect(sql).toContain("'properties.group.id' = 'g1'");
    expect(sql).toContain("'scan.startup.mode' = 'earliest-offset'");
    expect(sql).toContain("'scan.topic-partition-discovery.interval' = '300000 ms'");
    expect(sql).toContain("'key.format' = 'raw',\n  'key.fields' = 'key'");
    expect(sql).toContain("'sink.delivery-guarantee' = 'at-least-once'");
    expect(sql).toContain(
      'INSERT INTO `sluice_sink`\nSELECT\n  `key` AS `key`,\n  `value` AS `value`,\n  `headers`\nFROM `sluice_source`;',
    );
    expect(sql).not.toContain('scan.bounded.mode');
  });

  it('quotes identifiers and string literals', () => {
    const sql = sqlOf(
      run(
        spec({
          source: { topics: ["it's", 'b`q'], groupId: "o'g" } as JobSpecInput['source'],
          transform: { filter: 'key = "x\'y"' },
        }),
      ),
    );
    expect(sql).toContain("'topic' = 'it''s;b`q'");
    expect(sql).toContain("'properties.group.id' = 'o''g'");
    expect(sql).toContain("WHERE (`key` = 'x''y');");
  });

  it('carries the sink guarantee, transactional id prefix, timestamps and a topic pattern', () => {
    const sql = sqlOf(
      run(
        spec({
          source: { topics: undefined, topicPattern: 'orders-.*', discoveryIntervalMs: 0 } as JobSpecInput['source'],
          sink: {
            type: 'kafka',
            topic: 'out',
            deliveryGuarantee: 'exactly-once',
            transactionalIdPrefix: 'tx-orders',
            writeTimestamp: true,
          },
        }),
      ),
    );
    expect(sql).toContain("'topic-pattern' = 'orders-.*'");
    expect(sql).toContain("'scan.topic-partition-discovery.interval' = '0 ms'");
    expect(sql).toContain("'sink.delivery-guarantee' = 'exactly-once'");
    expect(sql).toContain("'sink.transactional-id-prefix' = 'tx-orders'");
    expect(sql).toContain("`event_time` TIMESTAMP_LTZ(3) METADATA FROM 'timestamp'\n)");
    expect(sql).toContain('`event_time` AS `event_time`');
  });
});

describe('exportFlinkSql: start and stop modes', () => {
  const options = (job: JobSpec, checkpoint?: Checkpoint) => sqlOf(run(job, checkpoint ? { checkpoint } : {}));
  it.each([
    [{ mode: 'earliest' }, ["'scan.startup.mode' = 'earliest-offset'"]],
    [{ mode: 'latest' }, ["'scan.startup.mode' = 'latest-offset'"]],
    [
      { mode: 'timestamp', timestamp: 1700000000000 },
      ["'scan.startup.mode' = 'timestamp'", "'scan.startup.timestamp-millis' = '1700000000000'"],
    ],
    [
      { mode: 'group-offsets', fallback: 'latest' },
      ["'scan.startup.mode' = 'group-offsets'", "'properties.auto.offset.reset' = 'latest'"],
    ],
    [
      {
        mode: 'specific-offsets',
        offsets: [
          { topic: 'orders', partition: 1, offset: 300 },
          { topic: 'orders', partition: 0, offset: 42 },
        ],
      },
      [
        "'scan.startup.mode' = 'specific-offsets'",
        "'scan.startup.specific-offsets' = 'partition:0,offset:42;partition:1,offset:300'",
      ],
    ],
  ] as const)('startFrom %j', (startFrom, expected) => {
    const sql = options(spec({ source: { startFrom } as JobSpecInput['source'] }));
    for (const line of expected) expect(sql).toContain(line);
  });

  it.each([
    [{ mode: 'latest' }, ["'scan.bounded.mode' = 'latest-offset'"]],
    [
      { mode: 'timestamp', timestamp: 5 },
      ["'scan.bounded.mode' = 'timestamp'", "'scan.bounded.timestamp-millis' = '5'"],
    ],
    [
      { mode: 'specific-offsets', offsets: [{ topic: 'orders', partition: 0, offset: 7 }] },
      ["'scan.bounded.mode' = 'specific-offsets'", "'scan.bounded.specific-offsets' = 'partition:0,offset:7'"],
    ],
  ] as const)('stopAt %j', (stopAt, expected) => {
    const sql = options(spec({ source: { stopAt } as JobSpecInput['source'] }));
    for (const line of expected) expect(sql).toContain(line);
  });

  it("starts at a checkpoint's offsets and keeps an unfinished run's stops", () => {
    const checkpoint: Checkpoint = {
      version: 1,
      jobName: 'orders',
      checkpointId: 7,
      takenAt: 0,
      offsets: [
        { topic: 'orders', partition: 0, offset: 10 },
        { topic: 'orders', partition: 1, offset: 4 },
      ],
      partitions: [
        { topic: 'orders', partition: 0 },
        { topic: 'orders', partition: 1 },
      ],
      stops: [
        { topic: 'orders', partition: 0, offset: 20 },
        { topic: 'orders', partition: 1, offset: 4 },
      ],
      sink: null,
    };
    const sql = options(
      spec({ source: { startFrom: { mode: 'latest' }, stopAt: { mode: 'latest' } } as JobSpecInput['source'] }),
      checkpoint,
    );
    expect(sql).toContain("'scan.startup.specific-offsets' = 'partition:0,offset:10;partition:1,offset:4'");
    expect(sql).toContain("'scan.bounded.specific-offsets' = 'partition:0,offset:20;partition:1,offset:4'");
    expect(sql).toContain('checkpoint 7');
  });

  it('refuses specific offsets over several topics, naming why', () => {
    const result = run(
      spec({
        source: {
          topics: ['a', 'b'],
          startFrom: { mode: 'specific-offsets', offsets: [{ topic: 'a', partition: 0, offset: 1 }] },
        } as JobSpecInput['source'],
      }),
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]).toMatchObject({
      path: 'source.startFrom.offsets',
      message: expect.stringMatching(/single topic/),
    });
  });
});

describe('exportFlinkSql: security and refusals', () => {
  const profile = (input: unknown): ClusterProfile => {
    const parsed = parseClusterProfile(input);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    return parsed.value;
  };

  it('writes TLS and SASL as connector properties with secrets as placeholders', () => {
    const prod = profile({
      name: 'prod',
      bootstrapServers: ['k:9093'],
      tls: { ca: '/etc/ca.pem' },
      sasl: { mechanism: 'scram-sha-512', username: 'svc', password: { secret: 'file:/run/secret/pw' } },
    });
    const result = run(spec({ source: { cluster: { profile: 'prod' } } as JobSpecInput['source'] }), {
      profiles: new Map([['prod', prod]]),
    });
    const sql = sqlOf(result);
    expect(sql).toContain("'properties.security.protocol' = 'SASL_SSL'");
    expect(sql).toContain("'properties.ssl.truststore.location' = '/etc/ca.pem'");
    expect(sql).toContain("'properties.sasl.mechanism' = 'SCRAM-SHA-512'");
    expect(sql).toContain(
      '\'properties.sasl.jaas.config\' = \'org.apache.flink.kafka.shaded.org.apache.kafka.common.security.scram.ScramLoginModule required username="svc" password="${SASL_PASSWORD}";\'',
    );
    expect(sql).not.toContain('/run/secret/pw');
    expect(result.ok && result.placeholders).toEqual(['${SASL_PASSWORD}']);
  });

  it('names an env: secret after its variable, never its value', () => {
    const dev = profile({
      name: 'dev',
      bootstrapServers: ['k:9093'],
      sasl: { mechanism: 'plain', username: 'u', password: { secret: 'env:KAFKA_PW' } },
    });
    const sql = sqlOf(
      exportFlinkSql({
        spec: spec({ source: { cluster: { profile: 'dev' } } as JobSpecInput['source'] }),
        profiles: new Map([['dev', dev]]),
      }),
    );
    expect(sql).toContain('password="${KAFKA_PW}"');
    expect(sql).toContain("'properties.security.protocol' = 'SASL_PLAINTEXT'");
  });

  it('refuses untranslatable parts unless asked to leave TODO comments', () => {
    const job = spec({
      transform: { filter: '$match(key, /a/)' },
      sink: { type: 'kafka', topic: 'o', partitioner: 'source-partition' },
    });
    const refused = run(job);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.problems.map((p) => p.path)).toEqual(['transform.filter', 'sink.partitioner']);
    const sql = sqlOf(run(job, { allowTodo: true }));
    expect(sql).toContain(
      '-- TODO(sluice): untranslated: $match(key, /a/) (transform.filter:1:1: $match has no SQL translation)',
    );
    expect(sql).toContain('-- TODO(sluice): untranslated: partitioner: source-partition');
    expect(sql).not.toContain('WHERE');
  });

  it('refuses a file sink', () => {
    const result = run(spec({ sink: { type: 'file', path: '/tmp/x.ndjson' } }));
    expect(!result.ok && result.problems[0]?.path).toBe('sink');
  });
});

describe('exportFlinkSql: Schema Registry formats', () => {
  it('passes registry records through as raw bytes when nothing reads their fields, and says so', () => {
    const sql = sqlOf(run(spec({ source: { keyFormat: 'protobuf', valueFormat: 'avro' } as JobSpecInput['source'] })));
    expect(sql).toContain('`key` BYTES');
    expect(sql).toContain('`value` BYTES');
    expect(sql).toContain("'value.format' = 'raw'");
    expect(sql).toContain('records pass through as raw bytes with their schema ids');
  });

  it('lists a filter over protobuf, or over avro without a registry, as not translated; a registry key passes as bytes', () => {
    const result = run(
      spec({
        source: { keyFormat: 'protobuf', valueFormat: 'avro' } as JobSpecInput['source'],
        transform: { filter: 'value.total > 10' },
      }),
    );
    expect(result.ok ? [] : result.problems.filter((p) => p.path.startsWith('source'))).toEqual([
      expect.objectContaining({
        path: 'source.valueFormat',
        message:
          "a filter or map over Avro fields needs Flink's avro-confluent format with the columns of the value's schema; the source cluster profile has no schemaRegistry",
      }),
    ]);
    const proto = run(
      spec({
        source: { valueFormat: 'protobuf' } as JobSpecInput['source'],
        transform: { filter: 'partition = 1' },
      }),
    );
    expect(proto.ok ? [] : proto.problems).toEqual([
      expect.objectContaining({
        path: 'source.valueFormat',
        message:
          "Apache Flink has no Schema Registry format for protobuf (protobuf-confluent is Confluent Cloud's); a filter or map over its fields does not translate",
      }),
    ]);
    const jsonSchema = run(
      spec({
        source: { valueFormat: 'json-schema' } as JobSpecInput['source'],
        transform: { filter: 'value.total > 1' },
      }),
    );
    expect(jsonSchema.ok ? [] : jsonSchema.problems.map((p) => p.message)).toEqual([
      'Apache Flink has no Schema Registry format for json-schema; a filter or map over its fields does not translate',
      'value.total reads into the json-schema value, whose fields are not columns of the Flink table',
    ]);
  });

  it('lists a sink schema (keySchema, valueSchema) as not translated', () => {
    const result = run(
      spec({
        source: { valueFormat: 'json' } as JobSpecInput['source'],
        sink: {
          type: 'kafka',
          topic: 'out',
          valueSchema: { format: 'avro', file: 'order.avsc' },
          keySchema: { format: 'protobuf', subject: 'keys' },
        },
      }),
    );
    expect(result.ok ? [] : result.problems.filter((p) => p.path.endsWith('Schema'))).toEqual([
      expect.objectContaining({
        path: 'sink.keySchema',
        message: 'Apache Flink has no Schema Registry format for protobuf; encoding with it does not translate',
      }),
      expect.objectContaining({ path: 'sink.valueSchema', message: expect.stringContaining('avro-confluent') }),
    ]);
  });
});
