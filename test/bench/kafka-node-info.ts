import type { KafkaNodeInfo } from './bench-info.js';
import type { KafkaNodeSpec, PreparedKafkaNode } from './kafka-node.js';

export function kafkaNodeInfo(node: PreparedKafkaNode): KafkaNodeInfo {
  const spec: KafkaNodeSpec = node.spec;
  return {
    name: spec.name,
    nodeId: spec.nodeId,
    bootstrap: `127.0.0.1:${spec.port}`,
    port: spec.port,
    ...(spec.mode.kind === 'kraft' ? { controllerPort: spec.mode.controllerPort } : {}),
    configPath: node.configPath,
    logPath: node.logPath,
  };
}
