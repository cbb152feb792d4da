import { describe, expect, it } from 'vitest';
import { takeCycles } from '../../test/bench/lag-cycles.js';
import { ByteReader, ByteWriter } from './history-bytes.js';
import {
  frame,
  SEGMENT_MAGIC,
  SegmentDecoder,
  SegmentEncoder,
  unframe,
  type StoredCycle,
  type StoredPartition,
} from './history-codec.js';

const part = (partition: number, fields: Partial<StoredPartition> = {}): StoredPartition => ({
  topic: 'orders',
  partition,
  status: 'OK',
  lag: 0,
  timeLagMs: null,
  offset: 100,
  lastCommitAt: 1_765_000_000_000,
  logEnd: 100,
  ...fields,
});

/** Encodes cycles into one segment and decodes them back, with each record's changed rows. */
function roundTrip(cycles: StoredCycle[], wants?: (id: string) => boolean) {
  const encoder = new SegmentEncoder();
  const decoder = new SegmentDecoder(wants);
  return cycles.map((cycle) => {
    const record = decoder.decode(encoder.encode(cycle));
    // The decoder's partition maps move on with the next record: keep this record's state.
    for (const [id, group] of record.groups) record.groups.set(id, { ...group, partitions: new Map(group.partitions) });
    return record;
  });
}

describe('history bytes', () => {
  it('round-trips varints of epoch milliseconds, offsets near 2^52 and negative deltas', () => {
    const values = [0, 1, 127, 128, 300, 1_765_000_123_456, 2 ** 52 - 1, -1, -64, -1_765_000_123_456];
    const w = new ByteWriter();
    for (const v of values) w.svarint(v);
    w.uvarint(Number.MAX_SAFE_INTEGER);
    w.string('gruppe-ä');
    const r = new ByteReader(w.finish());
    expect(values.map(() => r.svarint())).toEqual(values);
    expect(r.uvarint()).toBe(Number.MAX_SAFE_INTEGER);
    expect(r.string()).toBe('gruppe-ä');
    expect(r.done).toBe(true);
  });

  it('refuses what it cannot store, naming the value', () => {
    expect(() => new ByteWriter().svarint(1.5)).toThrow('not a whole number: 1.5');
    expect(() => new ByteWriter().uvarint(-1)).toThrow('not a whole number >= 0: -1');
    expect(() => new ByteReader(Uint8Array.of(0x80)).uvarint()).toThrow('ends early at byte 1');
  });
});

describe('history records', () => {
  it('reads back every group and partition field, nulls included', () => {
    const cycles: StoredCycle[] = [
      {
        at: 1_765_000_000_000,
        groups: [
          {
            groupId: 'billing',
            status: 'WARN',
            totalLag: 40,
            maxTimeLagMs: 9_000,
            partitions: [
              part(0, { status: 'WARN', lag: 40, timeLagMs: 9_000, offset: 60 }),
              part(1, { offset: null, lastCommitAt: null, logEnd: 0 }),
            ],
          },
          { groupId: 'idle', status: 'OK', totalLag: 0, maxTimeLagMs: null, partitions: [] },
        ],
      },
    ];
    const [record] = roundTrip(cycles);
    expect(record!.at).toBe(1_765_000_000_000);
    const billing = record!.groups.get('billing')!;
    expect(billing.point).toEqual({
      at: 1_765_000_000_000,
      status: 'WARN',
      level: 'WARN',
      totalLag: 40,
      maxTimeLagMs: 9_000,
    });
    expect(billing.changed).toEqual(cycles[0]!.groups[0]!.partitions.map((p) => ({ ...p, at: 1_765_000_000_000 })));
    expect(record!.groups.get('idle')!.point).toMatchObject({ status: 'OK', totalLag: 0, maxTimeLagMs: null });
  });

  it('writes a partition again only when its offset, log end, status or commit time changed', () => {
    const at = 1_765_000_000_000;
    const group = (partitions: StoredPartition[]) => ({
      groupId: 'g',
      status: 'OK' as const,
      totalLag: 0,
      maxTimeLagMs: null,
      partitions,
    });
    const records = roundTrip([
      { at, groups: [group([part(0), part(1), part(2)])] },
      // Only the time lag moved: not a change worth a row.
      { at: at + 30_000, groups: [group([part(0, { timeLagMs: 5 }), part(1), part(2)])] },
      { at: at + 60_000, groups: [group([part(0, { offset: 101, logEnd: 103, lag: 2 }), part(1), part(2)])] },
      {
        at: at + 90_000,
        groups: [group([part(0, { offset: 101, logEnd: 103, lag: 2 }), part(1, { status: 'STALL' })])],
      },
      {
        at: at + 120_000,
        groups: [group([part(0, { offset: 101, logEnd: 103, lag: 2, lastCommitAt: at + 119_000 })])],
      },
    ]);
    expect(records.map((r) => r.groups.get('g')!.changed.map((p) => p.partition))).toEqual([
      [0, 1, 2],
      [],
      [0],
      [1],
      [0],
    ]);
    // Partition 2 left the group in the 4th cycle, partition 1 in the 5th.
    expect(records.map((r) => [...r.groups.get('g')!.partitions.values()].map((p) => p.partition))).toEqual([
      [0, 1, 2],
      [0, 1, 2],
      [0, 1, 2],
      [0, 1],
      [0],
    ]);
    expect(records[4]!.groups.get('g')!.changed[0]).toMatchObject({
      offset: 101,
      logEnd: 103,
      lag: 2,
      lastCommitAt: at + 119_000,
    });
  });

  it('decodes synthetic cycles to what was written, whatever groups the reader wants', () => {
    const cycles = takeCycles({ groups: 30, partitions: 4, changing: 0.3, start: 1_765_000_000_000 }, 20);
    const all = roundTrip(cycles);
    const one = roundTrip(cycles, (id) => id === 'group-0007');
    cycles.forEach((cycle, i) => {
      for (const group of cycle.groups) {
        const decoded = all[i]!.groups.get(group.groupId)!;
        expect(decoded.point).toEqual({
          at: cycle.at,
          status: group.status,
          level: group.level,
          totalLag: group.totalLag,
          maxTimeLagMs: group.maxTimeLagMs,
        });
        const state = [...decoded.partitions.values()];
        // Stored rows hold the time lag of their last change; everything else is exact.
        expect(state.map(({ at: _at, timeLagMs: _t, ...rest }) => rest)).toEqual(
          group.partitions.map(({ complete: _c, timeLagMs: _t, ...rest }) => rest),
        );
      }
      expect([...one[i]!.groups.keys()]).toEqual(['group-0007']);
      expect(one[i]!.groups.get('group-0007')!.point).toEqual(all[i]!.groups.get('group-0007')!.point);
    });
  });
});

describe('segment framing', () => {
  const records = takeCycles({ groups: 3, partitions: 2, changing: 1, start: 1_765_000_000_000 }, 4);
  const encoder = new SegmentEncoder();
  const framed = records.map((cycle) => frame(encoder.encode(cycle)));
  const file = Buffer.concat([SEGMENT_MAGIC, ...framed]);
  const ends = framed.reduce<number[]>((acc, f) => [...acc, (acc.at(-1) ?? SEGMENT_MAGIC.length) + f.length], []);

  it('reads every record of an intact file', () => {
    const result = unframe(file);
    expect(result.problem).toBeUndefined();
    expect(result.validBytes).toBe(file.length);
    const decoder = new SegmentDecoder();
    expect(result.payloads.map((p) => decoder.decode(p).at)).toEqual(records.map((c) => c.at));
  });

  it('cut at any byte, keeps exactly the complete records before the cut and names the torn one', () => {
    for (let cut = SEGMENT_MAGIC.length; cut < file.length; cut++) {
      const result = unframe(file.subarray(0, cut));
      const complete = ends.filter((end) => end <= cut).length;
      expect(result.payloads).toHaveLength(complete);
      expect(result.validBytes).toBe(ends[complete - 1] ?? SEGMENT_MAGIC.length);
      if (cut !== result.validBytes) expect(result.problem).toMatch(/^partial record/);
    }
  });

  it('stops at a damaged record: the checksum catches a flipped byte', () => {
    const damaged = Buffer.from(file);
    damaged[ends[1]! + 12]! ^= 0xff;
    const result = unframe(damaged);
    expect(result.payloads).toHaveLength(2);
    expect(result.problem).toBe(`record at byte ${ends[1]} fails its checksum`);
    expect(unframe(Buffer.from('not a segment')).problem).toBe('not a lag history segment');
  });
});
