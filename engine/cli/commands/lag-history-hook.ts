import { openLagHistory, type LagHistory } from '../../lag/lag-history.js';
import type { LagCycle, PartitionWindow } from '../../lag/lag-status.js';
import { lagHistoryDir } from '../state-dir.js';

export interface LagHistoryHook {
  readonly dir: string;
  /** What opening the store repaired (a torn last record after a kill), one line each. */
  readonly repairs: readonly string[];
  /** Each group's stored windows, to seed the monitor so a restart does not start from empty windows. */
  windows(windowSize: number): Promise<Map<string, PartitionWindow[]>>;
  onCycle(cycle: LagCycle): Promise<void>;
  close(): Promise<void>;
}

/** Roll-up and retention run about once an hour, as the store expects of its owner. */
const MAINTAIN_EVERY_MS = 3_600_000;

/**
 * Where `sluice lag watch` writes each cycle: the profile's lag history under the state dir (the one
 * `sluice lag check` reads), appended per cycle and maintained hourly.
 */
export async function lagHistoryHook(stateDir: string, profile: string): Promise<LagHistoryHook> {
  const dir = lagHistoryDir(stateDir, profile);
  const history: LagHistory = await openLagHistory(dir);
  let maintainedAt = 0;
  return {
    dir,
    repairs: history.repairs,
    windows: async (windowSize) =>
      new Map([...(await history.allWindows(windowSize))].map(([groupId, stored]) => [groupId, stored.windows])),
    onCycle: async (cycle) => {
      await history.append(cycle);
      if (cycle.at - maintainedAt >= MAINTAIN_EVERY_MS) {
        maintainedAt = cycle.at;
        await history.maintain(cycle.at);
      }
    },
    close: () => history.close(),
  };
}
