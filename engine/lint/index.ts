// Lint: a job's own settings and the topic and broker configs it touches, checked before it runs.
export {
  SEVERITIES,
  severityRank,
  sortFindings,
  worstSeverity,
  type Finding,
  type Severity,
} from '../diagnosis/finding.js';
export { LINT_RULES, applyRules, type LintRule, type RuleHit } from './rules.js';
export type { LintInputs, TopicFacts, ClusterFacts, ConfigValue, Configs } from './lint-inputs.js';
export { readClusterFacts, TOPIC_CONFIGS, BROKER_CONFIGS } from './gather-facts.js';
export { lintJob, type LintReport, type LintDeps } from './lint-job.js';
export { shortKafka } from '../diagnosis/short-kafka.js';
