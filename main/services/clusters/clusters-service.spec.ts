import { describe, expect, it } from 'vitest';
import { parseClusterProfile, type ClusterProfile } from '../../../engine/spec/cluster-profile';
import { ClustersService, type ClusterStore } from './clusters-service';

function memoryStore(): ClusterStore {
  let clusters: ClusterProfile[] = [];
  return {
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
});
