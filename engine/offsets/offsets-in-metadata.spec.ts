import { describe, expect, it } from 'vitest';
import { parseCommitTag } from './commit-metadata.js';
import { decodeOffsetsMetadata, encodeOffsetsMetadata } from './offsets-in-metadata.js';

const offsets = (topic: string, count: number) =>
  Array.from({ length: count }, (_, partition) => ({ topic, partition, offset: 1_000_000 + partition }));

describe('offsets carried in commit metadata', () => {
  it('round-trips through one chunk', () => {
    const chunks = encodeOffsetsMetadata({ job: 'j', checkpointId: 4 }, [...offsets('a', 3), ...offsets('b', 1)]);
    expect(chunks).toHaveLength(1);
    const decoded = decodeOffsetsMetadata(chunks);
    expect([...decoded].map(([tp, c]) => [tp.topic, tp.partition, c.offset])).toEqual([
      ['a', 0, 1_000_000],
      ['a', 1, 1_000_001],
      ['a', 2, 1_000_002],
      ['b', 0, 1_000_000],
    ]);
    expect(parseCommitTag([...decoded.values()][0]!.metadata)).toEqual({ job: 'j', checkpointId: 4 });
  });

  it('splits long lists into chunks under the size limit', () => {
    const many = offsets('a-rather-long-topic-name', 500);
    const chunks = encodeOffsetsMetadata({ job: 'j', checkpointId: 1 }, many, 1_000);
    expect(chunks.length).toBeGreaterThan(5);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(1_000);
    expect(decodeOffsetsMetadata([...chunks].reverse()).size).toBe(500);
  });

  it('takes only a complete set of the newest checkpoint', () => {
    const older = encodeOffsetsMetadata({ job: 'j', checkpointId: 1 }, offsets('a', 200), 1_000);
    const newer = encodeOffsetsMetadata({ job: 'j', checkpointId: 2 }, offsets('a', 2), 1_000);
    // The newer transaction rewrote chunk 0 only; older chunks linger on other partitions.
    const found = decodeOffsetsMetadata([newer[0]!, ...older.slice(1), null, 'not json']);
    expect(found.size).toBe(2);
    expect(parseCommitTag(found.get({ topic: 'a', partition: 0 })!.metadata)?.checkpointId).toBe(2);
    // An incomplete newest set is not trusted at all.
    expect(decodeOffsetsMetadata(older.slice(1)).size).toBe(0);
  });
});
