import { describe, expect, it } from 'vitest';
import { parseJobSpec } from '../../../../../engine/spec/index';
import type { JobDetail, JobMetrics } from '../../../../../main/ipc/contract';
import { copyPathView, RECORD_TITLE, SHALLOW_TITLE } from './copy-path-view';

function detail(sink: Record<string, unknown>, copyPath?: JobDetail['copyPath']): JobDetail {
  const parsed = parseJobSpec({
    version: 1,
    name: 'copy',
    source: { cluster: { profile: 'local' }, topics: ['in'], groupId: 'g', valueFormat: 'bytes' },
    sink,
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return {
    spec: parsed.value,
    status: {
      name: 'copy',
      state: 'idle',
      recordsInPerSecond: 0,
      recordsOutPerSecond: 0,
      lag: undefined,
      lastCheckpointId: undefined,
    },
    metrics: undefined,
    ...(copyPath ? { copyPath } : {}),
  };
}

const ELIGIBLE = { type: 'kafka', topic: 'out', partitioner: 'source-partition', writeTimestamp: true };
const counts = (batchesForwarded: number, batchesDecoded: JobMetrics['batchesDecoded']) =>
  ({ batchesForwarded, batchesDecoded }) as JobMetrics;

describe('copyPathView', () => {
  it('falls back to what the settings say until a run reports its path', () => {
    expect(copyPathView(detail(ELIGIBLE), undefined)).toEqual({
      kind: 'shallow',
      title: SHALLOW_TITLE,
      from: 'spec',
      blockers: [],
    });
    // A run's counts belong to the run's path only.
    expect(copyPathView(detail(ELIGIBLE), counts(5, {}))?.batches).toBeUndefined();
    expect(copyPathView(detail(ELIGIBLE, { kind: 'shallow' }), undefined)?.batches).toEqual({
      forwarded: 0,
      decoded: 0,
      byReason: [],
    });
    const blocked = copyPathView(detail({ ...ELIGIBLE, partitioner: 'murmur2' }), undefined)!;
    expect(blocked).toMatchObject({ kind: 'record', title: RECORD_TITLE, from: 'spec' });
    expect(blocked.blockers.map((b) => b.field)).toEqual(['sink.partitioner']);
  });

  it("shows the run's own path over the settings: a sink topic with too few partitions", () => {
    const blockers = [
      { field: 'sink.topic', reason: '"out" has 2 partitions and the source 3; it needs at least as many' },
    ];
    const view = copyPathView(detail(ELIGIBLE, { kind: 'record', blockers }), undefined);
    expect(view).toEqual({ kind: 'record', title: RECORD_TITLE, from: 'run', blockers });
  });

  it('counts the batches a shallow run forwarded and decoded, by reason', () => {
    const view = copyPathView(detail(ELIGIBLE, { kind: 'shallow' }), counts(40, { compacted: 1, 'partial-batch': 2 }));
    expect(view?.from).toBe('run');
    expect(view?.batches).toEqual({
      forwarded: 40,
      decoded: 3,
      byReason: [
        { reason: 'partial-batch', count: 2 },
        { reason: 'compacted', count: 1 },
      ],
    });
  });

  it('has nothing to say for a sink other than Kafka', () => {
    expect(copyPathView(detail({ type: 'none' }), undefined)).toBeUndefined();
  });
});
