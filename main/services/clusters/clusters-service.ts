import { randomUUID } from 'node:crypto';
import type { ClusterProfile } from '../../../engine/spec/cluster-profile';
import type { CheckStepEvent, ClusterCheckInfo } from '../../ipc/contract';
import { NotFoundError } from '../invalid-input-error';
import { storedSecretIds } from './stored-secrets';

/** What the clusters service needs from settings; SettingsService provides it. */
export interface ClusterStore {
  listClusters(): ClusterProfile[];
  getCluster(name: string): ClusterProfile | undefined;
  saveCluster(input: unknown, previousName?: string): ClusterProfile;
  deleteCluster(name: string): void;
  /** Removes an encrypted secret (`store:<id>`) nothing refers to any more. */
  deleteSecret(id: string): void;
  /** Jobs may name a cluster inline, with `store:` secrets of their own: those are kept too. */
  listJobs?(): unknown[];
  /** Every stored secret's id, to find ones the cluster form stored for a save that then failed. */
  secretIds?(): string[];
}

export type CheckStepReport = (step: CheckStepEvent['step'], index: number) => void;

export interface ClustersServiceDeps {
  store: ClusterStore;
  /** engine/transport's checkCluster with the app's secret resolver bound; reports steps live. */
  check: (profile: ClusterProfile, onStep?: CheckStepReport) => Promise<ClusterCheckInfo>;
  /** Pushes a test's steps as they start and end (the `clusters:check-step` event). */
  emitStep?: (event: CheckStepEvent) => void;
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

  /** Adds or replaces; secrets only the replaced version used (a removed SASL password) are deleted. */
  async save(profile: unknown, previousName?: string): Promise<ClusterProfile> {
    const before = this.#deps.store.getCluster(previousName ?? nameOf(profile));
    const saved = this.#deps.store.saveCluster(profile, previousName);
    this.#dropUnused(new Set([...(before ? storedSecretIds(before) : []), ...this.#formSecrets(saved.name)]));
    await this.#deps.changed?.(previousName ?? saved.name);
    return saved;
  }

  /** Deletes the profile and the stored secrets it referred to, unless another profile or a job uses them. */
  async delete(name: string): Promise<void> {
    const profile = this.#deps.store.getCluster(name);
    this.#deps.store.deleteCluster(name);
    this.#dropUnused(new Set([...(profile ? storedSecretIds(profile) : []), ...this.#formSecrets(name)]));
    await this.#deps.changed?.(name);
  }

  async test(name: string, runId: string = randomUUID()): Promise<ClusterCheckInfo> {
    const profile = this.#deps.store.getCluster(name);
    if (!profile) throw new NotFoundError(`no cluster named "${name}"`);
    const emit = this.#deps.emitStep;
    return this.#deps.check(profile, emit ? (step, index) => emit({ cluster: name, runId, index, step }) : undefined);
  }

  /** Secrets the cluster form stored under this name (`<name>/<field>-<random>`), used or not. */
  #formSecrets(name: string): string[] {
    const prefix = `${name}/`;
    return (this.#deps.store.secretIds?.() ?? []).filter(
      (id) => id.startsWith(prefix) && FORM_SECRET.test(id.slice(prefix.length)),
    );
  }

  #dropUnused(ids: Set<string>): void {
    if (ids.size === 0) return;
    const inUse = storedSecretIds([...this.#deps.store.listClusters(), ...(this.#deps.store.listJobs?.() ?? [])]);
    for (const id of ids) if (!inUse.has(id)) this.#deps.store.deleteSecret(id);
  }
}

// The ids renderer/src/features/clusters/cluster-form-model.ts gives new secrets (newSecretId).
const FORM_SECRET = /^(saslPassword|tlsKeyPassphrase|sshPassphrase|sshPassword)-[0-9a-f]+$/;

function nameOf(profile: unknown): string {
  const name = (profile as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : '';
}
