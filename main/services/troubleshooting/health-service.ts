import { healthOptionsFor, type ClusterHealth, type ClusterHealthOptions } from '../../../engine/health/index';
import type { ClusterConnection, ClusterResolver } from '../../../engine/job/index';
import type { ClusterProfile } from '../../../engine/spec/cluster-profile';
import type { ChannelOpener } from '../../../engine/transport/index';
import { NotFoundError } from '../invalid-input-error';

export interface HealthServiceDeps {
  getCluster(name: string): ClusterProfile | undefined;
  /** The app's resolver: TLS, SASL and the SSH tunnel, as for jobs. */
  resolve: ClusterResolver;
  /** The profile's open tunnel, for ZooKeeper through it. */
  tunnel(name: string): Promise<ChannelOpener | undefined>;
  /** engine/health's clusterHealth; injected so specs need no broker. */
  health(connection: ClusterConnection, options: ClusterHealthOptions): Promise<ClusterHealth>;
}

/** Cluster health for the console: metadata, advertised addresses, and ZooKeeper when the profile has it. */
export class HealthService {
  readonly #deps: HealthServiceDeps;

  constructor(deps: HealthServiceDeps) {
    this.#deps = deps;
  }

  async health(cluster: string): Promise<ClusterHealth> {
    const profile = this.#deps.getCluster(cluster);
    if (!profile) throw new NotFoundError(`no cluster named "${cluster}"`);
    const connection = await this.#deps.resolve(cluster);
    const tunnel = profile.zookeeper ? await this.#deps.tunnel(cluster) : undefined;
    return this.#deps.health(connection, healthOptionsFor(cluster, profile, tunnel));
  }
}
