import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../bench/bench-paths.js';
import { createTopic } from '../bench/helpers.js';
import { kcatConsume } from '../bench/kcat.js';
import {
  buildCli,
  kafkaJob,
  kraftBootstrap,
  produceValues,
  runCli,
  tempDir,
  writeSpec,
  type CliResult,
} from './cli-kit.js';

// The built `sluice` loads the libraries only some jobs need (SSH tunnels, ZooKeeper, the Schema
// Registry formats, JSONata, the snappy/lz4/zstd codecs) on first use, so a plain Kafka-to-Kafka
// job starts without them, and holds those every command needs (kafkajs, zod, commander, re2js) in
// its bundle. A preload script lists the packages the process loaded by its exit.

beforeAll(buildCli);

const PRELOAD = join(projectRoot, 'test', 'integration', 'fixtures', 'loaded-packages.mjs');
const RECORDS = 20;

/** What none of these commands may load. */
const HEAVY = [
  'ssh2',
  'node-zookeeper-client',
  'avsc',
  'protobufjs',
  'ajv',
  'ajv-formats',
  'jsonata',
  'snappy',
  'lz4-napi',
  '@bokuweb/zstd-wasm',
];

/** Bundled into the built CLI, so never loaded from node_modules. */
const BUNDLED = ['kafkajs', 'zod', 'commander', 're2js'];

/** Runs `sluice ...args` with the preload; the result and the packages it loaded. */
async function runWatched(args: string[]): Promise<CliResult & { packages: string[] }> {
  const listFile = join(tempDir(), 'loaded.json');
  const nodeOptions = `${process.env['NODE_OPTIONS'] ?? ''} --import=${pathToFileURL(PRELOAD).href}`.trim();
  const result = await runCli(args, {
    env: { NODE_OPTIONS: nodeOptions, SLUICE_LOADED_PACKAGES: listFile },
    timeoutMs: 90_000,
  });
  return { ...result, packages: JSON.parse(readFileSync(listFile, 'utf8')) as string[] };
}

async function plainJob(sink: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  const input = await createTopic(kraftBootstrap(), { partitions: 2 });
  const output = await createTopic(kraftBootstrap(), { partitions: 2 });
  await produceValues(input, RECORDS);
  const job = kafkaJob({ input, output, bounded: true });
  const spec = {
    ...job,
    source: { ...(job['source'] as object), keyFormat: 'bytes', valueFormat: 'string' },
    sink: { ...(job['sink'] as object), ...sink },
    ...extra,
  };
  return { output, specPath: writeSpec(spec) };
}

describe('the libraries the built sluice loads', () => {
  it('--version loads none of the heavy ones (the native CRC-32C, which it needs, shows the list is read)', async () => {
    const result = await runWatched(['--version']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    expect(result.packages).toContain('@node-rs/crc32');
    expect(result.packages.filter((name) => HEAVY.includes(name))).toEqual([]);
  });

  it.each([
    { path: 'record by record', sink: {} },
    { path: 'shallow', sink: { partitioner: 'source-partition', writeTimestamp: true } },
  ])('a plain Kafka-to-Kafka run ($path) copies every record and loads none of them', async ({ sink }) => {
    const { output, specPath } = await plainJob(sink);
    const result = await runWatched(['run', specPath, '--state-dir', tempDir()]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.packages).toContain('@node-rs/crc32');
    // kafkajs is bundled into the CLI (scripts/build-node.js); a second copy from node_modules
    // would have none of the compression codecs engine/codecs registers.
    expect(result.packages.filter((name) => [...HEAVY, ...BUNDLED].includes(name))).toEqual([]);
    expect(await kcatConsume(kraftBootstrap(), output)).toHaveLength(RECORDS);
  });

  it('lint of a plain job loads none of them', async () => {
    const { specPath } = await plainJob();
    const result = await runWatched(['lint', specPath]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/\(spec, topics and brokers\)/);
    expect(result.packages.filter((name) => HEAVY.includes(name))).toEqual([]);
  });

  it('a run with a filter and lz4 compression loads jsonata and lz4-napi, and only those', async () => {
    const { output, specPath } = await plainJob({ compression: 'lz4' }, { transform: { filter: 'value != "r-0"' } });
    const result = await runWatched(['run', specPath, '--state-dir', tempDir()]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.packages.filter((name) => HEAVY.includes(name))).toEqual(['jsonata', 'lz4-napi']);
    const copied = await kcatConsume(kraftBootstrap(), output);
    expect(copied.map((record) => record.value).sort()).toEqual(
      Array.from({ length: RECORDS - 1 }, (_, i) => `r-${i + 1}`).sort(),
    );
  });
});

describe('the code cache the built sluice starts from', () => {
  // scripts/lib/cli-loader.js compiles the bundle with this cache; V8 refuses a cache that is not for
  // this bundle or this Node, and the start then pays the whole compile again (about 0.1 s).
  it('is written by the build and accepted by this Node for this bundle', async () => {
    const bundle = join(projectRoot, 'out', 'cli', 'sluice.cjs');
    const check = [
      "const { readFileSync } = require('node:fs');",
      "const { wrap } = require('node:module');",
      "const { Script } = require('node:vm');",
      `const script = new Script(wrap(readFileSync(${JSON.stringify(bundle)}, 'utf8')), {`,
      `  filename: ${JSON.stringify(bundle)},`,
      `  cachedData: readFileSync(${JSON.stringify(`${bundle}.cache`)}),`,
      '});',
      "process.stdout.write(script.cachedDataRejected ? 'rejected' : 'accepted');",
    ].join('\n');
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', check], {
      env: { PATH: process.env['PATH'] },
    });
    expect(stdout).toBe('accepted');
    // And it is the cache of this build: the same check on a changed bundle is refused.
    const changed = check.replace("'utf8')", "'utf8') + ' '");
    const { stdout: other } = await promisify(execFile)(process.execPath, ['-e', changed], {
      env: { PATH: process.env['PATH'] },
    });
    expect(other).toBe('rejected');
  });
});
