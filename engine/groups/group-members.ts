import kafkajs, { type Admin } from 'kafkajs';
import { SluiceError } from '../errors/index.js';

const { AssignerProtocol } = kafkajs;

export interface GroupMember {
  memberId: string;
  clientId: string;
  host: string;
  assignment: { topic: string; partitions: number[] }[];
}

export interface GroupDescription {
  groupId: string;
  /** Kafka's group state (Empty, Stable, PreparingRebalance, CompletingRebalance, Dead), or Unknown. */
  state: string;
  protocol: string;
  members: GroupMember[];
}

// A group whose offsets may be changed: nobody consumes (Empty), or it does not exist yet (Dead).
const IDLE_STATES: ReadonlySet<string> = new Set(['Empty', 'Dead']);

export function isGroupIdle(state: string): boolean {
  return IDLE_STATES.has(state);
}

export async function describeGroup(admin: Admin, groupId: string): Promise<GroupDescription> {
  const [group] = (await admin.describeGroups([groupId])).groups;
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
  };
}

/** The refusal of a reset while consumers are in the group: they would overwrite it at their next commit. */
export function groupActiveError(group: Pick<GroupDescription, 'groupId' | 'state' | 'members'>): SluiceError {
  const n = group.members.length;
  const who = group.members.map((m) => `${m.clientId} (${m.host})`).join(', ');
  return new SluiceError(
    `group "${group.groupId}" has ${n} active member${n === 1 ? '' : 's'} (state ${group.state})` +
      `${who ? `: ${who}` : ''}; stop ${n === 1 ? 'it' : 'them'} before resetting offsets, nothing was changed`,
    {
      hintId: 'group-active',
      retriable: false,
      details: { groupId: group.groupId, state: group.state, members: group.members.map((m) => ({ ...m })) },
    },
  );
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
