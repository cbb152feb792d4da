import { CheckpointStore } from '../../checkpoints/index.js';
import type { CliIo } from '../cli-io.js';
import { EXIT, UsageError, type ExitCode } from '../exit-codes.js';
import { formatTime } from '../format.js';
import { resolveStateDir } from '../state-dir.js';

export interface RestoreOptions {
  stateDir?: string;
}

/** `sluice restore JOB ID`: the next `sluice run` of JOB starts from checkpoint ID. */
export async function restoreCommand(
  io: CliIo,
  jobName: string,
  id: string,
  options: RestoreOptions,
): Promise<ExitCode> {
  const checkpointId = Number(id);
  if (!/^\d+$/.test(id) || !Number.isSafeInteger(checkpointId) || checkpointId < 1) {
    throw new UsageError(`checkpoint id must be a whole number >= 1, got "${id}"`);
  }
  const store = new CheckpointStore({ stateDir: resolveStateDir(options.stateDir, io.env), jobName, retain: 1 });
  try {
    await store.setRestorePoint(checkpointId);
  } catch (error) {
    // A corrupt or newer-format checkpoint is a bad choice of id, not a failure of the machine.
    const hint = (error as { hintId?: string }).hintId;
    if (hint === 'checkpoint-corrupt' || hint === 'checkpoint-version' || hint === 'checkpoint-missing') {
      throw new UsageError((error as Error).message, { cause: error });
    }
    throw error;
  }
  const checkpoint = await store.load(checkpointId);
  io.out(
    `the next run of "${jobName}" starts from checkpoint ${checkpointId} ` +
      `(taken ${formatTime(checkpoint.takenAt)}, ${checkpoint.offsets.length} partition offsets)`,
  );
  return EXIT.ok;
}
