import { classifyError } from '../errors/index.js';
import { readMetadataView } from '../health/metadata-view.js';
import { resolveCluster, type ClusterResolver } from '../job/kafka-clients.js';
import { compileTopicPattern, type ClusterRef, type JobSpec, type TopicPattern } from '../spec/index.js';
import { sortFindings, worstSeverity, type Finding, type Severity } from '../diagnosis/finding.js';
import { readClusterFacts, type ClusterReading } from './gather-facts.js';
import type { LintInputs } from './lint-inputs.js';
import { applyRules } from './rules.js';
import { shortKafka } from '../diagnosis/short-kafka.js';

export interface LintReport {
  job: string;
  /** Most severe first. */
  findings: Finding[];
  worst: Severity | undefined;
  /** Whether the clusters could be read; without them only the spec was checked. */
  clustersChecked: boolean;
}

export interface LintDeps {
  /** Resolves `{ "profile": NAME }` clusters (TLS, SASL, SSH tunnel), as for a run. */
  resolveCluster?: ClusterResolver;
}

/**
 * Checks a job before it runs: its own settings, and the topics and brokers it touches
 * (metadata and describeConfigs). A cluster that cannot be reached is one finding, not a failure:
 * the spec rules still run.
 */
export async function lintJob(spec: JobSpec, deps: LintDeps = {}): Promise<LintReport> {
  const inputs: LintInputs = { spec };
  const problems: Finding[] = [];
  const sourceTopics = spec.source.topics ?? [];
  const pattern = spec.source.topicPattern === undefined ? undefined : compileTopicPattern(spec.source.topicPattern);
  const sinkTopic = spec.sink.type === 'kafka' ? spec.sink.topic : undefined;
  const sinkRef = spec.sink.type === 'kafka' ? (spec.sink.cluster ?? spec.source.cluster) : undefined;
  const sameCluster = sinkRef !== undefined && sameRef(sinkRef, spec.source.cluster);

  const source = await read('source', spec.source.cluster, {
    topics: [...sourceTopics, ...(sameCluster && sinkTopic ? [sinkTopic] : [])],
    ...(pattern ? { pattern } : {}),
  });
  if (source) {
    const matches = (name: string) => sourceTopics.includes(name) || (pattern?.matches(name) ?? false);
    inputs.source = {
      cluster: source.cluster,
      topics: source.topics.filter((t) => matches(t.name) && (pattern === undefined || t.name !== sinkTopic)),
    };
  }
  if (sinkTopic !== undefined && sinkRef !== undefined) {
    const sink = sameCluster ? source : await read('sink', sinkRef, { topics: [sinkTopic] });
    const topic = sink?.topics.find((t) => t.name === sinkTopic);
    if (sink && topic) inputs.sink = { cluster: sink.cluster, topic };
  }

  const findings = sortFindings([...problems, ...applyRules(inputs)]);
  return { job: spec.name, findings, worst: worstSeverity(findings), clustersChecked: problems.length === 0 };

  async function read(
    side: 'source' | 'sink',
    ref: ClusterRef,
    wanted: { topics: string[]; pattern?: TopicPattern },
  ): Promise<ClusterReading | undefined> {
    let bootstrap = describeRef(ref);
    try {
      const connection = await resolveCluster(ref, deps.resolveCluster);
      bootstrap = connection.brokers.join(',');
      const metadata = await readMetadataView(shortKafka(connection, 'sluice-lint'));
      return await readClusterFacts(
        (address) => shortKafka(connection, 'sluice-lint', [address]),
        bootstrap,
        wanted,
        metadata,
      );
    } catch (error) {
      const classified = classifyError(error);
      problems.push({
        ruleId: 'cluster-unreachable',
        hintId: classified.hintId,
        severity: 'warning',
        where: `${side}.cluster`,
        message: `cannot read the ${side} cluster ${bootstrap}, so its topics and broker configs were not checked: ${classified.message}`,
        remedy: `run \`sluice cluster test\` for the cluster, then lint again`,
      });
      return undefined;
    }
  }
}

function describeRef(ref: ClusterRef): string {
  return 'profile' in ref ? `profile "${ref.profile}"` : ref.bootstrapServers.join(',');
}

function sameRef(a: ClusterRef, b: ClusterRef): boolean {
  if ('profile' in a || 'profile' in b) return 'profile' in a && 'profile' in b && a.profile === b.profile;
  return a.bootstrapServers.join(',') === b.bootstrapServers.join(',');
}
