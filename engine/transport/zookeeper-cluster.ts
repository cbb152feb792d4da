import type { Client as ZkClient } from 'node-zookeeper-client';
import { ConnectionError, KafkaError } from '../errors/index.js';
import { loadOnce } from '../load-once.js';
import { openLocalForward, type LocalForward } from './local-forward.js';
import type { ChannelOpener } from './ssh-tunnel.js';

// What a ZooKeeper-mode cluster keeps in ZooKeeper, read for troubleshooting: the live brokers
// and their endpoints, the controller, and each partition's leader and ISR. Read-only.

/** node-zookeeper-client, loaded on the first session: only ZooKeeper-mode troubleshooting needs it. */
const loadZookeeper = loadOnce(async () => (await import('node-zookeeper-client')).default);

export interface ZkBroker {
  id: number;
  /** `PLAINTEXT://host:9092`, one per listener, as the broker advertises them. */
  endpoints: string[];
  host: string | undefined;
  port: number | undefined;
  rack: string | undefined;
}

export interface ZkPartitionState {
  partition: number;
  leader: number;
  leaderEpoch: number;
  isr: number[];
  controllerEpoch: number;
}

export interface ZkTopic {
  name: string;
  partitions: ZkPartitionState[];
}

export interface ZkClusterView {
  brokers: ZkBroker[];
  /** Broker id of the controller; undefined while none is elected. */
  controller: number | undefined;
  topics: ZkTopic[];
}

export interface ZookeeperConnectOptions {
  /** Reach ZooKeeper through this SSH tunnel (every host:port of the connect string is forwarded). */
  tunnel?: ChannelOpener;
  sessionTimeoutMs?: number;
  /** How long to wait for a session before giving up. */
  connectTimeoutMs?: number;
}

/** `h1:p1,h2:p2/chroot` split into its servers and chroot. */
export function parseZookeeperConnect(connect: string): { servers: { host: string; port: number }[]; chroot: string } {
  const slash = connect.indexOf('/');
  const hosts = slash === -1 ? connect : connect.slice(0, slash);
  const chroot = slash === -1 ? '' : connect.slice(slash);
  const servers = hosts.split(',').map((server) => {
    const colon = server.lastIndexOf(':');
    return { host: server.slice(0, colon), port: Number(server.slice(colon + 1)) };
  });
  return { servers, chroot: chroot === '/' ? '' : chroot };
}

/** A read-only ZooKeeper session, through the tunnel when one is given. */
export class ZookeeperSession {
  readonly #client: ZkClient;
  readonly #forwards: LocalForward[];
  readonly #noNode: number;

  private constructor(client: ZkClient, forwards: LocalForward[], noNode: number) {
    this.#client = client;
    this.#forwards = forwards;
    this.#noNode = noNode;
  }

  static async open(connect: string, options: ZookeeperConnectOptions = {}): Promise<ZookeeperSession> {
    const { servers, chroot } = parseZookeeperConnect(connect);
    const zookeeper = await loadZookeeper();
    const forwards: LocalForward[] = [];
    let connectString = connect;
    if (options.tunnel) {
      // node-zookeeper-client opens its own sockets, so each server gets a loopback forward.
      for (const server of servers) forwards.push(await openLocalForward(options.tunnel, server.host, server.port));
      connectString = forwards.map((forward) => `${forward.host}:${forward.port}`).join(',') + chroot;
    }
    const client = zookeeper.createClient(connectString, {
      sessionTimeout: options.sessionTimeoutMs ?? 15_000,
      spinDelay: 500,
      retries: 0,
    });
    const session = new ZookeeperSession(client, forwards, zookeeper.Exception.NO_NODE);
    const timeoutMs = options.connectTimeoutMs ?? 10_000;
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new ConnectionError(`no ZooKeeper session with ${connect} within ${timeoutMs} ms`, {
                hintId: options.tunnel ? 'advertised-listener-unreachable' : 'broker-unreachable',
                details: { zookeeper: connect },
              }),
            ),
          timeoutMs,
        );
        client.once('connected', () => {
          clearTimeout(timer);
          resolve();
        });
        client.connect();
      });
    } catch (error) {
      await session.close();
      throw error;
    }
    return session;
  }

  async close(): Promise<void> {
    this.#client.close();
    await Promise.all(this.#forwards.map((forward) => forward.close()));
  }

  #isNoNode(error: unknown): boolean {
    return (
      typeof error === 'object' &&
      error !== null &&
      'code' in error &&
      (error as { code: number }).code === this.#noNode
    );
  }

  children(path: string): Promise<string[] | undefined> {
    return new Promise((resolve, reject) =>
      this.#client.getChildren(path, (error, children) => {
        if (this.#isNoNode(error)) resolve(undefined);
        else if (error) reject(zkError(path, error));
        else resolve(children);
      }),
    );
  }

  /** The node's data parsed as JSON; undefined when the node does not exist. */
  json<T>(path: string): Promise<T | undefined> {
    return new Promise((resolve, reject) =>
      this.#client.getData(path, (error, data) => {
        if (this.#isNoNode(error)) resolve(undefined);
        else if (error) reject(zkError(path, error));
        else {
          try {
            resolve(data ? (JSON.parse(data.toString('utf8')) as T) : undefined);
          } catch (cause) {
            reject(new KafkaError(`ZooKeeper node ${path} does not hold JSON`, { cause }));
          }
        }
      }),
    );
  }
}

interface BrokerZnode {
  endpoints?: string[];
  host?: string | null;
  port?: number;
  rack?: string | null;
}
interface ControllerZnode {
  brokerid?: number;
}
interface PartitionStateZnode {
  leader?: number;
  leader_epoch?: number;
  isr?: number[];
  controller_epoch?: number;
}

/** Brokers, controller and partition states of a ZooKeeper-mode cluster (the connect string may carry a chroot). */
export async function readZookeeperCluster(
  connect: string,
  options: ZookeeperConnectOptions & { topics?: string[] } = {},
): Promise<ZkClusterView> {
  const session = await ZookeeperSession.open(connect, options);
  try {
    return await readClusterView(session, options.topics);
  } finally {
    await session.close();
  }
}

export async function readClusterView(session: ZookeeperSession, onlyTopics?: string[]): Promise<ZkClusterView> {
  const ids = (await session.children('/brokers/ids')) ?? [];
  const brokers = await Promise.all(
    ids.map(async (id): Promise<ZkBroker> => {
      const znode = (await session.json<BrokerZnode>(`/brokers/ids/${id}`)) ?? {};
      return {
        id: Number(id),
        endpoints: znode.endpoints ?? [],
        host: znode.host ?? undefined,
        port: znode.port === undefined || znode.port < 0 ? undefined : znode.port,
        rack: znode.rack ?? undefined,
      };
    }),
  );
  const controller = (await session.json<ControllerZnode>('/controller'))?.brokerid;
  const names = onlyTopics ?? (await session.children('/brokers/topics')) ?? [];
  const topics: ZkTopic[] = [];
  for (const name of [...names].sort()) {
    const partitionIds = (await session.children(`/brokers/topics/${name}/partitions`)) ?? [];
    const partitions = await Promise.all(
      partitionIds.map(async (id): Promise<ZkPartitionState> => {
        const state = (await session.json<PartitionStateZnode>(`/brokers/topics/${name}/partitions/${id}/state`)) ?? {};
        return {
          partition: Number(id),
          leader: state.leader ?? -1,
          leaderEpoch: state.leader_epoch ?? -1,
          isr: state.isr ?? [],
          controllerEpoch: state.controller_epoch ?? -1,
        };
      }),
    );
    topics.push({ name, partitions: partitions.sort((a, b) => a.partition - b.partition) });
  }
  return { brokers: brokers.sort((a, b) => a.id - b.id), controller, topics };
}

function zkError(path: string, error: unknown): Error {
  return new ConnectionError(`ZooKeeper read of ${path} failed: ${String(error)}`, { cause: error });
}
