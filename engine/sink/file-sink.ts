import { mkdir, open, stat, truncate, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileError } from './file-error.js';
import { toNdjsonLine } from './ndjson-line.js';
import type { CheckpointCut, OutputMeter, Sink, SinkCheckpoint, SinkRecord } from './sink.js';

export interface FileSinkOptions {
  path: string;
  meter: OutputMeter;
  onWarning(message: string): void;
}

/**
 * NDJSON appended to a file. A checkpoint fsyncs and records the file's size; restoring that
 * checkpoint truncates the file back to it, so lines written after the checkpoint (which the
 * restored job writes again) are not duplicated.
 */
export class FileSink implements Sink {
  readonly #options: FileSinkOptions;
  #handle: FileHandle | undefined;
  #size = 0;

  constructor(options: FileSinkOptions) {
    this.#options = options;
  }

  async open(restored: unknown): Promise<void> {
    const { path } = this.#options;
    try {
      await mkdir(dirname(path), { recursive: true });
      const saved = savedSize(restored);
      if (saved !== undefined) await this.#truncateTo(saved);
      this.#handle = await open(path, 'a');
      this.#size = (await this.#handle.stat()).size;
    } catch (error) {
      throw fileError(`cannot open the sink file ${path}`, error);
    }
  }

  async write(records: readonly SinkRecord[]): Promise<void> {
    if (records.length === 0) return;
    const handle = this.#handleOrThrow();
    let text = '';
    for (const record of records) text += toNdjsonLine(record);
    const buffer = Buffer.from(text);
    try {
      await handle.write(buffer);
    } catch (error) {
      throw fileError(`cannot write to the sink file ${this.#options.path}`, error);
    }
    this.#size += buffer.length;
    const first = records[0]!.source;
    this.#options.meter.recordsOut(first.topic, first.partition, records.length, buffer.length);
  }

  async checkpoint(_cut: CheckpointCut): Promise<SinkCheckpoint> {
    try {
      await this.#handleOrThrow().sync();
    } catch (error) {
      throw fileError(`cannot fsync the sink file ${this.#options.path}`, error);
    }
    return { state: { file: { path: this.#options.path, size: this.#size } }, offsetsCommitted: false };
  }

  async close(): Promise<void> {
    const handle = this.#handle;
    this.#handle = undefined;
    if (!handle) return;
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  async abort(): Promise<void> {
    const handle = this.#handle;
    this.#handle = undefined;
    await handle?.close().catch(() => undefined);
  }

  async #truncateTo(size: number): Promise<void> {
    const { path } = this.#options;
    const current = await stat(path).then(
      (s) => s.size,
      () => undefined,
    );
    if (current === undefined) {
      this.#options.onWarning(
        `the sink file ${path} is gone; the checkpoint recorded ${size} bytes. Writing a new file`,
      );
    } else if (current < size) {
      this.#options.onWarning(
        `the sink file ${path} has ${current} bytes, fewer than the ${size} the checkpoint recorded; ` +
          'it was changed outside the job. Appending to it as it is',
      );
    } else if (current > size) {
      await truncate(path, size);
    }
  }

  #handleOrThrow(): FileHandle {
    if (!this.#handle) throw new Error('the file sink is not open');
    return this.#handle;
  }
}

function savedSize(restored: unknown): number | undefined {
  const size = (restored as { file?: { size?: unknown } } | undefined)?.file?.size;
  return typeof size === 'number' && Number.isSafeInteger(size) && size >= 0 ? size : undefined;
}
