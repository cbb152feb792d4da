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
}

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
    if (this.#writer) {
      await this.#writer.write(record, error);
      this.#deps.metrics.recordUndecodable('dead-lettered');
      this.#deps.logger.warn(`dead-lettered the record at ${at}: ${error.message}`, { ...error.details });
    } else {
      this.#deps.metrics.recordUndecodable('skipped');
      this.#deps.logger.warn(`skipped the record at ${at}: ${error.message}`, { ...error.details });
    }
    this.#count++;
  };

  async close(): Promise<void> {
    await this.#writer?.close();
  }
}
