import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTopic, freshTopic } from '../bench/helpers.js';
import { buildCli, kafkaJob, kraftBootstrap, produceValues, runCli, tempDir, writeSpec } from './cli-kit.js';

// `sluice lint`, the lint before `sluice run`, and `sluice cluster health`, as the built binary.

beforeAll(buildCli);

function riskyJob(input: string, output: string): Record<string, unknown> {
  const job = kafkaJob({ input, output, bounded: true });
  return { ...job, sink: { ...(job['sink'] as object), acks: 1, idempotent: false } };
}

describe('sluice lint', () => {
  it('prints warnings with where and remedy and exits 0 when nothing is critical', async () => {
    const input = await createTopic(kraftBootstrap());
    const output = await createTopic(kraftBootstrap(), { replicationFactor: 1 });
    const result = await runCli(['lint', writeSpec(riskyJob(input, output))]);
    expect(result.stderr).toMatch(/lint "[^"]+": 0 critical, 3 warning\(s\), 2 info \(spec, topics and brokers\)/);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^WARNING\s+acks-below-all\s+data-loss-risk\s+sink\.acks$/m);
    // A plain copy with the default partitioner and timestamps: what stops it copying shallow.
    expect(result.stdout).toMatch(/^INFO\s+shallow-copy-blocked\s+shallow-copy\s+sink\.partitioner$/m);
    expect(result.stdout).toMatch(/^INFO\s+shallow-copy-blocked\s+shallow-copy\s+sink\.writeTimestamp$/m);
    expect(result.stdout).toMatch(
      new RegExp(
        `^WARNING\\s+replication-factor-one\\s+replication-factor-one\\s+topic ${output} replication factor$`,
        'm',
      ),
    );
    expect(result.stdout).toContain(
      'sink.acks is 1: a write counts as acknowledged once the partition leader alone has it',
    );
    expect(result.stdout).toContain('   remedy: set sink.acks to "all" (and sink.idempotent to true)');
  });

  it('exits 1 on a critical finding and prints JSON with --format json', async () => {
    const input = await createTopic(kraftBootstrap());
    const output = freshTopic('cli-lint-missing');
    const result = await runCli(['lint', writeSpec(kafkaJob({ input, output })), '--format', 'json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as {
      worst: string;
      findings: { ruleId: string; severity: string; message: string }[];
    };
    expect(report.worst).toBe('critical');
    expect(report.findings).toEqual([
      expect.objectContaining({
        ruleId: 'sink-topic-missing',
        severity: 'critical',
        hintId: 'topic-missing',
        where: 'sink.topic',
      }),
      expect.objectContaining({ ruleId: 'shallow-copy-blocked', severity: 'info', where: 'sink.partitioner' }),
      expect.objectContaining({ ruleId: 'shallow-copy-blocked', severity: 'info', where: 'sink.writeTimestamp' }),
    ]);
    expect(report.findings[0]!.message).toContain(`"${output}" does not exist`);
  });

  it('refuses an invalid spec with exit 2', async () => {
    const result = await runCli(['lint', writeSpec({ version: 1, name: 'x' })]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is not a valid job spec');
  });
});

describe('lint before sluice run', () => {
  it('prints warnings and runs the job', async () => {
    const input = await createTopic(kraftBootstrap());
    const output = await createTopic(kraftBootstrap(), { replicationFactor: 1 });
    await produceValues(input, 20);
    const result = await runCli(['run', writeSpec(riskyJob(input, output)), '--state-dir', tempDir()], {
      timeoutMs: 90_000,
    });
    expect(result.stderr).toMatch(/^lint: WARNING sink\.acks: sink\.acks is 1: .*\[hint: data-loss-risk\]$/m);
    expect(result.stderr).toMatch(/job "[^"]+" finished \(20 records in, 20 out/);
    expect(result.code).toBe(0);
  });

  it('does not start a job with a critical finding unless --force, and --no-lint skips lint', async () => {
    const input = await createTopic(kraftBootstrap());
    await produceValues(input, 5);
    const output = freshTopic('cli-lint-missing');
    const spec = writeSpec(kafkaJob({ input, output, bounded: true }));
    const blocked = await runCli(['run', spec, '--state-dir', tempDir()], { timeoutMs: 90_000 });
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toMatch(
      new RegExp(`^sluice: lint: sink topic "${output}" does not exist .*\\[hint: topic-missing\\]$`, 'm'),
    );
    expect(blocked.stderr).toMatch(/^sluice: not starting "[^"]+": 1 critical lint finding\(s\); .*--force/m);
    expect(blocked.stderr).not.toContain('started "');

    // Forced, the engine itself refuses the missing topic, after the job started.
    const forced = await runCli(['run', spec, '--state-dir', tempDir(), '--force'], { timeoutMs: 90_000 });
    expect(forced.stderr).toContain('lint: 1 critical finding(s); running anyway (--force)');
    expect(forced.stderr).toMatch(/^sluice: .*sink topic .*the engine never creates topics.*\[hint: topic-missing\]$/m);
    expect(forced.code).toBe(1);

    const unlinted = await runCli(['run', spec, '--state-dir', tempDir(), '--no-lint'], { timeoutMs: 90_000 });
    expect(unlinted.stderr).not.toMatch(/^(sluice: )?lint/m);
    expect(unlinted.stderr).toMatch(/\[hint: topic-missing\]$/m);
    expect(unlinted.code).toBe(1);
  });
});

describe('sluice cluster health', () => {
  it('reports a healthy broker as a table and as JSON', async () => {
    const dir = tempDir();
    const clusters = join(dir, 'clusters.json');
    writeFileSync(
      clusters,
      JSON.stringify({ version: 1, clusters: [{ name: 'local', bootstrapServers: [kraftBootstrap()] }] }),
    );
    await createTopic(kraftBootstrap(), { partitions: 2 });
    const table = await runCli(['cluster', 'health', 'local', '--clusters', clusters]);
    expect(table.stderr).toContain('cluster "local": healthy');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^cluster "local" \(.+\) at 127\.0\.0\.1:\d+: controller 1, 1 live broker\(s\)/m);
    expect(table.stdout).toMatch(/^\s+1\s+127\.0\.0\.1:\d+\s+\d+\s+\d+\s+yes$/m);
    expect(table.stdout).toContain('under-replicated partitions: 0');
    const json = await runCli(['cluster', 'health', 'local', '--clusters', clusters, '--format', 'json']);
    const health = JSON.parse(json.stdout) as {
      healthy: boolean;
      brokers: { nodeId: number; leaders: number }[];
      partitions: number;
    };
    expect(health.healthy).toBe(true);
    expect(health.brokers).toHaveLength(1);
    expect(health.brokers[0]!.leaders).toBe(health.partitions);
  });

  it('exits 1 with the broker named when the bootstrap cannot be reached', async () => {
    const dir = tempDir();
    const clusters = join(dir, 'clusters.json');
    writeFileSync(
      clusters,
      JSON.stringify({ version: 1, clusters: [{ name: 'gone', bootstrapServers: ['127.0.0.1:1'] }] }),
    );
    const result = await runCli(['cluster', 'health', 'gone', '--clusters', clusters], { timeoutMs: 60_000 });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^sluice: .*127\.0\.0\.1:1.*\[hint: broker-unreachable, retriable\]$/m);
  });
});
