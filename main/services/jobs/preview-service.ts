import type { Kafka } from 'kafkajs';
import { readWithThrowawayGroup } from '../../../engine/offsets/throwaway-read';
import { toSourceRecord, type SourceRecord } from '../../../engine/source/source-record';
import { compileTopicPattern, isRegistryFormat, type ClusterRef } from '../../../engine/spec/index';
import { RegistryDecoder } from '../../../engine/registry/registry-decoder';
import type { SchemaSource } from '../../../engine/registry/schema-source';
import { previewRecords, type PreviewRow } from '../../../engine/transform/transform-preview';
import type { PreviewArgs } from './preview-args';

export interface TransformPreview {
  /** The topics read (a pattern's matches). */
  topics: string[];
  /** The newest records of those topics, oldest first, each before and after the transform. */
  records: PreviewRow[];
  /** Fewer records than asked for arrived before the read's timeout. */
  partial: boolean;
}

export interface PreviewServiceDeps {
  kafka(cluster: ClusterRef): Promise<Kafka>;
  /** The cluster's Schema Registry, for avro, protobuf and json-schema formats. */
  schemas?(cluster: ClusterRef): Promise<SchemaSource | undefined>;
  /** How long the read may wait for records; the preview answers with what it has. */
  readTimeoutMs?: number;
}

interface Range {
  topic: string;
  partition: number;
  start: number;
  end: number;
}

/**
 * Runs a job's filter and map over the last records of its source, as the job would, without
 * starting it: a throwaway group reads them (nothing committed, the group deleted afterwards).
 */
export class PreviewService {
  readonly #deps: PreviewServiceDeps;

  constructor(deps: PreviewServiceDeps) {
    this.#deps = deps;
  }

  async preview(args: PreviewArgs): Promise<TransformPreview> {
    const kafka = await this.#deps.kafka(args.cluster);
    const { topics, ranges } = await plan(kafka, args);
    const { records, partial } = await read(kafka, ranges, args, this.#deps.readTimeoutMs ?? 10_000);
    const newest = records
      .sort(
        (a, b) =>
          a.timestamp - b.timestamp ||
          a.topic.localeCompare(b.topic) ||
          a.partition - b.partition ||
          a.offset - b.offset,
      )
      .slice(-args.limit);
    const registryNeeded = isRegistryFormat(args.keyFormat) || isRegistryFormat(args.valueFormat);
    const schemas = registryNeeded ? await this.#deps.schemas?.(args.cluster) : undefined;
    const rows = await previewRecords(newest, {
      keyFormat: args.keyFormat,
      valueFormat: args.valueFormat,
      transform: args.transform,
      ...(schemas ? { registry: new RegistryDecoder(schemas) } : {}),
    });
    return { topics, records: rows, partial };
  }
}

/** The last `limit` offsets of every partition: the newest `limit` records are among them. */
async function plan(kafka: Kafka, args: PreviewArgs): Promise<{ topics: string[]; ranges: Range[] }> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = await admin.listTopics();
    let topics: string[];
    if (args.topicPattern !== undefined) {
      const pattern = compileTopicPattern(args.topicPattern);
      topics = existing.filter((t) => pattern.matches(t)).sort();
      if (topics.length === 0) throw new Error(`no topic matches the pattern ${args.topicPattern}`);
    } else {
      topics = args.topics ?? [];
      const missing = topics.filter((t) => !existing.includes(t));
      if (missing.length > 0) throw new Error(`no such topic: ${missing.join(', ')}`);
    }
    const ranges: Range[] = [];
    for (const topic of topics) {
      for (const o of await admin.fetchTopicOffsets(topic)) {
        const low = Number(o.low);
        const high = Number(o.high);
        if (high > low)
          ranges.push({ topic, partition: o.partition, start: Math.max(low, high - args.limit), end: high });
      }
    }
    return { topics, ranges };
  } finally {
    await admin.disconnect();
  }
}

async function read(
  kafka: Kafka,
  ranges: Range[],
  args: PreviewArgs,
  timeoutMs: number,
): Promise<{ records: SourceRecord[]; partial: boolean }> {
  const key = (topic: string, partition: number) => `${topic}/${partition}`;
  const wanted = new Map(ranges.map((r) => [key(r.topic, r.partition), r]));
  const remaining = new Set(wanted.keys());
  const records: SourceRecord[] = [];
  await readWithThrowawayGroup(kafka, {
    groupPrefix: 'sluice-preview',
    from: ranges.map((r) => ({ topic: r.topic, partition: r.partition, offset: r.start })),
    timeoutMs,
    consumer: { readUncommitted: args.isolationLevel === 'read_uncommitted' },
    eachMessage: ({ topic, partition, message }, done) => {
      const range = wanted.get(key(topic, partition));
      const offset = Number(message.offset);
      if (!range || offset < range.start) return;
      if (offset < range.end) records.push(toSourceRecord(topic, partition, message));
      if (offset >= range.end - 1) {
        remaining.delete(key(topic, partition));
        if (remaining.size === 0) done();
      }
    },
  });
  return { records, partial: remaining.size > 0 };
}
