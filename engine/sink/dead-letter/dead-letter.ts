import { appendFile, mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Kafka, Producer } from 'kafkajs';
import { SluiceError, type RecordError } from '../../errors/index.js';
import { fileError } from '../file-error.js';
import type { SourceRecord } from '../../source/source-record.js';
import type { DeadLetterSpec } from '../../spec/index.js';
import { deadLetterLine, deadLetterMessage } from './dead-letter-record.js';

/**
 * Where `onDecodeError: "dead-letter"` puts records. `write` returns once the record is durable
 * (acknowledged by all in-sync replicas, or fsynced), so a checkpoint that counts the record as
 * done never comes before its dead letter. After a crash, records after the last checkpoint are
 * read again and dead-lettered again: the dead-letter target is at-least-once.
 */
export interface DeadLetterWriter {
  open(): Promise<void>;
  write(record: SourceRecord, error: RecordError): Promise<void>;
  close(): Promise<void>;
}

export function createDeadLetterWriter(spec: DeadLetterSpec, kafka: Kafka): DeadLetterWriter {
  return spec.type === 'kafka' ? new KafkaDeadLetter(kafka, spec.topic) : new FileDeadLetter(spec.path);
}

class KafkaDeadLetter implements DeadLetterWriter {
  readonly #producer: Producer;
  readonly #topic: string;

  constructor(kafka: Kafka, topic: string) {
    this.#topic = topic;
    this.#producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  }

  async open(): Promise<void> {
    await this.#producer.connect();
  }

  async write(record: SourceRecord, error: RecordError): Promise<void> {
    try {
      await this.#producer.send({ topic: this.#topic, acks: -1, messages: [deadLetterMessage(record, error)] });
    } catch (cause) {
      throw new SluiceError(
        `cannot write the record at ${record.topic}[${record.partition}] offset ${record.offset} to the dead-letter topic ` +
          `${this.#topic}: ${(cause as Error).message}`,
        { hintId: 'topic-missing', retriable: true, cause, details: { topic: this.#topic } },
      );
    }
  }

  async close(): Promise<void> {
    await this.#producer.disconnect();
  }
}

class FileDeadLetter implements DeadLetterWriter {
  readonly #path: string;

  constructor(path: string) {
    this.#path = path;
  }

  async open(): Promise<void> {
    try {
      await mkdir(dirname(this.#path), { recursive: true });
      await appendFile(this.#path, '');
    } catch (cause) {
      throw fileError(`cannot open the dead-letter file ${this.#path}`, cause);
    }
  }

  async write(record: SourceRecord, error: RecordError): Promise<void> {
    const handle = await open(this.#path, 'a').catch((cause: unknown) => {
      throw fileError(`cannot open the dead-letter file ${this.#path}`, cause);
    });
    try {
      await handle.write(deadLetterLine(record, error));
      await handle.sync();
    } catch (cause) {
      throw fileError(`cannot write to the dead-letter file ${this.#path}`, cause);
    } finally {
      await handle.close();
    }
  }

  async close(): Promise<void> {}
}
