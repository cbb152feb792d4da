import { describe, expect, it } from 'vitest';
import { messageBytes, sendChunks } from './send-chunks.js';

const message = (valueBytes: number, i = 0) => ({ key: `k${i}`, value: Buffer.alloc(valueBytes) });

describe('sendChunks', () => {
  it('keeps a write that fits in one send', () => {
    const messages = [message(100), message(100)];
    expect(sendChunks(messages, 1_000)).toEqual([messages]);
  });

  it('cuts a write into sends under the limit, in order', () => {
    const messages = Array.from({ length: 10 }, (_, i) => message(200, i));
    const chunks = sendChunks(messages, 1_000);
    expect(chunks.map((c) => c.length)).toEqual([4, 4, 2]);
    expect(chunks.flat()).toEqual(messages);
    for (const chunk of chunks) expect(chunk.reduce((sum, m) => sum + messageBytes(m), 0)).toBeLessThanOrEqual(1_000);
  });

  it('sends a record larger than the limit alone', () => {
    const messages = [message(10), message(5_000), message(10)];
    expect(sendChunks(messages, 1_000).map((c) => c.length)).toEqual([1, 1, 1]);
  });

  it('counts headers, null payloads and repeated header values', () => {
    expect(messageBytes({ key: null, value: null })).toBe(24);
    expect(messageBytes({ key: null, value: null, headers: { a: [Buffer.alloc(5), 'xy'] } })).toBe(
      24 + (1 + 10 + 5) + (1 + 10 + 2),
    );
  });
});
