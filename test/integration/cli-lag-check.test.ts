import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateGroup } from '../../engine/lag/evaluate.js';
import { openLagHistory } from '../../engine/lag/lag-history.js';
import type { LagCycle, PartitionEvaluation } from '../../engine/lag/lag-status.js';
import { buildCli, runCli, tempDir } from './cli-kit.js';

// `sluice lag check` as cron and monitoring scripts run it: the real CLI over a history written
// with the store, one group per status, exit codes 0/1/2 and 3 when there is no verdict.

beforeAll(buildCli);

const INTERVAL = 30_000;

interface Step {
  offset: number;
  logEnd: number;
  /** When the committed offset was committed; the same value again means no new commit. */
  committedAt: number;
}

/** A cycle per step, the last one `endsAgo` ms before now, for one group of one partition. */
function cycles(groupId: string, steps: Step[], endsAgo = 1_000): LagCycle[] {
  const last = Date.now() - endsAgo;
  return steps.map((step, i) => {
    const at = last - (steps.length - 1 - i) * INTERVAL;
    const lag = step.logEnd - step.offset;
    const partition: PartitionEvaluation = {
      topic: 'orders',
      partition: 0,
      status: 'OK', // what the monitor said; `lag check` evaluates again from the commits
      lag,
      timeLagMs: lag > 0 ? 4_200 : null,
      offset: step.offset,
      lastCommitAt: at - step.committedAt,
      logEnd: step.logEnd,
      complete: 1,
    };
    return { cluster: 'prod', at, groups: [evaluateGroup(groupId, [partition])], cost: emptyCost };
  });
}
const emptyCost = { requests: 0, durationMs: 0, cpuMs: 0, heapUsedBytes: 0 };

/** Each step commits 1 s before its cycle, unless it repeats the step before (no new commit). */
const steps = (rows: [offset: number, logEnd: number, newCommit?: boolean][]): Step[] =>
  rows.map(([offset, logEnd, newCommit = true]) => ({ offset, logEnd, committedAt: newCommit ? 1_000 : 0 }));

async function writeHistory(stateDir: string, all: LagCycle[]): Promise<void> {
  const history = await openLagHistory(join(stateDir, 'lag', 'prod'));
  for (const cycle of all.sort((a, b) => a.at - b.at)) await history.append(cycle);
  await history.close();
}

const check = (stateDir: string, group: string, ...extra: string[]) =>
  runCli(['lag', 'check', 'prod', '--group', group, '--state-dir', stateDir, ...extra]);

describe('sluice lag check', () => {
  const stateDir = tempDir();
  beforeAll(async () => {
    const keepingUp = steps([
      [100, 150],
      [150, 180],
      [180, 200],
      [200, 230],
      [230, 240],
    ]);
    const slower = steps([
      [100, 110],
      [110, 130],
      [120, 150],
      [130, 170],
      [140, 190],
    ]);
    const stalled = steps([
      [100, 110],
      [100, 120],
      [100, 130],
      [100, 140],
      [100, 150],
    ]);
    // Four commits over 90 s, then none for 150 s while records keep arriving.
    const stopped = steps([
      [100, 110],
      [110, 120],
      [120, 130],
      [130, 140],
      [130, 150, false],
      [130, 160, false],
      [130, 170, false],
      [130, 180, false],
      [130, 190, false],
    ]).map((s, i) => (i >= 4 ? { ...s, committedAt: 1_000 + (i - 3) * INTERVAL } : s));
    await writeHistory(stateDir, [
      ...cycles('keeping-up', keepingUp),
      ...cycles('slower', slower),
      ...cycles('stalled', stalled),
      ...cycles('stopped', stopped),
      ...cycles('gone-quiet', keepingUp, 10 * 60_000),
    ]);
  });

  it('exits 0 for a group keeping up and prints its partitions', async () => {
    const result = await check(stateDir, 'keeping-up');
    expect(result.code, result.stderr).toBe(0);
    const [first, , header, row] = result.stdout.split('\n');
    expect(first).toMatch(
      /^OK: group keeping-up on prod is OK, total lag 10, 0 of 1 partition windows full, as of \S+Z \(\d/,
    );
    expect(header).toMatch(
      /^TOPIC\s+PARTITION\s+STATUS\s+LAG\s+TIME-LAG\s+OFFSET\s+LOG-END\s+LAST-COMMIT \(UTC\)\s+WINDOW$/,
    );
    expect(row).toMatch(/^orders\s+0\s+OK\s+10\s+4\.2s\s+230\s+240\s+\S+Z\s+50%$/);
  });

  it('exits 1 for a group whose lag never decreased over its window', async () => {
    const result = await check(stateDir, 'slower');
    expect(result.code, result.stdout).toBe(1);
    expect(result.stdout).toMatch(/^WARN: group slower on prod is WARN, total lag 50,/);
  });

  it('exits 2 for a group committing the same offset, and for one that stopped committing', async () => {
    const stalled = await check(stateDir, 'stalled');
    expect(stalled.code, stalled.stdout).toBe(2);
    expect(stalled.stdout).toMatch(/^ERR: group stalled on prod is STALL,/);
    const stopped = await check(stateDir, 'stopped');
    expect(stopped.code, stopped.stdout).toBe(2);
    expect(stopped.stdout).toMatch(/^ERR: group stopped on prod is STOP, total lag 60,/);
    // With a window of the last commit alone there is no span to judge a stop by.
    const one = await check(stateDir, 'stopped', '--window', '1');
    expect(one.stdout).toMatch(/^OK: group stopped on prod is OK,/);
    expect(one.code).toBe(0);
  });

  it('exits 3 when the history is stale or missing, saying since when or where it looked', async () => {
    const stale = await check(stateDir, 'gone-quiet');
    expect(stale.code).toBe(3);
    expect(stale.stdout).toMatch(
      /^UNKNOWN: group gone-quiet on prod stale since \S+Z \(10m0\ds ago, over 3 intervals of 30\.0s\); it was OK\n/,
    );
    // A longer interval makes the same history fresh enough.
    expect((await check(stateDir, 'gone-quiet', '--interval', '300')).code).toBe(0);

    const missing = await check(stateDir, 'no-such-group');
    expect(missing.code).toBe(3);
    expect(missing.stdout.trim()).toBe(
      `UNKNOWN: no lag history for group no-such-group on prod in ${join(stateDir, 'lag', 'prod')} ` +
        '(is `sluice lag watch prod` running?)',
    );
    const otherCluster = await runCli(['lag', 'check', 'staging', '--group', 'slower', '--state-dir', stateDir]);
    expect(otherCluster.code).toBe(3);
  });

  it('exits 3 on bad input too, naming it: a monitoring script never reads it as a status', async () => {
    const badWindow = await check(stateDir, 'slower', '--window', 'ten');
    expect(badWindow.code).toBe(3);
    expect(badWindow.stderr.trim()).toBe('sluice: --window ten: expected a whole number >= 1');
    const badProfile = await runCli(['lag', 'check', '../etc', '--group', 'g', '--state-dir', stateDir]);
    expect(badProfile.code).toBe(3);
    expect(badProfile.stderr).toContain('cluster profile name "../etc": expected 1-100 letters');
  });

  it('prints JSON with the verdict, the exit code and each partition', async () => {
    const result = await check(stateDir, 'stalled', '--json');
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({
      verdict: 'ERR',
      exitCode: 2,
      groupId: 'stalled',
      status: 'STALL',
      totalLag: 50,
      complete: 0, // no partition has a full window of 10 commits yet
      partitions: [
        { topic: 'orders', partition: 0, status: 'STALL', lag: 50, offset: 100, logEnd: 150, complete: 0.5 },
      ],
    });
  });

  it('reads a history while its writer has it open', async () => {
    const dir = tempDir();
    const history = await openLagHistory(join(dir, 'lag', 'prod'));
    try {
      for (const cycle of cycles(
        'live',
        steps([
          [1, 5],
          [3, 5],
          [5, 5],
        ]),
      ))
        await history.append(cycle);
      const result = await check(dir, 'live');
      expect(result.code, result.stdout + result.stderr).toBe(0);
      expect(result.stdout).toMatch(/^OK: group live on prod is OK, total lag 0,/);
    } finally {
      await history.close();
    }
  });
});
