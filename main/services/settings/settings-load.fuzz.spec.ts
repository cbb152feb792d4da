import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { FUZZ_SEED, fuzzRuns } from '../../fuzz-runs';
import type { SecretCipher } from '../secrets/secret-cipher';
import { settingsSchema } from './settings-schema';
import { SettingsService } from './settings-service';

const cipher: SecretCipher = { backend: 'test', encrypt: async (t) => t, decrypt: async (t) => t };

const cluster = fc.record({ name: fc.constantFrom('a', 'b', 'prod'), bootstrapServers: fc.constant(['h:1']) });
const job = fc.record({
  version: fc.constant(1),
  name: fc.constantFrom('copy', 'dump'),
  source: fc.constant({ cluster: { profile: 'a' }, topics: ['in'], groupId: 'g' }),
  sink: fc.constant({ type: 'none' }),
});
const anything = fc.jsonValue({ maxDepth: 3 });
const key = fc.oneof(
  fc.constantFrom('schemaVersion', 'clusters', 'jobs', 'preferences', 'window', 'secrets', 'fileSinkDirectory'),
  fc.constantFrom('__proto__', 'constructor', 'toString', 'extra'),
  fc.string({ maxLength: 6 }),
);
/** Settings-like objects: known keys with right, wrong and borderline values. */
const settingsLike = fc.dictionary(
  key,
  fc.oneof(
    anything,
    fc.array(fc.oneof(cluster, job, anything), { maxLength: 3 }),
    fc.dictionary(
      fc.oneof(fc.string({ maxLength: 5 }), fc.constantFrom('__proto__', 'constructor', 'a/b')),
      fc.oneof(fc.string(), anything),
    ),
    fc.record(
      { theme: fc.constantFrom('dark', 'light', 'neon'), refreshIntervalMs: fc.integer() },
      { requiredKeys: [] },
    ),
    fc.constantFrom(0, 1, 2, -1, 0.5, '1', '/abs/dir', 'rel/dir'),
  ),
  { maxKeys: 6 },
);
const fileText = fc.oneof(
  { arbitrary: settingsLike.map((v) => JSON.stringify(v)), weight: 4 },
  anything.map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 30 }),
);

const own = (value: unknown, name: string): unknown =>
  typeof value === 'object' && value !== null && Object.hasOwn(value, name)
    ? (value as Record<string, unknown>)[name]
    : undefined;

/** Was anything in the file not carried into what Sluice kept? (Defaults added are not a loss.) */
function lost(input: unknown, kept: Record<string, unknown>): boolean {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return true;
  for (const name of Object.keys(input)) {
    const value = own(input, name);
    switch (name) {
      case 'schemaVersion':
        if (value !== 0 && value !== 1) return true;
        break;
      case 'clusters':
      case 'jobs':
        if (!Array.isArray(value) || value.length !== (kept[name] as unknown[]).length) return true;
        break;
      case 'secrets':
      case 'window':
        if (!isDeepStrictEqual(value, kept[name])) return true;
        break;
      case 'preferences':
        if (typeof value !== 'object' || value === null || Array.isArray(value)) return true;
        for (const pref of Object.keys(value))
          if (!isDeepStrictEqual(own(value, pref), own(kept[name], pref))) return true;
        break;
      case 'fileSinkDirectory':
        if (value !== kept[name]) return true;
        break;
      default:
        return true;
    }
  }
  return false;
}

describe('settings load (property)', () => {
  it('any file gives valid settings; whatever is not kept is reported, with a backup of the file as found', () => {
    fc.assert(
      fc.property(fileText, (text) => {
        const dir = mkdtempSync(join(tmpdir(), 'sluice-fuzz-'));
        try {
          writeFileSync(join(dir, 'settings.json'), text);
          const settings = new SettingsService({ dir, cipher, now: () => 1 });
          const stored = JSON.parse(readFileSync(settings.path, 'utf8')) as Record<string, unknown>;
          expect(settingsSchema.safeParse(stored).success).toBe(true);
          let input: unknown;
          try {
            input = JSON.parse(text);
          } catch {
            expect(settings.problems).toMatchObject([{ kind: 'unreadable' }]);
            expect(readFileSync(settings.problems[0]!.backup!, 'utf8')).toBe(text);
            return;
          }
          if (lost(input, stored)) expect(settings.problems.length).toBeGreaterThan(0);
          for (const problem of settings.problems) expect(readFileSync(problem.backup, 'utf8')).toBe(text);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(300) },
    );
    // 300 runs of file writes: a second alone, but far longer than vitest's 5 s default on a busy machine.
  }, 60_000);
});
