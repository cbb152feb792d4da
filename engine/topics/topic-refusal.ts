import { ConfigError } from '../errors/index.js';
import type { SpecProblem } from '../spec/validation.js';

/**
 * A topic request the broker (or Sluice before asking it) refused. `problems` name the field of the
 * request that is wrong (`partitions`, `replicationFactor`, `configs.retention.ms`), so a form shows
 * each beside its field and the CLI prints them as `path: message`.
 */
export class TopicRefusedError extends ConfigError {
  readonly problems: SpecProblem[];

  constructor(topic: string, problems: SpecProblem[], options: { cause?: unknown } = {}) {
    super(`topic "${topic}": ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, {
      hintId: 'invalid-config',
      ...options,
    });
    this.problems = problems;
  }
}

/** The request field each broker refusal is about, and what to say; keyed by kafkajs' `error.type`. */
const REFUSALS: Record<string, { path: string; say: string }> = {
  TOPIC_ALREADY_EXISTS: { path: 'topic', say: 'a topic of this name already exists' },
  INVALID_TOPIC_EXCEPTION: { path: 'topic', say: 'the broker refuses this topic name' },
  UNKNOWN_TOPIC_OR_PARTITION: { path: 'topic', say: 'no such topic on this cluster' },
  INVALID_PARTITIONS: { path: 'partitions', say: 'the broker refuses this partition count' },
  INVALID_REPLICATION_FACTOR: {
    path: 'replicationFactor',
    say: 'the broker refuses this replication factor (more replicas than brokers?)',
  },
  INVALID_REPLICA_ASSIGNMENT: { path: 'replicationFactor', say: 'the broker refuses this replica assignment' },
  INVALID_CONFIG: { path: 'configs', say: 'the broker refuses this config value' },
  POLICY_VIOLATION: { path: 'topic', say: "the cluster's topic policy refuses this request" },
  TOPIC_AUTHORIZATION_FAILED: { path: 'topic', say: 'not authorized: the cluster ACLs do not allow this' },
  CLUSTER_AUTHORIZATION_FAILED: { path: 'topic', say: 'not authorized: the cluster ACLs do not allow this' },
  TOPIC_DELETION_DISABLED: { path: 'topic', say: 'the broker has topic deletion turned off (delete.topic.enable)' },
  INVALID_REQUEST: { path: 'topic', say: 'the broker refuses the request' },
};

/** The Kafka protocol error inside what kafkajs threw (through its retry and aggregate wrappers). */
export function brokerRefusal(error: unknown, depth = 0): { type: string; message: string } | undefined {
  if (depth > 6 || typeof error !== 'object' || error === null) return undefined;
  const e = error as { type?: unknown; message?: unknown; errors?: unknown; cause?: unknown };
  if (typeof e.type === 'string' && e.type in REFUSALS) return { type: e.type, message: String(e.message ?? '') };
  if (Array.isArray(e.errors)) {
    for (const inner of e.errors) {
      const found = brokerRefusal(inner, depth + 1);
      if (found) return found;
    }
  }
  return e.cause === undefined ? undefined : brokerRefusal(e.cause, depth + 1);
}

/**
 * The problem a broker refusal makes for the request, or undefined when the error is not a refusal
 * of the request (a lost connection, a timeout): those are rethrown as they are. `path` overrides
 * the field, e.g. `configs.retention.ms` once the refused config is known.
 */
export function refusalProblem(error: unknown, path?: string): SpecProblem | undefined {
  const found = brokerRefusal(error);
  if (!found) return undefined;
  const row = REFUSALS[found.type]!;
  const detail = found.message && found.message !== row.say ? ` (${found.message})` : '';
  return { path: path ?? row.path, message: `${row.say}${detail} [${found.type}]` };
}
