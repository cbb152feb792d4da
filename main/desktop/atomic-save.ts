import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { syncDirectory, TEMP_SUFFIX } from '../../engine/checkpoints/atomic-file';

/**
 * Writes bytes the user chose to save so the target holds either its old content or all of the new
 * content: a temp file beside it, fsync, rename over, fsync the directory. A failed write removes
 * the temp file and leaves the target untouched. (engine/checkpoints/atomic-file.ts does the same
 * for text; exports may be binary, e.g. PDF.)
 */
export async function saveBytesAtomic(path: string, bytes: Buffer): Promise<number> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`);
  const handle = await open(temp, 'wx', 0o644);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
    await handle.close();
    await rename(temp, path);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dirname(path));
  return bytes.length;
}
