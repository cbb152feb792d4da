import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../bench/free-port.js';
import { createTopic, freshTopic } from '../bench/helpers.js';
import { kcatConsume } from '../bench/kcat.js';
import {
  buildCli,
  checkpointFiles,
  kafkaJob,
  kraftBootstrap,
  produceValues,
  runCli,
  tempDir,
  writeSpec,
} from './cli-kit.js';

// `sluice run` when something is wrong: one clear line with the hint id, a non-zero exit, and
// nothing half written (no checkpoint files, no output records).

beforeAll(buildCli);

describe('sluice run failures', () => {
  it('reports an unreachable bootstrap server', async () => {
    const port = await freePort();
    const stateDir = tempDir();
    const spec = kafkaJob({ input: 'anything', bootstrap: `127.0.0.1:${port}`, bounded: true });
    const result = await runCli(['run', writeSpec(spec), '--state-dir', stateDir], { timeoutMs: 90_000 });
    expect(result.signal).toBeNull();
    expect(result.code).toBe(1);
    // One line naming the address and the hint; the engine words the rest.
    expect(result.stderr).toMatch(
      new RegExp(`^sluice: .*127\\.0\\.0\\.1:${port}.*\\[hint: broker-unreachable, retriable\\]$`, 'm'),
    );
    expect(checkpointFiles(stateDir, spec['name'] as string)).toEqual([]);
  });

  it('reports a source topic that does not exist', async () => {
    const stateDir = tempDir();
    const missing = freshTopic('missing');
    const spec = kafkaJob({ input: missing, bounded: true });
    const result = await runCli(['run', writeSpec(spec), '--state-dir', stateDir], { timeoutMs: 90_000 });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^sluice: .*"${missing}".*\\[hint: topic-missing\\]$`, 'm'));
    expect(checkpointFiles(stateDir, spec['name'] as string)).toEqual([]);
  });

  it('reports a sink topic that does not exist and writes nothing', async () => {
    const stateDir = tempDir();
    const input = await createTopic(kraftBootstrap(), { partitions: 2 });
    await produceValues(input, 50);
    const spec = kafkaJob({ input, output: freshTopic('missing-out'), delivery: 'exactly-once', bounded: true });
    const result = await runCli(['run', writeSpec(spec), '--state-dir', stateDir], { timeoutMs: 90_000 });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^sluice: .*"missing-out-[^"]+".*\[hint: topic-missing\]$/m);
    expect(checkpointFiles(stateDir, spec['name'] as string)).toEqual([]);
  });

  it('refuses an invalid spec before touching the state directory', async () => {
    const stateDir = join(tempDir(), 'state');
    const spec = { ...kafkaJob({ input: 't', bounded: true }), checkpoint: { intervalMs: 5 } };
    const result = await runCli(['run', writeSpec(spec), '--state-dir', stateDir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('checkpoint.intervalMs: expected at least 100 ms');
    expect(existsSync(stateDir)).toBe(false);
  });

  it('reports a state directory that cannot be written', async () => {
    const notADir = join(tempDir(), 'a-file');
    writeFileSync(notADir, 'in the way');
    const input = await createTopic(kraftBootstrap(), { partitions: 1 });
    await produceValues(input, 10);
    const spec = kafkaJob({ input, bounded: true });
    const result = await runCli(['run', writeSpec(spec), '--state-dir', notADir], { timeoutMs: 90_000 });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /cannot write checkpoints of job "[^"]+" to .*a-file.*\[hint: state-dir-unwritable\]/,
    );
  });

  it('creates a missing state directory and writes output exactly once', async () => {
    const stateDir = join(tempDir(), 'not', 'there', 'yet');
    const input = await createTopic(kraftBootstrap(), { partitions: 3 });
    const output = await createTopic(kraftBootstrap(), { partitions: 3 });
    const values = await produceValues(input, 300);
    const spec = kafkaJob({ input, output, delivery: 'exactly-once', bounded: true });
    const result = await runCli(['run', writeSpec(spec), '--state-dir', stateDir], { timeoutMs: 90_000 });
    expect(result.stderr).toMatch(/job "[^"]+" finished \(300 records in, 300 out, last checkpoint \d+\)/);
    expect(result.code).toBe(0);
    expect(checkpointFiles(stateDir, spec['name'] as string).length).toBeGreaterThan(0);
    const written = await kcatConsume(kraftBootstrap(), output, { readCommitted: true });
    expect(written.map((r) => r.value).sort()).toEqual([...values].sort());
  });
});
