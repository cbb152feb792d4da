import { beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../bench/free-port.js';
import { createTopic, freshGroup, freshTopic, kafkaClient } from '../bench/helpers.js';
import { kcatOffsetForTimestamp, kcatProduce } from '../bench/kcat.js';
import { buildCli, kraftBootstrap, runCli } from './cli-kit.js';

// `sluice offsets` against the broker: the numbers must equal what kcat (librdkafka, an
// independent client) reports for log start and end, and what the group committed.

beforeAll(buildCli);

interface Row {
  topic: string;
  partition: number;
  logStartOffset: number;
  logEndOffset: number;
  committedOffset: number | null;
  lag: number | null;
}

// kcat -Q with Kafka's ListOffsets sentinels: -2 is the log start, -1 the log end.
const EARLIEST = -2;
const LATEST = -1;

/** 3 partitions with 12, 20 and 7 records; partition 1 truncated below offset 5; the group
 *  committed 4 on partition 0 and 20 on partition 1, nothing on partition 2. */
async function scenario(): Promise<{ topic: string; group: string; expected: Row[] }> {
  const bootstrap = kraftBootstrap();
  const topic = await createTopic(bootstrap, { partitions: 3 });
  const group = freshGroup('offsets');
  for (const [partition, count] of [12, 20, 7].entries()) {
    await kcatProduce(
      bootstrap,
      topic,
      Array.from({ length: count }, (_, i) => ({ value: `p${partition}-${i}` })),
      { partition },
    );
  }
  const admin = kafkaClient(bootstrap).admin();
  await admin.connect();
  try {
    // kafkajs's deleteTopicRecords needs the topic's metadata loaded first.
    await admin.fetchTopicMetadata({ topics: [topic] });
    await admin.deleteTopicRecords({ topic, partitions: [{ partition: 1, offset: '5' }] });
    await admin.setOffsets({
      groupId: group,
      topic,
      partitions: [
        { partition: 0, offset: '4' },
        { partition: 1, offset: '20' },
      ],
    });
  } finally {
    await admin.disconnect();
  }
  const committed: Record<number, number | null> = { 0: 4, 1: 20, 2: null };
  const expected: Row[] = [];
  for (const partition of [0, 1, 2]) {
    const logStartOffset = await kcatOffsetForTimestamp(bootstrap, topic, partition, EARLIEST);
    const logEndOffset = await kcatOffsetForTimestamp(bootstrap, topic, partition, LATEST);
    const committedOffset = committed[partition] ?? null;
    const lag = committedOffset === null ? null : logEndOffset - committedOffset;
    expected.push({ topic, partition, logStartOffset, logEndOffset, committedOffset, lag });
  }
  // The scenario itself, so a broken fixture cannot make the comparison vacuous.
  expect(expected.map((r) => [r.logStartOffset, r.logEndOffset])).toEqual([
    [0, 12],
    [5, 20],
    [0, 7],
  ]);
  return { topic, group, expected };
}

const parseTable = (stdout: string): Row[] => {
  const [header, ...lines] = stdout.trim().split('\n');
  expect(header!.trim().split(/\s+/)).toEqual([
    'TOPIC',
    'PARTITION',
    'LOG-START-OFFSET',
    'LOG-END-OFFSET',
    'CURRENT-OFFSET',
    'LAG',
  ]);
  const num = (cell: string) => (cell === '-' ? null : Number(cell));
  return lines.map((line) => {
    const [topic, partition, start, end, committed, lag] = line.trim().split(/\s+/) as string[];
    return {
      topic: topic!,
      partition: Number(partition),
      logStartOffset: Number(start),
      logEndOffset: Number(end),
      committedOffset: num(committed!),
      lag: num(lag!),
    };
  });
};

const parseCsv = (stdout: string): Row[] => {
  const [header, ...lines] = stdout.trim().split('\n');
  expect(header).toBe('topic,partition,logStartOffset,logEndOffset,committedOffset,lag');
  const num = (cell: string) => (cell === '' ? null : Number(cell));
  return lines.map((line) => {
    const [topic, partition, start, end, committed, lag] = line.split(',') as string[];
    return {
      topic: topic!,
      partition: Number(partition),
      logStartOffset: Number(start),
      logEndOffset: Number(end),
      committedOffset: num(committed!),
      lag: num(lag!),
    };
  });
};

describe('sluice offsets', () => {
  it('shows the same numbers as kcat and the group in table, CSV and JSON', async () => {
    const { topic, group, expected } = await scenario();
    const base = ['offsets', '--bootstrap', kraftBootstrap(), '--group', group, '--topic', topic];

    const table = await runCli(base);
    expect(table.code, table.stderr).toBe(0);
    expect(parseTable(table.stdout)).toEqual(expected);

    const csv = await runCli([...base, '--format', 'csv']);
    expect(csv.code, csv.stderr).toBe(0);
    expect(parseCsv(csv.stdout)).toEqual(expected);

    const json = await runCli([...base, '--format', 'json']);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(expected);
  });

  it('without --topic lists only the partitions the group committed', async () => {
    const { group, expected } = await scenario();
    const json = await runCli(['offsets', '--bootstrap', kraftBootstrap(), '--group', group, '--format', 'json']);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(expected.filter((row) => row.committedOffset !== null));
  });

  it('reports a missing topic and an unreachable broker with their hints', async () => {
    const missing = await runCli([
      'offsets',
      '--bootstrap',
      kraftBootstrap(),
      '--group',
      freshGroup(),
      '--topic',
      freshTopic('nope'),
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/sluice: topic "nope-[^"]+" does not exist \[hint: topic-missing\]/);
    expect(missing.stdout).toBe('');

    const port = await freePort();
    const unreachable = await runCli(
      ['offsets', '--bootstrap', `127.0.0.1:${port}`, '--group', 'g', '--format', 'json'],
      { timeoutMs: 60_000 },
    );
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(
      new RegExp(`ECONNREFUSED 127\\.0\\.0\\.1:${port} \\[hint: broker-unreachable, retriable\\]`),
    );
    expect(unreachable.stdout).toBe('');
  });
});
