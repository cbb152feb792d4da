import { EventEmitter } from 'node:events';
import type { Kafka } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import type { LagCycle, LevelChange, PartitionWindow } from '../lag-status.js';
import type { FromLagHost, LagHostCall, ToLagHost } from './lag-host-protocol.js';
import { LagHostSession, type HistoryLike, type LagHostDeps, type MonitorLike } from './lag-host-session.js';

// The lag host's session with a fake monitor and store: what it writes, seeds, answers and sends.

const cycle = (cluster: string, at: number): LagCycle => ({
  cluster,
  at,
  groups: [{ groupId: 'g', status: 'STOP', level: 'ERR', totalLag: 4, maxTimeLagMs: 9, complete: 1, partitions: [] }],
  cost: { requests: 3, durationMs: 12, cpuMs: 5, heapUsedBytes: 1 },
});

class FakeMonitor extends EventEmitter implements MonitorLike {
  started = false;
  stopped = false;
  readonly seeded: [string, PartitionWindow[]][] = [];
  constructor(readonly onCycle: (c: LagCycle) => Promise<void>) {
    super();
  }
  start(): void {
    this.started = true;
  }
  async stop(): Promise<void> {
    this.stopped = true;
  }
  seed(groupId: string, windows: PartitionWindow[]): void {
    this.seeded.push([groupId, windows]);
  }
}

function fakeHistory(dir: string, readOnly: boolean) {
  const appended: LagCycle[] = [];
  const window: PartitionWindow = { topic: 't', partition: 0, commits: [{ offset: 1, at: 1, lag: 0 }], logEnd: 1 };
  const history: HistoryLike & { appended: LagCycle[]; closed: boolean; dir: string; readOnly: boolean } = {
    appended,
    closed: false,
    dir,
    readOnly,
    append: async (c) => void appended.push(c),
    groupSeries: async (group, range) => [
      { at: range.from, status: 'OK', level: 'OK', totalLag: group.length, maxTimeLagMs: null },
    ],
    partitionSeries: async () => [],
    allWindows: async () => new Map([['stored-group', { at: 1, windows: [window] }]]),
    maintain: async () => undefined,
    close: async () => void (history.closed = true),
  };
  return history;
}

function harness(options: { unreachable?: boolean } = {}) {
  const sent: FromLagHost[] = [];
  let deliver: (message: ToLagHost) => void = () => undefined;
  const monitors: FakeMonitor[] = [];
  const histories: ReturnType<typeof fakeHistory>[] = [];
  const closedClients: string[] = [];
  let exitCode: number | undefined;
  const deps: LagHostDeps = {
    createMonitor: (options) => {
      const monitor = new FakeMonitor(options.onCycle);
      monitors.push(monitor);
      return monitor;
    },
    openHistory: async (dir, options) => {
      const history = fakeHistory(dir, options?.readOnly ?? false);
      histories.push(history);
      return history;
    },
    kafkaFor: async (cluster) => {
      if (options.unreachable) throw new Error(`no profile named "${cluster}"`);
      return { kafka: {} as Kafka, close: async () => void closedClients.push(cluster) };
    },
  };
  new LagHostSession(
    { send: (m) => sent.push(m), onMessage: (listener) => (deliver = listener) },
    deps,
    (code) => (exitCode = code),
  );
  let seq = 0;
  const call = async (message: LagHostCall) => {
    const id = ++seq;
    deliver({ ...message, seq: id } as ToLagHost);
    for (let i = 0; i < 100; i++) {
      const reply = sent.find((m) => m.kind === 'reply' && m.seq === id);
      if (reply) return reply as Extract<FromLagHost, { kind: 'reply' }>;
      await new Promise((resolve) => setImmediate(resolve));
    }
    throw new Error(`no reply to ${message.call}`);
  };
  return { sent, monitors, histories, closedClients, call, exitCode: () => exitCode };
}

const watch = (cluster: string) => ({
  call: 'watch' as const,
  watch: {
    cluster,
    connections: { profiles: {}, secrets: {} },
    intervalMs: 2_000,
    windowSize: 4,
    historyDir: `/data/lag/${cluster}`,
  },
});

describe('LagHostSession', () => {
  it('says it is ready, then watches: seeds from the stored windows and starts the monitor', async () => {
    const h = harness();
    expect(h.sent[0]).toMatchObject({ kind: 'ready' });
    expect(await h.call(watch('prod'))).toEqual({ kind: 'reply', seq: 1 });
    expect(h.histories[0]).toMatchObject({ dir: '/data/lag/prod', readOnly: false });
    expect(h.monitors[0]!.seeded.map(([group]) => group)).toEqual(['stored-group']);
    expect(h.monitors[0]!.started).toBe(true);
  });

  it('writes each cycle to the store, keeps it as the snapshot and sends a small note', async () => {
    const h = harness();
    await h.call(watch('prod'));
    await h.monitors[0]!.onCycle(cycle('prod', 1_000));
    expect(h.histories[0]!.appended.map((c) => c.at)).toEqual([1_000]);
    expect(h.sent).toContainEqual({ kind: 'cycle', cluster: 'prod', at: 1_000, groups: 1, durationMs: 12 });
    const snapshot = await h.call({ call: 'snapshot', cluster: 'prod' });
    expect(snapshot.result).toMatchObject({ cluster: 'prod', at: 1_000, groups: [{ groupId: 'g', level: 'ERR' }] });
    expect((await h.call({ call: 'snapshot', cluster: 'other' })).result).toBeUndefined();
  });

  it('passes level changes and monitor errors on', async () => {
    const h = harness();
    await h.call(watch('prod'));
    const change: LevelChange = { cluster: 'prod', groupId: 'g', from: 'OK', to: 'ERR', status: 'STOP', at: 5 };
    h.monitors[0]!.emit('change', change);
    h.monitors[0]!.emit('error', new Error('broker gone'));
    expect(h.sent).toContainEqual({ kind: 'change', change });
    expect(h.sent).toContainEqual({ kind: 'error', cluster: 'prod', message: 'broker gone' });
  });

  it('watching again replaces the monitor; unwatch stops it and closes store and client', async () => {
    const h = harness();
    await h.call(watch('prod'));
    await h.call(watch('prod'));
    expect(h.monitors[0]!.stopped).toBe(true);
    expect(h.histories[0]!.closed).toBe(true);
    await h.call({ call: 'unwatch', cluster: 'prod' });
    expect(h.monitors[1]!.stopped).toBe(true);
    expect(h.histories[1]!.closed).toBe(true);
    expect(h.closedClients).toEqual(['prod', 'prod']);
  });

  it('reads history from the watched store, or opens an unwatched one read-only for the answer', async () => {
    const h = harness();
    await h.call(watch('prod'));
    const range = { from: 10, to: 20 };
    const watched = await h.call({ call: 'history', cluster: 'prod', historyDir: '/x', group: 'abc', range });
    expect(watched.result).toEqual({
      groups: [{ at: 10, status: 'OK', level: 'OK', totalLag: 3, maxTimeLagMs: null }],
      partitions: [],
    });
    expect(h.histories).toHaveLength(1);
    await h.call({ call: 'history', cluster: 'old', historyDir: '/data/lag/old', group: 'g', range });
    expect(h.histories[1]).toMatchObject({ dir: '/data/lag/old', readOnly: true, closed: true });
  });

  it('answers a failed watch with the error and keeps no store open', async () => {
    const h = harness({ unreachable: true });
    const reply = await h.call(watch('gone'));
    expect(reply.error).toMatchObject({ message: 'no profile named "gone"' });
    expect(h.histories[0]!.closed).toBe(true);
    expect(h.monitors).toHaveLength(0);
  });

  it('stops every monitor and exits on stop', async () => {
    const h = harness();
    await h.call(watch('prod'));
    await h.call(watch('test'));
    expect((await h.call({ call: 'stop' })).error).toBeUndefined();
    expect(h.monitors.map((m) => m.stopped)).toEqual([true, true]);
    expect(h.exitCode()).toBe(0);
  });
});
