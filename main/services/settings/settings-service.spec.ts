import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSecretResolver } from '../../../engine/transport/index';
import type { SecretCipher } from '../secrets/secret-cipher';
import { SettingsService } from './settings-service';

// Reversible and visibly not plain text, so a test can see a secret never reaches the file.
const rot13: SecretCipher = {
  backend: 'test',
  encrypt: async (t) => `enc:${Buffer.from(t).toString('hex')}`,
  decrypt: async (t) => Buffer.from(t.slice(4), 'hex').toString(),
};

const tempDir = () => mkdtemp(join(tmpdir(), 'sluice-settings-'));
const open = (dir: string) => new SettingsService({ dir, cipher: rot13, now: () => 1000 });

const job = {
  version: 1,
  name: 'copy',
  source: { cluster: { profile: 'local' }, topics: ['in'], groupId: 'g' },
  sink: { type: 'none' },
};

describe('SettingsService', () => {
  it('starts empty, then keeps clusters, jobs and preferences across launches', async () => {
    const dir = await tempDir();
    const settings = open(dir);
    expect(settings.listClusters()).toEqual([]);
    settings.saveCluster({ name: 'local', bootstrapServers: ['127.0.0.1:9092'] });
    settings.saveJob(job);
    settings.setPreferences({ theme: 'dark' });
    const again = open(dir);
    expect(again.listClusters().map((c) => c.name)).toEqual(['local']);
    expect(again.getJob('copy')?.checkpoint.intervalMs).toBe(5000);
    expect(again.preferences().theme).toBe('dark');
    expect(again.problems).toEqual([]);
  });

  it('refuses an invalid profile by field path, and a duplicate name', async () => {
    const settings = open(await tempDir());
    expect(() => settings.saveCluster({ name: 'x', bootstrapServers: ['nope'] })).toThrow(
      expect.objectContaining({ problems: [{ path: 'bootstrapServers[0]', message: 'expected host:port' }] }),
    );
    settings.saveCluster({ name: 'a', bootstrapServers: ['h:1'] });
    settings.saveCluster({ name: 'b', bootstrapServers: ['h:1'] });
    expect(() => settings.saveCluster({ name: 'b', bootstrapServers: ['h:2'] }, 'a')).toThrow(/already exists/);
    settings.saveCluster({ name: 'c', bootstrapServers: ['h:2'] }, 'a');
    expect(settings.listClusters().map((c) => c.name)).toEqual(['b', 'c']);
  });

  it('stores secrets encrypted and serves them to the engine as the store: kind', async () => {
    const dir = await tempDir();
    const settings = open(dir);
    const ref = await settings.setSecret('local/sasl', 'hunter2');
    expect(ref).toEqual({ secret: 'store:local/sasl' });
    expect(await readFile(settings.path, 'utf8')).not.toContain('hunter2');
    const resolver = createSecretResolver({ providers: { store: open(dir).secretProvider } });
    expect(await resolver.resolve(ref, 'sasl.password')).toBe('hunter2');
    await expect(resolver.resolve({ secret: 'store:missing' }, 'sasl.password')).rejects.toThrow(/missing/);
  });

  it('moves an unreadable file aside and reports it', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'settings.json'), '{ not json');
    const settings = open(dir);
    expect(settings.problems).toMatchObject([{ kind: 'unreadable', backup: join(dir, 'settings.json.corrupt-1000') }]);
    expect(await readFile(join(dir, 'settings.json.corrupt-1000'), 'utf8')).toBe('{ not json');
    expect(settings.listClusters()).toEqual([]);
  });

  it('keeps valid entries, reports invalid ones by path and backs up the original', async () => {
    const dir = await tempDir();
    const original = JSON.stringify({
      schemaVersion: 1,
      clusters: [
        { name: 'good', bootstrapServers: ['h:1'] },
        { name: 'bad', bootstrapServers: [] },
      ],
      jobs: [job],
      preferences: { theme: 'neon' },
      secrets: {},
    });
    await writeFile(join(dir, 'settings.json'), original);
    const settings = open(dir);
    expect(settings.listClusters().map((c) => c.name)).toEqual(['good']);
    expect(settings.listJobs().map((j) => j.name)).toEqual(['copy']);
    expect(settings.problems).toHaveLength(1);
    expect(settings.problems[0]!.problems.map((p) => p.path)).toEqual([
      'clusters[1].bootstrapServers',
      'preferences.theme',
    ]);
    expect(await readFile(settings.problems[0]!.backup, 'utf8')).toBe(original);
  });

  it('keeps the window state across launches and refuses an invalid one by field', async () => {
    const dir = await tempDir();
    const settings = open(dir);
    expect(settings.windowState()).toBeUndefined();
    settings.setWindowState({ x: 10, y: 20, width: 1200, height: 800, maximized: true });
    expect(() => settings.setWindowState({ x: 0, y: 0, width: 5, height: 800, maximized: false })).toThrow(
      expect.objectContaining({ problems: [expect.objectContaining({ path: 'width' })] }),
    );
    const again = open(dir);
    expect(again.windowState()).toEqual({ x: 10, y: 20, width: 1200, height: 800, maximized: true });
    expect(again.problems).toEqual([]);
  });

  it('reports a damaged window state instead of dropping it silently', async () => {
    const dir = await tempDir();
    await writeFile(
      join(dir, 'settings.json'),
      JSON.stringify({ schemaVersion: 1, clusters: [], jobs: [], preferences: {}, secrets: {}, window: { x: 'a' } }),
    );
    const settings = open(dir);
    expect(settings.windowState()).toBeUndefined();
    expect(settings.problems[0]!.problems.map((p) => p.path)).toContain('window.x');
    expect(await readFile(settings.problems[0]!.backup, 'utf8')).toContain('"window":{"x":"a"}');
  });

  it('migrates a file written before the version field', async () => {
    const dir = await tempDir();
    await writeFile(
      join(dir, 'settings.json'),
      JSON.stringify({ clusters: [{ name: 'old', bootstrapServers: ['h:1'] }] }),
    );
    const settings = open(dir);
    expect(settings.problems).toEqual([]);
    expect(settings.listClusters().map((c) => c.name)).toEqual(['old']);
    expect(JSON.parse(await readFile(settings.path, 'utf8')).schemaVersion).toBe(1);
    expect((await readdir(dir)).filter((f) => f.includes('backup'))).toEqual([]);
  });

  it('reports and backs up a version-0 file whose clusters is not a list, instead of emptying it', async () => {
    const dir = await tempDir();
    const original = JSON.stringify({ clusters: { local: { bootstrapServers: ['h:1'] } } });
    await writeFile(join(dir, 'settings.json'), original);
    const settings = open(dir);
    expect(settings.problems).toMatchObject([{ kind: 'invalid', problems: [{ path: 'clusters' }] }]);
    expect(await readFile(settings.problems[0]!.backup, 'utf8')).toBe(original);
  });

  it('reports secrets held as a list instead of renaming them "0", "1"', async () => {
    const dir = await tempDir();
    const original = JSON.stringify({ schemaVersion: 1, clusters: [], jobs: [], secrets: ['enc:61', 'enc:62'] });
    await writeFile(join(dir, 'settings.json'), original);
    const settings = open(dir);
    expect(settings.secretIds()).toEqual([]);
    expect(settings.problems[0]!.problems).toEqual([
      { path: 'secrets', message: 'expected an object of id → ciphertext' },
    ]);
    expect(await readFile(settings.problems[0]!.backup, 'utf8')).toBe(original);
  });

  it('reports unknown top-level keys and backs the file up', async () => {
    const dir = await tempDir();
    const original = JSON.stringify({ schemaVersion: 1, clusters: [], jobs: [], secrets: {}, favourites: ['a'] });
    await writeFile(join(dir, 'settings.json'), original);
    const settings = open(dir);
    expect(settings.problems[0]!.problems).toEqual([{ path: 'favourites', message: 'unknown setting (set aside)' }]);
    expect(await readFile(settings.problems[0]!.backup, 'utf8')).toBe(original);
  });

  it('reports preferences that are null instead of taking the defaults silently', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ schemaVersion: 1, preferences: null }));
    const settings = open(dir);
    expect(settings.preferences().theme).toBe('system');
    expect(settings.problems[0]!.problems.map((p) => p.path)).toEqual(['preferences']);
  });

  it.each([['[1,2]'], ['42'], ['"text"'], ['null'], ['true']])(
    'backs up and reports a file that is not an object (%s) instead of overwriting it',
    async (original) => {
      const dir = await tempDir();
      await writeFile(join(dir, 'settings.json'), original);
      const settings = open(dir);
      expect(settings.problems).toHaveLength(1);
      expect(settings.problems[0]!.message).toMatch(/not an object/);
      expect(await readFile(settings.problems[0]!.backup, 'utf8')).toBe(original);
      expect(settings.listClusters()).toEqual([]);
    },
  );

  it('refuses store:__proto__ and other prototype names as a clear error, not a TypeError', async () => {
    const settings = open(await tempDir());
    const resolver = createSecretResolver({ providers: { store: settings.secretProvider } });
    for (const id of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const failure = await resolver.resolve({ secret: `store:${id}` }, 'sasl.password').catch((e: unknown) => e);
      expect(failure, id).not.toBeInstanceOf(TypeError);
      expect(String(failure), id).toMatch(new RegExp(`sasl.password: .*secret "${id}"`));
    }
    expect(() => settings.deleteSecret('__proto__')).toThrow(/no stored secret "__proto__"/);
  });

  it('removes temporary files a crashed write left behind, and nothing else', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'settings.json.tmp-1733450000abc123'), '{"partial');
    await writeFile(join(dir, 'settings.json.backup-1'), 'kept');
    open(dir);
    expect((await readdir(dir)).sort()).toEqual(['settings.json', 'settings.json.backup-1']);
  });
});
