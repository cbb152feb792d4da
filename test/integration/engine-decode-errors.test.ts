import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTopic } from '../bench/helpers.js';
import { javaConsume } from '../bench/java-records.js';
import { kcatConsume, kcatProduce } from '../bench/kcat.js';
import { bootstrap, jobSpec, runBounded } from './engine-job-kit.js';

// A json job over a topic that kcat wrote with one malformed record among good ones: by default the
// job fails naming the offset; `skip` loses nothing else and counts it; `dead-letter` keeps its bytes.

const MALFORMED = '{"order": 7, "total": 12.5'; // cut off mid-object
const GOOD = 9;

async function topicWithOneBadRecord(): Promise<string> {
  const topic = await createTopic(bootstrap());
  const records = Array.from({ length: GOOD + 1 }, (_, i) =>
    i === 4 ? { key: 'bad', value: MALFORMED } : { key: `k${i}`, value: JSON.stringify({ order: i }) },
  );
  await kcatProduce(bootstrap(), topic, records, { partition: 0 });
  return topic;
}

describe('records that do not decode', () => {
  it('fail the job by default, naming topic, partition, offset and the hint', async () => {
    const source = await topicWithOneBadRecord();
    const sink = await createTopic(bootstrap());
    const { result, events } = await runBounded(
      jobSpec({
        source: { topics: [source], valueFormat: 'json', stopAt: { mode: 'latest' } },
        sink: { type: 'kafka', topic: sink },
      }),
    );
    expect(result.state).toBe('failed');
    const error = events.error.at(-1)!.error;
    expect(error.message).toContain(`the value of the record at ${source}[0] offset 4 is not valid JSON`);
    expect(error).toMatchObject({ hintId: 'record-undecodable', retriable: false });
  });

  it('skip: every other record arrives, the count is 1 and the position is logged', async () => {
    const source = await topicWithOneBadRecord();
    const sink = await createTopic(bootstrap());
    const { result, job, events } = await runBounded(
      jobSpec({
        source: { topics: [source], valueFormat: 'json', stopAt: { mode: 'latest' }, onDecodeError: 'skip' },
        sink: { type: 'kafka', topic: sink },
      }),
    );
    expect(result.state).toBe('finished');
    const copied = await kcatConsume(bootstrap(), sink);
    expect(copied.map((r) => r.key)).toEqual(['k0', 'k1', 'k2', 'k3', 'k5', 'k6', 'k7', 'k8', 'k9']);
    expect(job.metrics()).toMatchObject({
      recordsIn: GOOD + 1,
      recordsOut: GOOD,
      recordsSkipped: 1,
      recordsFiltered: 0,
    });
    expect(events.warning.some((w) => w.message.includes(`skipped the record at ${source}[0] offset 4`))).toBe(true);
  });

  it('dead-letter to a topic: the malformed bytes arrive intact with the error and position as headers', async () => {
    const source = await topicWithOneBadRecord();
    const sink = await createTopic(bootstrap());
    const dlq = await createTopic(bootstrap());
    const { result, job } = await runBounded(
      jobSpec({
        source: {
          topics: [source],
          valueFormat: 'json',
          stopAt: { mode: 'latest' },
          onDecodeError: 'dead-letter',
          deadLetter: { type: 'kafka', topic: dlq },
        },
        sink: { type: 'kafka', topic: sink },
      }),
    );
    expect(result.state).toBe('finished');
    expect(job.metrics()).toMatchObject({ recordsOut: GOOD, recordsDeadLettered: 1, recordsSkipped: 0 });
    expect(await kcatConsume(bootstrap(), sink)).toHaveLength(GOOD);
    const [letter] = await javaConsume(bootstrap(), dlq, 1);
    expect(letter!.value).toEqual(Buffer.from(MALFORMED));
    expect(letter!.key).toEqual(Buffer.from('bad'));
    const headers = Object.fromEntries(letter!.headers.map(([name, value]) => [name, value?.toString()]));
    expect(headers).toMatchObject({
      'sluice.source.topic': source,
      'sluice.source.partition': '0',
      'sluice.source.offset': '4',
      'sluice.error.stage': 'value',
    });
    expect(headers['sluice.error']).toContain('is not valid JSON');
  });

  it('dead-letter to a file: one line with the raw bytes in base64, the position and the error', async () => {
    const source = await topicWithOneBadRecord();
    const path = join(mkdtempSync(join(tmpdir(), 'sluice-dlq-')), 'dlq.ndjson');
    const { result, job } = await runBounded(
      jobSpec({
        source: {
          topics: [source],
          valueFormat: 'json',
          stopAt: { mode: 'latest' },
          onDecodeError: 'dead-letter',
          deadLetter: { type: 'file', path },
        },
        transform: { filter: 'value.order > 2' },
        sink: { type: 'none' },
      }),
    );
    expect(result.state).toBe('finished');
    expect(job.metrics()).toMatchObject({ recordsDeadLettered: 1, recordsFiltered: 3 });
    const lines = (await readFile(path, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({ topic: source, partition: 0, offset: 4, stage: 'value', encoding: 'base64' });
    expect(Buffer.from(line['value'] as string, 'base64').toString()).toBe(MALFORMED);
  });
});
