import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// What the bench resolves once into .cache/ (Kafka, Flink, Apicurio) is built in a staging directory
// and moved into place only when complete, so an interrupted download is never taken for a finished one.

/** The file that says a cached directory is complete. */
export const COMPLETE_MARKER = '.complete';

export const isComplete = (dir: string): boolean => existsSync(join(dir, COMPLETE_MARKER));

/** Marks `staging` complete and moves it to `dir`; a concurrent run's complete copy is as good as ours. */
export function publishStaged(staging: string, dir: string): void {
  writeFileSync(join(staging, COMPLETE_MARKER), `${new Date().toISOString()}\n`);
  if (isComplete(dir)) return;
  // A directory without the marker is a leftover from an older layout or a crash.
  rmSync(dir, { recursive: true, force: true });
  try {
    renameSync(staging, dir);
  } catch (error) {
    if (!isComplete(dir)) throw error;
  }
}
