import { describe, expect, it } from 'vitest';
import type { FromLagHost, ToLagHost } from '../../../engine/lag/host/lag-host-protocol';
import type { HostExit, HostProcess } from '../jobs/job-host-process';
import { lagSettingsSchema, type LagSettings } from './lag-args';
import { LagService } from './lag-service';

// The lag service against a fake lag host: what it keeps in settings, sends to the host and emits.

function fakeHost() {
  const received: ToLagHost[] = [];
  let listener: (message: FromLagHost) => void = () => undefined;
  const exits: ((exit: HostExit) => void)[] = [];
  let launches = 0;
  let failMaintain = false;
  const process: HostProcess<ToLagHost, FromLagHost> = {
    pid: 1,
    send: (message) => {
      received.push(message);
      if (message.call === 'maintain' && failMaintain) {
        const error = { name: 'Error', message: 'disk full', hintId: 'unknown', retriable: false } as const;
        queueMicrotask(() => listener({ kind: 'reply', seq: message.seq, error }));
        return;
      }
      const result =
        message.call === 'snapshot'
          ? { cluster: message.cluster, at: 7, groups: [] }
          : message.call === 'history'
            ? { groups: [{ at: 1, status: 'OK', level: 'OK', totalLag: 0, maxTimeLagMs: null }], partitions: [] }
            : undefined;
      queueMicrotask(() => listener({ kind: 'reply', seq: message.seq, ...(result ? { result } : {}) }));
      if (message.call === 'stop') queueMicrotask(() => exits.forEach((e) => e({ code: 0, signal: null, stderr: '' })));
    },
    onMessage: (l) => {
      listener = l;
      queueMicrotask(() => l({ kind: 'ready', pid: 1 }));
    },
    onExit: (l) => void exits.push(l),
    kill: () => undefined,
  };
  return {
    received,
    launch: () => {
      launches++;
      return process;
    },
    push: (message: FromLagHost) => listener(message),
    crash: () => exits.forEach((e) => e({ code: 1, signal: null, stderr: 'boom' })),
    launches: () => launches,
    failMaintain: () => void (failMaintain = true),
  };
}

function setup(clusters = ['prod'], maintainEveryMs?: number) {
  const host = fakeHost();
  let stored: LagSettings = lagSettingsSchema.parse({});
  const emitted: [string, unknown][] = [];
  const service = new LagService({
    settings: {
      lagSettings: () => stored,
      setLagSettings: (s) => void (stored = s),
      getCluster: (name) => (clusters.includes(name) ? { name } : undefined),
    },
    connections: async (cluster) => ({
      profiles: { [cluster]: { name: cluster, bootstrapServers: ['b:9092'] } },
      secrets: {},
    }),
    launch: host.launch,
    dataDir: '/data',
    emit: (channel, payload) => void emitted.push([channel, payload]),
    now: () => 3_600_000 * 5,
    restartDelayMs: 0,
    ...(maintainEveryMs ? { maintainEveryMs } : {}),
  });
  return { host, service, emitted, settings: () => stored };
}

describe('LagService', () => {
  it('keeps a watched cluster in settings and starts its monitor in the host with its history dir', async () => {
    const { host, service, settings } = setup();
    expect(await service.setWatch({ cluster: 'prod', watch: true, intervalMs: 2_000, windowSize: 4 })).toEqual({
      cluster: 'prod',
      watched: true,
      intervalMs: 2_000,
      windowSize: 4,
    });
    expect(settings().watched).toEqual({ prod: { intervalMs: 2_000, windowSize: 4 } });
    expect(host.received[0]).toMatchObject({
      call: 'watch',
      watch: { cluster: 'prod', intervalMs: 2_000, windowSize: 4, historyDir: '/data/lag/prod' },
    });
    await service.setWatch({ cluster: 'prod', watch: false });
    expect(settings().watched).toEqual({});
    expect(host.received[1]).toMatchObject({ call: 'unwatch', cluster: 'prod' });
  });

  it('refuses an unknown cluster and an interval out of range, naming the field', async () => {
    const { service, host } = setup();
    await expect(service.setWatch({ cluster: 'nope', watch: true })).rejects.toThrow('no cluster named "nope"');
    await expect(service.setWatch({ cluster: 'prod', watch: true, intervalMs: 10 })).rejects.toMatchObject({
      problems: [{ path: 'intervalMs', message: 'expected at least 1000 ms (1 s)' }],
    });
    expect(host.launches()).toBe(0);
  });

  it('answers status from the host snapshot with the muted groups, and nothing for an unwatched cluster', async () => {
    const { service, host } = setup();
    expect(await service.status('prod')).toMatchObject({ watched: false, at: null, groups: [], intervalMs: 30_000 });
    expect(host.launches()).toBe(0);
    await service.setWatch({ cluster: 'prod', watch: true });
    service.mute('prod', 'billing', true);
    expect(await service.status('prod')).toMatchObject({ watched: true, at: 7, muted: ['billing'] });
  });

  it('answers an empty history for a cluster never watched, without starting the host', async () => {
    const { service, host } = setup();
    expect(await service.history('prod', 'billing', 'day')).toEqual({
      group: 'billing',
      from: 3_600_000 * 5 - 86_400_000,
      to: 3_600_000 * 5,
      groups: [],
      partitions: [],
    });
    expect(host.launches()).toBe(0);
  });

  it('asks the history of the chosen range, ending now', async () => {
    const { service, host } = setup();
    await service.setWatch({ cluster: 'prod', watch: true });
    const history = await service.history('prod', 'billing', 'hour');
    expect(history).toMatchObject({ group: 'billing', from: 3_600_000 * 4, to: 3_600_000 * 5 });
    expect(host.received[1]).toMatchObject({ call: 'history', historyDir: '/data/lag/prod', group: 'billing' });
    const csv = await service.export('prod', 'billing', 'hour');
    expect(csv).toMatchObject({ mime: 'text/csv', rows: 1 });
    expect(csv.suggestedName).toBe('lag-prod-billing-1970-01-01T05-00-00-000Z.csv');
  });

  it('marks a muted group’s level change not to notify, and mute can be undone', async () => {
    const { service, host, emitted } = setup();
    await service.setWatch({ cluster: 'prod', watch: true });
    const change = { cluster: 'prod', groupId: 'billing', from: 'OK', to: 'ERR', status: 'STOP', at: 1 } as const;
    host.push({ kind: 'change', change });
    expect(service.mute('prod', 'billing', true)).toEqual(['billing']);
    host.push({ kind: 'change', change });
    expect(service.mute('prod', 'billing', false)).toEqual([]);
    expect(emitted.filter(([c]) => c === 'lag:change').map(([, p]) => (p as { notify: boolean }).notify)).toEqual([
      true,
      false,
    ]);
  });

  it('announces a cluster’s failing cycles once until one succeeds', async () => {
    const { service, host, emitted } = setup();
    await service.setWatch({ cluster: 'prod', watch: true });
    host.push({ kind: 'error', cluster: 'prod', message: 'broker down' });
    host.push({ kind: 'error', cluster: 'prod', message: 'broker down' });
    host.push({ kind: 'cycle', cluster: 'prod', at: 5, groups: 2, durationMs: 3 });
    host.push({ kind: 'error', cluster: 'prod', message: 'broker down' });
    expect(emitted.map(([c]) => c)).toEqual(['app:notice', 'lag:cycle', 'app:notice']);
  });

  it('watches a changed profile again, and forgets a deleted one', async () => {
    const clusters = ['prod', 'test'];
    const { service, host, settings } = setup(clusters);
    await service.setWatch({ cluster: 'prod', watch: true });
    await service.setWatch({ cluster: 'test', watch: true });
    service.mute('test', 'billing', true);
    await service.profileChanged('prod');
    expect(host.received.filter((m) => m.call === 'watch').map((m) => m.call === 'watch' && m.watch.cluster)).toEqual([
      'prod',
      'test',
      'prod',
    ]);
    clusters.splice(clusters.indexOf('test'), 1);
    await service.profileChanged('test');
    expect(settings()).toEqual({ watched: { prod: { intervalMs: 30_000, windowSize: 10 } }, muted: {} });
    expect(host.received.at(-1)).toMatchObject({ call: 'unwatch', cluster: 'test' });
  });

  it('starts the host again after it died and watches the watched clusters again', async () => {
    const { service, host, emitted } = setup();
    await service.setWatch({ cluster: 'prod', watch: true });
    host.crash();
    expect(emitted[0]).toMatchObject(['app:notice', { level: 'warning' }]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(host.launches()).toBe(2);
    expect(host.received.filter((m) => m.call === 'watch')).toHaveLength(2);
    await service.close();
  });

  it('says when rolling history up fails, instead of dropping the error', async () => {
    const { service, host, emitted } = setup(['prod'], 5);
    await service.setWatch({ cluster: 'prod', watch: true });
    host.failMaintain();
    await new Promise((resolve) => setTimeout(resolve, 30));
    await service.close();
    expect(host.received.some((m) => m.call === 'maintain')).toBe(true);
    expect(emitted.find(([channel]) => channel === 'app:notice')).toEqual([
      'app:notice',
      {
        level: 'warning',
        message: expect.stringContaining('Lag history could not be rolled up and trimmed: disk full'),
      },
    ]);
  });
});
