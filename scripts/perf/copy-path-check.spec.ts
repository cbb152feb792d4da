import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyPathProblem, readRunBatches } from './copy-path-check.js';

const dir = mkdtempSync(join(tmpdir(), 'sluice-copy-path-check-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('readRunBatches', () => {
  it('reads the batch counts of the metrics file sluice run wrote', () => {
    const path = file(
      'ok.json',
      JSON.stringify({ state: 'finished', metrics: { batchesForwarded: 12, batchesDecoded: { 'partial-batch': 1 } } }),
    );
    expect(readRunBatches(path)).toEqual({ batchesForwarded: 12, batchesDecoded: { 'partial-batch': 1 } });
  });

  it('says why a file cannot be read: missing, not JSON, or without the counts', () => {
    expect(readRunBatches(join(dir, 'none.json'))).toEqual({
      unreadable: `no metrics file at ${join(dir, 'none.json')} (ENOENT)`,
    });
    expect(readRunBatches(file('bad.json', '{"metrics":'))).toMatchObject({
      unreadable: expect.stringMatching(/bad\.json is not JSON: /),
    });
    expect(readRunBatches(file('old.json', '{"state":"finished","metrics":{"recordsIn":5}}'))).toEqual({
      unreadable: `the metrics file ${join(dir, 'old.json')} has no metrics.batchesForwarded`,
    });
  });
});

describe('copyPathProblem', () => {
  it('passes a shallow run that forwarded batches and a normal run that forwarded none', () => {
    expect(copyPathProblem('s', 'shallow', { batchesForwarded: 3, batchesDecoded: {} })).toBeUndefined();
    expect(copyPathProblem('n', 'record', { batchesForwarded: 0, batchesDecoded: {} })).toBeUndefined();
  });

  it('names a shallow contender that decoded every record instead', () => {
    expect(
      copyPathProblem('Sluice shallow, at-least-once', 'shallow', {
        batchesForwarded: 0,
        batchesDecoded: { 'old-format': 4 },
      }),
    ).toBe(
      '"Sluice shallow, at-least-once" took the record path: 0 record batches forwarded (decoded: 4 old-format); its job should copy shallow',
    );
  });

  it('names a normal-path contender that forwarded batches', () => {
    expect(copyPathProblem('Sluice, at-least-once', 'record', { batchesForwarded: 7, batchesDecoded: {} })).toBe(
      '"Sluice, at-least-once" forwarded 7 record batches; it stands for the normal path, record by record',
    );
  });

  it('counts a run without readable metrics as a problem', () => {
    expect(copyPathProblem('x', 'shallow', { unreadable: 'no metrics file at m.json (ENOENT)' })).toBe(
      '"x": cannot tell its copy path: no metrics file at m.json (ENOENT)',
    );
  });
});
