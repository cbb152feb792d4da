import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { takeCycles, type SyntheticCycleOptions } from '../../test/bench/lag-cycles.js';
import { pushCommit } from './evaluate.js';
import { HistoryLockedError } from './history-lock.js';
import { openLagHistory, type LagHistory } from './lag-history.js';
import { statusRank, type CommitSample, type LagCycle, type PartitionStatus } from './lag-status.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.UTC(2026, 11, 1); // hour-aligned
const open: LagHistory[] = [];
const tempDir = () => mkdtempSync(join(tmpdir(), 'sluice-lag-history-'));
async function history(dir: string, options: Parameters<typeof openLagHistory>[1] = {}) {
  const h = await openLagHistory(dir, options);
  open.push(h);
  return h;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((h) => h.close()));
});

const small: SyntheticCycleOptions = { groups: 4, partitions: 3, changing: 0.5, start: START, intervalMs: 60_000 };
const all = { from: 0, to: Number.MAX_SAFE_INTEGER };

async function appendAll(h: LagHistory, cycles: LagCycle[]) {
  for (const cycle of cycles) await h.append(cycle);
}

/** What a monitor that saw every cycle holds as each partition's window. */
function monitorWindows(cycles: LagCycle[], groupId: string, windowSize: number) {
  const windows = new Map<string, { commits: CommitSample[]; last?: { offset: number | null; at: number | null } }>();
  for (const cycle of cycles)
    for (const p of cycle.groups.find((g) => g.groupId === groupId)!.partitions) {
      const key = `${p.topic}/${p.partition}`;
      const w = windows.get(key) ?? { commits: [] };
      if (p.offset !== null && (w.last?.offset !== p.offset || w.last.at !== p.lastCommitAt))
        w.commits = pushCommit(
          w.commits,
          { offset: p.offset, at: p.lastCommitAt ?? cycle.at, lag: Math.max(0, p.logEnd - p.offset) },
          windowSize,
        );
      w.last = { offset: p.offset, at: p.lastCommitAt };
      windows.set(key, w);
    }
  return [...windows.values()].map((w) => w.commits);
}

describe('lag history store', () => {
  it('reads back every group point and each partition change, across hours and a reopen', async () => {
    const dir = tempDir();
    const cycles = takeCycles(small, 150); // 2.5 hours: three raw segments, then one more after reopening
    let h = await history(dir);
    await appendAll(h, cycles.slice(0, 100));
    await h.close();
    h = await history(dir);
    await appendAll(h, cycles.slice(100));
    expect(readdirSync(dir).filter((n) => n.startsWith('raw-'))).toHaveLength(4);

    const series = await h.groupSeries('group-0002', all);
    expect(series).toEqual(
      cycles.map((c) => {
        const g = c.groups[2]!;
        return { at: c.at, status: g.status, level: g.level, totalLag: g.totalLag, maxTimeLagMs: g.maxTimeLagMs };
      }),
    );
    const range = { from: START + 30 * 60_000, to: START + 120 * 60_000 };
    expect((await h.groupSeries('group-0002', range)).map((p) => p.at)).toEqual(
      cycles.filter((c) => c.at >= range.from && c.at <= range.to).map((c) => c.at),
    );

    // Replaying the partition points as steps gives each partition's offset and log end in every cycle.
    const points = await h.partitionSeries('group-0001', range);
    for (const cycle of cycles.filter((c) => c.at >= range.from && c.at <= range.to))
      for (const p of cycle.groups[1]!.partitions) {
        const step = points.filter((q) => q.partition === p.partition && q.at <= cycle.at).at(-1)!;
        expect({
          offset: step.offset,
          logEnd: step.logEnd,
          lastCommitAt: step.lastCommitAt,
          status: step.status,
        }).toEqual({ offset: p.offset, logEnd: p.logEnd, lastCommitAt: p.lastCommitAt, status: p.status });
      }
    // Every partition has a point at the range's first and last cycle.
    expect(points.filter((p) => p.at === range.from)).toHaveLength(3);
    expect(points.filter((p) => p.at === range.to)).toHaveLength(3);
    expect(await h.groups()).toEqual(['group-0000', 'group-0001', 'group-0002', 'group-0003']);
    expect(await h.partitionSeries('nobody', all)).toEqual([]);
  });

  it('rebuilds the commit windows a monitor held, across segments', async () => {
    const dir = tempDir();
    const cycles = takeCycles(small, 130);
    const h = await history(dir);
    await appendAll(h, cycles);
    for (const size of [1, 10, 40]) {
      const stored = await h.windows('group-0003', size);
      expect(stored!.at).toBe(cycles.at(-1)!.at);
      expect(stored!.windows.map((w) => w.commits)).toEqual(monitorWindows(cycles, 'group-0003', size));
      expect(stored!.windows.map((w) => w.logEnd)).toEqual(cycles.at(-1)!.groups[3]!.partitions.map((p) => p.logEnd));
      expect(stored!.latest.map((p) => p.status)).toEqual(cycles.at(-1)!.groups[3]!.partitions.map((p) => p.status));
    }
    // In one pass for every group, the same windows.
    const every = await h.allWindows(10);
    expect([...every.keys()].sort()).toEqual(['group-0000', 'group-0001', 'group-0002', 'group-0003']);
    for (const [groupId, stored] of every) expect(stored).toEqual(await h.windows(groupId, 10));
    expect(await h.windows('nobody', 10)).toBeUndefined();
    await expect(h.windows('group-0003', 0)).rejects.toThrow('windowSize must be >= 1, got 0');
  });

  it('looks for commits back to a day before the last cycle: an older commit is known by its restated state', async () => {
    const h = await history(tempDir());
    // Hourly cycles for three days; the group commits in the first five hours only, records keep coming.
    for (let i = 0; i < 72; i++) {
      const committed = Math.min(i, 4);
      const partition = {
        topic: 't',
        partition: 0,
        status: 'OK' as const,
        lag: 100 + i - committed,
        timeLagMs: null,
        offset: committed,
        lastCommitAt: START + committed * HOUR,
        logEnd: 100 + i,
        complete: 1,
      };
      await h.append({
        cluster: 'c',
        at: START + i * HOUR,
        groups: [
          {
            groupId: 'g',
            status: 'OK',
            level: 'OK',
            totalLag: partition.lag,
            maxTimeLagMs: null,
            complete: 1,
            partitions: [partition],
          },
        ],
        cost: { requests: 0, durationMs: 0, cpuMs: 0, heapUsedBytes: 0 },
      });
    }
    const stored = await h.windows('g', 10);
    expect(stored!.at).toBe(START + 71 * HOUR);
    // Only the last commit, from the oldest hour read; its lag is as of then (a day before the end).
    expect(stored!.windows[0]!.commits).toEqual([{ offset: 4, at: START + 4 * HOUR, lag: 100 + 47 - 4 }]);
  });

  it('cuts a torn tail off on open, says so, and keeps every complete cycle', async () => {
    const dir = tempDir();
    const cycles = takeCycles(small, 5);
    let h = await history(dir);
    await appendAll(h, cycles.slice(0, 3));
    await h.close();
    const [raw] = readdirSync(dir).filter((n) => n.startsWith('raw-'));
    appendFileSync(join(dir, raw!), Buffer.from([200, 1, 0, 0, 1, 2, 3, 4, 5, 6])); // a record cut short
    h = await history(dir);
    expect(h.repairs).toEqual([
      expect.stringMatching(new RegExp(`^${raw}: partial record at byte \\d+: 2 of 456 bytes; cut 10 bytes`)),
    ]);
    await appendAll(h, cycles.slice(3));
    expect((await h.groupSeries('group-0000', all)).map((p) => p.at)).toEqual(cycles.map((c) => c.at));
  });

  it('reads a damaged file up to the damage and says which file and where', async () => {
    const dir = tempDir();
    const cycles = takeCycles(small, 90); // two raw files: the damage is in the older, complete one
    let h = await history(dir);
    await appendAll(h, cycles);
    await h.close();
    const older = readdirSync(dir)
      .filter((n) => n.startsWith('raw-'))
      .sort()[0]!;
    const bytes = readFileSync(join(dir, older));
    const at = Math.floor(bytes.length / 2);
    bytes[at]! ^= 0xff;
    writeFileSync(join(dir, older), bytes);
    const problems: string[] = [];
    h = await history(dir, { onProblem: (message) => problems.push(message) });
    const series = await h.groupSeries('group-0000', all);
    expect(series.length).toBeGreaterThan(10);
    expect(series.length).toBeLessThan(90);
    expect(series.map((p) => p.at)).toEqual(cycles.map((c) => c.at).filter((t) => series.some((p) => p.at === t)));
    expect(problems).toEqual([
      expect.stringMatching(
        new RegExp(
          `^lag history ${join(dir, older)}: record at byte \\d+ fails its checksum; the rest of the file was not read$`,
        ),
      ),
    ]);
  });

  it('rolls cycles older than a day into 5-minute buckets keeping the worst status and largest lag', async () => {
    const dir = tempDir();
    const cycles = takeCycles({ ...small, changing: 0.8 }, 180); // three hours at one a minute
    const h = await history(dir);
    await appendAll(h, cycles);
    const report = await h.maintain(START + DAY + 2 * HOUR);
    expect(report.rolledUpHours).toBe(2);
    expect(
      readdirSync(dir)
        .filter((n) => n.endsWith('.seg'))
        .sort(),
    ).toEqual([`rollup-${START}.seg`, `rollup-${START + HOUR}.seg`, expect.stringMatching(/^raw-/)].sort());

    const series = await h.groupSeries('group-0001', all);
    expect(series).toHaveLength(24 + 60);
    for (const point of series.slice(0, 24)) {
      const inBucket = cycles.filter((c) => c.at >= point.at && c.at < point.at + 5 * 60_000).map((c) => c.groups[1]!);
      expect(inBucket).toHaveLength(5);
      expect(point.totalLag).toBe(Math.max(...inBucket.map((g) => g.totalLag)));
      expect(point.status).toBe(worst(inBucket.map((g) => g.status)));
    }
    const partitions = await h.partitionSeries('group-0001', { from: START, to: START + 5 * 60_000 - 1 });
    const p0 = cycles.slice(0, 5).map((c) => c.groups[1]!.partitions[0]!);
    expect(partitions.filter((p) => p.partition === 0)).toEqual([
      expect.objectContaining({
        at: START,
        lag: Math.max(...p0.map((p) => p.lag)),
        status: worst(p0.map((p) => p.status)),
        offset: p0.at(-1)!.offset,
        logEnd: p0.at(-1)!.logEnd,
      }),
    ]);

    // A roll-up interrupted before its raw files were removed is redone to the same result.
    const again = await h.maintain(START + DAY + 2 * HOUR);
    expect(again.rolledUpHours).toBe(0);
    expect(await h.groupSeries('group-0001', all)).toEqual(series);
  });

  it('deletes what is older than the retention, and stays under its size cap, oldest first', async () => {
    const dir = tempDir();
    const h = await history(dir, { retentionDays: 2 });
    const cycles = takeCycles({ ...small, intervalMs: 20 * 60_000 }, 3 * 24 * 3); // three days
    await appendAll(h, cycles);
    await h.maintain(cycles.at(-1)!.at);
    const first = (await h.groupSeries('group-0000', all))[0]!.at;
    expect(first).toBeGreaterThanOrEqual(cycles.at(-1)!.at - 2 * DAY - HOUR);
    expect(first).toBeLessThan(cycles.at(-1)!.at - 2 * DAY + HOUR);

    const capped = await history(tempDir(), { maxBytes: 20_000 });
    await appendAll(capped, cycles);
    expect(await capped.sizeBytes()).toBeLessThanOrEqual(20_000);
    const kept = await capped.groupSeries('group-0000', all);
    expect(kept.at(-1)!.at).toBe(cycles.at(-1)!.at);
    expect(kept[0]!.at).toBeGreaterThan(cycles[0]!.at);
  }, 30_000);

  it('has one writer: a second one is refused, a reader is not, and a reader cannot write', async () => {
    const dir = tempDir();
    const h = await history(dir);
    await h.append(takeCycles(small, 1)[0]!);
    await expect(openLagHistory(dir)).rejects.toThrow(HistoryLockedError);
    const reader = await history(dir, { readOnly: true });
    expect(await reader.groupSeries('group-0000', all)).toHaveLength(1);
    await expect(reader.append(takeCycles(small, 1)[0]!)).rejects.toThrow(`lag history ${dir} is open read-only`);
    await h.close();
    await expect(h.append(takeCycles(small, 1)[0]!)).rejects.toThrow('is closed');
    await history(dir);
  });

  it('takes over the lock of a writer that was killed', async () => {
    const dir = tempDir();
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    writeFileSync(join(dir, 'writer.lock'), `${gone.stdout.toString()}\n`);
    const h = await history(dir);
    expect(readFileSync(join(dir, 'writer.lock'), 'utf8')).toBe(`${process.pid}\n`);
    await h.close();
    expect(readdirSync(dir)).not.toContain('writer.lock');
  });

  it('refuses a cycle it cannot store, naming it, and goes on with the next', async () => {
    const h = await history(tempDir());
    const [good, next] = takeCycles(small, 2);
    const bad = { ...good!, groups: [{ ...good!.groups[0]!, totalLag: 1.5 }] };
    await expect(h.append(bad)).rejects.toThrow(
      `cycle at ${new Date(START).toISOString()} not stored: not a whole number: 1.5`,
    );
    await h.append(next!);
    expect((await h.groupSeries('group-0000', all)).map((p) => p.at)).toEqual([next!.at]);
  });
});

function worst(statuses: PartitionStatus[]): PartitionStatus {
  return statuses.reduce((a, b) => (statusRank(b) > statusRank(a) ? b : a));
}
