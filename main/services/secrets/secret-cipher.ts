import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { checkModes } from './file-modes';

/**
 * Encrypts secrets before they reach the settings file. Electron uses safeStorage (the OS keychain);
 * browser mode uses AES-256-GCM with a key file of its own. Ciphertexts are base64 text.
 */
export interface SecretCipher {
  /** `safe-storage`, `safe-storage:basic_text`, `aes-256-gcm`: shown in warnings and diagnostics. */
  readonly backend: string;
  encrypt(plainText: string): Promise<string>;
  decrypt(cipherText: string): Promise<string>;
  /** Found while setting up (a missing key, loose file modes): reported at launch. */
  readonly warnings?: readonly string[];
}

export interface FileKeyOptions {
  /** How many secrets the settings file holds, sealed with this key; a missing key is then not replaced. */
  storedSecrets?: number;
  platform?: NodeJS.Platform;
}

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
// A version byte first, so a later key rotation or algorithm can be told apart from this one.
const FORMAT_V1 = 1;

/**
 * AES-256-GCM with a random key in `keyFile`, created mode 0600 on first use. A key that is missing
 * while secrets were stored with it, or that cannot be read, is never replaced: the cipher then
 * refuses every call with the reason and the remedy, which `warnings` also carries for the launch.
 */
export async function createFileKeyCipher(keyFile: string, options: FileKeyOptions = {}): Promise<SecretCipher> {
  const warnings: string[] = [];
  const loaded = await loadOrCreateKey(keyFile, options.storedSecrets ?? 0);
  if (typeof loaded === 'string') {
    warnings.push(loaded);
    const refuse = async (): Promise<string> => {
      throw new Error(loaded);
    };
    return { backend: 'aes-256-gcm', warnings, encrypt: refuse, decrypt: refuse };
  }
  const key = loaded;
  warnings.push(...(await checkModes(keyFile, options.platform ?? process.platform)));
  return {
    backend: 'aes-256-gcm',
    warnings,
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

/** The key, or why there is none (with the remedy). */
async function loadOrCreateKey(keyFile: string, storedSecrets: number): Promise<Buffer | string> {
  try {
    const key = await readFile(keyFile);
    if (key.length === KEY_BYTES) return key;
    return `the key file ${keyFile} is not ${KEY_BYTES} bytes long, so stored secrets cannot be read; restore it from a backup, or remove it and re-enter the secrets`;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== 'ENOENT') {
      return `the key file ${keyFile} cannot be read (${(error as Error).message}); stored secrets cannot be read until it can`;
    }
  }
  if (storedSecrets > 0) {
    return (
      `the key file ${keyFile} is missing, but the settings hold ${storedSecrets} stored secret${storedSecrets === 1 ? '' : 's'} sealed with it. ` +
      `Sluice did not create a new key (that would make them unreadable for good): restore ${keyFile} from a backup and restart; ` +
      `or, to give them up, remove "secrets" from settings.json, restart, and enter them again`
    );
  }
  const key = randomBytes(KEY_BYTES);
  await mkdir(dirname(keyFile), { recursive: true, mode: 0o700 });
  // 'wx': never overwrite a key another process created meanwhile (its secrets would be lost).
  await writeFile(keyFile, key, { mode: 0o600, flag: 'wx' });
  await chmod(keyFile, 0o600);
  return key;
}
