import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSafeStorageCipher } from './safe-storage-cipher';
import { createFileKeyCipher } from './secret-cipher';

describe('createFileKeyCipher', () => {
  it('creates a 0600 key file and round-trips secrets without leaving plain text', async () => {
    const keyFile = join(await mkdtemp(join(tmpdir(), 'sluice-key-')), 'sub', 'secret.key');
    const cipher = await createFileKeyCipher(keyFile);
    const sealed = await cipher.encrypt('hunter2');
    expect(sealed).not.toContain('hunter2');
    expect(Buffer.from(sealed, 'base64').toString('latin1')).not.toContain('hunter2');
    expect(await cipher.decrypt(sealed)).toBe('hunter2');
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    // A second launch reuses the key.
    const again = await createFileKeyCipher(keyFile);
    expect(await again.decrypt(sealed)).toBe('hunter2');
    expect((await readFile(keyFile)).length).toBe(32);
  });

  it('refuses a tampered ciphertext', async () => {
    const cipher = await createFileKeyCipher(join(await mkdtemp(join(tmpdir(), 'sluice-key-')), 'k'));
    const raw = Buffer.from(await cipher.encrypt('secret'), 'base64');
    raw.writeUInt8(raw.readUInt8(raw.length - 1) ^ 1, raw.length - 1);
    await expect(cipher.decrypt(raw.toString('base64'))).rejects.toThrow();
  });
});

describe('createSafeStorageCipher', () => {
  const fake = (backend: string) => ({
    isEncryptionAvailable: () => true,
    encryptString: (text: string) => Buffer.from([...Buffer.from(text)].reverse()),
    decryptString: (data: Buffer) => Buffer.from([...data].reverse()).toString(),
    getSelectedStorageBackend: () => backend,
  });

  it('round-trips through safeStorage', async () => {
    const warnings: string[] = [];
    const cipher = createSafeStorageCipher(fake('gnome_libsecret'), (m) => warnings.push(m), 'linux');
    expect(await cipher.decrypt(await cipher.encrypt('pw'))).toBe('pw');
    expect(cipher.backend).toBe('safe-storage:gnome_libsecret');
    expect(warnings).toEqual([]);
  });

  it('warns when safeStorage falls back to basic_text', () => {
    const warnings: string[] = [];
    createSafeStorageCipher(fake('basic_text'), (m) => warnings.push(m), 'linux');
    expect(warnings[0]).toMatch(/basic_text/);
  });

  it('refuses to work without encryption', () => {
    expect(() =>
      createSafeStorageCipher({ ...fake('x'), isEncryptionAvailable: () => false }, () => {}, 'linux'),
    ).toThrow(/not available/);
  });
});
