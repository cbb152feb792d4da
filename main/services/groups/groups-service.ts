import {
  applyGroupReset,
  describeGroup,
  groupActiveError,
  planGroupReset,
  previewDrift,
  resolveResetRequest,
} from '../../../engine/groups/index';
import { readGroupsOverview } from '../../../engine/groups/groups-overview-read';
import { fetchGroupOffsets } from '../../../engine/offsets/group-offsets';
import type { EventChannels, GroupDetail, GroupResetArgs, GroupResetPreview, GroupsOverview } from '../../ipc/contract';
import type { ClusterAccess } from '../clusters/cluster-access';

export interface GroupsServiceDeps {
  access: ClusterAccess;
  /** Where jobs keep their checkpoints (`<dataDir>/jobs`), for resets to a job's checkpoint. */
  stateDir: string;
  /** Where the overview's progress goes (the renderer's groups page). */
  emitProgress?: (event: EventChannels['groups:overview-progress']) => void;
}

/** The group's committed offsets moved between the preview the operator confirmed and the apply. */
export class PreviewStaleError extends Error {
  override readonly name = 'PreviewStale';
}

/** Consumer groups: their state, members with assignments, lag per partition, and offset resets. */
export class GroupsService {
  readonly #deps: GroupsServiceDeps;
  /** Overviews being read, by cluster: a second ask while one runs gets the same answer. */
  readonly #overviews = new Map<string, Promise<GroupsOverview>>();

  constructor(deps: GroupsServiceDeps) {
    this.#deps = deps;
  }

  /**
   * Every group with its state, members, topics and total lag. The reading is asynchronous I/O
   * (no request waits on it but the caller's), and one per cluster runs at a time.
   */
  overview(cluster: string): Promise<GroupsOverview> {
    const running = this.#overviews.get(cluster);
    if (running) return running;
    const emit = this.#deps.emitProgress;
    const reading = this.#deps.access
      .withAdmin(cluster, (admin) =>
        readGroupsOverview(admin, emit ? { onProgress: (progress) => emit({ cluster, ...progress }) } : {}),
      )
      .finally(() => this.#overviews.delete(cluster));
    this.#overviews.set(cluster, reading);
    return reading;
  }

  describe(cluster: string, groupId: string): Promise<GroupDetail> {
    return this.#deps.access.withAdmin(cluster, async (admin) => {
      const group = await describeGroup(admin, groupId);
      const partitions = await fetchGroupOffsets(admin, groupId);
      return {
        ...group,
        partitions,
        totalLag: partitions.reduce((sum, p) => sum + (p.lag ?? 0), 0),
      };
    });
  }

  /** What the reset would do; changes nothing. */
  async resetPreview(args: GroupResetArgs): Promise<GroupResetPreview> {
    const resolved = await resolveResetRequest(args.request, this.#deps.stateDir);
    const plan = await this.#deps.access.withAdmin(args.cluster, (admin) => planGroupReset(admin, resolved.request));
    return { ...plan, ...(resolved.checkpoint ? { checkpoint: resolved.checkpoint } : {}) };
  }

  /**
   * Plans again and applies. Refused, changing nothing, while the group has members, or when `expected`
   * (the preview's rows) no longer matches the group's committed offsets.
   */
  async resetApply(args: GroupResetArgs): Promise<GroupResetPreview> {
    const resolved = await resolveResetRequest(args.request, this.#deps.stateDir);
    return this.#deps.access.withAdmin(args.cluster, async (admin) => {
      const plan = await planGroupReset(admin, resolved.request);
      if (plan.activeMembers > 0) {
        const members = (plan.members ?? []).map((m) => ({ ...m, assignment: [] }));
        throw groupActiveError({ groupId: plan.groupId, state: plan.groupState, members });
      }
      if (args.expected) {
        const drift = previewDrift(args.expected, plan.rows);
        if (drift.length > 0) {
          throw new PreviewStaleError(
            `group "${plan.groupId}" changed since the preview (${drift.join('; ')}): preview again, nothing was changed`,
          );
        }
      }
      await applyGroupReset(admin, plan);
      return { ...plan, ...(resolved.checkpoint ? { checkpoint: resolved.checkpoint } : {}) };
    });
  }
}
