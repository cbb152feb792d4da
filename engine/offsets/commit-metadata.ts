/**
 * The metadata string stored with every offset the engine commits to the group. It names the job
 * and the checkpoint, so a reader of the group (the reconciliation report, an exactly-once restore)
 * can tell which checkpoint a committed offset belongs to, and whether this job wrote it at all.
 */
export interface CommitTag {
  job: string;
  checkpointId: number;
  /** When the checkpoint was taken (ms); tags written before it was added have none. */
  at?: number;
}

const PREFIX = 'sluice:v1:';

export function formatCommitTag(tag: CommitTag): string {
  const at = tag.at === undefined ? {} : { at: tag.at };
  return `${PREFIX}${JSON.stringify({ job: tag.job, checkpointId: tag.checkpointId, ...at })}`;
}

export function parseCommitTag(metadata: string | null | undefined): CommitTag | undefined {
  if (!metadata?.startsWith(PREFIX)) return undefined;
  try {
    const value = JSON.parse(metadata.slice(PREFIX.length)) as Partial<CommitTag>;
    if (typeof value.job !== 'string' || !Number.isSafeInteger(value.checkpointId)) return undefined;
    const at = Number.isSafeInteger(value.at) ? { at: value.at as number } : {};
    return { job: value.job, checkpointId: value.checkpointId as number, ...at };
  } catch {
    return undefined;
  }
}
