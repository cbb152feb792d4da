// Cluster connections: profiles resolved to kafkajs settings, the SSH jump host that carries
// every broker connection, and ZooKeeper access through the same tunnel.
export { ClusterConnections, clusterConnection, createTunnel, tlsConnectionOptions } from './cluster-connections.js';
export type { ClusterConnectionsOptions, ProfileDeps } from './cluster-connections.js';
export {
  checkCluster,
  type CheckOptions,
  type CheckStep,
  type CheckStepListener,
  type CheckStepName,
  type ClusterCheck,
  type RunningCheckStep,
} from './cluster-check.js';
export { refusedHostKey, type RefusedHostKey } from './check-host-key.js';
export { createSecretResolver, envSecretProvider, fileSecretProvider } from './secrets.js';
export type { SecretProvider, SecretResolver, SecretResolverOptions } from './secrets.js';
export { SshTunnel, type SshTunnelOptions, type TunnelState, type ChannelOpener } from './ssh-tunnel.js';
export { tunnelSocketFactory, TunnelSocket } from './tunnel-socket.js';
export { openLocalForward, type LocalForward } from './local-forward.js';
export { profilesFilePath, readProfilesFile, ProfilesFileError } from './profiles-file.js';
export { sshFingerprint, judgeHostKey, type HostKeyVerdict } from './host-key.js';
export { parseKnownHosts, knownHostsLine, type KnownHosts } from './known-hosts.js';
export { backoffDelay, type BackoffOptions } from './backoff.js';
export {
  readZookeeperCluster,
  readClusterView,
  ZookeeperSession,
  parseZookeeperConnect,
  type ZkBroker,
  type ZkClusterView,
  type ZkPartitionState,
  type ZkTopic,
} from './zookeeper-cluster.js';
