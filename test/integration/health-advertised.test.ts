import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterHealth } from '../../engine/health/index.js';
import { ClusterConnections } from '../../engine/transport/cluster-connections.js';
import { openLocalForward } from '../../engine/transport/local-forward.js';
import { PORTS, startNetnsKraft, type NetnsKraft } from '../bench/netns-kafka.js';
import { directSocketFactory, startTunnelBench, tunnelProfile, type TunnelBench } from '../bench/netns-fixture.js';
import { makeTlsMaterial } from '../bench/netns-tls.js';

// The reference's advertised.host.name note: the bootstrap answers, but the brokers advertise an
// address this machine cannot reach. The broker lives in its own network namespace and advertises
// `kafka-inside`, a name only that namespace resolves; the jump host can reach it.

let bench: TunnelBench;
let kafka: NetnsKraft;

beforeAll(async () => {
  bench = await startTunnelBench('health-advertised', { needsKafka: true });
  try {
    const tls = await makeTlsMaterial(
      join(bench.ctx.dataDir, 'tls'),
      ['kafka-inside'],
      join(bench.ctx.logDir, 'tls.log'),
    );
    kafka = await startNetnsKraft(bench.ctx, bench.ns, bench.stateDir, { tls, scram: [] });
    bench.onTeardown(() => kafka.process.stop({ graceMs: 5_000 }));
  } catch (error) {
    await bench.teardown();
    throw error;
  }
});
afterAll(async () => {
  await bench?.teardown();
});

describe('advertised listeners', () => {
  it('reports unreachable advertised addresses when only the bootstrap is forwarded, and is healthy through the tunnel', async () => {
    const profile = tunnelProfile(bench.sshd, { name: 'inside', bootstrapServers: [kafka.plaintext] });
    const connections = new ClusterConnections({ lookup: (name) => (name === 'inside' ? profile : undefined) });
    try {
      const tunnelled = await connections.resolve('inside');
      const healthy = await clusterHealth(tunnelled, { cluster: 'inside' });
      expect(healthy.findings).toEqual([]);
      expect(healthy.healthy).toBe(true);
      expect(healthy.brokers).toEqual([
        expect.objectContaining({ host: 'kafka-inside', port: PORTS.plaintext, reachable: true }),
      ]);

      // The half-way setup: a local forward of the bootstrap port only, then direct connections.
      const tunnel = (await connections.tunnel('inside'))!;
      const forward = await openLocalForward(tunnel, 'kafka-inside', PORTS.plaintext);
      try {
        const bootstrap = `${forward.host}:${forward.port}`;
        const direct = await clusterHealth(
          { brokers: [bootstrap], socketFactory: directSocketFactory, connectionTimeoutMs: 3_000 },
          { cluster: 'direct' },
        );
        expect(direct.healthy).toBe(false);
        expect(direct.brokers).toEqual([
          expect.objectContaining({ host: 'kafka-inside', port: PORTS.plaintext, reachable: false }),
        ]);
        const finding = direct.findings.find((f) => f.hintId === 'advertised-listener-unreachable');
        expect(finding).toMatchObject({ severity: 'critical', where: `bootstrap ${bootstrap}` });
        expect(finding!.message).toContain(`bootstrap ${bootstrap} answered`);
        expect(finding!.message).toContain(
          `kafka-inside:${PORTS.plaintext} (node 1): getaddrinfo ENOTFOUND kafka-inside`,
        );
        expect(finding!.message).toContain(`Addresses seen in metadata: kafka-inside:${PORTS.plaintext} (node 1)`);
        expect(finding!.remedy).toContain('SSH jump host');
      } finally {
        await forward.close();
      }
    } finally {
      await connections.close();
    }
  });
});
