import { batchCounts, type BatchCounts } from '../../../../../engine/job/copy-path-counts';
import { copyPathOf, type CopyPathBlocker } from '../../../../../engine/job/copy-path';
import type { JobDetail, JobMetrics } from '../../../../../main/ipc/contract';

/** What the job page's Copy path box shows. */
export interface CopyPathView {
  kind: 'shallow' | 'record';
  title: string;
  /** `run`: the path the current or last run reported at its start; `spec`: what the settings alone say. */
  from: 'run' | 'spec';
  blockers: CopyPathBlocker[];
  /** A run's shallow copy: the batches forwarded and decoded so far (zeros before the first batch). */
  batches?: BatchCounts;
}

export const SHALLOW_TITLE = 'Shallow — record batches forwarded as bytes';
export const RECORD_TITLE = 'Record by record';

/** Undefined for sinks other than Kafka (they always write records). */
export function copyPathView(detail: JobDetail, metrics: JobMetrics | undefined): CopyPathView | undefined {
  if (detail.spec.sink.type !== 'kafka') return undefined;
  const path = detail.copyPath ?? copyPathOf(detail.spec);
  const from = detail.copyPath ? 'run' : 'spec';
  if (path.kind === 'record') return { kind: 'record', title: RECORD_TITLE, from, blockers: path.blockers };
  if (from === 'spec') return { kind: 'shallow', title: SHALLOW_TITLE, from, blockers: [] };
  const batches = (metrics && batchCounts(metrics)) ?? { forwarded: 0, decoded: 0, byReason: [] };
  return { kind: 'shallow', title: SHALLOW_TITLE, from, blockers: [], batches };
}
