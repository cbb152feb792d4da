// One writer per history directory: a second monitor of the same cluster would cut the first
// one's record in flight when it repairs a torn tail on open. The lock names the writer's pid; a
// lock whose process is gone (killed) is taken over.
import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isProcessAlive } from '../process-alive.js';

export const LOCK_NAME = 'writer.lock';

export class HistoryLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(`lag history ${dir} is being written by process ${pid}; open it read-only or stop that process`);
    this.name = 'HistoryLockedError';
  }
}

export interface HistoryLock {
  release(): Promise<void>;
}

export async function lockHistory(dir: string): Promise<HistoryLock> {
  const path = join(dir, LOCK_NAME);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(path, 'wx', 0o644);
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return {
        // Only while it is still ours: a writer thought dead may have been taken over meanwhile.
        release: async () => {
          if ((await readFile(path, 'utf8').catch(() => '')).trim() === String(process.pid))
            await rm(path, { force: true });
        },
      };
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
    }
    const pid = Number((await readFile(path, 'utf8').catch(() => '')).trim());
    if (Number.isInteger(pid) && pid > 0 && (pid === process.pid || isProcessAlive(pid)))
      throw new HistoryLockedError(dir, pid);
    await rm(path, { force: true });
  }
  throw new Error(`could not lock lag history ${dir}: ${path} keeps coming back`);
}
