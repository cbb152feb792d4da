import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isProcessAlive } from '../../engine/process-alive';

/** The data directory cannot be created or written (a file in the way, no permission…). */
export class DataDirError extends Error {
  override readonly name = 'DataDirError';
  constructor(dir: string, cause: unknown) {
    super(`cannot use the data directory ${dir}: ${(cause as Error).message}`, { cause });
  }
}

/** Another live process holds the data directory. */
export class DataDirLockedError extends Error {
  override readonly name = 'DataDirLocked';
}

const LOCK_FILE = 'sluice.lock';

/**
 * One browser-mode server per data directory: `sluice.lock` holds the owner's pid. A lock whose
 * process is gone (a crash, a kill -9) is taken over. Resolves to the release function.
 */
export async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  const file = join(dir, LOCK_FILE);
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new DataDirError(dir, error);
  }
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      await writeFile(file, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      return async () => {
        const holder = await readFile(file, 'utf8').catch(() => '');
        if (holder.trim() === String(process.pid)) await rm(file, { force: true });
      };
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw new DataDirError(dir, error);
    }
    const pid = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
    if (Number.isInteger(pid) && pid > 0 && isProcessAlive(pid)) {
      throw new DataDirLockedError(
        `another Sluice (pid ${pid}) is using the data directory ${dir}; stop it, or use another --data-dir (if no Sluice runs, delete ${file})`,
      );
    }
    await rm(file, { force: true });
  }
  throw new DataDirLockedError(`could not take the lock ${file}: another process keeps replacing it`);
}
