import { appendFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTopic, produceN, waitFor } from '../bench/helpers.js';
import {
  bootstrap,
  fillPartitions,
  freshStateDir,
  jobSpec,
  offsetsByPartition,
  range,
  readNdjson,
  recordedJob,
  runBounded,
} from './engine-job-kit.js';

// The NDJSON file sink: what a line holds, and that restoring a checkpoint never duplicates lines.

describe('engine file sink', () => {
  it('writes one line per record with decoded key, value and headers', async () => {
    const topic = await createTopic(bootstrap());
    const produced = await produceN(bootstrap(), topic, 3, { value: (i) => JSON.stringify({ i }) });
    const path = join(freshStateDir(), 'nested', 'out.ndjson');
    const { result } = await runBounded(
      jobSpec({
        source: { topics: [topic], valueFormat: 'json', stopAt: { mode: 'latest' } },
        sink: { type: 'file', path },
      }),
    );
    expect(result.state).toBe('finished');
    expect(await readNdjson(path)).toEqual(
      produced.map((r, i) => ({
        topic,
        partition: 0,
        offset: i,
        timestamp: r.timestamp,
        key: `key-${i}`,
        value: { i },
        headers: {},
      })),
    );
  });

  it('truncates lines written after the restored checkpoint, so a restart duplicates nothing', async () => {
    const topic = await createTopic(bootstrap(), { partitions: 2 });
    await fillPartitions(topic, 2, 5);
    const stateDir = freshStateDir();
    const path = join(stateDir, 'out.ndjson');
    const spec = jobSpec({ source: { topics: [topic] }, sink: { type: 'file', path } });

    const first = recordedJob(spec, { stateDir });
    await first.job.start();
    await waitFor(async () => (await readNdjson(path)).length === 10, { message: 'the first 10 lines' });
    await first.job.stop();
    const size = (await stat(path)).size;
    expect(first.events.checkpoint.at(-1)).toMatchObject({ final: true });

    // What a run that died after its last checkpoint leaves behind: lines no checkpoint covers.
    await appendFile(path, '{"left":"by a crashed run"}\n{"partial":');
    await fillPartitions(topic, 2, 3, { from: 5 });
    const second = recordedJob(spec, { stateDir });
    await second.job.start();
    await waitFor(async () => (await stat(path)).size > size, { message: 'new lines' });
    await waitFor(async () => (await readNdjson(path)).length === 16, { message: '16 lines in all' });
    await second.job.stop();
    expect(offsetsByPartition(await readNdjson(path), 2)).toEqual({ 0: range(0, 8), 1: range(0, 8) });
  });

  it('restoring an older checkpoint rewinds both the offsets and the file', async () => {
    const topic = await createTopic(bootstrap());
    const stateDir = freshStateDir();
    const path = join(stateDir, 'out.ndjson');
    const spec = jobSpec({
      source: { topics: [topic] },
      sink: { type: 'file', path },
      checkpoint: { intervalMs: 200, retain: 10 },
    });
    const run = recordedJob(spec, { stateDir });
    await run.job.start();
    await fillPartitions(topic, 1, 4);
    await waitFor(() => run.events.checkpoint.find((c) => c.offsets[0]?.offset === 4), {
      message: 'a checkpoint at offset 4',
    });
    await fillPartitions(topic, 1, 4, { from: 4 });
    await waitFor(async () => (await readNdjson(path)).length === 8, { message: '8 lines' });
    await run.job.stop();
    const atFour = run.events.checkpoint.find((c) => c.offsets[0]?.offset === 4)!;

    const restored = recordedJob(spec, { stateDir, restoreFrom: atFour.checkpointId });
    await restored.job.start();
    expect(restored.events.started[0]).toMatchObject({ restoredFrom: atFour.checkpointId });
    await waitFor(async () => (await readNdjson(path)).length === 8, { message: '8 lines again' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    await restored.job.stop();
    expect((await readNdjson(path)).map((r) => r.offset)).toEqual(range(0, 8));
  });
});
