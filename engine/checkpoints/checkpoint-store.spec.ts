import { mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CheckpointError } from '../errors/index.js';
import type { Checkpoint } from './checkpoint.js';
import { CheckpointStore } from './checkpoint-store.js';

let stateDir: string;
let warnings: string[];

beforeEach(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'sluice-checkpoints-'));
  warnings = [];
});
afterEach(async () => {
  await rm(stateDir, { recursive: true, force: true });
});

const store = (retain = 3, jobName = 'orders-replay') =>
  new CheckpointStore({ stateDir, jobName, retain, logger: { warn: (msg) => warnings.push(msg) } });

const checkpoint = (checkpointId: number, offset = checkpointId * 10): Omit<Checkpoint, 'version'> => ({
  jobName: 'orders-replay',
  checkpointId,
  takenAt: 1_700_000_000_000 + checkpointId,
  offsets: [
    { topic: 'orders', partition: 0, offset },
    { topic: 'orders', partition: 1, offset: offset + 1 },
  ],
  partitions: [
    { topic: 'orders', partition: 0 },
    { topic: 'orders', partition: 1 },
  ],
  sink: { file: { bytes: offset * 3 } },
});

const dirOf = (s: CheckpointStore) => s.dir;
const fileOf = (s: CheckpointStore, id: number) => join(s.dir, `checkpoint-${String(id).padStart(12, '0')}.json`);

async function writeMany(s: CheckpointStore, count: number) {
  for (let i = 0; i < count; i++) await s.write(checkpoint(await s.nextId()));
}

describe('CheckpointStore', () => {
  it('writes a versioned file that latest() and load() read back', async () => {
    const s = store();
    const id = await s.nextId();
    const written = await s.write(checkpoint(id));
    expect(written.checkpointId).toBe(1);
    expect(written.path).toBe(fileOf(s, 1));
    const text = await readFile(written.path, 'utf8');
    expect(Buffer.byteLength(text)).toBe(written.bytes);
    expect(JSON.parse(text)).toMatchObject({ version: 1, checkpointId: 1 });
    expect(await s.latest()).toEqual({ version: 1, ...checkpoint(1) });
    expect(await s.load(1)).toEqual({ version: 1, ...checkpoint(1) });
  });

  it('creates a missing state directory and leaves no temp files', async () => {
    const nested = join(stateDir, 'does', 'not', 'exist');
    const s = new CheckpointStore({ stateDir: nested, jobName: 'orders-replay', retain: 2 });
    expect(await s.latest()).toBeUndefined();
    await s.write(checkpoint(1));
    expect(await readdir(dirOf(s))).toEqual(['checkpoint-000000000001.json']);
  });

  it('fails clearly when the state directory cannot be written', async () => {
    const file = join(stateDir, 'a-file');
    await writeFile(file, 'not a directory');
    const s = new CheckpointStore({ stateDir: file, jobName: 'orders-replay', retain: 2 });
    const failure = s.write(checkpoint(1));
    await expect(failure).rejects.toBeInstanceOf(CheckpointError);
    await expect(failure).rejects.toMatchObject({ hintId: 'state-dir-unwritable' });
    await expect(s.prepare()).rejects.toThrow(/cannot write checkpoints of job "orders-replay"/);
    // Reading finds nothing there rather than failing: the write path gives the clear error.
    expect(await s.latest()).toBeUndefined();
    expect(await s.takeRestorePoint()).toBeUndefined();
  });

  it('keeps only the last `retain` checkpoints and names sort by id', async () => {
    const s = store(3);
    await writeMany(s, 12);
    expect(await readdir(dirOf(s))).toEqual([
      'checkpoint-000000000010.json',
      'checkpoint-000000000011.json',
      'checkpoint-000000000012.json',
    ]);
    expect((await s.list()).map((c) => c.checkpointId)).toEqual([10, 11, 12]);
    expect(await s.nextId()).toBe(13);
  });

  it('hands out rising ids even before anything is written', async () => {
    const s = store();
    expect([await s.nextId(), await s.nextId()]).toEqual([1, 2]);
    await writeMany(s, 1);
    expect(await store().nextId()).toBe(4);
  });

  it('falls back past a corrupt newest file with a warning naming it', async () => {
    const s = store();
    await writeMany(s, 3);
    await writeFile(fileOf(s, 3), '{"version": 1, "jobName": garbage');
    const latest = await s.latest();
    expect(latest?.checkpointId).toBe(2);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('checkpoint-000000000003.json');
  });

  it('falls back past a truncated and an empty file', async () => {
    const s = store(5);
    await writeMany(s, 4);
    const size = (await readFile(fileOf(s, 4))).length;
    await truncate(fileOf(s, 4), Math.floor(size / 2));
    await writeFile(fileOf(s, 3), '');
    expect((await s.latest())?.checkpointId).toBe(2);
    expect(warnings.join('\n')).toMatch(/000000000004\.json is corrupt: it is not valid JSON, probably truncated/);
    expect(warnings.join('\n')).toMatch(/000000000003\.json is corrupt: it is empty/);
  });

  it('rejects a file whose fields are wrong, naming the field', async () => {
    const s = store();
    await writeMany(s, 1);
    const data = JSON.parse(await readFile(fileOf(s, 1), 'utf8'));
    data.offsets[1].offset = -5;
    await writeFile(fileOf(s, 1), JSON.stringify(data));
    await expect(s.load(1)).rejects.toThrow(/offsets\.1\.offset/);
  });

  it("keeps a bounded job's stop offsets, and still loads version-1 files written without them", async () => {
    const s = store();
    const stops = [
      { topic: 'orders', partition: 0, offset: 500 },
      { topic: 'orders', partition: 1, offset: 700 },
    ];
    await s.write({ ...checkpoint(1), stops });
    expect(await s.load(1)).toEqual({ version: 1, ...checkpoint(1), stops });

    // A file as Sluice wrote it before stops existed.
    await writeFile(fileOf(s, 2), `${JSON.stringify({ version: 1, ...checkpoint(2) }, null, 2)}\n`);
    const loaded = await s.load(2);
    expect(loaded).toEqual({ version: 1, ...checkpoint(2) });
    expect(loaded.stops).toBeUndefined();
  });

  it('rejects stop offsets that are not offsets, naming the field', async () => {
    const s = store();
    await s.prepare();
    const bad = { version: 1, ...checkpoint(1), stops: [{ topic: 'orders', partition: 0, offset: -1 }] };
    await writeFile(fileOf(s, 1), JSON.stringify(bad));
    await expect(s.load(1)).rejects.toThrow(/is corrupt: stops\.0\.offset/);
    await expect(s.write({ ...checkpoint(2), stops: [{ topic: '', partition: 0, offset: 1 }] })).rejects.toThrow(
      /checkpoint 2 is not valid: stops\.0\.topic/,
    );
  });

  it('keeps the schema id mapping of a copy between registries; files without it still load', async () => {
    const s = store();
    await s.write({ ...checkpoint(1), schemaIds: { '7': 3, '12': 4 } });
    expect(await s.load(1)).toEqual({ version: 1, ...checkpoint(1), schemaIds: { '7': 3, '12': 4 } });
    expect((await s.load(1)).schemaIds).toEqual({ '7': 3, '12': 4 });
    await writeFile(fileOf(s, 2), JSON.stringify({ version: 1, ...checkpoint(2) }));
    expect((await s.load(2)).schemaIds).toBeUndefined();
    await writeFile(fileOf(s, 3), JSON.stringify({ version: 1, ...checkpoint(3), schemaIds: { abc: 1 } }));
    await expect(s.load(3)).rejects.toThrow(/is corrupt: schemaIds\.abc/);
  });

  it('throws a clear error when no file is valid', async () => {
    const s = store();
    await writeMany(s, 2);
    await writeFile(fileOf(s, 1), 'x');
    await writeFile(fileOf(s, 2), '{}');
    const failure = s.latest();
    await expect(failure).rejects.toBeInstanceOf(CheckpointError);
    await expect(failure).rejects.toThrow(
      /no valid checkpoint for job "orders-replay".*checkpoint-000000000002\.json, checkpoint-000000000001\.json unreadable/,
    );
  });

  it('refuses a checkpoint from a newer format version instead of falling back', async () => {
    const s = store();
    await writeMany(s, 2);
    const data = JSON.parse(await readFile(fileOf(s, 2), 'utf8'));
    await writeFile(fileOf(s, 2), JSON.stringify({ ...data, version: 2 }));
    await expect(s.load(2)).rejects.toMatchObject({ hintId: 'checkpoint-version' });
    await expect(s.latest()).rejects.toThrow(
      /format version 2, written by a newer Sluice; this one reads up to version 1/,
    );
  });

  it('says which checkpoints exist when a missing one is asked for', async () => {
    const s = store();
    await expect(s.load(7)).rejects.toThrow(/checkpoint 7 of job "orders-replay" does not exist .*there are none/);
    await writeMany(s, 2);
    await expect(s.load(7)).rejects.toMatchObject({ hintId: 'checkpoint-missing' });
    await expect(s.load(7)).rejects.toThrow(/available: 1, 2/);
  });

  it('rejects a file renamed from another checkpoint', async () => {
    const s = store();
    await writeMany(s, 2);
    await writeFile(fileOf(s, 2), await readFile(fileOf(s, 1)));
    await expect(s.load(2)).rejects.toThrow(/holds checkpoint 1/);
  });

  it('lists valid and invalid checkpoints with their sizes', async () => {
    const s = store();
    await writeMany(s, 2);
    await writeFile(fileOf(s, 2), '{');
    const listed = await s.list();
    expect(listed[0]).toMatchObject({ checkpointId: 1, valid: true, takenAt: 1_700_000_000_001, offsetCount: 2 });
    expect(listed[0]!.bytes).toBe((await readFile(fileOf(s, 1))).length);
    expect(listed[1]).toMatchObject({ checkpointId: 2, valid: false, bytes: 1 });
    expect(listed[1]!.error).toMatch(/corrupt/);
  });

  it('removes temp files a killed writer left behind', async () => {
    const s = store();
    await writeMany(s, 1);
    await writeFile(join(dirOf(s), '.checkpoint-000000000002.json.999.abcd.tmp'), '{"half":');
    expect((await s.latest())?.checkpointId).toBe(1);
    await writeMany(s, 1);
    expect(await readdir(dirOf(s))).toEqual(['checkpoint-000000000001.json', 'checkpoint-000000000002.json']);
  });

  it('refuses to store a checkpoint that would not read back', async () => {
    const s = store();
    const bad = { ...checkpoint(1), offsets: [{ topic: '', partition: 0, offset: 1 }] };
    await expect(s.write(bad)).rejects.toBeInstanceOf(CheckpointError);
    expect(await s.list()).toEqual([]);
  });

  it('rejects job names that would escape the state directory', () => {
    expect(() => store(3, '../etc')).toThrow(/invalid job name/);
  });
});

describe('restore points', () => {
  it('validates the checkpoint and keeps the choice until the restored run checkpoints', async () => {
    const s = store(5);
    await writeMany(s, 3);
    expect(await s.takeRestorePoint()).toBeUndefined();
    await s.setRestorePoint(2);
    // A run that dies before its first checkpoint restores the same point again.
    expect(await s.takeRestorePoint()).toBe(2);
    expect(await store(5).takeRestorePoint()).toBe(2);
    await s.write(checkpoint(await s.nextId()));
    expect(await s.takeRestorePoint()).toBeUndefined();
  });

  it('refuses a missing or corrupt checkpoint', async () => {
    const s = store();
    await writeMany(s, 2);
    await expect(s.setRestorePoint(9)).rejects.toMatchObject({ hintId: 'checkpoint-missing' });
    await writeFile(fileOf(s, 1), '{"version":1');
    await expect(s.setRestorePoint(1)).rejects.toMatchObject({ hintId: 'checkpoint-corrupt' });
    expect(await s.takeRestorePoint()).toBeUndefined();
  });
});
