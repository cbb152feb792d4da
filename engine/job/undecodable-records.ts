import type { Kafka } from 'kafkajs';
import type { RecordError } from '../errors/index.js';
import type { MetricsCollector } from '../metrics/metrics-collector.js';
import { createDeadLetterWriter, type DeadLetterWriter } from '../sink/dead-letter/dead-letter.js';
import type { SourceRecord } from '../source/source-record.js';
import type { SourceSpec } from '../spec/index.js';
import type { Logger } from './logger.js';
import type { RecordErrorHandler } from './record-pipeline.js';

interface Deps {
  metrics: Pick<MetricsCollector, 'recordUndecodable'>;
  logger: Logger;
  /** A job warning (event and log); the first records are reported there, every one to the log. */
  warn(message: string): void;
}

// Enough to see what is wrong without flooding the console when a whole topic is in another format.
const WARN_FIRST = 20;
const WARN_EVERY = 1_000;

/**
 * `onDecodeError` "skip" and "dead-letter": nothing is dropped silently. Each record is counted in
 * the job's metrics and its position logged; a dead letter is durable before the batch goes on.
 * "fail" has no instance: the pipeline's error then fails the job.
 */
export class UndecodableRecords {
  #count = 0;
  readonly #deps: Deps;
  readonly #writer: DeadLetterWriter | undefined;

  private constructor(deps: Deps, writer: DeadLetterWriter | undefined) {
    this.#deps = deps;
    this.#writer = writer;
  }

  static async open(source: SourceSpec, kafka: Kafka, deps: Deps): Promise<UndecodableRecords | undefined> {
    if (source.onDecodeError === 'fail') return undefined;
    const writer =
      source.onDecodeError === 'dead-letter' && source.deadLetter
        ? createDeadLetterWriter(source.deadLetter, kafka)
        : undefined;
    await writer?.open();
    return new UndecodableRecords(deps, writer);
  }

  /** Records handled so far, skipped or dead-lettered. */
  get count(): number {
    return this.#count;
  }

  readonly handler: RecordErrorHandler = async (record: SourceRecord, error: RecordError) => {
    const at = `${record.topic}[${record.partition}] offset ${record.offset}`;
    const outcome = this.#writer ? 'dead-lettered' : 'skipped';
    await this.#writer?.write(record, error);
    this.#deps.metrics.recordUndecodable(outcome);
    this.#count++;
    const message = `${outcome} the record at ${at}: ${error.message}`;
    if (this.#count <= WARN_FIRST || this.#count % WARN_EVERY === 0) {
      this.#deps.warn(this.#count <= WARN_FIRST ? message : `${message} (${this.#count} undecodable records so far)`);
    } else {
      this.#deps.logger.warn(message, { ...error.details });
    }
  };

  async close(): Promise<void> {
    await this.#writer?.close();
  }
}
