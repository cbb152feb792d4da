import type { CheckpointInfo } from '../../../main/ipc/contract';
import { getApi } from './api';

/**
 * A job's readable checkpoints, newest first: the choices every "from a checkpoint" picker offers.
 * Empty when there is no API yet or the job's checkpoints cannot be listed.
 */
export async function checkpointChoices(job: string): Promise<CheckpointInfo[]> {
  const api = getApi();
  if (!api) return [];
  try {
    const list = await api.invoke('jobs:checkpoints', { name: job });
    return list.filter((c) => c.valid).reverse();
  } catch {
    return [];
  }
}
