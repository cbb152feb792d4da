import { describe, expect, it, vi } from 'vitest';
import type { ClusterHealth } from '../../../engine/health/index';
import { parseClusterProfile, type ClusterProfile } from '../../../engine/spec/cluster-profile';
import type { ChannelOpener } from '../../../engine/transport/index';
import { HealthService } from './health-service';

function profile(input: object): ClusterProfile {
  const parsed = parseClusterProfile({ name: 'prod', bootstrapServers: ['k:9092'], ...input });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.value;
}

const result = { cluster: 'prod', healthy: true } as ClusterHealth;
const connection = { brokers: ['k:9092'] };

describe('HealthService', () => {
  it('checks the resolved connection, without ZooKeeper when the profile has none', async () => {
    const health = vi.fn(async () => result);
    const tunnel = vi.fn(async () => undefined);
    const service = new HealthService({
      getCluster: () => profile({}),
      resolve: async () => connection,
      tunnel,
      health,
    });
    expect(await service.health('prod')).toBe(result);
    expect(health).toHaveBeenCalledWith(connection, { cluster: 'prod' });
    expect(tunnel).not.toHaveBeenCalled();
  });

  it("reads ZooKeeper through the profile's tunnel", async () => {
    const opener = {} as ChannelOpener;
    const health = vi.fn(async () => result);
    const service = new HealthService({
      getCluster: () => profile({ zookeeper: { connect: 'zk:2181/kafka' } }),
      resolve: async () => connection,
      tunnel: async () => opener,
      health,
    });
    await service.health('prod');
    expect(health).toHaveBeenCalledWith(connection, {
      cluster: 'prod',
      zookeeper: expect.objectContaining({ connect: 'zk:2181/kafka', tunnel: opener }),
    });
  });

  it('refuses an unknown cluster by name', async () => {
    const service = new HealthService({
      getCluster: () => undefined,
      resolve: vi.fn(),
      tunnel: vi.fn(),
      health: vi.fn(),
    });
    await expect(service.health('nope')).rejects.toThrow('no cluster named "nope"');
  });
});
