import { z } from 'zod';
import { HISTORY_RANGES, LAG_DEFAULTS, type GroupEvaluation, type LevelChange } from '../../../engine/lag/lag-status';
import type { LagHistoryReply } from '../../../engine/lag/host/lag-host-protocol';

// Lag monitoring in the console (issue 19): what settings.json keeps about it, what the renderer
// asks over IPC, and what it gets back. One schema each, shared by settings, the contract and the UI.

const cluster = z.string().min(1);
const group = z.string().min(1, { error: 'expected a group id' });

/** How a watched cluster is monitored. */
export const lagWatchSchema = z
  .object({
    intervalMs: z
      .number()
      .int()
      .min(1_000, { error: 'expected at least 1000 ms (1 s)' })
      .max(3_600_000, { error: 'expected at most 3600000 ms (1 h)' })
      .default(LAG_DEFAULTS.intervalMs),
    windowSize: z.number().int().min(2).max(100).default(LAG_DEFAULTS.windowSize),
  })
  .strict();
export type LagWatch = z.output<typeof lagWatchSchema>;

/** settings.json's `lag`: the watched clusters by profile name, and the muted groups of each. */
export const lagSettingsSchema = z
  .object({
    watched: z.record(cluster, lagWatchSchema).default({}),
    muted: z.record(cluster, z.array(group)).default({}),
  })
  .strict();
export type LagSettings = z.output<typeof lagSettingsSchema>;

export const historyRangeSchema = z.enum(Object.keys(HISTORY_RANGES) as [keyof typeof HISTORY_RANGES]);

export const lagClusterArgsSchema = z.object({ cluster }).strict();
export const lagSetWatchArgsSchema = z
  .object({ cluster, watch: z.boolean(), intervalMs: z.number().optional(), windowSize: z.number().optional() })
  .strict();
export const lagHistoryArgsSchema = z.object({ cluster, group, range: historyRangeSchema }).strict();
export const lagMuteArgsSchema = z.object({ cluster, group, muted: z.boolean() }).strict();

/** A cluster's monitoring as the console shows it. */
export interface LagWatchInfo {
  cluster: string;
  watched: boolean;
  intervalMs: number;
  windowSize: number;
}

/** The latest evaluation of every group of a cluster (`at` null before the first cycle). */
export interface LagStatusReply extends LagWatchInfo {
  at: number | null;
  groups: GroupEvaluation[];
  muted: string[];
}

export interface LagHistoryInfo extends LagHistoryReply {
  group: string;
  from: number;
  to: number;
}

export interface LagExportReply {
  suggestedName: string;
  mime: 'text/csv';
  content: string;
  rows: number;
}

/** A level change pushed to the renderer; `notify` is false for a muted group. */
export type LagChangeEvent = LevelChange & { notify: boolean };
