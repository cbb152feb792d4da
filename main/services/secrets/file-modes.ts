import { chmod, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

const octal = (mode: number) => `0${(mode & 0o777).toString(8)}`;

/**
 * The key file must be private to its owner: when group or others can read it, Sluice (whose file
 * it is) sets it to 0600 and says so. The data directory is the operator's (it may be one they
 * chose): when others can write to it (and so swap the key or the settings) Sluice warns only.
 */
export async function checkModes(keyFile: string, platform: NodeJS.Platform): Promise<string[]> {
  if (platform === 'win32') return [];
  const warnings: string[] = [];
  const file = await stat(keyFile);
  if ((file.mode & 0o077) !== 0) {
    try {
      await chmod(keyFile, 0o600);
      warnings.push(`${keyFile} was readable by other users (mode ${octal(file.mode)}); Sluice set it to 0600`);
    } catch (error) {
      warnings.push(
        `${keyFile} is readable by other users (mode ${octal(file.mode)}) and could not be set to 0600 (${(error as Error).message}); run chmod 600 ${keyFile}`,
      );
    }
  }
  const dir = dirname(keyFile);
  const folder = await stat(dir);
  if ((folder.mode & 0o022) !== 0) {
    warnings.push(
      `the data directory ${dir} is writable by other users (mode ${octal(folder.mode)}), who could replace the key or the settings; run chmod 700 ${dir}`,
    );
  }
  return warnings;
}
