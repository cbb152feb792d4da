import { copyFileSync, existsSync, renameSync } from 'node:fs';
import Conf from 'conf';
import type { ClusterProfile } from '../../../engine/spec/cluster-profile';
import { parseClusterProfile } from '../../../engine/spec/cluster-profile';
import { formatPath, parseJobSpec, parseWith, type JobSpec, type SpecProblem } from '../../../engine/spec/index';
import type { SecretProvider } from '../../../engine/transport/index';
import { InvalidInputError, NotFoundError } from '../invalid-input-error';
import type { SecretCipher } from '../secrets/secret-cipher';
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

const SECRET_ID = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$/;

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
    const open = () =>
      new Conf<Settings>({
        cwd: options.dir,
        configName: 'settings',
        configFileMode: 0o600,
        accessPropertiesByDotNotation: false,
        clearInvalidConfig: false,
      });
    let conf: Conf<Settings>;
    try {
      conf = open();
    } catch (error) {
      const file = `${options.dir}/settings.json`;
      if (!existsSync(file)) throw error;
      const backup = `${file}.corrupt-${now()}`;
      renameSync(file, backup);
      this.problems.push({
        kind: 'unreadable',
        message: `the settings file could not be read (${(error as Error).message}); it was moved to ${backup} and Sluice started with empty settings`,
        backup,
        problems: [],
      });
      conf = open();
    }
    this.#conf = conf;
    this.#load(options.migrations ?? settingsMigrations, now);
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
    const { [id]: _gone, ...rest } = this.#conf.get('secrets');
    this.#conf.set('secrets', rest);
  }

  secretIds(): string[] {
    return Object.keys(this.#conf.get('secrets')).sort();
  }

  /** The `store:` kind for engine/transport's secret resolver. */
  readonly secretProvider: SecretProvider = async (id) => {
    const sealed = this.#conf.get('secrets')[id];
    if (sealed === undefined) throw new NotFoundError(`no stored secret "${id}"`);
    return this.#cipher.decrypt(sealed);
  };

  #load(migrations: readonly SettingsMigration[], now: () => number): void {
    const raw = { ...(this.#conf.store as unknown as Record<string, unknown>) };
    if (Object.keys(raw).length === 0) {
      this.#conf.store = emptySettings();
      return;
    }
    let data = raw;
    let version = typeof raw['schemaVersion'] === 'number' ? raw['schemaVersion'] : 0;
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
    const { settings, problems } = salvage(data);
    if (problems.length > 0) {
      const backup = this.#backup(now);
      this.problems.push({
        kind: 'invalid',
        message: `${problems.length} settings entr${problems.length === 1 ? 'y is' : 'ies are'} invalid and were set aside; the original file is kept at ${backup}`,
        backup,
        problems,
      });
    }
    if (JSON.stringify(settings) !== JSON.stringify(raw)) this.#conf.store = settings;
  }

  #backup(now: () => number): string {
    const backup = `${this.#conf.path}.backup-${now()}`;
    copyFileSync(this.#conf.path, backup);
    return backup;
  }
}

/** Keeps every entry that validates; reports every one that does not, by path. */
function salvage(data: Record<string, unknown>): { settings: Settings; problems: SpecProblem[] } {
  const settings = emptySettings();
  const problems: SpecProblem[] = [];
  const prefix = (path: (string | number)[], list: SpecProblem[]) =>
    list.map((p) => ({
      path: `${formatPath(path)}${p.path === '(root)' ? '' : p.path.startsWith('[') ? p.path : `.${p.path}`}`,
      message: p.message,
    }));
  const arrayOf = (key: 'clusters' | 'jobs'): unknown[] => {
    const value = data[key];
    if (value === undefined) return [];
    if (Array.isArray(value)) return value;
    problems.push({ path: key, message: 'expected a list' });
    return [];
  };
  arrayOf('clusters').forEach((entry, index) => {
    const parsed = parseClusterProfile(entry);
    if (parsed.ok) settings.clusters.push(parsed.value);
    else problems.push(...prefix(['clusters', index], parsed.problems));
  });
  arrayOf('jobs').forEach((entry, index) => {
    const parsed = parseJobSpec(entry);
    if (parsed.ok) settings.jobs.push(parsed.value);
    else problems.push(...prefix(['jobs', index], parsed.problems));
  });
  const prefs = parseWith(preferencesSchema, data['preferences'] ?? {});
  if (prefs.ok) settings.preferences = prefs.value;
  else problems.push(...prefix(['preferences'], prefs.problems));
  if (data['window'] !== undefined) {
    const window = parseWith(windowStateSchema, data['window']);
    if (window.ok) settings.window = window.value;
    else problems.push(...prefix(['window'], window.problems));
  }
  const secrets = data['secrets'];
  if (secrets !== undefined && (typeof secrets !== 'object' || secrets === null)) {
    problems.push({ path: 'secrets', message: 'expected an object' });
  } else {
    for (const [id, value] of Object.entries((secrets ?? {}) as Record<string, unknown>)) {
      if (typeof value === 'string') settings.secrets[id] = value;
      else problems.push({ path: `secrets.${id}`, message: 'expected an encrypted string' });
    }
  }
  return { settings, problems };
}
