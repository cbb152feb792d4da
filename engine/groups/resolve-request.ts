import { CheckpointStore } from '../checkpoints/index.js';
import { CheckpointError } from '../errors/index.js';
import type { GroupResetRequest } from './reset-request.js';
import type { ResetRequest } from './reset-types.js';

export interface ResolvedRequest {
  request: ResetRequest;
  /** For a checkpoint target: which checkpoint the offsets came from. */
  checkpoint?: { job: string; checkpointId: number; takenAt: number };
}

/**
 * Turns a validated request into the engine's: a `checkpoint` target becomes the `specific` offsets
 * that checkpoint holds (the next offset of every partition), read from `<stateDir>/<job>/checkpoints/`.
 */
export async function resolveResetRequest(input: GroupResetRequest, stateDir: string): Promise<ResolvedRequest> {
  const base = {
    groupId: input.groupId,
    outOfRange: input.outOfRange,
    ...(input.topics === undefined ? {} : { topics: input.topics }),
  };
  if (input.to.kind !== 'checkpoint') return { request: { ...base, to: input.to } };
  const store = new CheckpointStore({ stateDir, jobName: input.to.job, retain: 1 });
  const checkpoint =
    input.to.checkpointId === undefined ? await store.latest() : await store.load(input.to.checkpointId);
  if (!checkpoint) {
    throw new CheckpointError(`job "${input.to.job}" has no checkpoints in ${store.dir}`, {
      hintId: 'checkpoint-missing',
      details: { dir: store.dir },
    });
  }
  if (checkpoint.offsets.length === 0) {
    throw new CheckpointError(`checkpoint ${checkpoint.checkpointId} of job "${input.to.job}" holds no offsets`, {
      hintId: 'checkpoint-missing',
    });
  }
  return {
    request: {
      ...base,
      to: {
        kind: 'specific',
        offsets: checkpoint.offsets.map((o) => ({ topic: o.topic, partition: o.partition, offset: o.offset })),
      },
    },
    checkpoint: { job: input.to.job, checkpointId: checkpoint.checkpointId, takenAt: checkpoint.takenAt },
  };
}
