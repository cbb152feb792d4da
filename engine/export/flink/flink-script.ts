import type { Checkpoint, CheckpointOffsets } from '../../checkpoints/index.js';
import type { ClusterProfile, SchemaRegistrySettings } from '../../spec/cluster-profile.js';
import {
  isRegistryFormat,
  maxInFlightOf,
  type ClusterRef,
  type JobSpec,
  type RecordFormat,
  type SourceSpec,
} from '../../spec/index.js';
import {
  avroColumnLines,
  avroConfluentOptions,
  avroValue,
  enumSinkProblem,
  type AvroValue,
  type AvroValueSchema,
} from './avro-value.js';
import { clusterProperties } from './cluster-properties.js';
import type { ExportProblem } from './export-problem.js';
import { COLUMN, translateFilter, translateMap, type MapColumns } from './jsonata-sql.js';
import { quoteIdentifier as id, quoteString, sqlComment, withClause } from './sql-text.js';

/** The Flink release the export targets and the tests run. */
export const FLINK_VERSION = '2.0.0';
export const FLINK_KAFKA_CONNECTOR_VERSION = '4.0.1-2.0';

export const SOURCE_TABLE = 'sluice_source';
export const SINK_TABLE = 'sluice_sink';

export interface FlinkExportInput {
  spec: JobSpec;
  /** The profiles the job's cluster refs name, already looked up. */
  profiles: ReadonlyMap<string, ClusterProfile>;
  /** Start at this checkpoint's offsets (the next ones to read) instead of `startFrom`. */
  checkpoint?: Checkpoint;
  /** The latest schema of an Avro value's subject (exportJobToFlink fetches it when a transform reads the value). */
  valueSchema?: AvroValueSchema;
  /** Leave untranslatable parts as `-- TODO(sluice): untranslated:` comments instead of refusing. */
  allowTodo?: boolean;
}

export type FlinkExport =
  { ok: true; sql: string; todos: ExportProblem[]; placeholders: string[] } | { ok: false; problems: ExportProblem[] };

type Options = [string, string][];

/** The Flink SQL script that runs a Sluice job with the Kafka SQL connector. */
export function exportFlinkSql(input: FlinkExportInput): FlinkExport {
  const { spec } = input;
  const problems: ExportProblem[] = [];
  const notes: string[] = [];
  const profileOf = (ref: ClusterRef, path: string): ClusterProfile | undefined => {
    if (!('profile' in ref)) return undefined;
    const profile = input.profiles.get(ref.profile);
    if (!profile) throw new Error(`${path}: cluster profile "${ref.profile}" was not looked up`);
    return profile;
  };

  const source = spec.source;
  const sourceCluster = clusterProperties(
    source.cluster,
    profileOf(source.cluster, 'source.cluster'),
    'source.cluster',
  );
  problems.push(...sourceCluster.problems);
  notes.push(...sourceCluster.notes);
  const placeholders = [...sourceCluster.placeholders];

  const transformed = spec.transform?.filter !== undefined || spec.transform?.map !== undefined;
  const sourceProfile = profileOf(source.cluster, 'source.cluster');
  const avro =
    transformed && source.valueFormat === 'avro'
      ? avroValue(source, sourceProfile?.schemaRegistry, input.valueSchema, problems)
      : undefined;
  const columns = {
    keyFormat: source.keyFormat,
    valueFormat: source.valueFormat,
    ...(avro ? { valueColumns: avro.columns } : {}),
  };
  problems.push(...registryFormatProblems(source, transformed, notes), ...sinkSchemaProblems(spec.sink));
  const filter = spec.transform?.filter === undefined ? undefined : translateFilter(spec.transform.filter, columns);
  const map = spec.transform?.map === undefined ? undefined : translateMap(spec.transform.map, columns);
  problems.push(...(filter?.problems ?? []), ...(map?.problems ?? []));

  const sourceOptions: Options = [['connector', 'kafka'], ...topicOptions(source)];
  sourceOptions.push(...sourceCluster.options, ['properties.group.id', source.groupId]);
  sourceOptions.push(...startOptions(source, input.checkpoint, problems));
  sourceOptions.push(...boundedOptions(source, input.checkpoint, problems));
  sourceOptions.push(
    ['scan.topic-partition-discovery.interval', `${Math.max(0, source.discoveryIntervalMs)} ms`],
    ['properties.isolation.level', source.isolationLevel],
    ['properties.commit.offsets.on.checkpoint', String(spec.checkpoint.commitOffsetsOnCheckpoint)],
    ...formatOptions(true, avro ? avroFormat(avro, avro.registry, '', placeholders, notes) : undefined),
  );

  const sink = sinkTable(input, map?.result ?? {}, avro, problems, notes, placeholders);
  const sourceColumns = [
    `  ${id(COLUMN.key)} ${sqlType(source.keyFormat)}`,
    ...valueColumns(source.valueFormat, avro),
    `  ${id(COLUMN.headers)} MAP<STRING, BYTES> METADATA FROM 'headers' VIRTUAL`,
    `  ${id(COLUMN.timestamp)} TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL`,
    `  ${id(COLUMN.topic)} STRING METADATA FROM 'topic' VIRTUAL`,
    `  ${id(COLUMN.partition)} INT METADATA FROM 'partition' VIRTUAL`,
    `  ${id(COLUMN.offset)} BIGINT METADATA FROM 'offset' VIRTUAL`,
  ];

  if (problems.length > 0 && !input.allowTodo) return { ok: false, problems };

  const lines: string[] = [
    sqlComment(`Flink SQL for the Sluice job "${spec.name}", written by \`sluice export flink\`.`),
    sqlComment(
      `Tested with Apache Flink ${FLINK_VERSION} and flink-sql-connector-kafka ${FLINK_KAFKA_CONNECTOR_VERSION}.`,
    ),
  ];
  if (input.checkpoint) {
    lines.push(
      sqlComment(
        `Starts at the offsets of Sluice checkpoint ${input.checkpoint.checkpointId} (the next ones to read).`,
      ),
    );
  }
  if (placeholders.length > 0) {
    lines.push(
      sqlComment(
        `Fill these placeholders before running (secrets are never written here): ${[...new Set(placeholders)].join(', ')}`,
      ),
    );
  }
  for (const note of new Set(notes)) lines.push(sqlComment(`NOTE: ${note}`));
  lines.push('', ...settings(spec).map(([k, v]) => `SET ${quoteString(k)} = ${quoteString(v)};`), '');
  lines.push(
    `CREATE TABLE ${id(SOURCE_TABLE)} (`,
    sourceColumns.join(',\n'),
    ') WITH (',
    withClause(sourceOptions),
    ');',
    '',
  );
  lines.push(
    `CREATE TABLE ${id(SINK_TABLE)} (`,
    sink.columns.join(',\n'),
    ') WITH (',
    withClause(sink.options),
    ');',
    '',
  );
  for (const problem of problems) {
    const where = problem.line === undefined ? problem.path : `${problem.path}:${problem.line}:${problem.column ?? 1}`;
    lines.push(sqlComment(`TODO(sluice): untranslated: ${problem.text} (${where}: ${problem.message})`));
  }
  lines.push(
    `INSERT INTO ${id(SINK_TABLE)}`,
    `SELECT`,
    sink.select.map((s) => `  ${s}`).join(',\n'),
    `FROM ${id(SOURCE_TABLE)}`,
  );
  if (filter?.result !== undefined) lines.push(`WHERE ${filter.result}`);
  lines[lines.length - 1] += ';';
  return { ok: true, sql: `${lines.join('\n')}\n`, todos: problems, placeholders: [...new Set(placeholders)] };
}

/**
 * Schema Registry formats in Flink: a key or value nothing reads passes through as raw bytes there
 * as in Sluice (the schema ids travel with it). An Avro value a transform reads is declared with
 * avro-confluent (avro-value.ts); Apache Flink has no registry format for Protobuf or JSON Schema.
 */
function registryFormatProblems(source: SourceSpec, transformed: boolean, notes: string[]): ExportProblem[] {
  const raw = (['keyFormat', 'valueFormat'] as const).filter(
    (field) => isRegistryFormat(source[field]) && (!transformed || field === 'keyFormat'),
  );
  if (raw.length > 0) {
    notes.push(
      `${raw.map((field) => `source.${field} "${source[field]}"`).join(' and ')}: records pass through as raw bytes ` +
        "with their schema ids, as in Sluice; the sink's readers need the same Schema Registry",
    );
  }
  const format = source.valueFormat;
  if (!transformed || !isRegistryFormat(format) || format === 'avro') return [];
  return [
    {
      path: 'source.valueFormat',
      text: `"${format}"`,
      message: `Apache Flink has no Schema Registry format for ${format}${format === 'protobuf' ? " (protobuf-confluent is Confluent Cloud's)" : ''}; a filter or map over its fields does not translate`,
    },
  ];
}

/** A sink schema (sink.keySchema / valueSchema) would take Flink's avro-confluent sink with declared columns. */
function sinkSchemaProblems(sink: JobSpec['sink']): ExportProblem[] {
  if (sink.type !== 'kafka') return [];
  return (['keySchema', 'valueSchema'] as const).flatMap((field) => {
    const schema = sink[field];
    if (!schema) return [];
    return [
      {
        path: `sink.${field}`,
        text: JSON.stringify(schema),
        message:
          schema.format === 'avro'
            ? "encoding with a registry schema needs Flink's avro-confluent format with the schema's columns declared, which the export does not write"
            : `Apache Flink has no Schema Registry format for ${schema.format}; encoding with it does not translate`,
      },
    ];
  });
}

function sqlType(format: RecordFormat): string {
  return format === 'bytes' || isRegistryFormat(format) ? 'BYTES' : 'STRING';
}

/** The value's columns: one raw column, or an Avro value's fields. */
function valueColumns(format: RecordFormat, avro: AvroValue | undefined): string[] {
  return avro ? avroColumnLines(avro, id) : [`  ${id(COLUMN.value)} ${sqlType(format)}`];
}

/** avro-confluent value options with the schema's text, so Flink reads and writes with that very schema. */
function avroFormat(
  avro: AvroValue,
  registry: SchemaRegistrySettings,
  prefix: string,
  placeholders: string[],
  notes: string[],
): Options {
  const format = avroConfluentOptions(registry, prefix);
  placeholders.push(...format.placeholders);
  notes.push(...format.notes);
  return [...format.options, ['value.avro-confluent.schema', avro.schemaText]];
}

/**
 * Key and value as raw bytes: Sluice passes them through untouched, and so does the raw format.
 * `value` replaces the raw value format (an Avro value's avro-confluent options).
 */
function formatOptions(withKey: boolean, value: Options = [['value.format', 'raw']]): Options {
  const key: Options = withKey
    ? [
        ['key.format', 'raw'],
        ['key.fields', COLUMN.key],
        ['value.fields-include', 'EXCEPT_KEY'],
      ]
    : [];
  return [...key, ...value];
}

function topicOptions(source: SourceSpec): Options {
  if (source.topicPattern !== undefined) return [['topic-pattern', source.topicPattern]];
  return [['topic', (source.topics ?? []).join(';')]];
}

const offsetList = (offsets: readonly { partition: number; offset: number }[]) =>
  [...offsets]
    .sort((a, b) => a.partition - b.partition)
    .map((o) => `partition:${o.partition},offset:${o.offset}`)
    .join(';');

/** Flink's specific offsets name partitions of one topic only. */
function singleTopic(
  source: SourceSpec,
  offsets: readonly CheckpointOffsets[],
  path: string,
  problems: ExportProblem[],
): boolean {
  const topics = source.topics ?? [];
  const named = [...new Set(offsets.map((o) => o.topic))];
  if (topics.length === 1 && named.every((t) => t === topics[0])) return true;
  problems.push({
    path,
    text: `${path}: ${named.join(', ')}`,
    message:
      source.topicPattern !== undefined
        ? "Flink's specific offsets need a single topic, not a topic pattern"
        : topics.length !== 1
          ? `Flink's specific offsets name partitions of a single topic; this job reads ${topics.length} topics (export one job per topic)`
          : `offsets name topics the job does not read: ${named.filter((t) => t !== topics[0]).join(', ')}`,
  });
  return false;
}

function startOptions(source: SourceSpec, checkpoint: Checkpoint | undefined, problems: ExportProblem[]): Options {
  if (checkpoint) {
    if (!singleTopic(source, checkpoint.offsets, 'checkpoint.offsets', problems)) return [];
    const unread = checkpoint.partitions.filter(
      (p) => !checkpoint.offsets.some((o) => o.topic === p.topic && o.partition === p.partition),
    );
    if (unread.length > 0 && source.startFrom.mode !== 'earliest') {
      problems.push({
        path: 'checkpoint.offsets',
        text: unread.map((p) => `${p.topic}[${p.partition}]`).join(', '),
        message: `partitions without a checkpointed offset start at the earliest offset in Flink, not per startFrom "${source.startFrom.mode}"`,
      });
    }
    return [
      ['scan.startup.mode', 'specific-offsets'],
      ['scan.startup.specific-offsets', offsetList(checkpoint.offsets)],
    ];
  }
  const start = source.startFrom;
  switch (start.mode) {
    case 'earliest':
      return [['scan.startup.mode', 'earliest-offset']];
    case 'latest':
      return [['scan.startup.mode', 'latest-offset']];
    case 'timestamp':
      return [
        ['scan.startup.mode', 'timestamp'],
        ['scan.startup.timestamp-millis', String(start.timestamp)],
      ];
    case 'group-offsets':
      return [
        ['scan.startup.mode', 'group-offsets'],
        ['properties.auto.offset.reset', start.fallback],
      ];
    case 'specific-offsets': {
      if (start.fallback !== 'earliest') {
        problems.push({
          path: 'source.startFrom.fallback',
          text: `fallback: ${start.fallback}`,
          message:
            'Flink starts unlisted partitions of specific offsets at the earliest offset; only fallback "earliest" translates',
        });
      }
      if (!singleTopic(source, start.offsets, 'source.startFrom.offsets', problems)) return [];
      return [
        ['scan.startup.mode', 'specific-offsets'],
        ['scan.startup.specific-offsets', offsetList(start.offsets)],
      ];
    }
  }
}

function boundedOptions(source: SourceSpec, checkpoint: Checkpoint | undefined, problems: ExportProblem[]): Options {
  const stopAt = source.stopAt;
  if (!stopAt) return [];
  // A bounded run resumed from its checkpoint ends where it would have: at the stops it resolved.
  const stops = checkpoint?.stops;
  const unfinished =
    stops !== undefined &&
    stops.some((s) => {
      const at = checkpoint?.offsets.find((o) => o.topic === s.topic && o.partition === s.partition);
      return (at?.offset ?? 0) < s.offset;
    });
  if (stops && unfinished) {
    if (!singleTopic(source, stops, 'checkpoint.stops', problems)) return [];
    return [
      ['scan.bounded.mode', 'specific-offsets'],
      ['scan.bounded.specific-offsets', offsetList(stops)],
    ];
  }
  switch (stopAt.mode) {
    case 'latest':
      return [['scan.bounded.mode', 'latest-offset']];
    case 'timestamp':
      return [
        ['scan.bounded.mode', 'timestamp'],
        ['scan.bounded.timestamp-millis', String(stopAt.timestamp)],
      ];
    case 'specific-offsets':
      if (!singleTopic(source, stopAt.offsets, 'source.stopAt.offsets', problems)) return [];
      return [
        ['scan.bounded.mode', 'specific-offsets'],
        ['scan.bounded.specific-offsets', offsetList(stopAt.offsets)],
      ];
  }
}

function settings(spec: JobSpec): Options {
  const out: Options = [
    ['pipeline.name', `sluice-${spec.name}`],
    ['execution.checkpointing.interval', `${spec.checkpoint.intervalMs} ms`],
    ['state.checkpoints.num-retained', String(spec.checkpoint.retain)],
  ];
  const restart = spec.restart;
  if (restart.strategy === 'none') out.push(['restart-strategy.type', 'none']);
  else if (restart.strategy === 'fixed-delay') {
    out.push(
      ['restart-strategy.type', 'fixed-delay'],
      ['restart-strategy.fixed-delay.attempts', String(restart.maxAttempts)],
      ['restart-strategy.fixed-delay.delay', `${restart.delayMs} ms`],
    );
  } else {
    out.push(
      ['restart-strategy.type', 'exponential-delay'],
      ['restart-strategy.exponential-delay.initial-backoff', `${restart.initialDelayMs} ms`],
      ['restart-strategy.exponential-delay.max-backoff', `${restart.maxDelayMs} ms`],
      ['restart-strategy.exponential-delay.backoff-multiplier', String(restart.multiplier)],
      ['restart-strategy.exponential-delay.attempts-before-reset-backoff', String(restart.maxAttempts)],
    );
  }
  return out;
}

interface SinkTable {
  columns: string[];
  options: Options;
  select: string[];
}

function sinkTable(
  input: FlinkExportInput,
  map: MapColumns,
  avro: AvroValue | undefined,
  problems: ExportProblem[],
  notes: string[],
  placeholders: string[],
): SinkTable {
  const { spec } = input;
  const source = spec.source;
  const sink = spec.sink;
  const writeKey = sink.type !== 'kafka' || sink.key === 'source';
  const writeTimestamp = map.timestamp !== undefined || (sink.type === 'kafka' && sink.writeTimestamp);
  const columns = valueColumns(source.valueFormat, avro);
  const select = avro
    ? avro.columns.map((column) => id(column.name))
    : [`${map.value ?? id(COLUMN.value)} AS ${id(COLUMN.value)}`];
  if (writeKey) {
    columns.unshift(`  ${id(COLUMN.key)} ${sqlType(source.keyFormat)}`);
    select.unshift(`${map.key ?? id(COLUMN.key)} AS ${id(COLUMN.key)}`);
  }
  columns.push(`  ${id(COLUMN.headers)} MAP<STRING, BYTES> METADATA FROM 'headers'`);
  select.push(id(COLUMN.headers));
  if (writeTimestamp) {
    columns.push(`  ${id(COLUMN.timestamp)} TIMESTAMP_LTZ(3) METADATA FROM 'timestamp'`);
    select.push(`${map.timestamp ?? id(COLUMN.timestamp)} AS ${id(COLUMN.timestamp)}`);
  }
  if (sink.type !== 'kafka') {
    if (sink.type === 'file') {
      problems.push({
        path: 'sink',
        text: `file sink ${sink.path}`,
        message: "a file sink is not exported: Flink's filesystem connector writes part files, not one NDJSON file",
      });
    }
    return { columns, options: [['connector', 'blackhole']], select };
  }

  const sinkRef = sink.cluster ?? source.cluster;
  const sameCluster = JSON.stringify(sinkRef) === JSON.stringify(source.cluster);
  const profile = 'profile' in sinkRef ? input.profiles.get(sinkRef.profile) : undefined;
  if ('profile' in sinkRef && !profile)
    throw new Error(`sink.cluster: cluster profile "${sinkRef.profile}" was not looked up`);
  const cluster = clusterProperties(
    sinkRef,
    profile,
    sink.cluster ? 'sink.cluster' : 'source.cluster',
    sameCluster ? '' : 'SINK_',
  );
  problems.push(...(sameCluster ? [] : cluster.problems));
  if (!sameCluster) notes.push(...cluster.notes);
  placeholders.push(...cluster.placeholders);

  const options: Options = [
    ['connector', 'kafka'],
    ['topic', sink.topic],
    ...cluster.options,
    ...formatOptions(
      writeKey,
      avro ? sinkAvroFormat(avro, sink.topic, profile, sameCluster, placeholders, notes, problems) : undefined,
    ),
  ];
  if (sink.partitioner === 'source-partition') {
    problems.push({
      path: 'sink.partitioner',
      text: 'partitioner: source-partition',
      message: "Flink's Kafka sink has no partitioner that keeps the source partition number",
    });
  }
  options.push(
    ['sink.partitioner', 'default'],
    ['sink.delivery-guarantee', sink.deliveryGuarantee],
    ['properties.acks', String(sink.acks)],
    ['properties.enable.idempotence', String(sink.idempotent || sink.deliveryGuarantee === 'exactly-once')],
    ['properties.retries', String(sink.retries)],
    ['properties.max.in.flight.requests.per.connection', String(maxInFlightOf(sink))],
    ['properties.compression.type', sink.compression],
  );
  if (sink.transactionalIdPrefix !== undefined)
    options.push(['sink.transactional-id-prefix', sink.transactionalIdPrefix]);
  if (sink.deliveryGuarantee === 'exactly-once') {
    options.push(['properties.transaction.timeout.ms', String(sink.transactionTimeoutMs)]);
  }
  return { columns, options, select };
}

/**
 * The sink writes an Avro value back with the source's schema, registered under `<sinkTopic>-value`
 * in the sink cluster's registry (the source's when the sink cluster has none), as Sluice's copy
 * between registries does; the same registry gives the same schema the same id.
 */
function sinkAvroFormat(
  avro: AvroValue,
  topic: string,
  profile: ClusterProfile | undefined,
  sameCluster: boolean,
  placeholders: string[],
  notes: string[],
  problems: ExportProblem[],
): Options {
  const enums = enumSinkProblem(avro);
  if (enums) problems.push(enums);
  const own = sameCluster ? undefined : profile?.schemaRegistry;
  const registry = own ?? avro.registry;
  if (!sameCluster && !own) {
    notes.push(
      `the sink cluster has no schemaRegistry: the value is written with the source's registry ${avro.registry.url}`,
    );
  }
  const options = avroFormat(avro, registry, own ? 'SINK_' : '', placeholders, notes);
  return [...options, ['value.avro-confluent.subject', `${topic}-value`]];
}
