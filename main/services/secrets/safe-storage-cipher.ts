import type { SecretCipher } from './secret-cipher';

/**
 * The part of Electron's safeStorage this needs. Injected (main/index.ts passes the real one), so
 * this file never imports Electron and runs under plain Node in tests.
 */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: `basic_text` means a hard-coded key, i.e. no real protection. */
  getSelectedStorageBackend?(): string;
}

/** Electron-only: secrets encrypted by the OS keychain. Warns when it offers no real protection. */
export function createSafeStorageCipher(
  safeStorage: SafeStorageLike,
  warn: (message: string) => void,
  platform: NodeJS.Platform = process.platform,
): SecretCipher {
  if (!safeStorage.isEncryptionAvailable()) {
    throw new Error('safeStorage encryption is not available on this system; secrets cannot be stored');
  }
  const backend = platform === 'linux' ? (safeStorage.getSelectedStorageBackend?.() ?? 'unknown') : 'os';
  if (backend === 'basic_text') {
    warn(
      'No OS keyring was found (safeStorage uses basic_text): stored secrets are only obfuscated. ' +
        'Install and unlock a keyring (gnome-keyring or KWallet), or use env: and file: secret references.',
    );
  }
  return {
    backend: `safe-storage:${backend}`,
    async encrypt(plainText) {
      return safeStorage.encryptString(plainText).toString('base64');
    },
    async decrypt(cipherText) {
      return safeStorage.decryptString(Buffer.from(cipherText, 'base64'));
    },
  };
}
