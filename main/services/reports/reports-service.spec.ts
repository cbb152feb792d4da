import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Admin } from 'kafkajs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CheckpointStore } from '../../../engine/checkpoints/index';
import type { GroupResetArgs, GroupResetPreview } from '../../ipc/contract';
import type { ClusterAccess } from '../clusters/cluster-access';
import { InvalidInputError } from '../invalid-input-error';
import { ReportsService, type ReportsServiceDeps } from './reports-service';
import type { ReportProgressEvent } from './report-args';

// Kafka itself is exercised by test/integration/cli-report.test.ts; here a fake admin answers the
// three calls a group report makes, so the service's own logic (formats, errors, wiring) is tested.
const fakeAdmin = {
  listTopics: async () => ['orders'],
  fetchOffsets: async () => [
    {
      topic: 'orders',
      partitions: [
        { partition: 0, offset: '4', metadata: null },
        { partition: 1, offset: '-1', metadata: null },
      ],
    },
  ],
  fetchTopicOffsets: async () => [
    { partition: 0, offset: '10', high: '10', low: '0' },
    { partition: 1, offset: '7', high: '7', low: '2' },
  ],
} as unknown as Admin;

const access: ClusterAccess = {
  kafka: async () => {
    throw new Error('no timestamps in this spec');
  },
  withAdmin: async (_cluster, work) => work(fakeAdmin),
};

let stateDir: string;
let resets: { kind: 'preview' | 'apply'; args: GroupResetArgs }[];
let progress: ReportProgressEvent[];
let running: Set<string>;

beforeEach(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'sluice-reports-service-'));
  resets = [];
  progress = [];
  running = new Set();
});
afterEach(async () => {
  await rm(stateDir, { recursive: true, force: true });
});

const plan = (args: GroupResetArgs): GroupResetPreview => ({
  groupId: args.request.groupId,
  groupState: 'Empty',
  activeMembers: 0,
  rows: [],
  createdAt: 1,
});

function service(overrides: Partial<ReportsServiceDeps> = {}): ReportsService {
  return new ReportsService({
    access,
    getJob: (name) =>
      name === 'replay'
        ? ({ name: 'replay', source: { cluster: { profile: 'prod' }, groupId: 'replay-group' } } as never)
        : undefined,
    stateDir,
    resetPreview: async (args) => (resets.push({ kind: 'preview', args }), plan(args)),
    resetApply: async (args) => (resets.push({ kind: 'apply', args }), plan(args)),
    printPdf: async (html) => Buffer.from(`%PDF ${html.length}`),
    sluiceVersion: '9.9.9',
    emitProgress: (event) => progress.push(event),
    isRunning: (name) => running.has(name),
    ...overrides,
  });
}

describe('ReportsService', () => {
  it("exports a group's offsets CSV for saveFile, with progress events", async () => {
    const exported = await service().export({
      kind: 'group',
      name: 'billing',
      cluster: 'prod',
      format: 'offsets-csv',
      timestamps: false,
      requestId: 'r1',
    });
    expect(exported).toMatchObject({
      suggestedName: 'sluice-group-billing-offsets.csv',
      mime: 'text/csv',
      encoding: 'utf8',
      content: 'orders,0,4\n',
      partitions: 1,
      totalLag: 6,
    });
    expect(progress.map((p) => p.stage)).toEqual(['offsets', 'timestamps', 'done', 'rendering']);
    expect(progress.every((p) => p.requestId === 'r1')).toBe(true);
  });

  it('exports PDF as base64 through the injected printer', async () => {
    const exported = await service().export({
      kind: 'group',
      name: 'billing',
      cluster: 'prod',
      format: 'pdf',
      timestamps: false,
    });
    expect(exported.encoding).toBe('base64');
    expect(Buffer.from(exported.content, 'base64').toString()).toMatch(/^%PDF \d+$/);
  });

  it("exports a job's latest checkpoint beside its group's committed offsets", async () => {
    await new CheckpointStore({ stateDir, jobName: 'replay', retain: 3 }).write({
      jobName: 'replay',
      checkpointId: 3,
      takenAt: 5,
      offsets: [{ topic: 'orders', partition: 0, offset: 9 }],
      partitions: [
        { topic: 'orders', partition: 0 },
        { topic: 'orders', partition: 1 },
      ],
      sink: null,
    });
    const exported = await service().export({ kind: 'job', name: 'replay', format: 'json', timestamps: false });
    const report = JSON.parse(exported.content);
    expect(report).toMatchObject({
      kind: 'job',
      job: 'replay',
      groupId: 'replay-group',
      checkpointId: 3,
      cluster: 'prod',
    });
    expect(
      report.partitions.map(
        (p: { checkpointedOffset: number | null; committedOffset: number | null; lag: number | null }) => [
          p.checkpointedOffset,
          p.committedOffset,
          p.lag,
        ],
      ),
    ).toEqual([
      [9, 4, 1],
      [null, null, null],
    ]);
    await expect(service().export({ kind: 'job', name: 'nope', format: 'json', timestamps: false })).rejects.toThrow(
      /no job named "nope"/,
    );
  });

  it('refuses a malformed import with every line as a problem, before any reset', async () => {
    const failure = service().applyPreview({
      fileName: 'x.csv',
      text: 'orders,0,1\norders,zero,2\n',
      cluster: 'prod',
      groupId: 'g',
      clamp: false,
    });
    await expect(failure).rejects.toBeInstanceOf(InvalidInputError);
    await expect(failure).rejects.toMatchObject({
      problems: [{ path: 'line 2', message: 'partition "zero" is not a number' }],
    });
    expect(resets).toEqual([]);
  });

  it("turns an import into the groups service's specific-offsets reset, for preview and apply", async () => {
    const args = { fileName: 'x.csv', text: 'orders,0,1\npayments,2,3\n', cluster: 'prod', groupId: 'g', clamp: true };
    await service().applyPreview(args);
    await service().apply({ ...args, expected: [{ topic: 'orders', partition: 0, current: 5 }] });
    expect(resets.map((r) => r.kind)).toEqual(['preview', 'apply']);
    expect(resets[0]!.args.request).toEqual({
      groupId: 'g',
      to: {
        kind: 'specific',
        offsets: [
          { topic: 'orders', partition: 0, offset: 1 },
          { topic: 'payments', partition: 2, offset: 3 },
        ],
      },
      topics: ['orders', 'payments'],
      outOfRange: 'clamp',
    });
    expect(resets[1]!.args.expected).toEqual([{ topic: 'orders', partition: 0, current: 5 }]);
  });

  it('parses an import and says what it describes', () => {
    expect(service().parse({ fileName: 'x.csv', text: 'orders,1,5\n' })).toEqual({
      format: 'offsets-csv',
      offsets: [{ topic: 'orders', partition: 1, offset: 5 }],
    });
  });

  it('restores a job from a report, refused while the job runs or for an unknown job', async () => {
    running.add('replay');
    await expect(service().restoreJob({ job: 'replay', fileName: 'x.csv', text: 'orders,0,3\n' })).rejects.toThrow(
      /is running/,
    );
    await expect(service().restoreJob({ job: 'ghost', fileName: 'x.csv', text: 'orders,0,3\n' })).rejects.toThrow(
      /no job named/,
    );
    running.clear();
    expect(await service().restoreJob({ job: 'replay', fileName: 'x.csv', text: 'orders,0,3\n' })).toEqual({
      job: 'replay',
      checkpointId: 1,
      offsets: 1,
    });
    expect((await new CheckpointStore({ stateDir, jobName: 'replay', retain: 1 }).latest())?.offsets).toEqual([
      { topic: 'orders', partition: 0, offset: 3 },
    ]);
  });
});
