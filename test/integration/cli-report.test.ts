import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTopic, freshGroup, kafkaClient, produceN, waitFor } from '../bench/helpers.js';
import { kcatConsume } from '../bench/kcat.js';
import { kafkaConsumerGroups } from '../bench/kafka-tools.js';
import { buildCli, kafkaJob, kraftBootstrap, runCli, tempDir, writeSpec } from './cli-kit.js';

// `sluice report` against the real broker, with Kafka's own kafka-consumer-groups (its main class
// from the Maven jars) on the other side: what Sluice exports, Kafka's tool applies; what Kafka's
// tool sets, Sluice exports. Imports that must be refused leave the group exactly as it was.

interface JsonReport {
  version: number;
  kind: string;
  groupId: string;
  partitions: {
    topic: string;
    partition: number;
    committedOffset: number | null;
    checkpointedOffset: number | null;
    logStartOffset: number;
    logEndOffset: number;
    lag: number | null;
    timestampAtOffset: number | null;
  }[];
}

let admin: Admin;
let topic: string;
/** Records per partition: 10, 14, 6, with CreateTime BASE_TIME + 1000 * offset + partition. */
const COUNTS = [10, 14, 6];
// Recent: records older than retention.ms (7 days) would be deleted by the broker under the test.
const BASE_TIME = Date.now() - 3_600_000;
const timestampOf = (partition: number, offset: number) => BASE_TIME + 1000 * offset + partition;

beforeAll(async () => {
  await buildCli();
  const bootstrap = kraftBootstrap();
  topic = await createTopic(bootstrap, { partitions: 3 });
  for (const [partition, count] of COUNTS.entries()) {
    await produceN(bootstrap, topic, count, { partition, timestamp: (i) => timestampOf(partition, i) });
  }
  admin = kafkaClient(bootstrap).admin();
  await admin.connect();
}, 120_000);

afterAll(async () => {
  await admin?.disconnect();
});

async function committed(group: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const entry of await admin.fetchOffsets({ groupId: group, topics: [topic] })) {
    for (const p of entry.partitions)
      if (Number(p.offset) >= 0) out[`${entry.topic}/${p.partition}`] = Number(p.offset);
  }
  return out;
}

async function setGroup(group: string, offsets: number[]): Promise<void> {
  await admin.setOffsets({
    groupId: group,
    topic,
    partitions: offsets.map((offset, partition) => ({ partition, offset: String(offset) })),
  });
}

async function exportGroup(group: string, format: string, out: string, extra: string[] = []): Promise<void> {
  const result = await runCli([
    'report',
    'group',
    group,
    '--bootstrap',
    kraftBootstrap(),
    '--format',
    format,
    '--out',
    out,
    ...extra,
  ]);
  expect(result.stderr).toContain(`wrote the ${format} report`);
  expect(result.code).toBe(0);
}

describe('sluice report with Kafka tools', () => {
  it("exports an offsets CSV that Kafka's consumer-groups --reset-offsets --from-file applies", async () => {
    const source = freshGroup('report-src');
    await setGroup(source, [3, 9, 6]);
    const dir = tempDir();
    const file = join(dir, 'offsets.csv');
    await exportGroup(source, 'offsets-csv', file);
    expect(readFileSync(file, 'utf8')).toBe(`${topic},0,3\n${topic},1,9\n${topic},2,6\n`);

    const target = freshGroup('report-dst');
    const tool = await kafkaConsumerGroups([
      '--bootstrap-server',
      kraftBootstrap(),
      '--group',
      target,
      '--reset-offsets',
      '--from-file',
      file,
      '--execute',
    ]);
    expect(tool.stderr).not.toMatch(/Exception|Error/);
    expect(tool.code).toBe(0);
    expect(await committed(target)).toEqual({ [`${topic}/0`]: 3, [`${topic}/1`]: 9, [`${topic}/2`]: 6 });
  }, 180_000);

  it("exports what Kafka's tool reset, matching the tool's own describe output", async () => {
    const group = freshGroup('report-tool-reset');
    await setGroup(group, [0, 0, 0]);
    const reset = await kafkaConsumerGroups([
      '--bootstrap-server',
      kraftBootstrap(),
      '--group',
      group,
      '--reset-offsets',
      '--topic',
      `${topic}:0,1`,
      '--to-offset',
      '5',
      '--execute',
    ]);
    expect(reset.code).toBe(0);
    const describeOut = await kafkaConsumerGroups([
      '--bootstrap-server',
      kraftBootstrap(),
      '--describe',
      '--group',
      group,
    ]);
    expect(describeOut.code).toBe(0);
    // GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG ...
    const toolRows = describeOut.stdout
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter((cells) => cells[0] === group && cells[1] === topic)
      .map((cells) => ({
        partition: Number(cells[2]),
        current: Number(cells[3]),
        end: Number(cells[4]),
        lag: Number(cells[5]),
      }))
      .sort((a, b) => a.partition - b.partition);
    expect(toolRows.map((r) => r.current)).toEqual([5, 5, 0]);

    const file = join(tempDir(), 'group.json');
    await exportGroup(group, 'json', file);
    const report = JSON.parse(readFileSync(file, 'utf8')) as JsonReport;
    expect(report).toMatchObject({ version: 1, kind: 'group', groupId: group });
    expect(
      report.partitions.map((p) => ({
        partition: p.partition,
        current: p.committedOffset,
        end: p.logEndOffset,
        lag: p.lag,
      })),
    ).toEqual(toolRows);
    // The record at each committed offset, as kcat reads it.
    for (const p of report.partitions) {
      const [record] = await kcatConsume(kraftBootstrap(), topic, {
        partition: p.partition,
        from: { offset: p.committedOffset! },
        count: 1,
      });
      expect(p.timestampAtOffset).toBe(record!.timestamp);
      expect(p.timestampAtOffset).toBe(timestampOf(p.partition, p.committedOffset!));
    }
  }, 180_000);

  it("applies the plan Kafka's tool exports (--reset-offsets --dry-run --export)", async () => {
    const group = freshGroup('report-kafka-export');
    await setGroup(group, [0, 0, 0]);
    const exported = await kafkaConsumerGroups([
      '--bootstrap-server',
      kraftBootstrap(),
      '--group',
      group,
      '--reset-offsets',
      '--topic',
      topic,
      '--shift-by',
      '4',
      '--dry-run',
      '--export',
    ]);
    expect(exported.code).toBe(0);
    const file = join(tempDir(), 'kafka-plan.csv');
    writeFileSync(file, exported.stdout);
    const applied = await runCli([
      'report',
      'apply',
      file,
      '--group',
      group,
      '--bootstrap',
      kraftBootstrap(),
      '--execute',
    ]);
    expect(`${applied.stderr}exit ${applied.code}`).toMatch(/applied: 3 partition offset\(s\)[\s\S]*exit 0$/);
    expect(await committed(group)).toEqual({ [`${topic}/0`]: 4, [`${topic}/1`]: 4, [`${topic}/2`]: 4 });
  }, 120_000);

  it('round-trips a JSON report through apply into another group', async () => {
    const source = freshGroup('report-json-src');
    await setGroup(source, [7, 2, 6]);
    const dir = tempDir();
    const file = join(dir, 'report.json');
    await exportGroup(source, 'json', file, ['--no-timestamps']);
    const target = freshGroup('report-json-dst');
    await setGroup(target, [1, 1, 1]);

    const preview = await runCli(['report', 'apply', file, '--group', target, '--bootstrap', kraftBootstrap()]);
    expect(preview.code).toBe(0);
    expect(preview.stderr).toMatch(/preview only: 3 partition\(s\)/);
    expect(preview.stdout).toMatch(new RegExp(`${topic}\\s+0\\s+1\\s+7\\s`));
    expect(await committed(target)).toEqual({ [`${topic}/0`]: 1, [`${topic}/1`]: 1, [`${topic}/2`]: 1 });

    const applied = await runCli([
      'report',
      'apply',
      file,
      '--group',
      target,
      '--bootstrap',
      kraftBootstrap(),
      '--execute',
    ]);
    expect(applied.stderr).toMatch(/applied: 3 partition offset/);
    expect(applied.code).toBe(0);
    const again = join(dir, 'again.json');
    await exportGroup(target, 'json', again, ['--no-timestamps']);
    const before = JSON.parse(readFileSync(file, 'utf8')) as JsonReport;
    const after = JSON.parse(readFileSync(again, 'utf8')) as JsonReport;
    expect(after.partitions).toEqual(before.partitions);
  }, 120_000);

  it('renders a PDF whose text holds the numbers of the report', async () => {
    const group = freshGroup('report-pdf');
    await setGroup(group, [4, 11, 2]);
    const dir = tempDir();
    const pdf = join(dir, 'report.pdf');
    await exportGroup(group, 'pdf', pdf, ['--no-timestamps']);
    expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { stdout: text } = await promisify(execFile)('pdftotext', ['-layout', pdf, '-']);
    expect(text).toContain(group);
    // Lags 6, 3 and 4: total 13.
    expect(text).toMatch(/Total lag\s+13/);
    for (const [partition, offset, end, lag] of [
      [0, 4, 10, 6],
      [1, 11, 14, 3],
      [2, 2, 6, 4],
    ]) {
      expect(text).toMatch(
        new RegExp(`${topic}\\s+${partition}\\s+${offset}\\s+-\\s+${offset}\\s+0\\s+${end}\\s+${lag}`),
      );
    }
  }, 120_000);
});

describe('sluice report apply refuses, changing nothing', () => {
  it('refuses while the group has an active member', async () => {
    const group = freshGroup('report-active');
    await setGroup(group, [1, 1, 1]);
    const consumer = kafkaClient(kraftBootstrap()).consumer({ groupId: group });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic] });
    let joined = false;
    consumer.on(consumer.events.GROUP_JOIN, () => (joined = true));
    await consumer.run({ autoCommit: false, eachMessage: async () => undefined });
    try {
      await waitFor(() => joined, { message: 'the consumer to join its group' });
      const file = join(tempDir(), 'offsets.csv');
      writeFileSync(file, `${topic},0,5\n${topic},1,5\n`);
      const result = await runCli([
        'report',
        'apply',
        file,
        '--group',
        group,
        '--bootstrap',
        kraftBootstrap(),
        '--execute',
      ]);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(/active member|members/);
      expect(await committed(group)).toEqual({ [`${topic}/0`]: 1, [`${topic}/1`]: 1, [`${topic}/2`]: 1 });
    } finally {
      await consumer.disconnect();
    }
  }, 120_000);

  it('refuses unknown partitions and topics, naming them', async () => {
    const group = freshGroup('report-unknown');
    await setGroup(group, [2, 2, 2]);
    const dir = tempDir();
    const partitions = join(dir, 'partitions.csv');
    writeFileSync(partitions, `${topic},0,5\n${topic},7,5\n`);
    const bad = await runCli([
      'report',
      'apply',
      partitions,
      '--group',
      group,
      '--bootstrap',
      kraftBootstrap(),
      '--execute',
    ]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain(`${topic}`);
    expect(bad.stderr).toMatch(/7/);
    const topics = join(dir, 'topics.csv');
    writeFileSync(topics, `${topic},0,5\nno-such-topic-${Date.now()},0,5\n`);
    const missing = await runCli([
      'report',
      'apply',
      topics,
      '--group',
      group,
      '--bootstrap',
      kraftBootstrap(),
      '--execute',
    ]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('no-such-topic-');
    expect(await committed(group)).toEqual({ [`${topic}/0`]: 2, [`${topic}/1`]: 2, [`${topic}/2`]: 2 });
  }, 120_000);

  it('refuses a malformed or truncated file as a whole, naming each line', async () => {
    const group = freshGroup('report-malformed');
    await setGroup(group, [3, 3, 3]);
    const dir = tempDir();
    const file = join(dir, 'bad.csv');
    writeFileSync(file, `${topic},0,5\n${topic},x,5\n${topic},2\n${topic},0,6\n`);
    const result = await runCli([
      'report',
      'apply',
      file,
      '--group',
      group,
      '--bootstrap',
      kraftBootstrap(),
      '--execute',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('line 2: partition "x" is not a number');
    expect(result.stderr).toContain('line 3: truncated (expected 3 columns, got 2)');
    expect(result.stderr).toContain(`line 4: duplicate topic-partition ${topic}/0 on lines 1 and 4`);
    expect(result.stderr).toContain('nothing was applied');

    const json = join(dir, 'cut.json');
    const full = join(dir, 'full.json');
    await exportGroup(group, 'json', full, ['--no-timestamps']);
    const text = readFileSync(full, 'utf8');
    writeFileSync(json, text.slice(0, Math.floor(text.length * 0.6)));
    const cut = await runCli(['report', 'apply', json, '--group', group, '--bootstrap', kraftBootstrap(), '--execute']);
    expect(cut.code).toBe(2);
    expect(cut.stderr).toMatch(
      /cut\.json is not a valid offset report \(1 problem\); nothing was applied:\nline \d+: column \d+: /,
    );
    expect(await committed(group)).toEqual({ [`${topic}/0`]: 3, [`${topic}/1`]: 3, [`${topic}/2`]: 3 });
  }, 120_000);
});

describe('sluice report job and restore-job', () => {
  it("reports a job's checkpoint, and a restored report is where the next run starts", async () => {
    const stateDir = join(tempDir(), 'state');
    const dir = tempDir();
    const output = join(dir, 'out.ndjson');
    const job = kafkaJob({ input: topic, bounded: true });
    const spec = { ...job, sink: { type: 'file', path: output } };
    const specFile = writeSpec(spec, dir);
    const name = job['name'] as string;
    const run = await runCli(['run', specFile, '--state-dir', stateDir], { timeoutMs: 90_000 });
    expect(`${run.stderr}exit ${run.code}`).toMatch(/exit 0$/);

    const reportFile = join(dir, 'job-report.json');
    const exported = await runCli(['report', 'job', specFile, '--state-dir', stateDir, '--out', reportFile]);
    expect(exported.code).toBe(0);
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as JsonReport & { job: string; checkpointId: number };
    expect(report).toMatchObject({ kind: 'job', job: name });
    expect(report.checkpointId).toBeGreaterThan(0);
    expect(report.partitions.map((p) => [p.partition, p.checkpointedOffset, p.logEndOffset, p.lag])).toEqual(
      COUNTS.map((count, partition) => [partition, count, count, 0]),
    );
    // The job committed its checkpointed offsets to its group.
    expect(report.partitions.map((p) => p.committedOffset)).toEqual(COUNTS);

    // Restore from an offsets CSV: partitions 0 and 1 go back, 2 stays where the job was.
    const csv = join(dir, 'restore.csv');
    writeFileSync(csv, `${topic},0,8\n${topic},1,10\n`);
    const restored = await runCli(['report', 'restore-job', name, csv, '--state-dir', stateDir]);
    expect(restored.stdout).toMatch(/starts from checkpoint \d+/);
    expect(restored.code).toBe(0);
    const before = readFileSync(output, 'utf8').split('\n').filter(Boolean).length;
    expect(before).toBe(30);
    // The next bounded run reads only what lies after the restored offsets: 2 + 4 + 0 records.
    const rerun = await runCli(['run', specFile, '--state-dir', stateDir], { timeoutMs: 90_000 });
    expect(`${rerun.stderr}exit ${rerun.code}`).toMatch(/exit 0$/);
    const lines = readFileSync(output, 'utf8').split('\n').filter(Boolean);
    const added = lines.slice(before).map((line) => JSON.parse(line) as { partition: number; offset: number });
    expect(added.map((r) => `${r.partition}:${r.offset}`).sort()).toEqual(
      ['0:8', '0:9', '1:10', '1:11', '1:12', '1:13'].sort(),
    );
  }, 240_000);
});
