import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { CheckpointError, ConfigError, SluiceError } from '../errors/index.js';
import { syncDirectory, TEMP_SUFFIX, writeFileAtomic } from './atomic-file.js';
import type { Checkpoint, CheckpointSummary } from './checkpoint.js';
import { CURRENT_CHECKPOINT_VERSION, deserializeCheckpoint, serializeCheckpoint } from './checkpoint-format.js';

export interface CheckpointStoreOptions {
  stateDir: string;
  jobName: string;
  /** How many checkpoints to keep; older ones are deleted after each write. */
  retain: number;
  logger?: { warn(msg: string): void };
}

// Zero-padded so that a plain directory listing sorts by id.
const FILE_NAME = /^checkpoint-(\d{12})\.json$/;
const fileName = (id: number) => `checkpoint-${String(id).padStart(12, '0')}.json`;
// Same rule as the job spec's name: it becomes a directory name, so no separators or dots first.
const JOB_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

// A path that does not exist, or runs through a file: nothing stored there. Writing there fails
// later, clearly, in prepare() or write().
const isAbsent = (error: unknown) => ['ENOENT', 'ENOTDIR'].includes((error as { code?: string }).code ?? '');

const restorePointSchema = z.object({
  version: z.literal(1),
  checkpointId: z.number().int().positive(),
  setAt: z.number(),
});

/**
 * The checkpoints of one job: one JSON file per checkpoint under
 * `<stateDir>/<jobName>/checkpoints/`, written atomically, the last `retain` kept.
 */
export class CheckpointStore {
  readonly jobDir: string;
  readonly dir: string;
  private readonly restorePointPath: string;
  private readonly options: CheckpointStoreOptions;
  private highestId = 0;

  constructor(options: CheckpointStoreOptions) {
    if (!JOB_NAME.test(options.jobName)) {
      throw new ConfigError(`invalid job name "${options.jobName}": expected 1-100 letters, digits, ".", "_" or "-"`);
    }
    if (!Number.isInteger(options.retain) || options.retain < 1) {
      throw new ConfigError(`checkpoint retention must be a whole number >= 1, got ${options.retain}`);
    }
    this.options = options;
    this.jobDir = join(options.stateDir, options.jobName);
    this.dir = join(this.jobDir, 'checkpoints');
    this.restorePointPath = join(this.jobDir, 'restore-point.json');
  }

  /** Creates the state directory if needed and fails now, clearly, if it cannot be written. */
  async prepare(): Promise<void> {
    try {
      await mkdir(this.dir, { recursive: true });
      const probe = join(this.dir, `.probe-${process.pid}${TEMP_SUFFIX}`);
      await writeFileAtomic(probe, '');
      await rm(probe, { force: true });
    } catch (error) {
      throw this.unwritable(error);
    }
  }

  /** The id for the next checkpoint: above every file present, and above every id handed out. */
  async nextId(): Promise<number> {
    const ids = await this.fileIds();
    this.highestId = Math.max(this.highestId, ...ids) + 1;
    return this.highestId;
  }

  async write(checkpoint: Omit<Checkpoint, 'version'>): Promise<{ checkpointId: number; bytes: number; path: string }> {
    if (checkpoint.jobName !== this.options.jobName) {
      throw new CheckpointError(
        `checkpoint for job "${checkpoint.jobName}" given to the store of "${this.options.jobName}"`,
        {
          hintId: 'checkpoint-io',
        },
      );
    }
    const text = serializeCheckpoint({ ...checkpoint, version: CURRENT_CHECKPOINT_VERSION });
    const path = join(this.dir, fileName(checkpoint.checkpointId));
    let bytes: number;
    try {
      await mkdir(this.dir, { recursive: true });
      bytes = await writeFileAtomic(path, text);
    } catch (error) {
      throw this.unwritable(error);
    }
    this.highestId = Math.max(this.highestId, checkpoint.checkpointId);
    // A checkpoint taken after a restore supersedes the operator's restore point.
    await rm(this.restorePointPath, { force: true });
    await this.prune(checkpoint.checkpointId);
    return { checkpointId: checkpoint.checkpointId, bytes, path };
  }

  /**
   * The newest valid checkpoint, or undefined when there is none yet. Corrupt or truncated files
   * are skipped with a warning naming them. When files exist but none is valid, or the newest
   * readable one is from a newer Sluice, this throws: silently starting over would replay or
   * skip records.
   */
  async latest(): Promise<Checkpoint | undefined> {
    const ids = (await this.fileIds()).sort((a, b) => b - a);
    const skipped: string[] = [];
    for (const id of ids) {
      try {
        return await this.load(id);
      } catch (error) {
        if (error instanceof CheckpointError && error.hintId === 'checkpoint-version') throw error;
        const message = error instanceof Error ? error.message : String(error);
        skipped.push(fileName(id));
        this.options.logger?.warn(`skipping checkpoint ${id}: ${message}`);
      }
    }
    if (skipped.length > 0) {
      throw new CheckpointError(
        `no valid checkpoint for job "${this.options.jobName}" in ${this.dir} (${skipped.join(', ')} unreadable); ` +
          `remove these files to start the job from its start position`,
        { details: { dir: this.dir, files: skipped } },
      );
    }
    return undefined;
  }

  async load(checkpointId: number): Promise<Checkpoint> {
    const path = join(this.dir, fileName(checkpointId));
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if (!isAbsent(error)) throw this.unreadable(path, error);
      const available = (await this.fileIds()).sort((a, b) => a - b);
      throw new CheckpointError(
        `checkpoint ${checkpointId} of job "${this.options.jobName}" does not exist in ${this.dir} ` +
          `(${available.length === 0 ? 'there are none' : `available: ${available.join(', ')}`})`,
        { hintId: 'checkpoint-missing', details: { checkpointId, dir: this.dir } },
      );
    }
    const checkpoint = deserializeCheckpoint(text, path);
    if (checkpoint.checkpointId !== checkpointId || checkpoint.jobName !== this.options.jobName) {
      throw new CheckpointError(
        `checkpoint file ${path} holds checkpoint ${checkpoint.checkpointId} of job "${checkpoint.jobName}", ` +
          `not ${checkpointId} of "${this.options.jobName}"`,
        { details: { file: path } },
      );
    }
    return checkpoint;
  }

  async list(): Promise<CheckpointSummary[]> {
    const ids = (await this.fileIds()).sort((a, b) => a - b);
    const out: CheckpointSummary[] = [];
    for (const id of ids) {
      const path = join(this.dir, fileName(id));
      let info;
      try {
        info = await stat(path);
      } catch {
        continue; // pruned while we listed
      }
      try {
        const checkpoint = await this.load(id);
        out.push({
          checkpointId: id,
          takenAt: checkpoint.takenAt,
          bytes: info.size,
          valid: true,
          offsetCount: checkpoint.offsets.length,
        });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        out.push({
          checkpointId: id,
          takenAt: Math.round(info.mtimeMs),
          bytes: info.size,
          valid: false,
          error: message,
        });
      }
    }
    return out;
  }

  /** Makes the next run of the job start from this checkpoint (`sluice restore JOB ID`). */
  async setRestorePoint(checkpointId: number): Promise<void> {
    await this.load(checkpointId);
    try {
      await writeFileAtomic(
        this.restorePointPath,
        `${JSON.stringify({ version: 1, checkpointId, setAt: Date.now() })}\n`,
      );
    } catch (error) {
      throw this.unwritable(error);
    }
  }

  /**
   * The checkpoint the operator chose to restart from, if any. The choice stays on disk until the
   * restored run writes its first checkpoint, so a run that dies before that restores it again.
   */
  async takeRestorePoint(): Promise<number | undefined> {
    let text: string;
    try {
      text = await readFile(this.restorePointPath, 'utf8');
    } catch (error) {
      if (isAbsent(error)) return undefined;
      throw this.unreadable(this.restorePointPath, error);
    }
    let parsed;
    try {
      parsed = restorePointSchema.parse(JSON.parse(text));
    } catch (error) {
      throw new CheckpointError(
        `restore point ${this.restorePointPath} is corrupt; set it again with "sluice restore"`,
        {
          cause: error,
          details: { file: this.restorePointPath },
        },
      );
    }
    return parsed.checkpointId;
  }

  private async fileIds(): Promise<number[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if (isAbsent(error)) return [];
      throw this.unreadable(this.dir, error);
    }
    return names.flatMap((name) => {
      const match = FILE_NAME.exec(name);
      return match ? [Number(match[1])] : [];
    });
  }

  private async prune(justWritten: number): Promise<void> {
    const ids = (await this.fileIds()).sort((a, b) => b - a);
    const doomed = ids.filter((id, index) => index >= this.options.retain && id !== justWritten);
    let names: string[] = [];
    try {
      names = await readdir(this.dir);
    } catch {
      // listed a moment ago; nothing to clean if it vanished
    }
    // Temp files of a writer killed mid-write; one writer per job, so none is in use now.
    const stale = names.filter((name) => name.endsWith(TEMP_SUFFIX));
    if (doomed.length === 0 && stale.length === 0) return;
    await Promise.all([
      ...doomed.map((id) => rm(join(this.dir, fileName(id)), { force: true })),
      ...stale.map((name) => rm(join(this.dir, name), { force: true })),
    ]);
    await syncDirectory(this.dir);
  }

  private unwritable(error: unknown): SluiceError {
    if (error instanceof SluiceError) return error;
    const code = (error as { code?: string }).code;
    return new CheckpointError(
      `cannot write checkpoints of job "${this.options.jobName}" to ${this.dir}: ${(error as Error).message ?? error}`,
      {
        hintId: code === 'ENOSPC' || code === 'EDQUOT' ? 'disk-full' : 'state-dir-unwritable',
        cause: error,
        details: { dir: this.dir, code },
      },
    );
  }

  private unreadable(path: string, error: unknown): SluiceError {
    return new CheckpointError(`cannot read ${path}: ${(error as Error).message ?? error}`, {
      hintId: 'checkpoint-io',
      cause: error,
      details: { file: path },
    });
  }
}
