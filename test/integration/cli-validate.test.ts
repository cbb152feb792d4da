import { beforeAll, describe, expect, it } from 'vitest';
import { jobSpecJsonSchema, parseJobSpec } from '../../engine/spec/index.js';
import { buildCli, kafkaJob, runCli, writeSpec } from './cli-kit.js';

// Commands that need no broker: validate, schema, help and usage errors, through the real binary.

beforeAll(buildCli);

const invalidSpec = {
  version: 2,
  name: 'bad name!',
  source: {
    cluster: { bootstrapServers: ['no-port'] },
    groupId: 'g',
    startFrom: { mode: 'timestamp', timestamp: -5 },
  },
  sink: { type: 'kafka', topic: 'out', deliveryGuarantee: 'exactly-once', acks: 1 },
  surprise: true,
};

describe('sluice validate', () => {
  it('accepts a valid spec with exit 0', async () => {
    const file = writeSpec(kafkaJob({ input: 'in', output: 'out', delivery: 'exactly-once', name: 'orders-copy' }));
    const result = await runCli(['validate', file]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`${file}: valid (job "orders-copy")`);
  });

  it('lists every problem as `path: message` and exits 2', async () => {
    const parsed = parseJobSpec(invalidSpec);
    if (parsed.ok) throw new Error('the fixture must be invalid');
    expect(parsed.problems.length).toBeGreaterThanOrEqual(6);

    const result = await runCli(['validate', writeSpec(invalidSpec)]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`is not a valid job spec (${parsed.problems.length} problems)`);
    const lines = result.stderr.split('\n');
    for (const problem of parsed.problems) expect(lines).toContain(`${problem.path}: ${problem.message}`);
    // The paths an operator looks for, spelled out independently of the schema module.
    for (const path of [
      'version',
      'name',
      'source.cluster.bootstrapServers[0]',
      'source.startFrom.timestamp',
      'source.topics',
      'sink.transactionalIdPrefix',
      'sink.acks',
    ]) {
      expect(
        lines.some((line) => line.startsWith(`${path}: `)),
        path,
      ).toBe(true);
    }
  });

  it('names the line and column of a JSON syntax error', async () => {
    const text = '{\n  "version": 1,\n  "name": "x",\n  "source": { "topics": ["a"], }\n}\n';
    const result = await runCli(['validate', writeSpec(text)]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/job\.json:4:32: trailing comma before "\}" \(not valid JSON\)/);
  });

  it('says so when the file cannot be read', async () => {
    const result = await runCli(['validate', '/nonexistent/job.json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/sluice: cannot read \/nonexistent\/job\.json: ENOENT/);
  });
});

describe('sluice schema and usage', () => {
  it('prints the JSON Schema of job specs', async () => {
    const result = await runCli(['schema']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(JSON.parse(JSON.stringify(jobSpecJsonSchema())));
  });

  it.each(['validate', 'run', 'checkpoints', 'restore', 'offsets', 'schema'])('has --help for %s', async (command) => {
    const result = await runCli([command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Usage: sluice ${command}`);
  });

  it.each([
    [['frobnicate'], /unknown command 'frobnicate'/],
    [[], /Usage: sluice/],
    [['offsets', '--group', 'g'], /required option '--bootstrap <host:port>' not specified/],
    [['offsets', '--bootstrap', 'x:1', '--group', 'g', '--format', 'xml'], /Allowed choices are table, csv, json/],
    [['restore', 'job', 'latest'], /checkpoint id must be a whole number >= 1, got "latest"/],
    [['checkpoints', '../../etc'], /invalid job name/],
  ])('exits 2 for usage error %j', async (args, message) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});
