import { inject } from 'vitest';
import type { Cluster3Bench } from './bench-info.js';
import { isComponentRunning, restartComponent, stopComponent, type StopOptions } from './component-control.js';
import { clusterNodeName } from './kraft-cluster.js';

/**
 * Stop and restart single nodes of the three-node KRaft cluster from a test. The global setup runs
 * in another process, so these go through the state files it wrote, not through its handles.
 */
function cluster(): { stateDir: string; cluster3: Cluster3Bench } {
  const bench = inject('bench');
  if (!bench.cluster3) throw new Error('the cluster3 shape is not running; include it in SLUICE_BENCH_SHAPES');
  return { stateDir: bench.stateDir, cluster3: bench.cluster3 };
}

function nodeName(id: number): string {
  if (!nodeIds().includes(id)) throw new Error(`cluster3 has no node ${id}; nodes are ${nodeIds().join(', ')}`);
  return clusterNodeName(id);
}

export function nodeIds(): number[] {
  return cluster().cluster3.nodes.map((node) => node.nodeId);
}

/** `127.0.0.1:<port>` of one node, e.g. to bootstrap a client from the nodes that stay up. */
export function nodeBootstrap(id: number): string {
  const node = cluster().cluster3.nodes.find((candidate) => candidate.nodeId === id);
  if (!node) throw new Error(`cluster3 has no node ${id}`);
  return node.bootstrap;
}

/** SIGTERM (a controlled shutdown), then SIGKILL after `graceMs`; resolves once the process is gone. */
export async function stopNode(id: number, options: StopOptions = {}): Promise<void> {
  await stopComponent(cluster().stateDir, nodeName(id), options);
}

/** Starts the node again with its old config and data; resolves once it is back in the cluster. */
export async function startNode(id: number): Promise<void> {
  await restartComponent(cluster().stateDir, nodeName(id));
}

export function isNodeRunning(id: number): boolean {
  return isComponentRunning(cluster().stateDir, nodeName(id));
}
