import { describe, expect, it } from 'vitest';
import { parseDumpLog } from './log-segments.js';

// Kafka 3.9's DumpLogSegments, as printed for a partition holding a plain batch, a transaction and its marker.
const DUMP = `Dumping /data/kraft/orders-0/00000000000000000000.log
Log starting offset: 0
baseOffset: 0 lastOffset: 4 count: 5 baseSequence: -1 lastSequence: -1 producerId: -1 producerEpoch: -1 partitionLeaderEpoch: 0 isTransactional: false isControl: false deleteHorizonMs: OptionalLong.empty position: 0 CreateTime: 1796560486340 size: 293 magic: 2 compresscodec: lz4 crc: 2912994071 isvalid: true
baseOffset: 5 lastOffset: 14 count: 10 baseSequence: 0 lastSequence: 9 producerId: 0 producerEpoch: 0 partitionLeaderEpoch: 0 isTransactional: true isControl: false deleteHorizonMs: OptionalLong.empty position: 293 CreateTime: 1796560546345 size: 548 magic: 2 compresscodec: none crc: 1895338411 isvalid: true
baseOffset: 15 lastOffset: 15 count: 1 baseSequence: -1 lastSequence: -1 producerId: 0 producerEpoch: 0 partitionLeaderEpoch: 0 isTransactional: true isControl: true deleteHorizonMs: OptionalLong.empty position: 841 CreateTime: 1796567687631 size: 78 magic: 2 compresscodec: none crc: 180497139 isvalid: true
Dumping /data/kraft/orders-1/00000000000000000000.log
Log starting offset: 0
`;

describe('parseDumpLog', () => {
  it('reads each batch header of each file, control batches and transactions marked, empty files empty', () => {
    const files = parseDumpLog(DUMP);
    expect([...files.keys()]).toEqual([
      '/data/kraft/orders-0/00000000000000000000.log',
      '/data/kraft/orders-1/00000000000000000000.log',
    ]);
    expect(files.get('/data/kraft/orders-0/00000000000000000000.log')).toEqual([
      {
        baseOffset: 0,
        lastOffset: 4,
        count: 5,
        isTransactional: false,
        isControl: false,
        maxTimestamp: 1796560486340,
        codec: 'lz4',
      },
      {
        baseOffset: 5,
        lastOffset: 14,
        count: 10,
        isTransactional: true,
        isControl: false,
        maxTimestamp: 1796560546345,
        codec: 'none',
      },
      {
        baseOffset: 15,
        lastOffset: 15,
        count: 1,
        isTransactional: true,
        isControl: true,
        maxTimestamp: 1796567687631,
        codec: 'none',
      },
    ]);
    expect(files.get('/data/kraft/orders-1/00000000000000000000.log')).toEqual([]);
  });
});
