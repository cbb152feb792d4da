import type { Admin, Kafka } from 'kafkajs';
import { readWithThrowawayGroup } from '../../../engine/offsets/throwaway-read';
import type { BrowseArgs, BrowsedRecord, BrowseResult, TopicInfo } from '../../ipc/contract';
import type { ClusterAccess } from '../clusters/cluster-access';
import { browsedBytes, browsedHeaders } from './browsed-bytes';
import { BrowsedSchemas } from './browsed-schemas';
import type { SchemaSource } from '../../../engine/registry/schema-source';
import { planBrowse, type PartitionBounds, type PartitionRange } from './browse-plan';
import { RecordMatcher } from './record-matcher';
import { planScan } from './scan-plan';
import { DEFAULT_SCAN_RECORDS } from './browse-args';

export interface TopicsServiceDeps {
  access: ClusterAccess;
  /** The cluster's Schema Registry, when its profile has one: framed keys and values are decoded. */
  schemas?(cluster: string): Promise<SchemaSource | undefined>;
  /** How long a browse may wait for records before it answers with what it has. */
  browseTimeoutMs?: number;
}

/** Topics of a cluster with partitions and record counts, and a bounded record browser. */
export class TopicsService {
  readonly #deps: TopicsServiceDeps;

  constructor(deps: TopicsServiceDeps) {
    this.#deps = deps;
  }

  list(cluster: string): Promise<TopicInfo[]> {
    return this.#deps.access.withAdmin(cluster, async (admin) => {
      const { topics } = await admin.fetchTopicMetadata();
      const out: TopicInfo[] = [];
      for (const topic of topics) {
        const bounds = new Map((await admin.fetchTopicOffsets(topic.name)).map((o) => [o.partition, o]));
        const partitions = topic.partitions
          .map((p) => {
            const b = bounds.get(p.partitionId);
            const logStartOffset = Number(b?.low ?? 0);
            const logEndOffset = Number(b?.high ?? 0);
            return {
              partition: p.partitionId,
              leader: p.leader,
              replicas: p.replicas.length,
              isr: p.isr.length,
              logStartOffset,
              logEndOffset,
              records: logEndOffset - logStartOffset,
            };
          })
          .sort((a, b) => a.partition - b.partition);
        out.push({
          name: topic.name,
          internal: topic.name.startsWith('__'),
          partitions,
          records: partitions.reduce((sum, p) => sum + p.records, 0),
        });
      }
      return out.sort((a, b) => a.name.localeCompare(b.name));
    });
  }

  async browse(args: BrowseArgs): Promise<BrowseResult> {
    const matcher = RecordMatcher.create(args);
    const { bounds, byTimestamp } = await this.#deps.access.withAdmin(args.cluster, (admin) =>
      partitionBounds(admin, args),
    );
    const scan = matcher ? planScan(bounds, args.from, args.scanLimit ?? DEFAULT_SCAN_RECORDS, byTimestamp) : undefined;
    const ranges = scan?.ranges ?? planBrowse(bounds, args.from, args.limit, byTimestamp);
    const read = { count: 0 };
    const records: BrowsedRecord[] = [];
    const tally = { failed: 0, firstError: undefined as string | undefined };
    let complete = true;
    if (ranges.length > 0) {
      const timeoutMs = (this.#deps.browseTimeoutMs ?? 10_000) + (scan ? scan.planned * SCAN_MS_PER_RECORD : 0);
      // One record at a time: each filter evaluation gets its own time budget, and reading waits for it.
      const source = await this.#deps.schemas?.(args.cluster);
      complete = await readRanges(
        await this.#deps.access.kafka(args.cluster),
        args.topic,
        ranges,
        timeoutMs,
        source ? new BrowsedSchemas(source) : undefined,
        async (record) => {
          read.count += 1;
          if (!matcher) return void records.push(record);
          const outcome = await matcher.test(args.topic, record);
          if (outcome.matched) records.push(record);
          else if ('error' in outcome) {
            tally.failed += 1;
            tally.firstError ??= outcome.error;
          }
        },
      );
    }
    // Latest shows the newest records; the others read forward in time.
    const ordered = records.sort(
      (a, b) => a.timestamp - b.timestamp || a.partition - b.partition || a.offset - b.offset,
    );
    const shown = args.from.mode === 'latest' ? ordered.slice(-args.limit) : ordered.slice(0, args.limit);
    if (!scan) return { records: shown };
    return {
      records: shown,
      scan: {
        read: read.count,
        matched: records.length,
        // Planned counts offsets; transaction markers and aborted records take offsets but are not read.
        stoppedAt: complete ? scan.end : 'timeout',
        failed: tally.failed,
        ...(tally.firstError === undefined ? {} : { firstError: tally.firstError }),
      },
    };
  }
}

/** A scan may take this much longer per record it plans to read (on top of the browse timeout). */
const SCAN_MS_PER_RECORD = 1;

async function partitionBounds(
  admin: Admin,
  args: BrowseArgs,
): Promise<{ bounds: PartitionBounds[]; byTimestamp: Map<number, number> }> {
  const offsets = await admin.fetchTopicOffsets(args.topic);
  const bounds: PartitionBounds[] = offsets
    .filter((o) => args.partition === undefined || o.partition === args.partition)
    .map((o) => ({ partition: o.partition, logStartOffset: Number(o.low), logEndOffset: Number(o.high) }));
  let byTimestamp = new Map<number, number>();
  if (args.from.mode === 'timestamp') {
    const found = await admin.fetchTopicOffsetsByTimestamp(args.topic, args.from.timestamp);
    // kafkajs answers -1 where no record is that new: nothing to read there.
    byTimestamp = new Map(
      found.map((f) => {
        const end = bounds.find((b) => b.partition === f.partition)?.logEndOffset ?? 0;
        return [f.partition, Number(f.offset) < 0 ? end : Number(f.offset)];
      }),
    );
  }
  return { bounds, byTimestamp };
}

/**
 * Reads each range with a throwaway group that commits nothing, and is deleted afterwards. True when
 * every range was read to its end, false when the timeout came first.
 */
async function readRanges(
  kafka: Kafka,
  topic: string,
  ranges: PartitionRange[],
  timeoutMs: number,
  schemas: BrowsedSchemas | undefined,
  onRecord: (record: BrowsedRecord) => void | Promise<void>,
): Promise<boolean> {
  const wanted = new Map(ranges.map((r) => [r.partition, r]));
  const remaining = new Set(ranges.map((r) => r.partition));
  const finish = (partition: number, done: () => void): void => {
    remaining.delete(partition);
    if (remaining.size === 0) done();
  };
  await readWithThrowawayGroup(kafka, {
    groupPrefix: 'sluice-browse',
    from: ranges.map((r) => ({ topic, partition: r.partition, offset: r.start })),
    timeoutMs,
    eachMessage: async ({ partition, message }, done) => {
      const range = wanted.get(partition);
      const offset = Number(message.offset);
      if (!range || offset < range.start) return;
      if (offset < range.end) {
        await onRecord({
          partition,
          offset,
          timestamp: Number(message.timestamp),
          key: schemas ? await schemas.payload(message.key) : browsedBytes(message.key),
          value: schemas ? await schemas.payload(message.value) : browsedBytes(message.value),
          headers: browsedHeaders(message.headers),
        });
      }
      if (offset >= range.end - 1) finish(partition, done);
    },
    // A range may end on a transaction marker or an aborted record, which no message shows.
    onBatchEnd: ({ partition, lastOffset }, done) => {
      const range = wanted.get(partition);
      if (range && lastOffset >= range.end - 1) finish(partition, done);
    },
  });
  return remaining.size === 0;
}
