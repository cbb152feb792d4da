import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'ssh2';
import type { ReadinessCheck } from './component-state.js';

/** Each probe answers undefined when ready, or a short reason that ends up in a timeout message. */
type Probe<K extends ReadinessCheck['kind']> = (
  check: Extract<ReadinessCheck, { kind: K }>,
) => Promise<string | undefined>;

const PROBE_TIMEOUT_MS = 5_000;

export function portListening(host: string, port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (listening: boolean): void => {
      socket.destroy();
      resolve(listening);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** The node must answer metadata itself and list itself as a live broker of the expected cluster. */
const kafkaProbe: Probe<'kafka'> = async (check) => {
  const kafka = new Kafka({
    clientId: 'sluice-bench-probe',
    brokers: [check.bootstrap],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1_000,
    requestTimeout: 3_000,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    if (check.clusterId && cluster.clusterId !== check.clusterId) {
      return `${check.bootstrap} belongs to cluster ${cluster.clusterId}, not ${check.clusterId}`;
    }
    if (!cluster.brokers.some((broker) => broker.nodeId === check.nodeId)) {
      return `broker ${check.nodeId} is not yet registered (live: ${cluster.brokers.map((b) => b.nodeId).join(',') || 'none'})`;
    }
    return undefined;
  } catch (error) {
    return `metadata request failed: ${(error as Error).message}`;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
};

/** ZooKeeper's `ruok` four-letter word answers `imok` only once the server is serving. */
const zookeeperProbe: Probe<'zookeeper'> = (check) =>
  new Promise((resolve) => {
    const socket = connect({ host: check.host, port: check.port });
    let answer = '';
    socket.setTimeout(2_000, () => socket.destroy());
    socket.on('connect', () => socket.write('ruok'));
    socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(answer === 'imok' ? undefined : `ruok answered '${answer}'`));
  });

/** A full key login, so the probe proves the host key, authorized_keys and user setup, not just the port. */
const sshdProbe: Probe<'sshd'> = (check) =>
  new Promise((resolve) => {
    const client = new Client();
    const finish = (problem: string | undefined): void => {
      client.removeAllListeners();
      client.on('error', () => undefined);
      client.end();
      resolve(problem);
    };
    client.once('ready', () => finish(undefined));
    client.once('error', (error) => finish(`ssh login failed: ${error.message}`));
    client.connect({
      host: check.host,
      port: check.port,
      username: check.user,
      privateKey: readFileSync(check.privateKeyPath),
      readyTimeout: 3_000,
    });
  });

/** An HTTP service (a schema registry) is ready when the URL answers 2xx. */
const httpProbe: Probe<'http'> = async (check) => {
  try {
    const response = await fetch(check.url, { signal: AbortSignal.timeout(3_000) });
    return response.ok ? undefined : `GET ${check.url} answered ${response.status}`;
  } catch (error) {
    return `GET ${check.url} failed: ${(error as Error).message}`;
  }
};

function runProbe(check: ReadinessCheck): Promise<string | undefined> {
  switch (check.kind) {
    case 'kafka':
      return kafkaProbe(check);
    case 'zookeeper':
      return zookeeperProbe(check);
    case 'sshd':
      return sshdProbe(check);
    case 'http':
      return httpProbe(check);
  }
}

/** One readiness check: every port must accept connections, then the real protocol check must pass. */
export async function checkReadiness(
  host: string,
  ports: number[],
  check: ReadinessCheck,
): Promise<string | undefined> {
  for (const port of ports) {
    if (!(await portListening(host, port))) return `port ${port} is not listening yet`;
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(
      () => resolve(`${check.kind} check did not answer within ${PROBE_TIMEOUT_MS}ms`),
      PROBE_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([runProbe(check), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
