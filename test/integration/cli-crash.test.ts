import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTopic } from '../bench/helpers.js';
import { kcatConsume } from '../bench/kcat.js';
import {
  buildCli,
  checkpointFiles,
  kafkaJob,
  kraftBootstrap,
  produceValues,
  startCli,
  tempDir,
  waitUntilCommitted,
  writeSpec,
} from './cli-kit.js';

// The key acceptance test: `sluice run` killed with SIGKILL at random moments and restarted each
// time, then left to catch up and stopped gracefully. Exactly-once: a read_committed drain of the
// sink holds every input record exactly once. At-least-once: none is missing.
//
// Each restart after a SIGKILL waits for the dead run's group session to expire (10 s, see
// engine/source/kafka-source.ts), so both guarantees run side by side to keep the file to ~3 min.

const KILLS = Number(process.env['SLUICE_CRASH_KILLS'] ?? 10);
const INITIAL_RECORDS = Number(process.env['SLUICE_CRASH_RECORDS'] ?? 100_000);
/** New input before each restart, so later runs also die mid-stream rather than idle. */
const RECORDS_PER_CYCLE = 3_000;
/** Every few cycles the kill lands during start-up (connecting, restoring, joining the group). */
const STARTUP_KILL_EVERY = 4;

beforeAll(buildCli);

const PROGRESS = /\| ([\d,]+) in ([\d,]+) out \|/g;

/** Records in according to the last progress line printed so far. */
function lastRecordsIn(stderr: string): number {
  let last = 0;
  for (const match of stderr.matchAll(PROGRESS)) last = Number(match[1]!.replace(/,/g, ''));
  return last;
}

interface KillNote {
  cycle: number;
  moment: string;
  /** What the run said it resumed from, if it got that far. */
  resumedFrom: string | undefined;
  recordsInAtKill: number;
}

async function crashAndRecover(delivery: 'exactly-once' | 'at-least-once') {
  const bootstrap = kraftBootstrap();
  const input = await createTopic(bootstrap, { partitions: 3 });
  const output = await createTopic(bootstrap, { partitions: 3 });
  const stateDir = tempDir();
  const spec = kafkaJob({ input, output, delivery, checkpointMs: 300 });
  const specFile = writeSpec(spec);
  const groupId = (spec['source'] as { groupId: string }).groupId;
  const args = ['run', specFile, '--state-dir', stateDir, '--progress-interval', '100'];

  const produced = await produceValues(input, INITIAL_RECORDS, 'r');
  const kills: KillNote[] = [];
  for (let cycle = 0; cycle < KILLS; cycle++) {
    if (cycle > 0) produced.push(...(await produceValues(input, RECORDS_PER_CYCLE, `c${cycle}`)));
    const run = startCli(args, { timeoutMs: 180_000 });
    let moment: string;
    if (cycle % STARTUP_KILL_EVERY === STARTUP_KILL_EVERY - 1) {
      const delay = 100 + Math.floor(Math.random() * 1_400);
      await sleep(delay);
      moment = `${delay}ms after spawn`;
    } else {
      // Records are flowing in this run (metrics tick once a second); die somewhere in the next
      // three seconds: before its first checkpoint, mid-send, mid-transaction, mid-checkpoint.
      await run.waitForStderr(/\| [1-9][\d,]* in /, 90_000);
      // Every other such run first lives to write a checkpoint, so restores from checkpoints are
      // exercised however slow the machine is (a loaded CI box may otherwise kill every early run first).
      if (cycle % 2 === 1) await run.waitForStderr(/checkpoint \d+, [\d.]+m?s ago/, 90_000);
      const delay = Math.floor(Math.random() * 3_000);
      await sleep(delay);
      moment = `${delay}ms after records flowed`;
    }
    run.child.kill('SIGKILL');
    const result = await run.exited;
    expect(result.signal, `cycle ${cycle} ended by itself:\n${result.stderr}`).toBe('SIGKILL');
    const resumedFrom = /^started "[^"]+" from (.+), \d+ partitions$/m.exec(result.stderr)?.[1];
    kills.push({ cycle, moment, resumedFrom, recordsInAtKill: lastRecordsIn(result.stderr) });
  }

  // The last run catches up with the input, then stops gracefully on SIGTERM.
  const last = startCli(args, { timeoutMs: 240_000 });
  // Its own records flowing or not (the input may be read already), it must be running before the
  // SIGTERM; otherwise the signal only tests Node's default handler.
  await last.waitForStderr(/checkpoint \d+, [\d.]+m?s ago/, 120_000);
  await waitUntilCommitted(bootstrap, groupId, input, produced.length);
  last.child.kill('SIGTERM');
  const final = await last.exited;
  expect(final.code, final.stderr).toBe(0);
  expect(final.stderr).toMatch(/job "[^"]+" stopped/);
  expect(
    checkpointFiles(stateDir, spec['name'] as string).every((name) => /^checkpoint-\d{12}\.json$/.test(name)),
  ).toBe(true);

  const drained = await kcatConsume(bootstrap, output, { readCommitted: true });
  for (const record of drained) expect(record.key).toBe(record.value);
  return { produced, values: drained.map((r) => r.value ?? ''), kills };
}

function countDuplicates(values: string[]): number {
  return values.length - new Set(values).size;
}

describe('sluice run under SIGKILL', () => {
  it.concurrent(
    `exactly-once: ${KILLS} kills, every record exactly once in a read_committed drain`,
    async () => {
      const { produced, values, kills } = await crashAndRecover('exactly-once');
      console.log(
        `[crash exactly-once] ${produced.length} records, kills: ${JSON.stringify(kills)}; sink holds ${values.length}, duplicates ${countDuplicates(values)}`,
      );
      expect(kills.length).toBeGreaterThanOrEqual(10);
      expect(produced.length).toBeGreaterThanOrEqual(100_000);
      expect(kills.filter((k) => k.resumedFrom?.startsWith('checkpoint')).length).toBeGreaterThanOrEqual(3);
      expect(kills.filter((k) => k.recordsInAtKill > 0).length).toBeGreaterThanOrEqual(KILLS / 2);
      expect(values.length).toBe(produced.length);
      expect([...values].sort()).toEqual([...produced].sort());
    },
    600_000,
  );

  it.concurrent(
    `at-least-once: ${KILLS} kills, no record missing`,
    async () => {
      const { produced, values, kills } = await crashAndRecover('at-least-once');
      console.log(
        `[crash at-least-once] ${produced.length} records, kills: ${JSON.stringify(kills)}; sink holds ${values.length}, duplicates ${countDuplicates(values)}`,
      );
      expect(kills.length).toBeGreaterThanOrEqual(10);
      expect(kills.filter((k) => k.recordsInAtKill > 0).length).toBeGreaterThanOrEqual(KILLS / 2);
      expect(kills.filter((k) => k.resumedFrom?.startsWith('checkpoint')).length).toBeGreaterThanOrEqual(3);
      const written = new Set(values);
      const missing = produced.filter((value) => !written.has(value));
      expect(missing.slice(0, 10), `${missing.length} records missing`).toEqual([]);
      expect(values.length).toBeGreaterThanOrEqual(produced.length);
    },
    600_000,
  );
});
