import kafkajs from 'kafkajs';
import { fetchGroupOffsets } from '../../../engine/cli/offsets/group-offsets';
import type { GroupDetail, GroupSummary } from '../../ipc/contract';
import type { ClusterAccess } from '../clusters/cluster-access';

const { AssignerProtocol } = kafkajs;

/** Consumer groups: their state, members with assignments, and lag per partition. */
export class GroupsService {
  readonly #access: ClusterAccess;

  constructor(deps: { access: ClusterAccess }) {
    this.#access = deps.access;
  }

  list(cluster: string): Promise<GroupSummary[]> {
    return this.#access.withAdmin(cluster, async (admin) =>
      (await admin.listGroups()).groups
        .map((g) => ({ groupId: g.groupId, protocolType: g.protocolType }))
        .sort((a, b) => a.groupId.localeCompare(b.groupId)),
    );
  }

  describe(cluster: string, groupId: string): Promise<GroupDetail> {
    return this.#access.withAdmin(cluster, async (admin) => {
      const [group] = (await admin.describeGroups([groupId])).groups;
      const partitions = await fetchGroupOffsets(admin, groupId);
      return {
        groupId,
        state: group?.state ?? 'Unknown',
        protocol: group?.protocol ?? '',
        members: (group?.members ?? []).map((m) => ({
          memberId: m.memberId,
          clientId: m.clientId,
          host: m.clientHost,
          assignment: decodeAssignment(m.memberAssignment),
        })),
        partitions,
        totalLag: partitions.reduce((sum, p) => sum + (p.lag ?? 0), 0),
      };
    });
  }
}

/** A member's assignment as the consumer protocol encodes it; other protocols (connect) show none. */
export function decodeAssignment(data: Buffer): { topic: string; partitions: number[] }[] {
  if (data.length === 0) return [];
  try {
    const decoded = AssignerProtocol.MemberAssignment.decode(data);
    return Object.entries(decoded?.assignment ?? {})
      .map(([topic, partitions]) => ({ topic, partitions: [...partitions].sort((a, b) => a - b) }))
      .sort((a, b) => a.topic.localeCompare(b.topic));
  } catch {
    return [];
  }
}
