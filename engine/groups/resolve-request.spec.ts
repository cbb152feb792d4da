import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CheckpointStore } from '../checkpoints/index.js';
import { resolveResetRequest } from './resolve-request.js';

async function stateWithCheckpoints(): Promise<string> {
  const stateDir = await mkdtemp(join(tmpdir(), 'sluice-reset-'));
  const store = new CheckpointStore({ stateDir, jobName: 'orders-replay', retain: 5 });
  await store.prepare();
  for (const [i, offset] of [10, 20].entries()) {
    await store.write({
      jobName: 'orders-replay',
      checkpointId: i + 1,
      takenAt: 1_700_000_000_000 + i,
      offsets: [
        { topic: 'orders', partition: 0, offset },
        { topic: 'orders', partition: 1, offset: offset + 1 },
      ],
      partitions: [
        { topic: 'orders', partition: 0 },
        { topic: 'orders', partition: 1 },
      ],
      sink: null,
    });
  }
  return stateDir;
}

describe('resolveResetRequest', () => {
  it('passes other targets through', async () => {
    const resolved = await resolveResetRequest(
      { groupId: 'g', to: { kind: 'latest' }, topics: ['orders'], outOfRange: 'refuse' },
      '/nonexistent',
    );
    expect(resolved).toEqual({
      request: { groupId: 'g', to: { kind: 'latest' }, topics: ['orders'], outOfRange: 'refuse' },
    });
  });

  it("turns a job's checkpoint into specific offsets: the chosen one, or the latest", async () => {
    const stateDir = await stateWithCheckpoints();
    const first = await resolveResetRequest(
      { groupId: 'g', to: { kind: 'checkpoint', job: 'orders-replay', checkpointId: 1 }, outOfRange: 'refuse' },
      stateDir,
    );
    expect(first.request.to).toEqual({
      kind: 'specific',
      offsets: [
        { topic: 'orders', partition: 0, offset: 10 },
        { topic: 'orders', partition: 1, offset: 11 },
      ],
    });
    expect(first.checkpoint).toEqual({ job: 'orders-replay', checkpointId: 1, takenAt: 1_700_000_000_000 });
    const latest = await resolveResetRequest(
      { groupId: 'g', to: { kind: 'checkpoint', job: 'orders-replay' }, outOfRange: 'refuse' },
      stateDir,
    );
    expect(latest.checkpoint?.checkpointId).toBe(2);
  });

  it('names a missing checkpoint and a job without any', async () => {
    const stateDir = await stateWithCheckpoints();
    await expect(
      resolveResetRequest(
        { groupId: 'g', to: { kind: 'checkpoint', job: 'orders-replay', checkpointId: 9 }, outOfRange: 'refuse' },
        stateDir,
      ),
    ).rejects.toThrow('checkpoint 9 of job "orders-replay" does not exist');
    await expect(
      resolveResetRequest({ groupId: 'g', to: { kind: 'checkpoint', job: 'other' }, outOfRange: 'refuse' }, stateDir),
    ).rejects.toMatchObject({
      hintId: 'checkpoint-missing',
      message: expect.stringContaining('job "other" has no checkpoints'),
    });
  });
});
