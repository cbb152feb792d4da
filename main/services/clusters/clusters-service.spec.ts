import { describe, expect, it } from 'vitest';
import { parseClusterProfile, type ClusterProfile } from '../../../engine/spec/cluster-profile';
import type { CheckStepEvent } from '../../ipc/contract';
import { ClustersService, type ClusterStore } from './clusters-service';

function memoryStore(secrets: Set<string> = new Set(), jobs: unknown[] = []): ClusterStore {
  let clusters: ClusterProfile[] = [];
  return {
    deleteSecret: (id) => void secrets.delete(id),
    secretIds: () => [...secrets],
    listJobs: () => jobs,
    listClusters: () => clusters,
    getCluster: (name) => clusters.find((c) => c.name === name),
    saveCluster(input, previousName) {
      const parsed = parseClusterProfile(input);
      if (!parsed.ok) throw new Error('invalid');
      clusters = [...clusters.filter((c) => c.name !== (previousName ?? parsed.value.name)), parsed.value];
      return parsed.value;
    },
    deleteCluster(name) {
      clusters = clusters.filter((c) => c.name !== name);
    },
  };
}

describe('ClustersService', () => {
  it('saves, renames and deletes, telling the connection pool which profile changed', async () => {
    const changed: string[] = [];
    const service = new ClustersService({
      store: memoryStore(),
      check: async () => ({ profile: '', ok: true, steps: [] }),
      changed: (name) => void changed.push(name),
    });
    await service.save({ name: 'a', bootstrapServers: ['h:1'] });
    await service.save({ name: 'b', bootstrapServers: ['h:2'] }, 'a');
    expect(service.list().map((c) => c.name)).toEqual(['b']);
    await service.delete('b');
    expect(service.list()).toEqual([]);
    expect(changed).toEqual(['a', 'a', 'b']);
  });

  it('tests a saved profile through the injected check, step by step', async () => {
    const seen: string[] = [];
    const service = new ClustersService({
      store: memoryStore(),
      check: async (profile) => (
        seen.push(profile.name),
        {
          profile: profile.name,
          ok: false,
          steps: [{ step: 'bootstrap', target: 'h:1', status: 'failed', durationMs: 3 }],
        }
      ),
    });
    await service.save({ name: 'a', bootstrapServers: ['h:1'] });
    await expect(service.test('a')).resolves.toMatchObject({ ok: false, steps: [{ step: 'bootstrap' }] });
    expect(seen).toEqual(['a']);
    await expect(service.test('zzz')).rejects.toThrow(/no cluster named "zzz"/);
  });

  it('pushes each step of a test as it starts and ends, tagged with the run', async () => {
    const events: CheckStepEvent[] = [];
    const service = new ClustersService({
      store: memoryStore(),
      check: async (profile, onStep) => {
        onStep?.({ step: 'bootstrap', target: 'h:1', status: 'running', durationMs: 0 }, 0);
        onStep?.({ step: 'bootstrap', target: 'h:1', status: 'ok', durationMs: 4 }, 0);
        return { profile: profile.name, ok: true, steps: [] };
      },
      emitStep: (event) => void events.push(event),
    });
    await service.save({ name: 'a', bootstrapServers: ['h:1'] });
    await service.test('a', 'run-1');
    expect(events.map((e) => [e.cluster, e.runId, e.index, e.step.status])).toEqual([
      ['a', 'run-1', 0, 'running'],
      ['a', 'run-1', 0, 'ok'],
    ]);
  });

  it('deletes the stored secrets of a deleted profile unless another profile or a job still uses them', async () => {
    const secrets = new Set(['a/sasl', 'shared/ssh', 'job/only']);
    const jobs = [{ name: 'j', source: { cluster: { sasl: { password: { secret: 'store:job/only' } } } } }];
    const service = new ClustersService({
      store: memoryStore(secrets, jobs),
      check: async () => ({ profile: '', ok: true, steps: [] }),
    });
    const ssh = {
      host: 'jump',
      user: 'ops',
      auth: { type: 'password', password: { secret: 'store:shared/ssh' } },
    };
    await service.save({
      name: 'a',
      bootstrapServers: ['h:1'],
      sasl: { mechanism: 'plain', username: 'u', password: { secret: 'store:a/sasl' } },
      ssh,
    });
    await service.save({ name: 'b', bootstrapServers: ['h:2'], ssh });
    await service.save({
      name: 'c',
      bootstrapServers: ['h:3'],
      sasl: { mechanism: 'plain', username: 'u', password: { secret: 'store:job/only' } },
    });

    await service.delete('a');
    expect([...secrets].sort()).toEqual(['job/only', 'shared/ssh']);
    await service.delete('b');
    expect([...secrets].sort()).toEqual(['job/only']);
    await service.delete('c');
    expect([...secrets]).toEqual(['job/only']);
  });

  it('deletes a secret an edit stopped using, and keeps the ones still referred to', async () => {
    const secrets = new Set(['a/sasl-1', 'a/sasl-2']);
    const service = new ClustersService({
      store: memoryStore(secrets),
      check: async () => ({ profile: '', ok: true, steps: [] }),
    });
    const sasl = (id: string) => ({ mechanism: 'plain', username: 'u', password: { secret: `store:${id}` } });
    await service.save({ name: 'a', bootstrapServers: ['h:1'], sasl: sasl('a/sasl-1') });
    await service.save({ name: 'a', bootstrapServers: ['h:1'], sasl: sasl('a/sasl-1') });
    expect(secrets.has('a/sasl-1')).toBe(true);
    await service.save({ name: 'a2', bootstrapServers: ['h:1'], sasl: sasl('a/sasl-2') }, 'a');
    expect([...secrets]).toEqual(['a/sasl-2']);
  });

  it('deletes secrets the form stored for a save that failed, once that name is saved or deleted', async () => {
    // "a/sshPassword-0f" was stored, then its save was refused; "a/notes" is not the form's.
    const secrets = new Set(['a/saslPassword-1a2b', 'a/sshPassword-0f', 'a/notes', 'ab/sshPassword-0f']);
    const service = new ClustersService({
      store: memoryStore(secrets),
      check: async () => ({ profile: '', ok: true, steps: [] }),
    });
    const sasl = { mechanism: 'plain', username: 'u', password: { secret: 'store:a/saslPassword-1a2b' } };
    await service.save({ name: 'a', bootstrapServers: ['h:1'], sasl });
    expect([...secrets].sort()).toEqual(['a/notes', 'a/saslPassword-1a2b', 'ab/sshPassword-0f']);
    await service.delete('a');
    expect([...secrets].sort()).toEqual(['a/notes', 'ab/sshPassword-0f']);
  });
});
