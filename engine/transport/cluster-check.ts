import { connect as netConnect } from 'node:net';
import kafkajs, { type Admin } from 'kafkajs';
import { newKafkaClient } from '../codecs/index.js';
import { classifyError, ConnectionError, type HintId, type SluiceError } from '../errors/index.js';
import type { ClusterConnection } from '../job/kafka-clients.js';
import type { ClusterProfile } from '../spec/cluster-profile.js';
import { checkRegistry } from '../registry/registry-check.js';
import { refusedHostKey, type RefusedHostKey } from './check-host-key.js';
import { clusterConnection, createTunnel, type ProfileDeps } from './cluster-connections.js';
import type { SshStage } from './ssh-errors.js';
import type { SshTunnel } from './ssh-tunnel.js';
import { readZookeeperCluster } from './zookeeper-cluster.js';

const { logLevel } = kafkajs;

export type CheckStepName =
  'ssh-connect' | 'host-key' | 'ssh-auth' | 'bootstrap' | 'metadata' | 'broker' | 'zookeeper' | 'registry';

export interface CheckStep {
  step: CheckStepName;
  /** What the step reached: `user@jump:22`, a broker's `host:port`, the ZooKeeper connect string. */
  target: string;
  status: 'ok' | 'failed' | 'skipped';
  durationMs: number;
  detail?: string;
  error?: { message: string; hintId: HintId; retriable: boolean };
  /** On a failed `host-key` step: the key the jump host presented, for a trust decision. */
  hostKey?: RefusedHostKey;
}

/** A step under way: reported through `onStep` before its outcome is known. */
export interface RunningCheckStep {
  step: CheckStepName;
  target: string;
  status: 'running';
  durationMs: 0;
}

/**
 * Live progress of a check: each step as it starts (`running`) and as it ends (`ok`, `failed` or
 * `skipped`; skipped steps are only reported ending). `index` is the step's place in the final
 * `steps`, the same for its start and its end.
 */
export type CheckStepListener = (step: CheckStep | RunningCheckStep, index: number) => void;

export interface CheckOptions extends ProfileDeps {
  onStep?: CheckStepListener;
}

export interface ClusterCheck {
  profile: string;
  ok: boolean;
  steps: CheckStep[];
}

const SSH_STEPS: Record<SshStage, CheckStepName> = { connect: 'ssh-connect', 'host-key': 'host-key', auth: 'ssh-auth' };
const SSH_ORDER: SshStage[] = ['connect', 'host-key', 'auth'];

// Short timeouts: a check answers in seconds, where a job would keep trying.
const CHECK_CONNECTION_TIMEOUT_MS = 5_000;
const CHECK_REQUEST_TIMEOUT_MS = 10_000;

/**
 * Walks the path a job takes to a cluster, one timed step at a time: the SSH connection (TCP,
 * host key, authentication), the bootstrap connection, metadata, then every broker at the address
 * it advertises, then ZooKeeper. The first failure ends the walk; later steps are `skipped`.
 */
export async function checkCluster(profile: ClusterProfile, deps: CheckOptions = {}): Promise<ClusterCheck> {
  const log = new StepLog(deps.onStep);
  const check = (): ClusterCheck => ({
    profile: profile.name,
    ok: log.steps.every((s) => s.status !== 'failed'),
    steps: log.steps,
  });
  let tunnel: SshTunnel | undefined;
  const admins: Admin[] = [];
  try {
    if (profile.ssh) {
      tunnel = await sshSteps(profile, deps, log);
      if (!tunnel) return skipRest(check(), profile, log);
    }
    let connection: ClusterConnection;
    const bootstrapTarget = profile.bootstrapServers.join(',');
    const bootstrapStartedAt = log.start('bootstrap', bootstrapTarget);
    let startedAt = bootstrapStartedAt;
    try {
      connection = await clusterConnection(profile, tunnel, deps);
      const admin = checkKafka(connection, connection.brokers).admin();
      admins.push(admin);
      await admin.connect();
      log.push(ok('bootstrap', bootstrapTarget, startedAt, describeSecurity(profile)));

      startedAt = log.start('metadata', bootstrapTarget);
      const cluster = await admin.describeCluster();
      log.push(
        ok(
          'metadata',
          bootstrapTarget,
          startedAt,
          `cluster ${cluster.clusterId}, ${cluster.brokers.length} broker(s), controller ${cluster.controller ?? 'none'}`,
        ),
      );
      for (const broker of [...cluster.brokers].sort((a, b) => a.nodeId - b.nodeId)) {
        const address = `${broker.host}:${broker.port}`;
        startedAt = log.start('broker', address);
        try {
          await reach(tunnel, broker.host, broker.port, connection.connectionTimeoutMs ?? CHECK_CONNECTION_TIMEOUT_MS);
          const single = checkKafka(connection, [address]).admin();
          admins.push(single);
          await single.connect();
          log.push(ok('broker', address, startedAt, `node ${broker.nodeId}, advertised address reachable`));
        } catch (error) {
          log.push(failed('broker', address, startedAt, brokerError(error, address)));
        }
      }
    } catch (error) {
      if (log.has('bootstrap') && !log.has('metadata') && unanswered(error)) {
        // kafkajs's connect resolves when the bootstrap address accepted TCP but never answered a
        // request; the first real request then finds no broker. That is the bootstrap step failing.
        log.replace(
          'bootstrap',
          failed('bootstrap', bootstrapTarget, bootstrapStartedAt, silentBootstrap(error, bootstrapTarget)),
        );
      } else {
        const step = log.has('bootstrap') ? 'metadata' : 'bootstrap';
        log.push(failed(step, bootstrapTarget, startedAt, classifyError(error)));
      }
      return skipRest(check(), profile, log);
    }
    if (profile.zookeeper) {
      startedAt = log.start('zookeeper', profile.zookeeper.connect);
      try {
        const view = await readZookeeperCluster(profile.zookeeper.connect, {
          ...(tunnel ? { tunnel } : {}),
          sessionTimeoutMs: profile.zookeeper.sessionTimeoutMs,
          topics: [],
        });
        const ids = view.brokers.map((b) => b.id).join(',') || 'none';
        log.push(
          ok(
            'zookeeper',
            profile.zookeeper.connect,
            startedAt,
            `brokers ${ids}, controller ${view.controller ?? 'none'}`,
          ),
        );
      } catch (error) {
        log.push(failed('zookeeper', profile.zookeeper.connect, startedAt, classifyError(error)));
      }
    }
    if (connection.registry) {
      startedAt = log.start('registry', connection.registry.url);
      const outcome = await checkRegistry(connection.registry, CHECK_REQUEST_TIMEOUT_MS);
      log.push(
        outcome.ok
          ? ok('registry', connection.registry.url, startedAt, outcome.detail)
          : failed('registry', connection.registry.url, startedAt, outcome.error),
      );
    }
    return check();
  } finally {
    await Promise.all(admins.map((admin) => admin.disconnect().catch(() => undefined)));
    await tunnel?.close();
  }
}

/** The steps so far; tells the listener of each step's start and end. A listener that throws is ignored. */
class StepLog {
  readonly steps: CheckStep[] = [];
  readonly #listener: CheckStepListener | undefined;

  constructor(listener: CheckStepListener | undefined) {
    this.#listener = listener;
  }

  /** Announces the next step; returns its start time. */
  start(step: CheckStepName, target: string): number {
    this.#tell({ step, target, status: 'running', durationMs: 0 }, this.steps.length);
    return performance.now();
  }

  push(step: CheckStep): void {
    this.steps.push(step);
    this.#tell(step, this.steps.length - 1);
  }

  /** Corrects the outcome of a step already ended (reported again at its index). */
  replace(name: CheckStepName, step: CheckStep): void {
    const index = this.steps.findIndex((s) => s.step === name);
    this.steps[index] = step;
    this.#tell(step, index);
  }

  has(step: CheckStepName): boolean {
    return this.steps.some((s) => s.step === step);
  }

  #tell(step: CheckStep | RunningCheckStep, index: number): void {
    try {
      this.#listener?.(step, index);
    } catch {
      // Progress is a courtesy: a broken display must not change the check's outcome.
    }
  }
}

async function sshSteps(profile: ClusterProfile, deps: ProfileDeps, log: StepLog): Promise<SshTunnel | undefined> {
  const ssh = profile.ssh!;
  const target = `${ssh.user}@${ssh.host}:${ssh.port}`;
  let startedAt = performance.now();
  let tunnel: SshTunnel;
  try {
    tunnel = await createTunnel(ssh, deps);
  } catch (error) {
    // The key file or a secret could not be read: authentication cannot even be tried.
    log.push(failed('ssh-auth', target, startedAt, classifyError(error)));
    return undefined;
  }
  const done = new Set<SshStage>();
  startedAt = log.start(SSH_STEPS.connect, target);
  try {
    await tunnel.connect((stage, durationMs, detail) => {
      done.add(stage);
      log.push({ step: SSH_STEPS[stage], target, status: 'ok', durationMs: Math.round(durationMs), detail });
      const next = SSH_ORDER[SSH_ORDER.indexOf(stage) + 1];
      startedAt = next ? log.start(SSH_STEPS[next], target) : performance.now();
    });
    return tunnel;
  } catch (error) {
    const classified = classifyError(error);
    const stage =
      (classified.details?.['stage'] as SshStage | undefined) ?? SSH_ORDER.find((s) => !done.has(s)) ?? 'connect';
    // A key that cannot be read fails before the TCP connect: the stages before it never ran.
    for (const earlier of SSH_ORDER.slice(0, SSH_ORDER.indexOf(stage)).filter((s) => !done.has(s))) {
      log.push({ step: SSH_STEPS[earlier], target, status: 'skipped', durationMs: 0 });
    }
    const step = failed(SSH_STEPS[stage], target, startedAt, classified);
    const hostKey = stage === 'host-key' ? refusedHostKey(classified) : undefined;
    log.push(hostKey ? { ...step, hostKey } : step);
    for (const later of SSH_ORDER.slice(SSH_ORDER.indexOf(stage) + 1)) {
      log.push({ step: SSH_STEPS[later], target, status: 'skipped', durationMs: 0 });
    }
    await tunnel.close();
    return undefined;
  }
}

function skipRest(check: ClusterCheck, profile: ClusterProfile, log: StepLog): ClusterCheck {
  const target = profile.bootstrapServers.join(',');
  if (!log.has('bootstrap')) log.push({ step: 'bootstrap', target, status: 'skipped', durationMs: 0 });
  if (!log.has('metadata')) log.push({ step: 'metadata', target, status: 'skipped', durationMs: 0 });
  if (profile.zookeeper) {
    log.push({ step: 'zookeeper', target: profile.zookeeper.connect, status: 'skipped', durationMs: 0 });
  }
  if (profile.schemaRegistry) {
    log.push({ step: 'registry', target: profile.schemaRegistry.url, status: 'skipped', durationMs: 0 });
  }
  return check;
}

function checkKafka(connection: ClusterConnection, brokers: string[]) {
  return newKafkaClient({
    clientId: connection.clientId ?? 'sluice-cluster-test',
    brokers,
    connectionTimeout: connection.connectionTimeoutMs ?? CHECK_CONNECTION_TIMEOUT_MS,
    requestTimeout: connection.requestTimeoutMs ?? CHECK_REQUEST_TIMEOUT_MS,
    retry: { retries: 1, initialRetryTime: 200, maxRetryTime: 1_000 },
    logLevel: logLevel.NOTHING,
    ...(connection.ssl === undefined ? {} : { ssl: connection.ssl }),
    ...(connection.sasl === undefined ? {} : { sasl: connection.sasl }),
    ...(connection.socketFactory === undefined ? {} : { socketFactory: connection.socketFactory }),
  });
}

/** A plain TCP path to the advertised address: through the tunnel, or directly without one. */
async function reach(tunnel: SshTunnel | undefined, host: string, port: number, timeoutMs: number): Promise<void> {
  if (tunnel) {
    const channel = await tunnel.openChannel(host, port);
    channel.close();
    return;
  }
  await new Promise<void>((resolve, reject) => {
    const socket = netConnect({ host, port });
    socket.setTimeout(timeoutMs, () =>
      socket.destroy(Object.assign(new Error('connect timed out'), { code: 'ETIMEDOUT' })),
    );
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('error', reject);
  });
}

function unanswered(error: unknown): boolean {
  return (error as Error | undefined)?.message === 'Broker not connected';
}

function silentBootstrap(error: unknown, target: string): SluiceError {
  return new ConnectionError(
    `${target} accepted the connection but answered no Kafka request in time: is it a Kafka listener, and does ` +
      `it expect TLS or SASL that the profile does not use?`,
    { hintId: 'broker-unreachable', retriable: true, cause: error },
  );
}

/** A broker the bootstrap told us about but that cannot be reached is an advertised-listener problem. */
function brokerError(error: unknown, address: string): SluiceError {
  const classified = classifyError(error);
  if (classified.hintId !== 'broker-unreachable') return classified;
  return new ConnectionError(`${address} (advertised by the cluster) is not reachable: ${classified.message}`, {
    hintId: 'advertised-listener-unreachable',
    retriable: classified.retriable,
    cause: error,
    ...(classified.details ? { details: classified.details } : {}),
  });
}

function describeSecurity(profile: ClusterProfile): string {
  const tls = profile.tls ? 'TLS' : 'plaintext';
  const sasl = profile.sasl ? `, SASL ${profile.sasl.mechanism.toUpperCase()} as ${profile.sasl.username}` : '';
  const via = profile.ssh ? ', through the SSH tunnel' : '';
  return `${tls}${sasl}${via}`;
}

function ok(step: CheckStepName, target: string, startedAt: number, detail: string): CheckStep {
  return { step, target, status: 'ok', durationMs: Math.round(performance.now() - startedAt), detail };
}

function failed(step: CheckStepName, target: string, startedAt: number, error: SluiceError): CheckStep {
  return {
    step,
    target,
    status: 'failed',
    durationMs: Math.round(performance.now() - startedAt),
    error: { message: error.message, hintId: error.hintId, retriable: error.retriable },
  };
}
