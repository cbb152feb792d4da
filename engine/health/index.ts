// Cluster health: controller, brokers and their leaders, offline and under-replicated partitions,
// advertised addresses reachable or not, and the ZooKeeper view of ZooKeeper-mode clusters.
export { clusterHealth, healthOptionsFor, type ClusterHealthOptions } from './cluster-health.js';
export type {
  BrokerHealth,
  ClusterHealth,
  ClusterView,
  PartitionIssue,
  PartitionState,
  UnreadableTopic,
  ViewSummary,
  ZookeeperHealth,
} from './health-report.js';
export { summarize, countPerBroker } from './health-report.js';
export { healthFindings } from './health-findings.js';
export { readMetadataView } from './metadata-view.js';
export { readZookeeperView, compareViews } from './zookeeper-view.js';
export { reachAddress } from './reach.js';
