import { describe, expect, it } from 'vitest';
import type { Job, JobEvents, JobMetrics, JobState } from '../../../engine/job/index';
import { parseJobSpec, type JobSpec } from '../../../engine/spec/index';
import { JobsService, type JobLaunch, type JobStore } from './jobs-service';

const spec = (name: string): JobSpec => {
  const parsed = parseJobSpec({
    version: 1,
    name,
    source: { cluster: { profile: 'local' }, topics: ['in'], groupId: 'g' },
    sink: { type: 'none' },
  });
  if (!parsed.ok) throw new Error('bad fixture');
  return parsed.value;
};

function store(specs: JobSpec[]): JobStore {
  return {
    listJobs: () => specs,
    getJob: (name) => specs.find((s) => s.name === name),
    saveJob: (input) => input as JobSpec,
    deleteJob: () => undefined,
  };
}

/** A job that moves through states on command and lets the test fire its events. */
class FakeJob implements Job {
  state: JobState = 'created';
  readonly listeners = new Map<string, ((p: unknown) => void)[]>();
  constructor(
    readonly spec: JobSpec,
    readonly options: JobLaunch,
    private readonly failStart = false,
  ) {}
  async start(): Promise<void> {
    if (this.failStart) {
      this.state = 'failed';
      throw Object.assign(new Error('bootstrap unreachable'), { hintId: 'broker-unreachable' });
    }
    this.fire('state', { from: 'created', to: 'running', at: 1 });
    this.state = 'running';
  }
  async stop(): Promise<void> {
    this.state = 'stopped';
  }
  done = (): never => {
    throw new Error('unused');
  };
  metrics(): JobMetrics {
    return { recordsInPerSecond: 12, recordsOutPerSecond: 11, lag: 5, lastCheckpointId: 3 } as JobMetrics;
  }
  on<E extends keyof JobEvents>(event: E, listener: (payload: JobEvents[E]) => void): () => void {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener as (p: unknown) => void]);
    return () => this.listeners.set(event, []);
  }
  fire(event: string, payload: unknown): void {
    for (const l of this.listeners.get(event) ?? []) l(payload);
  }
}

function setup(failStart = false) {
  const jobs: FakeJob[] = [];
  const events: [string, unknown][] = [];
  const service = new JobsService({
    store: store([spec('a'), spec('b')]),
    createJob: (s, o) => {
      const job = new FakeJob(s, o, failStart);
      jobs.push(job);
      return job;
    },
    stateDir: '/tmp/state',
    emit: (channel, payload) => void events.push([channel, payload]),
  });
  return { service, jobs, events };
}

describe('JobsService', () => {
  it('lists every saved job, idle until started', () => {
    expect(
      setup()
        .service.list()
        .map((j) => [j.name, j.state]),
    ).toEqual([
      ['a', 'idle'],
      ['b', 'idle'],
    ]);
  });

  it('starts a job with the app state dir and resolver, forwards its events, and stops it', async () => {
    const { service, jobs, events } = setup();
    const status = await service.start('a', 7);
    expect(status).toMatchObject({ name: 'a', state: 'running', recordsInPerSecond: 12, lag: 5 });
    expect(jobs[0]!.options).toEqual({ stateDir: '/tmp/state', restoreFrom: 7 });
    jobs[0]!.fire('checkpoint', { checkpointId: 4, takenAt: 2, final: false });
    jobs[0]!.fire('error', { error: { message: 'leader moved', hintId: 'leader-election' }, willRestart: true, at: 3 });
    expect(events.map(([c]) => c)).toEqual(['jobs:state', 'jobs:checkpoint', 'jobs:error']);
    expect(events[0]![1]).toMatchObject({ name: 'a', to: 'running' });
    await expect(service.start('a')).rejects.toThrow(/already running/);
    expect(() => service.save(spec('a'))).toThrow(/stop it before editing/);
    expect((await service.stop('a')).state).toBe('stopped');
    await expect(service.stop('a')).rejects.toThrow(/not running/);
  });

  it('forwards troubleshooting hints and keeps the latest in the status', async () => {
    const { service, jobs, events } = setup();
    await service.start('a');
    const hints = [{ id: 'leader-election', active: true, count: 3 }];
    jobs[0]!.fire('hints', { hints, at: 9 });
    expect(events.at(-1)).toEqual(['jobs:hints', { name: 'a', hints, at: 9 }]);
    expect(service.get('a').status.hints).toEqual(hints);
    expect(service.list().find((s) => s.name === 'b')!.hints).toBeUndefined();
  });

  it("gives the job page the copy path of the run's started event, the latest run's", async () => {
    const { service, jobs } = setup();
    await service.start('a');
    expect(service.get('a').copyPath).toBeUndefined();
    const blocked = { kind: 'record', blockers: [{ field: 'sink.topic', reason: '"out" has 2 partitions' }] };
    jobs[0]!.fire('started', { attempt: 1, positions: [], copyPath: { kind: 'shallow' }, at: 1 });
    expect(service.get('a').copyPath).toEqual({ kind: 'shallow' });
    jobs[0]!.fire('started', { attempt: 2, positions: [], copyPath: blocked, at: 2 });
    expect(service.get('a').copyPath).toEqual(blocked);
    await service.stop('a');
    expect(service.get('a').copyPath).toEqual(blocked);
    expect(service.get('b').copyPath).toBeUndefined();
  });

  it('keeps the reason a job could not start in its status', async () => {
    const { service } = setup(true);
    await expect(service.start('b')).rejects.toThrow(/unreachable/);
    expect(service.list()[1]).toMatchObject({
      state: 'failed',
      error: { message: 'bootstrap unreachable', hintId: 'broker-unreachable' },
    });
  });

  it('refuses an unknown job', async () => {
    await expect(setup().service.start('zzz')).rejects.toThrow(/no job named "zzz"/);
  });

  it('quitting waits for each job to stop within the bound, then ends the ones that did not', async () => {
    const { service, jobs } = setup();
    await service.start('a');
    await service.start('b');
    const killed: string[] = [];
    jobs[0]!.stop = async () => {
      jobs[0]!.state = 'stopped';
    };
    jobs[1]!.stop = () => new Promise<void>(() => undefined); // never finishes its final checkpoint
    Object.assign(jobs[1]!, { kill: () => killed.push('b') });
    await service.stopAll(50);
    expect(jobs[0]!.state).toBe('stopped');
    expect(killed).toEqual(['b']);
  });

  it('counts a job as active from its creation, so a second start during the pre-start lint is refused', async () => {
    let releaseLint!: () => void;
    const jobs: FakeJob[] = [];
    const service = new JobsService({
      store: store([spec('a')]),
      createJob: (s, o) => {
        const job = new FakeJob(s, o);
        jobs.push(job);
        return job;
      },
      stateDir: '/tmp/state',
      emit: () => undefined,
      lintWarnings: () => new Promise((resolve) => (releaseLint = () => resolve([]))),
    });
    const first = service.start('a');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(service.list()[0]!.state).toBe('created');
    await expect(service.start('a')).rejects.toThrow('job "a" is already running');
    releaseLint();
    await first;
    expect(jobs).toHaveLength(1);
  });

  it("sends every job's summary each time, and its full metrics only while a job page watches it", async () => {
    const { service, jobs, events } = setup();
    await service.start('a');
    const metrics = { jobName: 'a', takenAt: 5, recordsInPerSecond: 9, recordsOutPerSecond: 8, lag: 3, partitions: [] };
    const sent = () => events.filter(([channel]) => channel === 'jobs:summary' || channel === 'jobs:metrics');
    jobs[0]!.fire('metrics', metrics);
    expect(sent()).toEqual([
      ['jobs:summary', { name: 'a', recordsInPerSecond: 9, recordsOutPerSecond: 8, lag: 3, at: 5 }],
    ]);
    service.watch('a', true);
    service.watch('a', true);
    service.watch('a', false);
    jobs[0]!.fire('metrics', metrics);
    expect(sent().map(([channel]) => channel)).toEqual(['jobs:summary', 'jobs:summary', 'jobs:metrics']);
    service.watch('a', false);
    service.watch('a', false);
    jobs[0]!.fire('metrics', metrics);
    expect(sent().map(([channel]) => channel)).toEqual([
      'jobs:summary',
      'jobs:summary',
      'jobs:metrics',
      'jobs:summary',
    ]);
  });
});
