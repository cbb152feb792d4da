import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../bench/bench-paths.js';
import { createTopic } from '../bench/helpers.js';
import { kcatConsume } from '../bench/kcat.js';
import { buildCli, kraftBootstrap, runCli, tempDir } from './cli-kit.js';

// `sluice produce` against the real broker, read back with kcat.

let clusters: string;

beforeAll(async () => {
  await buildCli();
  clusters = join(tempDir(), 'clusters.json');
  writeFileSync(
    clusters,
    JSON.stringify({ version: 1, clusters: [{ name: 'local', bootstrapServers: [kraftBootstrap()] }] }),
  );
});

/** `sluice produce local TOPIC` with this file's profiles. */
const produce = (topic: string): string[] => ['produce', 'local', topic, '--clusters', clusters];

describe('sluice produce', () => {
  it('writes key, JSON value, headers, partition and timestamp as given, and says where', async () => {
    const topic = await createTopic(kraftBootstrap(), { partitions: 3 });
    const result = await runCli([
      ...produce(topic),
      '--key',
      'order-1',
      '--value',
      '{"id": 1}',
      '--value-format',
      'json',
      '--header',
      'source=cli',
      '--header',
      'eq=a=b',
      '--partition',
      '1',
      '--timestamp',
      '2023-11-14T22:13:20.500Z',
      '--json',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ topic, partition: 1, offset: 0, timestamp: 1_700_000_000_500 });
    expect(await kcatConsume(kraftBootstrap(), topic)).toMatchObject([
      {
        partition: 1,
        offset: 0,
        timestamp: 1_700_000_000_500,
        key: 'order-1',
        value: '{"id": 1}',
        headers: { source: 'cli', eq: 'a=b' },
      },
    ]);
  });

  it('reads the value from stdin', async () => {
    const topic = await createTopic(kraftBootstrap(), { partitions: 1 });
    const stdout = await new Promise<string>((resolve, reject) => {
      const child = execFile(
        process.execPath,
        [join(projectRoot, 'bin', 'sluice.js'), ...produce(topic), '--key', 'k'],
        { timeout: 60_000 },
        (error, out, err) => (error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out)),
      );
      child.stdin?.end('line one\nline two');
    });
    expect(stdout).toBe(
      `${topic} partition 0 offset 0 timestamp ${(await kcatConsume(kraftBootstrap(), topic))[0]!.timestamp}\n`,
    );
    expect((await kcatConsume(kraftBootstrap(), topic)).map((r) => [r.key, r.value])).toEqual([
      ['k', 'line one\nline two'],
    ]);
  });

  it('refuses a value that is not JSON, naming line and column, and writes nothing', async () => {
    const topic = await createTopic(kraftBootstrap(), { partitions: 1 });
    const result = await runCli([...produce(topic), '--value', '{\n"a": }', '--value-format', 'json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('value.text: is not valid JSON: line 2, column 6: expected a value, found "}"');
    expect(await kcatConsume(kraftBootstrap(), topic)).toEqual([]);
  });
});
