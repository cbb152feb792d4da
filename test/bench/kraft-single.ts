import type { BenchContext } from './bench-context.js';
import type { KraftBench } from './bench-info.js';
import { freePort } from './free-port.js';
import { kafkaNodeInfo } from './kafka-node-info.js';
import { newClusterId, prepareKafkaNode, startPreparedKafkaNode } from './kafka-node.js';

export interface KraftSingleOptions {
  /** Component name; tests that start a second node pick another. */
  name?: string;
  /** A fixed broker port instead of an ephemeral one (the failure tests use a taken port). */
  port?: number;
  controllerPort?: number;
  readyDeadlineMs?: number;
}

/** One combined broker+controller node: the default peer for most tests. */
export async function startKraftSingle(ctx: BenchContext, options: KraftSingleOptions = {}): Promise<KraftBench> {
  const nodeId = 1;
  const port = options.port ?? (await freePort());
  const controllerPort = options.controllerPort ?? (await freePort());
  const clusterId = newClusterId();
  const node = await prepareKafkaNode(
    {
      name: options.name ?? 'kraft',
      nodeId,
      port,
      mode: { kind: 'kraft', controllerPort, quorumVoters: `${nodeId}@127.0.0.1:${controllerPort}`, clusterId },
      ...(options.readyDeadlineMs ? { readyDeadlineMs: options.readyDeadlineMs } : {}),
    },
    ctx,
  );
  await startPreparedKafkaNode(node, ctx);
  return { bootstrap: `127.0.0.1:${port}`, clusterId, node: kafkaNodeInfo(node), kafkaVersion: ctx.kafkaVersion };
}
