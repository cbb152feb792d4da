import { isAbsolute } from 'node:path';
import { parseClusterProfile } from '../../../engine/spec/cluster-profile';
import { formatPath, parseJobSpec, parseWith, type SpecProblem } from '../../../engine/spec/index';
import { emptySettings, preferencesSchema, type Settings, windowStateSchema } from './settings-schema';
import { lagSettingsSchema } from '../lag/lag-args';

/** A stored secret's id, as `store:<id>` references it. */
export const SECRET_ID = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$/;

const KNOWN_KEYS = new Set([
  'schemaVersion',
  'clusters',
  'jobs',
  'preferences',
  'window',
  'secrets',
  'fileSinkDirectory',
  'lag',
]);

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Keeps every entry that validates; reports every one that does not, by path. Whatever is not
 * carried into the result (an unknown key, a list that is not a list, a secret that is not a
 * ciphertext) is a problem, so the caller backs the file up and says so: nothing goes silently.
 */
export function salvage(data: Record<string, unknown>): { settings: Settings; problems: SpecProblem[] } {
  const settings = emptySettings();
  const problems: SpecProblem[] = [];
  const prefix = (path: (string | number)[], list: SpecProblem[]) =>
    list.map((p) => ({
      path: `${formatPath(path)}${p.path === '(root)' ? '' : p.path.startsWith('[') ? p.path : `.${p.path}`}`,
      message: p.message,
    }));
  for (const key of Object.keys(data)) {
    if (!KNOWN_KEYS.has(key)) problems.push({ path: key, message: 'unknown setting (set aside)' });
  }
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
  // Only a missing entry takes the defaults: `null` is a value, refused and reported like any other.
  const prefs = parseWith(preferencesSchema, data['preferences'] === undefined ? {} : data['preferences']);
  if (prefs.ok) settings.preferences = prefs.value;
  else problems.push(...prefix(['preferences'], prefs.problems));
  if (data['window'] !== undefined) {
    const window = parseWith(windowStateSchema, data['window']);
    if (window.ok) settings.window = window.value;
    else problems.push(...prefix(['window'], window.problems));
  }
  const sinkDir = data['fileSinkDirectory'];
  if (typeof sinkDir === 'string' && isAbsolute(sinkDir)) settings.fileSinkDirectory = sinkDir;
  else if (sinkDir !== undefined) problems.push({ path: 'fileSinkDirectory', message: 'expected an absolute path' });
  if (data['lag'] !== undefined) {
    const lag = parseWith(lagSettingsSchema, data['lag']);
    if (lag.ok) settings.lag = lag.value;
    else problems.push(...prefix(['lag'], lag.problems));
  }
  salvageSecrets(data['secrets'], settings, problems);
  return { settings, problems };
}

function salvageSecrets(secrets: unknown, settings: Settings, problems: SpecProblem[]): void {
  if (secrets === undefined) return;
  if (!isPlainObject(secrets)) {
    problems.push({ path: 'secrets', message: 'expected an object of id → ciphertext' });
    return;
  }
  const kept: [string, string][] = [];
  for (const [id, value] of Object.entries(secrets)) {
    if (!SECRET_ID.test(id)) problems.push({ path: `secrets.${id}`, message: 'not a valid secret id' });
    else if (typeof value !== 'string')
      problems.push({ path: `secrets.${id}`, message: 'expected an encrypted string' });
    else kept.push([id, value]);
  }
  settings.secrets = Object.fromEntries(kept);
}
