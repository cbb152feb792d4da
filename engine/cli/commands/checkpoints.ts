import { CheckpointStore, type CheckpointSummary } from '../../checkpoints/index.js';
import type { CliIo } from '../cli-io.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { formatAge, formatBytes, formatTime } from '../format.js';
import { resolveStateDir } from '../state-dir.js';
import { formatTable, toRecords, type Column } from '../table.js';

export interface CheckpointsOptions {
  stateDir?: string;
  json?: boolean;
}

const columns = (now: number): Column<CheckpointSummary>[] => [
  { header: 'ID', key: 'checkpointId', align: 'right', value: (c) => c.checkpointId },
  { header: 'TAKEN AT (UTC)', key: 'takenAt', align: 'left', value: (c) => formatTime(c.takenAt) },
  {
    header: 'AGE',
    key: 'ageMs',
    align: 'right',
    value: (c) => now - c.takenAt,
    display: (c) => formatAge(now - c.takenAt),
  },
  { header: 'OFFSETS', key: 'offsets', align: 'right', value: (c) => c.offsetCount ?? null },
  { header: 'SIZE', key: 'bytes', align: 'right', value: (c) => c.bytes, display: (c) => formatBytes(c.bytes) },
  { header: 'VALID', key: 'valid', align: 'left', value: (c) => c.valid, display: (c) => (c.valid ? 'yes' : 'NO') },
  { header: 'ERROR', key: 'error', align: 'left', value: (c) => c.error ?? null, display: (c) => c.error ?? '' },
];

/** `sluice checkpoints JOB`: the job's checkpoints, oldest first. */
export async function checkpointsCommand(io: CliIo, jobName: string, options: CheckpointsOptions): Promise<ExitCode> {
  const stateDir = resolveStateDir(options.stateDir, io.env);
  const store = new CheckpointStore({ stateDir, jobName, retain: 1 });
  const listed = await store.list();
  const now = Date.now();
  if (options.json) {
    io.out(JSON.stringify(toRecords(columns(now), listed), null, 2));
    return EXIT.ok;
  }
  if (listed.length === 0) {
    io.err(`no checkpoints for job "${jobName}" in ${store.dir}`);
    return EXIT.ok;
  }
  io.out(formatTable(columns(now), listed));
  const restorePoint = await store.takeRestorePoint();
  if (restorePoint !== undefined) io.out(`\nnext run restores from checkpoint ${restorePoint}`);
  return EXIT.ok;
}
