import { describe, expect, it, vi } from 'vitest';
import type { LintReport } from '../../../engine/lint/index';
import { parseJobSpec, type JobSpec } from '../../../engine/spec/index';
import { LintService } from './lint-service';

const parsed = parseJobSpec({
  version: 1,
  name: 'orders-copy',
  source: { cluster: { profile: 'prod' }, topics: ['orders'], groupId: 'g' },
  sink: { type: 'kafka', topic: 'orders-copy', acks: 1, idempotent: false },
});
if (!parsed.ok) throw new Error('fixture spec is invalid');
const spec: JobSpec = parsed.value;

const report: LintReport = {
  job: 'orders-copy',
  worst: 'warning',
  clustersChecked: true,
  findings: [
    {
      ruleId: 'acks-below-all',
      hintId: 'data-loss-risk',
      severity: 'warning',
      where: 'sink.acks',
      message: 'sink.acks is 1: ...',
      remedy: 'set sink.acks to "all"',
    },
  ],
};

describe('LintService', () => {
  it('lints the saved spec of the named job', async () => {
    const lint = vi.fn(async () => report);
    const service = new LintService({ getJob: (name) => (name === 'orders-copy' ? spec : undefined), lint });
    expect(await service.lint('orders-copy')).toBe(report);
    expect(lint).toHaveBeenCalledWith(spec);
  });

  it('lints a spec not saved yet, as the editor sends it', async () => {
    const lint = vi.fn(async () => report);
    const service = new LintService({ getJob: () => undefined, lint });
    expect(await service.lintSpec(spec)).toBe(report);
    expect(lint).toHaveBeenCalledWith(spec);
  });

  it('refuses an unknown job by name', async () => {
    const service = new LintService({ getJob: () => undefined, lint: vi.fn() });
    await expect(service.lint('nope')).rejects.toThrow('no job named "nope"');
  });

  it('words each finding as a job warning with severity, where, remedy and hint', async () => {
    const service = new LintService({ getJob: () => spec, lint: async () => report });
    expect(await service.startWarnings(spec)).toEqual([
      'lint warning: sink.acks is 1: ... (sink.acks; remedy: set sink.acks to "all") [hint: data-loss-risk]',
    ]);
  });

  it("leaves the copy path findings out of the start warnings (the job page shows the run's path)", async () => {
    const blocked = {
      ruleId: 'shallow-copy-blocked',
      hintId: 'shallow-copy' as const,
      severity: 'info' as const,
      where: 'sink.partitioner',
      message: 'copies record by record instead of forwarding record batches as bytes: ...',
      remedy: 'to copy shallow, change this; otherwise nothing to do',
    };
    const lint = async () => ({ ...report, findings: [...report.findings, blocked] });
    const service = new LintService({ getJob: () => spec, lint });
    expect(await service.startWarnings(spec)).toEqual([expect.stringMatching(/^lint warning: sink\.acks is 1/)]);
    expect((await service.lint('orders-copy')).findings).toContainEqual(blocked);
  });
});
