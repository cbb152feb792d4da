import type { LagCycle } from '../../lag/lag-status.js';

export interface LagHistoryHook {
  onCycle(cycle: LagCycle): Promise<void> | void;
  close(): Promise<void>;
}

/**
 * Where `sluice lag watch` writes each cycle: the lag history store of the profile under the state
 * dir, once that store (engine/lag/lag-history.ts) is in; until then cycles are not kept.
 */
export async function lagHistoryHook(stateDir: string, profile: string): Promise<LagHistoryHook> {
  void stateDir;
  void profile;
  return { onCycle: () => undefined, close: async () => undefined };
}
