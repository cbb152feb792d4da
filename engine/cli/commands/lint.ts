import type { Finding } from '../../diagnosis/finding.js';
import { isCopyPathFinding } from '../../lint/copy-path-rules.js';
import { lintJob, type LintReport } from '../../lint/lint-job.js';
import type { ClusterResolver } from '../../job/kafka-clients.js';
import type { JobSpec } from '../../spec/index.js';
import type { CliIo } from '../cli-io.js';
import { EXIT, UsageError, type ExitCode } from '../exit-codes.js';
import { readValidJobSpec } from '../read-job-spec.js';
import { formatTable, type Column } from '../table.js';
import { cliClusterConnections, type ClusterOptions } from './cluster-profiles.js';

export const LINT_FORMATS = ['table', 'json'] as const;
export type LintFormat = (typeof LINT_FORMATS)[number];

export interface LintOptions extends ClusterOptions {
  format?: LintFormat;
}

/**
 * `sluice lint job.json`: the job's own settings and the topic and broker configs it touches.
 * Exit 1 when a finding is critical (the job would fail or break its delivery guarantee), else 0;
 * an invalid spec exits 2 as with `validate`.
 */
export async function lintCommand(io: CliIo, file: string, options: LintOptions): Promise<ExitCode> {
  const format = options.format ?? 'table';
  if (!LINT_FORMATS.includes(format)) throw new UsageError(`--format must be table or json, got "${format}"`);
  const spec = await readValidJobSpec(file);
  const clusters = cliClusterConnections(io, options);
  try {
    const report = await lintJob(spec, { resolveCluster: clusters.resolve });
    if (format === 'json') io.out(JSON.stringify(report, null, 2));
    else printReport(io, report);
    return report.worst === 'critical' ? EXIT.failure : EXIT.ok;
  } finally {
    await clusters.close();
  }
}

const FINDING_COLUMNS: readonly Column<Finding>[] = [
  {
    header: 'SEVERITY',
    key: 'severity',
    align: 'left',
    value: (f) => f.severity,
    display: (f) => f.severity.toUpperCase(),
  },
  { header: 'RULE', key: 'ruleId', align: 'left', value: (f) => f.ruleId },
  { header: 'HINT', key: 'hintId', align: 'left', value: (f) => f.hintId },
  { header: 'WHERE', key: 'where', align: 'left', value: (f) => f.where },
];

/** The table of findings, then each one's message and remedy. */
export function formatFindings(findings: readonly Finding[]): string {
  const details = findings.map(
    (f, i) => `${i + 1}. ${f.severity.toUpperCase()} ${f.where}: ${f.message}\n   remedy: ${f.remedy}`,
  );
  return [formatTable(FINDING_COLUMNS, findings), '', ...details].join('\n');
}

export function countSummary(findings: readonly Finding[]): string {
  const count = (severity: Finding['severity']) => findings.filter((f) => f.severity === severity).length;
  return `${count('critical')} critical, ${count('warning')} warning(s), ${count('info')} info`;
}

function printReport(io: CliIo, report: LintReport): void {
  if (report.findings.length > 0) io.out(formatFindings(report.findings));
  const scope = report.clustersChecked ? 'spec, topics and brokers' : 'spec only (a cluster could not be read)';
  io.err(
    report.findings.length === 0
      ? `lint "${report.job}": no findings (${scope})`
      : `lint "${report.job}": ${countSummary(report.findings)} (${scope})`,
  );
}

/**
 * Lint before `sluice run`: prints every finding on stderr. Critical findings stop the run unless
 * `force`; returns whether the run may go on.
 */
export async function lintBeforeRun(
  io: CliIo,
  spec: JobSpec,
  resolveCluster: ClusterResolver,
  force: boolean,
): Promise<boolean> {
  const report = await lintJob(spec, { resolveCluster });
  // The run prints the copy path it takes itself (`copy path: ...`), so lint's guess is left out.
  const findings = report.findings.filter((f) => !isCopyPathFinding(f));
  const critical = findings.filter((f) => f.severity === 'critical');
  for (const f of findings) {
    if (f.severity === 'critical' && !force) continue;
    io.err(`lint: ${f.severity.toUpperCase()} ${f.where}: ${f.message} [hint: ${f.hintId}]`);
  }
  if (critical.length === 0) return true;
  if (force) {
    io.err(`lint: ${critical.length} critical finding(s); running anyway (--force)`);
    return true;
  }
  for (const f of critical) {
    io.err(`sluice: lint: ${f.message.replace(/\s*\n\s*/g, ' ')} [hint: ${f.hintId}]`);
    io.err(`  where: ${f.where}; remedy: ${f.remedy}`);
  }
  io.err(
    `sluice: not starting "${spec.name}": ${critical.length} critical lint finding(s); fix them, or pass --force to run anyway (--no-lint skips lint)`,
  );
  return false;
}
