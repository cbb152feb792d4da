import type { ClusterProfile } from '../../../engine/spec/cluster-profile';
import type { ClusterCheckInfo } from '../../ipc/contract';
import { NotFoundError } from '../invalid-input-error';

/** What the clusters service needs from settings; SettingsService provides it. */
export interface ClusterStore {
  listClusters(): ClusterProfile[];
  getCluster(name: string): ClusterProfile | undefined;
  saveCluster(input: unknown, previousName?: string): ClusterProfile;
  deleteCluster(name: string): void;
}

export interface ClustersServiceDeps {
  store: ClusterStore;
  /** engine/transport's checkCluster with the app's secret resolver bound. */
  check: (profile: ClusterProfile) => Promise<ClusterCheckInfo>;
  /** Called after a profile changed or went away, so open connections to it are dropped. */
  changed?: (name: string) => Promise<void> | void;
}

/** Cluster profiles: CRUD on the settings, and the step-by-step connection test. */
export class ClustersService {
  readonly #deps: ClustersServiceDeps;

  constructor(deps: ClustersServiceDeps) {
    this.#deps = deps;
  }

  list(): ClusterProfile[] {
    return this.#deps.store.listClusters();
  }

  async save(profile: unknown, previousName?: string): Promise<ClusterProfile> {
    const saved = this.#deps.store.saveCluster(profile, previousName);
    await this.#deps.changed?.(previousName ?? saved.name);
    return saved;
  }

  async delete(name: string): Promise<void> {
    this.#deps.store.deleteCluster(name);
    await this.#deps.changed?.(name);
  }

  async test(name: string): Promise<ClusterCheckInfo> {
    const profile = this.#deps.store.getCluster(name);
    if (!profile) throw new NotFoundError(`no cluster named "${name}"`);
    return this.#deps.check(profile);
  }
}
