/**
 * What the integration global setup hands to tests through `inject('bench')`. Every address is a
 * loopback ephemeral port, advertised as 127.0.0.1:<port>. A shape left out by
 * SLUICE_BENCH_SHAPES is absent; `benchShape()` in helpers.ts fails a test that needs it.
 */
export interface KafkaNodeInfo {
  /** Component name, also the key for cluster-control: `kraft`, `zk-broker`, `cluster3-node-2`. */
  name: string;
  nodeId: number;
  bootstrap: string;
  port: number;
  /** The KRaft controller listener; absent for a ZooKeeper-mode broker. */
  controllerPort?: number;
  configPath: string;
  logPath: string;
}

export interface KraftBench {
  /** `127.0.0.1:<port>` of the single combined broker+controller node. */
  bootstrap: string;
  clusterId: string;
  node: KafkaNodeInfo;
  /** The Kafka release the node runs (3.9.x for `kraft`, 4.x for `kraft4`). */
  kafkaVersion: string;
}

export interface ZookeeperBench {
  bootstrap: string;
  broker: KafkaNodeInfo;
  zookeeper: {
    /** `127.0.0.1:<port>` without the chroot, for a ZooKeeper client. */
    connect: string;
    port: number;
    /** Where the broker keeps its znodes, e.g. `/kafka` (so broker ids are under `/kafka/brokers/ids`). */
    chroot: string;
    logPath: string;
  };
}

export interface Cluster3Bench {
  /** All three brokers, comma-separated. */
  bootstrap: string;
  brokers: string[];
  clusterId: string;
  nodes: KafkaNodeInfo[];
}

export interface SshdBench {
  host: string;
  port: number;
  user: string;
  /** ed25519 key without a passphrase, authorized for `user`. */
  privateKeyPath: string;
  /** ed25519 key protected by `passphrase`, also authorized. */
  passphraseKeyPath: string;
  passphrase: string;
  /** The host key's fingerprint exactly as `ssh-keygen -lf` prints it: `SHA256:...`. */
  hostKeyFingerprint: string;
  /** `ssh-ed25519 AAAA...` of the host key. */
  hostPublicKey: string;
  /** A known_hosts file that trusts this server (`[127.0.0.1]:<port> ssh-ed25519 ...`). */
  knownHostsPath: string;
  logPath: string;
}

export interface BenchInfo {
  runId: string;
  /** test-results/bench/<run-id>: logs/, config/, state/ (data/ is removed at teardown). */
  runDir: string;
  logDir: string;
  /** State files of every component, read by cluster-control and sshd-control. */
  stateDir: string;
  kafkaVersion: string;
  jarsDir: string;
  /** How long each shape took to become ready, started in parallel after the jars were there. */
  startupMs: Partial<Record<BenchShape, number>>;
  kraft?: KraftBench;
  /** The same single KRaft node on the newest Kafka 4.x (test/kafka/pom-4.xml). */
  kraft4?: KraftBench;
  zk?: ZookeeperBench;
  cluster3?: Cluster3Bench;
  sshd?: SshdBench;
}

export const benchShapes = ['kraft', 'kraft4', 'zk', 'cluster3', 'sshd'] as const;
/**
 * What a run starts when SLUICE_BENCH_SHAPES is unset: all but `kraft4`, which `npm test` starts in
 * a second pass of its own (scripts/test.js), where the core tests' default broker is Kafka 4.x.
 */
export const defaultBenchShapes = ['kraft', 'zk', 'cluster3', 'sshd'] as const;
export type BenchShape = (typeof benchShapes)[number];

declare module 'vitest' {
  export interface ProvidedContext {
    bench: BenchInfo;
  }
}
