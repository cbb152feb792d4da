// Reads __consumer_offsets as it grows, with plain Fetch requests (no group, so the monitor itself
// never shows up as a group), and hands on every offset commit with its commit time. This is how
// STALL (committing the same offset again) differs from STOP (not committing): OffsetFetch tells
// neither. Where the topic cannot be read (ACLs), the tail says so once and stops; the monitor then
// falls back to polled commits.
import type { Logger } from '../job/logger.js';
import { TopicPartitionMap } from '../offsets/topic-partition.js';
import type { LagCluster } from './lag-cluster.js';
import { decodeOffsetCommit, type OffsetCommitRecord } from './offset-commit-record.js';

export const CONSUMER_OFFSETS = '__consumer_offsets';

export interface TailOptions {
  /** Records per partition read back at the start, so recent commits fill windows at once. */
  lookbackRecords: number;
  /** How long a Fetch waits for new commits. */
  pollWaitMs: number;
  /** Bytes per partition per Fetch. */
  partitionBytes: number;
  onCommit(record: OffsetCommitRecord & { offset: number; commitTimestamp: number }): void;
  /** The topic cannot be read; the tail has stopped. */
  onUnreadable(reason: string): void;
  log: Logger;
}

export class CommitLogTail {
  private positions = new TopicPartitionMap<number>();
  private running = false;
  private loop: Promise<void> | undefined;
  /** Records read that were not offset commits (group metadata, Kafka 4's group records). */
  otherRecords = 0;
  commits = 0;

  constructor(
    private readonly cluster: LagCluster,
    private readonly options: TailOptions,
  ) {}

  /**
   * Positions the tail (log end minus the lookback) and starts reading. False when the topic cannot be
   * read (ACLs); other failures (the topic not there yet on a new cluster, a leader moving) are retried.
   */
  async start(): Promise<boolean> {
    try {
      await this.cluster.connect();
      await this.position();
    } catch (error) {
      if (isAuthorizationError(error)) {
        this.options.onUnreadable(`${CONSUMER_OFFSETS} not readable: ${(error as Error).message}`);
        return false;
      }
      this.options.log.info(`lag monitor: ${CONSUMER_OFFSETS} not read yet`, { error: (error as Error).message });
    }
    this.running = true;
    this.loop = this.run();
    return true;
  }

  private async position(): Promise<void> {
    await this.cluster.load([CONSUMER_OFFSETS], true);
    const ends = await this.cluster.logEnds([CONSUMER_OFFSETS]);
    if (ends.size === 0) throw new Error(`${CONSUMER_OFFSETS} does not exist yet`);
    const starts = await this.cluster.logEnds([CONSUMER_OFFSETS], 'start');
    const positions = new TopicPartitionMap<number>();
    for (const [tp, end] of ends.entries()) {
      positions.set(tp, Math.max(starts.get(tp) ?? 0, end - this.options.lookbackRecords));
    }
    this.positions = positions;
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    await this.cluster.close();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        if (this.positions.size === 0) await this.position();
        await this.readOnce();
        failures = 0;
      } catch (error) {
        const message = (error as Error).message;
        if (isAuthorizationError(error)) {
          this.running = false;
          this.options.onUnreadable(`${CONSUMER_OFFSETS} not readable: ${message}`);
          return;
        }
        failures++;
        this.options.log.warn(`lag monitor: reading ${CONSUMER_OFFSETS} failed (${failures} in a row)`, {
          error: message,
        });
        await new Promise((resolve) => setTimeout(resolve, Math.min(5_000, 250 * 2 ** failures)));
        await this.cluster.load([CONSUMER_OFFSETS], true).catch(() => undefined);
      }
    }
  }

  private async readOnce(): Promise<void> {
    const wants = [...this.positions.entries()].map(([tp, offset]) => ({
      ...tp,
      offset,
      maxBytes: this.options.partitionBytes,
    }));
    const answers = await this.cluster.fetch(wants, this.options.pollWaitMs);
    for (const answer of answers) {
      for (const record of answer.records) {
        const commit = this.decode(record.key, record.value);
        if (!commit) {
          this.otherRecords++;
          continue;
        }
        if (commit.offset === null || commit.commitTimestamp === null) continue;
        this.commits++;
        this.options.onCommit({ ...commit, offset: commit.offset, commitTimestamp: commit.commitTimestamp });
      }
      this.positions.set(answer, answer.nextOffset);
    }
  }

  private decode(key: Buffer | null, value: Buffer | null): OffsetCommitRecord | null {
    try {
      return decodeOffsetCommit(key, value);
    } catch (error) {
      this.options.log.warn(`lag monitor: skipped a record: ${(error as Error).message}`);
      return null;
    }
  }
}

function isAuthorizationError(error: unknown): boolean {
  const type = (error as { type?: string }).type ?? '';
  return /AUTHORIZATION_FAILED/.test(type) || /not authorized/i.test((error as Error).message);
}
