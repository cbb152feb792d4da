import { z } from 'zod';
import { clusterProfileSchema } from '../../../engine/spec/cluster-profile';
import { jobSpecSchema } from '../../../engine/spec/index';
import { lagSettingsSchema } from '../lag/lag-args';

// What the settings file holds. Clusters and jobs reuse the engine's schemas: a rule is written once.

export const SETTINGS_VERSION = 1;

export const themeSchema = z.enum(['system', 'light', 'dark']);

export const preferencesSchema = z
  .object({
    theme: themeSchema.default('system'),
    /** How often the lists refresh when no event arrived, in ms. */
    refreshIntervalMs: z.number().int().min(500).max(60_000).default(2_000),
  })
  .strict();
export type Preferences = z.infer<typeof preferencesSchema>;

/** The main window's last place and size (its normal bounds) and whether it was maximized. */
export const windowStateSchema = z
  .object({
    x: z.number().int(),
    y: z.number().int(),
    width: z.number().int().min(100).max(100_000),
    height: z.number().int().min(100).max(100_000),
    maximized: z.boolean(),
  })
  .strict();

export type WindowState = z.infer<typeof windowStateSchema>;

export const settingsSchema = z.object({
  schemaVersion: z.literal(SETTINGS_VERSION),
  clusters: z.array(clusterProfileSchema),
  jobs: z.array(jobSpecSchema),
  preferences: preferencesSchema,
  /** Desktop shell only. */
  window: windowStateSchema.optional(),
  /** Secret id → ciphertext from the SecretCipher; never plain text. */
  secrets: z.record(z.string(), z.string()),
  /**
   * Where jobs started from the console may write file sinks; set by the operator in the file (the
   * console cannot change it). Default: `<data dir>/sinks`. The CLI is not confined.
   */
  fileSinkDirectory: z.string().optional(),
  /** Lag monitoring: watched clusters and muted groups (main/services/lag). */
  lag: lagSettingsSchema.optional(),
});
export type Settings = z.infer<typeof settingsSchema>;

export const emptySettings = (): Settings => ({
  schemaVersion: SETTINGS_VERSION,
  clusters: [],
  jobs: [],
  preferences: preferencesSchema.parse({}),
  secrets: {},
});

/** One step from `from` to `from + 1`, on raw JSON (the old shape is not typed any more). */
export interface SettingsMigration {
  from: number;
  migrate(raw: Record<string, unknown>): Record<string, unknown>;
}

/**
 * Data, in order. Files written before the version field count as version 0. A step only reshapes:
 * a value it cannot carry over is left as found, so validation reports it (and the file is backed up).
 */
export const settingsMigrations: readonly SettingsMigration[] = [
  { from: 0, migrate: (raw) => ({ ...raw, schemaVersion: 1 }) },
];
