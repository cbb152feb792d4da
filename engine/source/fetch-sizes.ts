/**
 * How much one fetch may carry. This, not the broker, is what bounds the engine's memory when a job
 * is behind: kafkajs decodes a whole fetch response into objects at once (for small records several
 * times their size on the wire: a message object, two buffer views, offset and timestamp strings
 * each), and all of them stay reachable until the response's last batch has been handed to the
 * sink. They outlive several young-generation collections, so V8 promotes them, and the old
 * generation grows to a few times this live set before a full collection frees it. Peak memory
 * follows the size of a response, whatever the lag.
 *
 * So a response is held to FETCH_BUDGET_BYTES, shared among the partitions: a single partition still
 * fetches 1 MiB at a time (the Java consumer's and kafkajs's default, so record batches up to the
 * broker's default message.max.bytes fit), six get 512 KiB each. The total is the per-partition size
 * times the partitions, so every partition is served in each fetch: kafkajs asks for partitions in
 * the same order every time and does not rotate them, and a total below that sum would starve the
 * last ones while the first have data. Past MAX_BYTES_PER_FETCH (kafkajs's default, and this
 * engine's limit before budgeting) that guarantee gives way to the bound.
 */
export const FETCH_BUDGET_BYTES = 3 * 1024 * 1024;
export const MAX_BYTES_PER_PARTITION = 1024 * 1024;
export const MIN_BYTES_PER_PARTITION = 128 * 1024;
export const MAX_BYTES_PER_FETCH = 10 * 1024 * 1024;

export interface FetchSizes {
  maxBytesPerPartition: number;
  maxBytes: number;
}

/**
 * Fetch sizes for a consumer that reads `partitions` partitions. One budget for every host: in the
 * app each job has a process of its own, so no console waits behind a large response.
 */
export function fetchSizes(partitions: number): FetchSizes {
  const count = Math.max(1, Math.floor(partitions));
  const share = Math.floor(FETCH_BUDGET_BYTES / count / 1024) * 1024;
  const maxBytesPerPartition = Math.min(MAX_BYTES_PER_PARTITION, Math.max(MIN_BYTES_PER_PARTITION, share));
  const maxBytes = Math.min(MAX_BYTES_PER_FETCH, maxBytesPerPartition * count);
  return { maxBytesPerPartition, maxBytes };
}

/**
 * The shallow copy path (engine/job/copy-path.ts) keeps record batches as bytes, views into the
 * response, so a response costs its size and no more. Each partition gets 1 MiB, so a batch up to the
 * broker's default message.max.bytes comes back whole from every partition (the broker truncates a
 * batch larger than a partition's share, except the response's first, and such a fetch brings one
 * usable batch); a single partition gets 4 MiB, so it forwards several batches per fetch instead of
 * waiting a round trip for each. Every partition is served in each fetch up to 16 partitions; past
 * SHALLOW_FETCH_BYTES that gives way to the bound, as on the record path.
 */
export const SHALLOW_SINGLE_PARTITION_BYTES = 4 * 1024 * 1024;
export const SHALLOW_FETCH_BYTES = 16 * 1024 * 1024;

/** Fetch sizes for the shallow path on `partitions` partitions. */
export function shallowFetchSizes(partitions: number): FetchSizes {
  const count = Math.max(1, Math.floor(partitions));
  if (count === 1)
    return { maxBytesPerPartition: SHALLOW_SINGLE_PARTITION_BYTES, maxBytes: SHALLOW_SINGLE_PARTITION_BYTES };
  return {
    maxBytesPerPartition: MAX_BYTES_PER_PARTITION,
    maxBytes: Math.min(SHALLOW_FETCH_BYTES, MAX_BYTES_PER_PARTITION * count),
  };
}
