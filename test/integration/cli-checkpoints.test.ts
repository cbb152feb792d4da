import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTopic } from '../bench/helpers.js';
import {
  buildCli,
  checkpointDir,
  checkpointFiles,
  kafkaJob,
  kraftBootstrap,
  produceValues,
  runCli,
  tempDir,
  writeSpec,
} from './cli-kit.js';

// Checkpoints through the CLI: listing them, falling back past damaged files, refusing when none
// is usable, and restoring from a chosen one.

beforeAll(buildCli);

interface Fixture {
  input: string;
  stateDir: string;
  jobName: string;
  specFile: string;
  run(): ReturnType<typeof runCli>;
  fileOf(id: number): string;
  ids(): number[];
}

/** A bounded job with a none sink over a fresh 3-partition topic, and its state dir. */
async function fixture(): Promise<Fixture> {
  const input = await createTopic(kraftBootstrap(), { partitions: 3 });
  const stateDir = tempDir();
  const spec = kafkaJob({ input, bounded: true });
  const jobName = spec['name'] as string;
  const specFile = writeSpec(spec);
  return {
    input,
    stateDir,
    jobName,
    specFile,
    run: () => runCli(['run', specFile, '--state-dir', stateDir], { timeoutMs: 90_000 }),
    fileOf: (id) => join(checkpointDir(stateDir, jobName), `checkpoint-${String(id).padStart(12, '0')}.json`),
    ids: () => checkpointFiles(stateDir, jobName).map((name) => Number(/(\d+)\.json$/.exec(name)![1])),
  };
}

const recordsIn = (stderr: string) =>
  Number(/finished \(([\d,]+) records in/.exec(stderr)?.[1]?.replace(/,/g, '') ?? NaN);
const offsetSum = (file: string) =>
  (JSON.parse(readFileSync(file, 'utf8')) as { offsets: { offset: number }[] }).offsets.reduce(
    (sum, o) => sum + o.offset,
    0,
  );

/** Two finished runs: the first over 100 records, the second over 50 more. */
async function twoRuns(f: Fixture): Promise<{ first: number; second: number }> {
  await produceValues(f.input, 100, 'a');
  const one = await f.run();
  expect(one.code, one.stderr).toBe(0);
  const first = Math.max(...f.ids());
  await produceValues(f.input, 50, 'b');
  const two = await f.run();
  expect(two.code, two.stderr).toBe(0);
  expect(recordsIn(two.stderr)).toBe(50);
  const second = Math.max(...f.ids());
  expect(second).toBeGreaterThan(first);
  return { first, second };
}

describe('sluice checkpoints', () => {
  it('lists checkpoints as a table and as JSON', async () => {
    const f = await fixture();
    const { first, second } = await twoRuns(f);

    const table = await runCli(['checkpoints', f.jobName, '--state-dir', f.stateDir]);
    expect(table.code).toBe(0);
    const lines = table.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^\s*ID\s+TAKEN AT \(UTC\)\s+AGE\s+OFFSETS\s+SIZE\s+VALID/);
    expect(
      lines.some((line) => new RegExp(`^\\s*${second}\\s+\\d{4}-\\d\\d-\\d\\dT.*\\s3\\s+\\d+ B\\s+yes`).test(line)),
    ).toBe(true);

    const json = await runCli(['checkpoints', f.jobName, '--state-dir', f.stateDir, '--json']);
    expect(json.code).toBe(0);
    const listed = JSON.parse(json.stdout) as {
      checkpointId: number;
      offsets: number;
      bytes: number;
      valid: boolean;
    }[];
    expect(listed.map((c) => c.checkpointId)).toEqual(f.ids());
    expect(listed.map((c) => c.checkpointId)).toContain(first);
    for (const c of listed) {
      expect(c).toMatchObject({ offsets: 3, valid: true });
      expect(c.bytes).toBe(readFileSync(f.fileOf(c.checkpointId)).length);
    }
  });

  it('falls back past a truncated newest checkpoint with a warning naming it', async () => {
    const f = await fixture();
    const { first, second } = await twoRuns(f);
    truncateSync(f.fileOf(second), 40);
    const listed = await runCli(['checkpoints', f.jobName, '--state-dir', f.stateDir, '--json']);
    const damaged = (JSON.parse(listed.stdout) as { checkpointId: number; valid: boolean; error: string }[]).find(
      (c) => c.checkpointId === second,
    );
    expect(damaged).toMatchObject({ valid: false, error: expect.stringMatching(/truncated/) });

    const rerun = await f.run();
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stderr).toContain(`checkpoint-${String(second).padStart(12, '0')}.json is corrupt`);
    // Resumed from the newest valid one, whose offsets the second run had not moved past.
    const resumedFrom = Number(/from checkpoint (\d+)/.exec(rerun.stderr)?.[1]);
    expect(resumedFrom).toBeLessThan(second);
    expect(resumedFrom).toBeGreaterThanOrEqual(first);
    expect(recordsIn(rerun.stderr)).toBe(150 - offsetSum(f.fileOf(resumedFrom)));
  });

  it('fails clearly, writing nothing, when no checkpoint is valid', async () => {
    const f = await fixture();
    await twoRuns(f);
    for (const id of f.ids()) writeFileSync(f.fileOf(id), id % 2 === 0 ? '' : '{"version": 1, "jobName": ');
    const before = f.ids();
    const rerun = await f.run();
    expect(rerun.code).toBe(1);
    expect(rerun.stderr).toMatch(
      new RegExp(
        `sluice: no valid checkpoint for job "${f.jobName}" in .*remove these files to start the job from its start position \\[hint: checkpoint-corrupt\\]`,
      ),
    );
    expect(f.ids()).toEqual(before);
  });

  it('refuses a checkpoint written by a newer format version', async () => {
    const f = await fixture();
    const { second } = await twoRuns(f);
    const data = JSON.parse(readFileSync(f.fileOf(second), 'utf8'));
    writeFileSync(f.fileOf(second), JSON.stringify({ ...data, version: 7 }));
    const rerun = await f.run();
    expect(rerun.code).toBe(1);
    expect(rerun.stderr).toMatch(
      /has format version 7, written by a newer Sluice; this one reads up to version 1.*\[hint: checkpoint-version\]/,
    );
  });
});

describe('sluice restore', () => {
  it('makes the next run start from the chosen checkpoint, once', async () => {
    const f = await fixture();
    const { first } = await twoRuns(f);
    const restore = await runCli(['restore', f.jobName, String(first), '--state-dir', f.stateDir]);
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toContain(`the next run of "${f.jobName}" starts from checkpoint ${first}`);
    const listed = await runCli(['checkpoints', f.jobName, '--state-dir', f.stateDir]);
    expect(listed.stdout).toContain(`next run restores from checkpoint ${first}`);

    const restored = await f.run();
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stderr).toContain(`from checkpoint ${first},`);
    expect(recordsIn(restored.stderr)).toBe(150 - offsetSum(f.fileOf(first)));

    // The restore point was used up by the restored run's checkpoint: the next run resumes from the latest.
    const again = await f.run();
    expect(again.code, again.stderr).toBe(0);
    expect(recordsIn(again.stderr)).toBe(0);
  });

  it('refuses a missing or damaged checkpoint with exit 2', async () => {
    const f = await fixture();
    const { first } = await twoRuns(f);
    const missing = await runCli(['restore', f.jobName, '999', '--state-dir', f.stateDir]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(new RegExp(`checkpoint 999 of job "${f.jobName}" does not exist .*available: `));

    writeFileSync(f.fileOf(first), '{');
    const damaged = await runCli(['restore', f.jobName, String(first), '--state-dir', f.stateDir]);
    expect(damaged.code).toBe(2);
    expect(damaged.stderr).toMatch(/is corrupt/);
  });
});
