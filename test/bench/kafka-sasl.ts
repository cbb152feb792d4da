import { join } from 'node:path';
import { inject } from 'vitest';
import type { BenchContext } from './bench-context.js';
import { createRunDirs } from './bench-paths.js';
import { stopComponent } from './component-control.js';
import { freePort } from './free-port.js';
import { ensureKafkaJars, KAFKA_VERSION } from './kafka-jars.js';
import { newClusterId, prepareKafkaNode, startPreparedKafkaNode } from './kafka-node.js';

export interface SaslKafka {
  /** The PLAINTEXT listener: readiness probes and test setup. */
  plainBootstrap: string;
  /** The SASL_PLAINTEXT listener (mechanism PLAIN). */
  saslBootstrap: string;
  user: { username: string; password: string };
  stop(): Promise<void>;
}

/**
 * A one-node KRaft broker with a second, SASL/PLAIN listener, started by the test that needs it
 * (not a bench shape: only the SASL hint test uses it). The PLAINTEXT listener stays, so the bench's
 * readiness probe and inter-broker traffic need no credentials. Recorded in the run's state dir,
 * so the bench teardown stops it if the test does not.
 */
export async function startSaslKafka(label: string): Promise<SaslKafka> {
  const bench = inject('bench');
  const dirs = createRunDirs(join(bench.runDir, label));
  const jarsDir = bench.jarsDir || (await ensureKafkaJars({ logPath: join(dirs.logDir, 'maven.log') }));
  const ctx: BenchContext = { ...dirs, stateDir: bench.stateDir, kafkaVersion: KAFKA_VERSION, jarsDir };
  const [port, saslPort, controllerPort] = [await freePort(), await freePort(), await freePort()];
  const user = { username: 'sluice', password: 'sluice-secret' };
  const name = `${label}-kafka`;
  const jaas =
    'org.apache.kafka.common.security.plain.PlainLoginModule required ' +
    `username="admin" password="admin-secret" user_admin="admin-secret" user_${user.username}="${user.password}";`;
  const node = await prepareKafkaNode(
    {
      name,
      nodeId: 1,
      port,
      mode: { kind: 'kraft', controllerPort, quorumVoters: `1@127.0.0.1:${controllerPort}`, clusterId: newClusterId() },
      overrides: {
        listeners: `PLAINTEXT://127.0.0.1:${port},SASL_PLAINTEXT://127.0.0.1:${saslPort},CONTROLLER://127.0.0.1:${controllerPort}`,
        'advertised.listeners': `PLAINTEXT://127.0.0.1:${port},SASL_PLAINTEXT://127.0.0.1:${saslPort}`,
        'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT',
        'sasl.enabled.mechanisms': 'PLAIN',
        'listener.name.sasl_plaintext.plain.sasl.jaas.config': jaas,
      },
    },
    ctx,
  );
  await startPreparedKafkaNode(node, ctx);
  return {
    plainBootstrap: `127.0.0.1:${port}`,
    saslBootstrap: `127.0.0.1:${saslPort}`,
    user,
    stop: () => stopComponent(ctx.stateDir, name, { graceMs: 5_000 }),
  };
}
