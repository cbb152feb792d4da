import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Encrypts secrets before they reach the settings file. Electron uses safeStorage (the OS keychain);
 * browser mode uses AES-256-GCM with a key file of its own. Ciphertexts are base64 text.
 */
export interface SecretCipher {
  /** `safe-storage`, `safe-storage:basic_text`, `aes-256-gcm`: shown in warnings and diagnostics. */
  readonly backend: string;
  encrypt(plainText: string): Promise<string>;
  decrypt(cipherText: string): Promise<string>;
}

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
// A version byte first, so a later key rotation or algorithm can be told apart from this one.
const FORMAT_V1 = 1;

/** AES-256-GCM with a random key in `keyFile`, created mode 0600 on first use. */
export async function createFileKeyCipher(keyFile: string): Promise<SecretCipher> {
  const key = await loadOrCreateKey(keyFile);
  return {
    backend: 'aes-256-gcm',
    async encrypt(plainText) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([FORMAT_V1]), iv, cipher.getAuthTag(), body]).toString('base64');
    },
    async decrypt(cipherText) {
      const raw = Buffer.from(cipherText, 'base64');
      if (raw[0] !== FORMAT_V1 || raw.length < 1 + IV_BYTES + TAG_BYTES) {
        throw new Error('stored secret is not in a known format');
      }
      const iv = raw.subarray(1, 1 + IV_BYTES);
      const tag = raw.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(raw.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
        'utf8',
      );
    },
  };
}

async function loadOrCreateKey(keyFile: string): Promise<Buffer> {
  try {
    const key = await readFile(keyFile);
    if (key.length !== KEY_BYTES) throw new Error(`the key file ${keyFile} is not ${KEY_BYTES} bytes long`);
    return key;
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(KEY_BYTES);
  await mkdir(dirname(keyFile), { recursive: true, mode: 0o700 });
  // 'wx': never overwrite a key another process created meanwhile (its secrets would be lost).
  await writeFile(keyFile, key, { mode: 0o600, flag: 'wx' });
  await chmod(keyFile, 0o600);
  return key;
}
