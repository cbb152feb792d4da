import { copyPathOf, withPartitionCounts, type CopyPath } from '../job/copy-path.js';
import type { LintInputs } from './lint-inputs.js';
import type { LintRule } from './rules.js';

/**
 * The path a Kafka-sink job takes (engine/job/copy-path.ts): what the spec says, and, when lint read
 * the clusters, whether the sink topic has a partition for every source partition. Undefined for
 * other sinks and for jobs with a transform (they need every record by design, nothing to report).
 */
export function lintedCopyPath(inputs: LintInputs): CopyPath | undefined {
  const { spec } = inputs;
  if (spec.sink.type !== 'kafka' || spec.transform?.filter || spec.transform?.map) return undefined;
  const path = copyPathOf(spec);
  const sink = inputs.sink?.topic;
  const widest = widestSourceTopic(inputs);
  if (!sink?.exists || sink.partitions === undefined || widest === undefined) return path;
  return withPartitionCounts(path, widest, sink.partitions, sink.name);
}

function widestSourceTopic(inputs: LintInputs): number | undefined {
  const counts = (inputs.source?.topics ?? []).flatMap((t) => (t.exists && t.partitions ? [t.partitions] : []));
  return counts.length === 0 ? undefined : Math.max(...counts);
}

export const SHALLOW_COPY_RULE_IDS = ['shallow-copy', 'shallow-copy-blocked'] as const;

/** Copy path findings are about speed, not safety; `sluice run` and the job page show the run's own. */
export const isCopyPathFinding = (finding: { ruleId: string }): boolean =>
  (SHALLOW_COPY_RULE_IDS as readonly string[]).includes(finding.ruleId);

export const COPY_PATH_RULES: readonly LintRule[] = [
  {
    id: 'shallow-copy',
    hintId: 'shallow-copy',
    severity: 'info',
    summary: 'a plain Kafka-to-Kafka copy that forwards record batches as bytes, without decoding them',
    check(inputs) {
      if (lintedCopyPath(inputs)?.kind !== 'shallow') return [];
      const partitions = inputs.sink?.topic.exists
        ? `sink topic "${inputs.sink.topic.name}" has a partition for every source partition`
        : 'the run checks at start that the sink topic has a partition for every source partition';
      return [
        {
          where: 'sink',
          message: `copies record batches as bytes (shallow copy): keys, values, headers, timestamps and each batch's compression are kept byte for byte; ${partitions}`,
          remedy: 'nothing to change; a transform, a schema or another partitioner would make it copy record by record',
        },
      ];
    },
  },
  {
    id: 'shallow-copy-blocked',
    hintId: 'shallow-copy',
    severity: 'info',
    summary:
      'a Kafka-to-Kafka copy without a transform that copies record by record: each setting that stops a shallow copy',
    check(inputs) {
      const path = lintedCopyPath(inputs);
      if (path?.kind !== 'record') return [];
      const all = path.blockers.length === 1 ? 'this' : `all ${path.blockers.length} shallow-copy-blocked findings`;
      return path.blockers.map((blocker) => ({
        where: blocker.field,
        message: `copies record by record instead of forwarding record batches as bytes: ${blocker.field}: ${blocker.reason}`,
        remedy: `to copy shallow (faster, byte for byte), change ${all}; otherwise nothing to do`,
      }));
    },
  },
];
