import { describe, expect, it } from 'vitest';
import type { RegisteredSchema, SchemaSource } from '../../registry/schema-source.js';
import { parseClusterProfile, type ClusterProfile, type ClusterProfileInput } from '../../spec/cluster-profile.js';
import { parseJobSpec, type JobSpec, type JobSpecInput } from '../../spec/index.js';
import type { AvroValueSchema } from './avro-value.js';
import { exportJobToFlink } from './export-job.js';
import { exportFlinkSql, type FlinkExport } from './flink-script.js';

const ORDER = JSON.stringify({
  type: 'record',
  name: 'Order',
  namespace: 'shop',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'total', type: 'double' },
    { name: 'note', type: ['null', 'string'], default: null },
    {
      name: 'customer',
      type: { type: 'record', name: 'Customer', fields: [{ name: 'country', type: 'string' }] },
    },
  ],
});
const registered = (schema = ORDER, extra: Partial<RegisteredSchema> = {}): RegisteredSchema => ({
  id: 7,
  schemaType: 'AVRO',
  schema,
  references: [],
  subject: 'orders-value',
  version: 2,
  ...extra,
});

const profile = (input: ClusterProfileInput): ClusterProfile => {
  const parsed = parseClusterProfile(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.value;
};
const SRC = profile({
  name: 'src',
  bootstrapServers: ['k1:9092'],
  schemaRegistry: {
    url: 'http://registry:8081',
    auth: { basic: { username: 'reader', password: { secret: 'env:REGISTRY_PW' } } },
  },
});
const DST = profile({
  name: 'dst',
  bootstrapServers: ['k2:9092'],
  schemaRegistry: { url: 'https://registry2:8081', auth: { bearer: { token: { secret: 'file:/run/tok' } } } },
});
const profiles = new Map([
  ['src', SRC],
  ['dst', DST],
]);

function job(overrides: Partial<JobSpecInput> = {}, source: Partial<JobSpecInput['source']> = {}): JobSpec {
  const parsed = parseJobSpec({
    version: 1,
    name: 'orders',
    transform: { filter: 'value.total > 10 and value.customer.country = "NL"' },
    ...overrides,
    source: { cluster: { profile: 'src' }, topics: ['orders'], groupId: 'g', valueFormat: 'avro', ...source },
    sink: overrides.sink ?? { type: 'kafka', topic: 'big-orders' },
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.value;
}

const run = (
  spec: JobSpec,
  valueSchema: AvroValueSchema | undefined = { subject: 'orders-value', schema: registered() },
) => exportFlinkSql({ spec, profiles, ...(valueSchema ? { valueSchema } : {}) });
const sqlOf = (result: FlinkExport): string => {
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.sql;
};
const problemsOf = (result: FlinkExport) => (result.ok ? result.todos : result.problems);

describe('exportFlinkSql: an Avro value read with avro-confluent', () => {
  it("declares the value's columns from the schema and filters on them", () => {
    const result = run(job());
    const sql = sqlOf(result);
    expect(sql).toContain(
      'CREATE TABLE `sluice_source` (\n  `key` STRING,\n  `id` STRING NOT NULL,\n  `total` DOUBLE NOT NULL,\n' +
        '  `note` STRING,\n  `customer` ROW<`country` STRING NOT NULL> NOT NULL,\n  `headers` MAP<STRING, BYTES>',
    );
    expect(sql).toContain(
      "  'key.format' = 'raw',\n  'key.fields' = 'key',\n  'value.fields-include' = 'EXCEPT_KEY',\n" +
        "  'value.format' = 'avro-confluent',\n  'value.avro-confluent.url' = 'http://registry:8081',\n" +
        "  'value.avro-confluent.basic-auth.credentials-source' = 'USER_INFO',\n" +
        "  'value.avro-confluent.basic-auth.user-info' = 'reader:${REGISTRY_PW}',\n",
    );
    expect(sql).toContain(`'value.avro-confluent.schema' = '${ORDER}'`);
    expect(sql).toContain("WHERE ((`total` > 10) AND (`customer`.`country` = 'NL'));");
    expect(result.ok && result.placeholders).toEqual(['${REGISTRY_PW}']);
  });

  it("writes the value back with the same schema under the sink topic's subject", () => {
    const sql = sqlOf(run(job()));
    const sink = sql.slice(sql.indexOf('CREATE TABLE `sluice_sink`'));
    expect(sink).toContain('  `key` STRING,\n  `id` STRING NOT NULL,\n  `total` DOUBLE NOT NULL,');
    expect(sink).toContain("'value.avro-confluent.url' = 'http://registry:8081'");
    expect(sink).toContain("'value.avro-confluent.subject' = 'big-orders-value'");
    expect(sink).toContain(`'value.avro-confluent.schema' = '${ORDER}'`);
    expect(sql).toContain(
      'SELECT\n  `key` AS `key`,\n  `id`,\n  `total`,\n  `note`,\n  `customer`,\n  `headers`\nFROM `sluice_source`',
    );
  });

  it("uses the sink cluster's own registry, its secrets named apart", () => {
    const result = run(job({ sink: { type: 'kafka', topic: 'big-orders', cluster: { profile: 'dst' } } }));
    const sql = sqlOf(result);
    const sink = sql.slice(sql.indexOf('CREATE TABLE `sluice_sink`'));
    expect(sink).toContain("'value.avro-confluent.url' = 'https://registry2:8081'");
    expect(sink).toContain("'value.avro-confluent.bearer-auth.credentials-source' = 'STATIC_TOKEN'");
    expect(sink).toContain("'value.avro-confluent.bearer-auth.token' = '${SINK_REGISTRY_TOKEN}'");
    expect(result.ok && result.placeholders).toEqual(['${REGISTRY_PW}', '${SINK_REGISTRY_TOKEN}']);
  });

  it('keeps the problem, and says why, when the schema could not be read', () => {
    const result = run(job(), { subject: 'orders-value', error: 'GET /subjects/orders-value: connect ECONNREFUSED' });
    expect(problemsOf(result)).toEqual([
      expect.objectContaining({
        path: 'source.valueFormat',
        message:
          "a filter or map over Avro fields needs Flink's avro-confluent format with the columns of the value's schema; " +
          'the schema of orders-value could not be read: GET /subjects/orders-value: connect ECONNREFUSED',
      }),
      expect.objectContaining({ path: 'transform.filter' }),
      expect.objectContaining({ path: 'transform.filter' }),
    ]);
  });

  it('lists a schema of another type, with references, or several topics as problems', () => {
    const message = (result: FlinkExport) => problemsOf(result)[0]?.message;
    expect(
      message(run(job(), { subject: 'orders-value', schema: registered('x', { schemaType: 'PROTOBUF' }) })),
    ).toMatch(/the latest schema of orders-value \(id 7\) is PROTOBUF, not Avro$/);
    const refs = [{ name: 'shop.Customer', subject: 'customer', version: 1 }];
    expect(message(run(job(), { subject: 'orders-value', schema: registered(ORDER, { references: refs }) }))).toMatch(
      /has references, which Flink's avro-confluent schema option cannot carry$/,
    );
    expect(message(run(job({}, { topics: ['a', 'b'] }), undefined))).toMatch(
      /comes? from the subject <topic>-value of one topic; this job reads 2 topics$/,
    );
  });

  it('lists unmappable fields, fields named like the metadata columns, and untranslatable reads', () => {
    const schema = JSON.stringify({
      type: 'record',
      name: 'R',
      fields: [
        { name: 'topic', type: 'string' },
        { name: 'either', type: ['int', 'string'] },
      ],
    });
    const problems = problemsOf(
      run(job({ transform: { filter: 'partition = 1' } }), { subject: 'orders-value', schema: registered(schema) }),
    );
    expect(problems.map((p) => p.message)).toEqual([
      'value.either (orders-value (id 7)): the union ["int","string"] has no Flink SQL type (only ["null", T] maps, to a nullable T)',
      "value.topic (orders-value (id 7)): the field's name is also the source table's topic column",
    ]);
    const reads = problemsOf(run(job({ transform: { filter: 'value.customer = "x" or value.nope = 1' } })));
    expect(reads.map((p) => p.message)).toEqual([
      'value.customer is an Avro record; only string, number and boolean fields translate',
      'value.nope: the Avro schema has no field "nope" there',
    ]);
  });

  it('lists a map that sets an Avro value (it needs a sink schema); a map of the timestamp translates', () => {
    const problems = problemsOf(run(job({ transform: { map: '{"value": {"id": value.id}}' } })));
    expect(problems.map((p) => p.message)).toEqual([
      'a map that writes the avro payload needs a sink schema, which does not translate',
    ]);
    const sql = sqlOf(run(job({ transform: { map: '{"timestamp": value.total}' } })));
    expect(sql).toContain('TO_TIMESTAMP_LTZ(CAST(`total` AS BIGINT), 3) AS `event_time`');
  });

  it("lists enum fields for a Kafka sink: Flink's avro-confluent cannot write them back", () => {
    const schema = JSON.stringify({
      type: 'record',
      name: 'R',
      fields: [
        { name: 'total', type: 'double' },
        { name: 'status', type: { type: 'enum', name: 'Status', symbols: ['NEW', 'PAID'] } },
      ],
    });
    const problems = problemsOf(
      run(job({ transform: { filter: 'value.total > 1' } }), { subject: 'orders-value', schema: registered(schema) }),
    );
    expect(problems).toEqual([
      {
        path: 'sink',
        text: 'value.status',
        message:
          "value.status (orders-value (id 7)): Flink's avro-confluent reads an Avro enum as a string but cannot write it back (Avro refuses a string for an enum), so the sink cannot write this value",
      },
    ]);
  });

  it('passes an Avro value through as raw bytes when no transform reads it', () => {
    const sql = sqlOf(run(job({ transform: undefined }), undefined));
    expect(sql).toContain('`value` BYTES');
    expect(sql).not.toContain('avro-confluent');
  });
});

describe('exportJobToFlink: the schema of the value subject', () => {
  const lookupProfile = async (name: string) => {
    const found = profiles.get(name);
    if (!found) throw new Error(`no profile ${name}`);
    return found;
  };

  it("fetches the latest schema of <topic>-value from the source profile's registry", async () => {
    const asked: string[] = [];
    const registry: Pick<SchemaSource, 'schemaByVersion'> = {
      schemaByVersion: async (subject, version) => {
        asked.push(`${subject}@${version}`);
        return registered();
      },
    };
    const result = await exportJobToFlink(job(), {
      lookupProfile,
      stateDir: '/nonexistent',
      registryOf: async (name) => {
        asked.push(name);
        return registry as SchemaSource;
      },
    });
    expect(asked).toEqual(['src', 'orders-value@latest']);
    expect(result.ok && result.sql).toContain("'value.format' = 'avro-confluent'");
  });

  it('turns a registry failure into the problem message', async () => {
    const result = await exportJobToFlink(job(), {
      lookupProfile,
      stateDir: '/nonexistent',
      registryOf: async () => {
        throw new Error('registry http://registry:8081 unreachable');
      },
    });
    expect(result.ok ? [] : result.problems[0]?.message).toMatch(
      /could not be read: registry http:\/\/registry:8081 unreachable$/,
    );
  });
});
