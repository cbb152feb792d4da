import { chmod, mkdir, mkdtemp, readdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileKeyCipher } from './secret-cipher';

const dataDir = async () => {
  const dir = join(await mkdtemp(join(tmpdir(), 'sluice-key-')), 'data');
  await mkdir(dir, { mode: 0o700 });
  return dir;
};

describe('createFileKeyCipher at launch', () => {
  it('does not replace a missing key while stored secrets exist: reports it with the remedy', async () => {
    const dir = await dataDir();
    const keyFile = join(dir, 'secret.key');
    const cipher = await createFileKeyCipher(keyFile, { storedSecrets: 2 });
    expect(await readdir(dir)).toEqual([]);
    expect(cipher.warnings).toHaveLength(1);
    expect(cipher.warnings![0]).toContain(keyFile);
    expect(cipher.warnings![0]).toMatch(/2 stored secrets.*restore .* from a backup/);
    await expect(cipher.decrypt('AQ==')).rejects.toThrow(/secret.key is missing/);
    await expect(cipher.encrypt('x')).rejects.toThrow(/secret.key is missing/);
  });

  it('creates a key when none exists and nothing was stored with one', async () => {
    const dir = await dataDir();
    const cipher = await createFileKeyCipher(join(dir, 'secret.key'), { storedSecrets: 0 });
    expect(cipher.warnings ?? []).toEqual([]);
    expect(await cipher.decrypt(await cipher.encrypt('pw'))).toBe('pw');
  });

  it('reports an unreadable key and never overwrites it', async () => {
    const dir = await dataDir();
    const keyFile = join(dir, 'secret.key');
    await writeFile(keyFile, 'short', { mode: 0o600 });
    const cipher = await createFileKeyCipher(keyFile, { storedSecrets: 1 });
    expect(cipher.warnings![0]).toMatch(/secret.key.*not 32 bytes long/);
    expect((await stat(keyFile)).size).toBe(5);
    await expect(cipher.encrypt('x')).rejects.toThrow(/not 32 bytes long/);
  });

  it.skipIf(process.platform === 'win32')('warns about and tightens a key file others can read', async () => {
    const dir = await dataDir();
    const keyFile = join(dir, 'secret.key');
    await writeFile(keyFile, Buffer.alloc(32, 7));
    await chmod(keyFile, 0o644);
    const cipher = await createFileKeyCipher(keyFile);
    expect(cipher.warnings).toEqual([
      expect.stringMatching(/secret.key was readable by other users \(mode 0644\); Sluice set it to 0600/),
    ]);
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
  });

  it.skipIf(process.platform === 'win32')('warns about a data directory others can write to', async () => {
    const dir = await dataDir();
    await chmod(dir, 0o777);
    const cipher = await createFileKeyCipher(join(dir, 'secret.key'));
    expect(cipher.warnings).toEqual([
      expect.stringMatching(/data directory .* is writable by other users \(mode 0777\).*chmod 700/),
    ]);
  });
});
