import { copyPathOf } from '../../../../../engine/job/copy-path';
import { parseJobSpec } from '../../../../../engine/spec/index';

/**
 * The editor's line under a Kafka sink: the copy path the settings give (engine/job/copy-path.ts),
 * or undefined for other sinks and for a draft that is not a valid spec yet.
 */
export function copyPathNote(draft: unknown): string | undefined {
  const parsed = parseJobSpec(draft);
  if (!parsed.ok || parsed.value.sink.type !== 'kafka') return undefined;
  const path = copyPathOf(parsed.value);
  if (path.kind === 'shallow')
    return 'Copy path: shallow, record batches forwarded as bytes (the sink topic needs a partition for every source partition)';
  return `Copy path: record by record, because of ${path.blockers.map((b) => b.field).join(', ')} (Lint says why)`;
}
