import { copyFileSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import type { ClusterProfile } from '../../../engine/spec/cluster-profile';
import { parseClusterProfile } from '../../../engine/spec/cluster-profile';
import { parseJobSpec, parseWith, type JobSpec, type SpecProblem } from '../../../engine/spec/index';
import type { SecretProvider } from '../../../engine/transport/index';
import { ConfigError } from '../../../engine/errors/index';
import { InvalidInputError, NotFoundError } from '../invalid-input-error';
import type { SecretCipher } from '../secrets/secret-cipher';
import { lagSettingsSchema, type LagSettings } from '../lag/lag-args';
import { isPlainObject, salvage, SECRET_ID } from './settings-salvage';
import {
  emptySettings,
  preferencesSchema,
  SETTINGS_VERSION,
  settingsMigrations,
  type Preferences,
  type Settings,
  type SettingsMigration,
  type WindowState,
  windowStateSchema,
} from './settings-schema';

export interface SettingsProblem {
  /** `unreadable`: not JSON; `invalid`: entries that fail the schema; `newer`: written by a newer Sluice. */
  kind: 'unreadable' | 'invalid' | 'newer';
  message: string;
  /** The untouched copy of the file as it was found. */
  backup: string;
  problems: SpecProblem[];
}

export interface SettingsServiceOptions {
  /** The directory of `settings.json` (electron-store's file, same format). */
  dir: string;
  cipher: SecretCipher;
  migrations?: readonly SettingsMigration[];
  now?: () => number;
}

/** What conf's atomic writes leave behind when the process dies mid-write (atomically's temp names). */
const TEMP_FILE = /^settings\.json\.tmp-\d{10}[a-f0-9]{6}$/;

/**
 * Clusters, jobs, preferences and encrypted secrets in one settings file (conf, as electron-store).
 * A file that cannot be read, or holds entries that fail the schema, is copied aside first and
 * reported through `problems`; the app keeps what validates and never drops anything silently.
 */
export class SettingsService {
  readonly problems: SettingsProblem[] = [];
  readonly #conf: Conf<Settings>;
  readonly #cipher: SecretCipher;

  constructor(options: SettingsServiceOptions) {
    this.#cipher = options.cipher;
    const now = options.now ?? Date.now;
    const file = join(options.dir, 'settings.json');
    removeTempFiles(options.dir);
    // Read here, not through conf: conf turns a list or a string into an object of indexes and
    // assigns `__proto__` keys, so what it returns is not what the file holds.
    const found = readSettingsFile(file);
    if (found.kind === 'unreadable') {
      const backup = `${file}.corrupt-${now()}`;
      renameSync(file, backup);
      this.problems.push({
        kind: 'unreadable',
        message: `the settings file could not be read (${found.reason}); it was moved to ${backup} and Sluice started with empty settings`,
        backup,
        problems: [],
      });
    }
    this.#conf = new Conf<Settings>({
      cwd: options.dir,
      configName: 'settings',
      configFileMode: 0o600,
      accessPropertiesByDotNotation: false,
      clearInvalidConfig: false,
    });
    this.#load(found.kind === 'found' ? found.data : undefined, options.migrations ?? settingsMigrations, now);
  }

  get path(): string {
    return this.#conf.path;
  }

  // Clusters

  listClusters(): ClusterProfile[] {
    return this.#conf.get('clusters');
  }

  getCluster(name: string): ClusterProfile | undefined {
    return this.listClusters().find((c) => c.name === name);
  }

  /** Adds or replaces; `previousName` renames. Refused as a whole when invalid. */
  saveCluster(input: unknown, previousName?: string): ClusterProfile {
    const parsed = parseClusterProfile(input);
    if (!parsed.ok) throw new InvalidInputError('invalid cluster profile', parsed.problems);
    const profile = parsed.value;
    const clusters = this.listClusters().filter((c) => c.name !== (previousName ?? profile.name));
    if (clusters.some((c) => c.name === profile.name)) {
      throw new InvalidInputError('invalid cluster profile', [
        { path: 'name', message: `a cluster named "${profile.name}" already exists` },
      ]);
    }
    this.#conf.set(
      'clusters',
      [...clusters, profile].sort((a, b) => a.name.localeCompare(b.name)),
    );
    return profile;
  }

  deleteCluster(name: string): void {
    const clusters = this.listClusters();
    if (!clusters.some((c) => c.name === name)) throw new NotFoundError(`no cluster named "${name}"`);
    this.#conf.set(
      'clusters',
      clusters.filter((c) => c.name !== name),
    );
  }

  // Jobs

  listJobs(): JobSpec[] {
    return this.#conf.get('jobs');
  }

  getJob(name: string): JobSpec | undefined {
    return this.listJobs().find((j) => j.name === name);
  }

  saveJob(input: unknown, previousName?: string): JobSpec {
    const parsed = parseJobSpec(input);
    if (!parsed.ok) throw new InvalidInputError('invalid job spec', parsed.problems);
    const spec = parsed.value;
    const jobs = this.listJobs().filter((j) => j.name !== (previousName ?? spec.name));
    if (jobs.some((j) => j.name === spec.name)) {
      throw new InvalidInputError('invalid job spec', [
        { path: 'name', message: `a job named "${spec.name}" already exists` },
      ]);
    }
    this.#conf.set(
      'jobs',
      [...jobs, spec].sort((a, b) => a.name.localeCompare(b.name)),
    );
    return spec;
  }

  deleteJob(name: string): void {
    const jobs = this.listJobs();
    if (!jobs.some((j) => j.name === name)) throw new NotFoundError(`no job named "${name}"`);
    this.#conf.set(
      'jobs',
      jobs.filter((j) => j.name !== name),
    );
  }

  // Preferences

  preferences(): Preferences {
    return this.#conf.get('preferences');
  }

  setPreferences(input: unknown): Preferences {
    const parsed = parseWith(preferencesSchema, { ...this.preferences(), ...(input as object) });
    if (!parsed.ok) throw new InvalidInputError('invalid preferences', parsed.problems);
    this.#conf.set('preferences', parsed.value);
    return parsed.value;
  }

  /** Where console-started jobs may write file sinks, when the operator set one in the file. */
  fileSinkDirectory(): string | undefined {
    return this.#conf.get('fileSinkDirectory');
  }

  // Lag monitoring (main/services/lag): watched clusters and muted groups.
  lagSettings(): LagSettings {
    return this.#conf.get('lag') ?? lagSettingsSchema.parse({});
  }

  setLagSettings(input: unknown): LagSettings {
    const parsed = parseWith(lagSettingsSchema, input);
    if (!parsed.ok) throw new InvalidInputError('invalid lag settings', parsed.problems);
    this.#conf.set('lag', parsed.value);
    return parsed.value;
  }

  // Window state (desktop shell)
  windowState(): WindowState | undefined {
    return this.#conf.get('window');
  }

  setWindowState(input: unknown): WindowState {
    const parsed = parseWith(windowStateSchema, input);
    if (!parsed.ok) throw new InvalidInputError('invalid window state', parsed.problems);
    this.#conf.set('window', parsed.value);
    return parsed.value;
  }

  // Secrets: stored encrypted, referenced from profiles as { secret: "store:<id>" }.

  async setSecret(id: string, plainText: string): Promise<{ secret: string }> {
    if (!SECRET_ID.test(id)) {
      throw new InvalidInputError('invalid secret id', [
        { path: 'id', message: 'expected letters, digits, ".", "_", "/" or "-"' },
      ]);
    }
    const sealed = await this.#cipher.encrypt(plainText);
    this.#conf.set('secrets', { ...this.#conf.get('secrets'), [id]: sealed });
    return { secret: `store:${id}` };
  }

  deleteSecret(id: string): void {
    const secrets = this.#conf.get('secrets');
    if (!Object.hasOwn(secrets, id)) throw new NotFoundError(`no stored secret "${id}"`);
    this.#conf.set('secrets', Object.fromEntries(Object.entries(secrets).filter(([key]) => key !== id)));
  }

  secretIds(): string[] {
    return Object.keys(this.#conf.get('secrets')).sort();
  }

  /** The `store:` kind for engine/transport's secret resolver. */
  readonly secretProvider: SecretProvider = async (id) => {
    if (!SECRET_ID.test(id)) {
      throw new ConfigError(
        `"store:${id}" does not name a stored secret "${id}": expected letters, digits, ".", "_", "/" or "-", starting with a letter or digit`,
      );
    }
    const secrets = this.#conf.get('secrets');
    // Own keys only: `constructor` or `toString` must not find Object.prototype's.
    if (!Object.hasOwn(secrets, id)) throw new ConfigError(`no stored secret "${id}"`);
    return this.#cipher.decrypt(secrets[id]!);
  };

  #load(raw: unknown, migrations: readonly SettingsMigration[], now: () => number): void {
    if (raw === undefined) {
      this.#conf.store = emptySettings();
      return;
    }
    if (!isPlainObject(raw)) {
      const backup = this.#backup(now);
      const what = raw === null ? 'null' : Array.isArray(raw) ? 'a list' : `a ${typeof raw}`;
      this.problems.push({
        kind: 'invalid',
        message: `the settings file holds ${what}, not an object; it was copied to ${backup} and Sluice started with empty settings`,
        backup,
        problems: [],
      });
      this.#conf.store = emptySettings();
      return;
    }
    let data = raw;
    const found = raw['schemaVersion'];
    const versionProblems: SpecProblem[] = [];
    if (found !== undefined && (!Number.isInteger(found) || (found as number) < 0)) {
      versionProblems.push({ path: 'schemaVersion', message: `expected a whole number, got ${JSON.stringify(found)}` });
    }
    let version = versionProblems.length === 0 && typeof found === 'number' ? found : 0;
    if (version > SETTINGS_VERSION) {
      const backup = this.#backup(now);
      this.problems.push({
        kind: 'newer',
        message: `the settings file was written by a newer Sluice (version ${version}); a copy is kept at ${backup}`,
        backup,
        problems: [],
      });
    }
    for (const step of migrations) {
      if (step.from === version) {
        data = step.migrate(data);
        version += 1;
      }
    }
    const salvaged = salvage(data);
    const problems = [...versionProblems, ...salvaged.problems];
    if (problems.length > 0) {
      const backup = this.#backup(now);
      this.problems.push({
        kind: 'invalid',
        message: `${problems.length} settings entr${problems.length === 1 ? 'y is' : 'ies are'} invalid and were set aside; the original file is kept at ${backup}`,
        backup,
        problems,
      });
    }
    if (JSON.stringify(salvaged.settings) !== JSON.stringify(raw)) this.#conf.store = salvaged.settings;
  }

  #backup(now: () => number): string {
    const backup = `${this.#conf.path}.backup-${now()}`;
    copyFileSync(this.#conf.path, backup);
    return backup;
  }
}

type SettingsFile = { kind: 'absent' } | { kind: 'unreadable'; reason: string } | { kind: 'found'; data: unknown };

function readSettingsFile(file: string): SettingsFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return { kind: 'absent' };
    throw new Error(`cannot read the settings file ${file}: ${(error as Error).message}`);
  }
  try {
    return { kind: 'found', data: JSON.parse(text) as unknown };
  } catch (error) {
    return { kind: 'unreadable', reason: (error as Error).message };
  }
}

/** One Sluice per data directory (the single-instance lock, browser mode's lock file): any is stale. */
function removeTempFiles(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) if (TEMP_FILE.test(name)) rmSync(join(dir, name), { force: true });
}
