import { beforeAll, describe, expect, it } from 'vitest';
import { createTopic } from '../bench/helpers.js';
import { kcatConsume } from '../bench/kcat.js';
import { buildCli, kafkaJob, kraftBootstrap, produceValues, runCli, tempDir, writeSpec } from './cli-kit.js';

// `sluice run` says which copy path a run takes, from the run's own started event, and counts the
// batches a shallow run forwarded. The built binary against the KRaft broker; copies read by kcat.

beforeAll(buildCli);

const RECORDS = 50;

async function copy(sink: Record<string, unknown>): Promise<{ stderr: string; output: string }> {
  const input = await createTopic(kraftBootstrap(), { partitions: 3 });
  const output = await createTopic(kraftBootstrap(), { partitions: 3 });
  await produceValues(input, RECORDS);
  const job = kafkaJob({ input, output, bounded: true });
  const spec = {
    ...job,
    source: { ...(job['source'] as object), keyFormat: 'bytes', valueFormat: 'bytes' },
    sink: { ...(job['sink'] as object), writeTimestamp: true, ...sink },
  };
  const result = await runCli(['run', writeSpec(spec), '--state-dir', tempDir()], { timeoutMs: 90_000 });
  expect(result.code, result.stderr).toBe(0);
  expect(await kcatConsume(kraftBootstrap(), output)).toHaveLength(RECORDS);
  return { stderr: result.stderr, output };
}

describe('the copy path in sluice run', () => {
  it('prints a shallow path at the start and the batches forwarded at the end', async () => {
    const { stderr } = await copy({ partitioner: 'source-partition' });
    expect(stderr).toMatch(/^copy path: shallow \(record batches forwarded as bytes\)$/m);
    expect(stderr).toMatch(
      new RegExp(
        `job "[^"]+" finished \\(${RECORDS} records in, ${RECORDS} out, \\d+ batch(es)? forwarded, last checkpoint \\d+\\)`,
      ),
    );
    // Lint's view of the path is not printed before the run: the run says it.
    expect(stderr).not.toContain('shallow-copy');
  });

  it('prints what keeps a re-partitioning copy record by record, and no batch counts', async () => {
    const { stderr } = await copy({ partitioner: 'murmur2' });
    expect(stderr).toMatch(
      /^copy path: record by record: sink\.partitioner: "murmur2" picks each record's partition; "source-partition" keeps batches whole$/m,
    );
    expect(stderr).not.toContain('forwarded');
  });
});
