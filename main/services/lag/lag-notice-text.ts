import type { LevelChange } from '../../../engine/lag/lag-status';

/** What a level change says, in the desktop notification and the console's in-page notice alike. */
export function lagNoticeText(change: LevelChange): { title: string; body: string } {
  const title =
    change.to === 'OK'
      ? `Group "${change.groupId}" recovered`
      : `Group "${change.groupId}" is ${change.to === 'ERR' ? `in error (${change.status})` : 'lagging (WARN)'}`;
  const was = change.from === null ? 'first evaluation' : `was ${change.from}`;
  return {
    title,
    body: `Cluster ${change.cluster}: ${change.to} (${change.status}), ${was}. Open the group to see its lag.`,
  };
}
