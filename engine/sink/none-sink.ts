import type { Sink, SinkCheckpoint } from './sink.js';

/** Inspect only: records are consumed, transformed and counted, and go nowhere. */
export class NoneSink implements Sink {
  async open(): Promise<void> {}
  async write(): Promise<void> {}
  async checkpoint(): Promise<SinkCheckpoint> {
    return { state: undefined, offsetsCommitted: false };
  }
  async close(): Promise<void> {}
  async abort(): Promise<void> {}
}
