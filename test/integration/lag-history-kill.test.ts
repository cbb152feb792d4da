import { spawn } from 'node:child_process';
import { appendFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLagHistory } from '../../engine/lag/lag-history.js';
import type { LagCycle } from '../../engine/lag/lag-status.js';
import { projectRoot } from '../bench/bench-paths.js';
import { takeCycles } from '../bench/lag-cycles.js';
import { KILL_TEST_CYCLES } from '../bench/lag-history-kill.js';
import { tempDir } from './cli-kit.js';

// History survives a killed process (issue 19): a child appends cycles in a loop and is SIGKILLed
// at a random moment, again and again; every cycle it acknowledged reads back intact, at most the
// one it was writing is lost, and the store opens cleanly each time.

const writer = join(projectRoot, 'test', 'bench', 'lag-history-writer.ts');
const ROUNDS = 6;

interface Round {
  acked: number[];
  repairs: string[];
}

/** Starts the writer from `first`, kills it a random while after its `atLeast`-th append. */
function killedWriter(dir: string, first: number, atLeast: number): Promise<Round> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, dir, String(first)], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const round: Round = { acked: [], repairs: [] };
    let stderr = '';
    let buffered = '';
    let killing = false;
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith('appended ')) round.acked.push(Number(line.slice('appended '.length)));
        else if (line.startsWith('repaired ')) round.repairs.push(line.slice('repaired '.length));
      }
      if (!killing && round.acked.length >= atLeast) {
        killing = true;
        setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 40));
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal === 'SIGKILL') resolve(round);
      else reject(new Error(`the writer ended by itself (${code}):\n${stderr}`));
    });
  });
}

describe('lag history under SIGKILL', () => {
  it('keeps every acknowledged cycle intact through repeated kills mid-write', async () => {
    const dir = tempDir('sluice-lag-kill-');
    const acked: number[] = [];
    const repairs: string[] = [];
    let next = 0;
    let tornByTest = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const result = await killedWriter(dir, next, 5 + round * 7);
      expect(result.acked.length).toBeGreaterThanOrEqual(5);
      acked.push(...result.acked);
      repairs.push(...result.repairs);
      // The cycle after the last acknowledged one may or may not have made it: skip it.
      next = result.acked.at(-1)! + 2;
      // A kill inside write() can leave part of a record; every other round, make sure one is
      // there (a frame header promising more bytes than follow) for the next writer to cut off.
      if (round % 2 === 1) {
        const newest = readdirSync(dir)
          .filter((n) => n.startsWith('raw-'))
          .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
          .at(-1)!;
        const torn = Buffer.alloc(8 + 1 + Math.floor(Math.random() * 300), 7);
        torn.writeUInt32LE(5_000, 0);
        appendFileSync(join(dir, newest), torn);
        tornByTest++;
      }
    }
    const expected = takeCycles(KILL_TEST_CYCLES, next);
    const history = await openLagHistory(dir);
    repairs.push(...history.repairs);
    expect(repairs.filter((r) => / partial record at byte \d+: \d+ of 5000 bytes; cut /.test(r))).toHaveLength(
      tornByTest,
    );
    try {
      const ackedAt = new Set(acked.map((i) => expected[i]!.at));
      for (const groupIndex of [0, 57, 199]) {
        const groupId = expected[0]!.groups[groupIndex]!.groupId;
        const series = await history.groupSeries(groupId, { from: 0, to: Number.MAX_SAFE_INTEGER });
        const byAt = new Map(series.map((p) => [p.at, p]));
        for (const at of ackedAt) {
          const cycle = expected.find((c) => c.at === at)!;
          const group = cycle.groups[groupIndex]!;
          expect(byAt.get(at), `cycle ${at} of ${groupId}`).toEqual({
            at,
            status: group.status,
            level: group.level,
            totalLag: group.totalLag,
            maxTimeLagMs: group.maxTimeLagMs,
          });
        }
        // Nothing else but, per kill, the one cycle that was being written when it came.
        const extra = series.filter((p) => !ackedAt.has(p.at));
        expect(extra.length).toBeLessThanOrEqual(ROUNDS);
        for (const point of extra) expect(acked).toContain(indexOf(expected, point.at) - 1);
        // Points come back in time order.
        expect(series.map((p) => p.at)).toEqual([...series.map((p) => p.at)].sort((a, b) => a - b));

        // The partitions, replayed as steps, are each acknowledged cycle's partitions.
        const points = await history.partitionSeries(groupId, { from: 0, to: Number.MAX_SAFE_INTEGER });
        for (const at of ackedAt) {
          const cycle = expected.find((c) => c.at === at)!;
          for (const p of cycle.groups[groupIndex]!.partitions) {
            const step = points.filter((q) => q.partition === p.partition && q.at <= at).at(-1);
            expect(step && [step.offset, step.logEnd, step.lastCommitAt, step.status]).toEqual([
              p.offset,
              p.logEnd,
              p.lastCommitAt,
              p.status,
            ]);
          }
        }
      }
    } finally {
      await history.close();
    }
    console.log(
      `${acked.length} acknowledged cycles over ${ROUNDS} kills; ${readdirSync(dir).length} files; ` +
        `torn tails cut on open: ${repairs.length} (${tornByTest} torn by the test)${repairs.length ? `\n  ${repairs.join('\n  ')}` : ''}`,
    );
  });
});

function indexOf(cycles: LagCycle[], at: number): number {
  return cycles.findIndex((c) => c.at === at);
}
