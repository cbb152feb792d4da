import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileSink } from './file-sink.js';
import type { OutputMeter, SinkRecord } from './sink.js';

const meter: OutputMeter = { recordsOut: () => undefined, sendError: () => undefined };
const cut = { checkpointId: 1, offsets: [], commitTag: '' };

const record = (offset: number, value: unknown): SinkRecord => ({
  source: { topic: 't', partition: 0, offset, timestamp: 10 + offset, key: null, value: null, headers: {}, bytes: 0 },
  decoded: { key: `k${offset}`, value, headers: {} },
});

describe('FileSink', () => {
  let dir: string;
  let path: string;
  const warnings: string[] = [];
  const sink = () => new FileSink({ path, meter, onWarning: (w) => warnings.push(w) });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sluice-file-sink-'));
    path = join(dir, 'out', 'records.ndjson');
    warnings.length = 0;
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('appends NDJSON lines and records the size at each checkpoint', async () => {
    const s = sink();
    await s.open(undefined);
    await s.write([record(0, { a: 1 }), record(1, 'two')]);
    const { state } = await s.checkpoint(cut);
    await s.close();
    const text = await readFile(path, 'utf8');
    expect(
      text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l)),
    ).toEqual([
      { topic: 't', partition: 0, offset: 0, timestamp: 10, key: 'k0', value: { a: 1 }, headers: {} },
      { topic: 't', partition: 0, offset: 1, timestamp: 11, key: 'k1', value: 'two', headers: {} },
    ]);
    expect(state).toEqual({ file: { path, size: Buffer.byteLength(text) } });
  });

  it('truncates back to the checkpointed size on restore, so nothing is duplicated', async () => {
    const first = sink();
    await first.open(undefined);
    await first.write([record(0, 'a')]);
    const { state } = await first.checkpoint(cut);
    await first.write([record(1, 'b')]);
    await first.abort();

    const second = sink();
    await second.open(state);
    await second.write([record(1, 'b')]);
    await second.close();
    const offsets = (await readFile(path, 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l).offset);
    expect(offsets).toEqual([0, 1]);
    expect(warnings).toEqual([]);
  });

  it('warns and keeps going when the file is shorter than the checkpoint says', async () => {
    const s = sink();
    await s.open({ file: { path, size: 100 } });
    await s.close();
    expect(warnings[0]).toMatch(/is gone/);
  });
});
