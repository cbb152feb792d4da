import { homedir } from 'node:os';
import { join } from 'node:path';
import { createDispatcher } from '../ipc/dispatcher';
import { EventHub } from '../ipc/event-outlet';
import { createAppServices, SOURCE_JOB_HOST, SOURCE_LAG_HOST, type AppServices } from '../services/app-services';
import type { FromLagHost, ToLagHost } from '../../engine/lag/host/lag-host-protocol';
import { forkHostLauncher } from '../services/jobs/job-host-process';
import type { SandboxOptions } from '../services/sandbox/sandbox-service';
import { createFileKeyCipher } from '../services/secrets/secret-cipher';
import { storedSecretCount } from '../services/settings/stored-secret-count';
import { newAccessToken } from './access-token';
import { lockDataDir } from './data-dir-lock';
import { startBrowserServer, type BrowserServer } from './browser-server';

export interface BrowserModeOptions {
  rendererDir: string;
  dataDir?: string;
  port?: number;
  token?: string;
  version?: string;
  /** The built job host (`out/job-host/job-host.js`); default: its TypeScript source (a checkout's tests). */
  jobHostScript?: string;
  /** The built lag host (`out/job-host/lag-host.js`); default: its TypeScript source. */
  lagHostScript?: string;
  /** The first run's sandbox broker (from a checkout); default: none offered. */
  sandbox?: SandboxOptions;
}

export interface BrowserMode {
  server: BrowserServer;
  services: AppServices;
  token: string;
  close(): Promise<void>;
}

/** `$SLUICE_DATA_DIR`, else `~/.config/sluice` (where Electron's userData would be on Linux). */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env['SLUICE_DATA_DIR'] ?? join(env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), 'Sluice');
}

/** The console without Electron: the same services, served to a browser on loopback. */
export async function startBrowserMode(options: BrowserModeOptions): Promise<BrowserMode> {
  const dataDir = options.dataDir ?? defaultDataDir();
  const unlock = await lockDataDir(dataDir);
  let services: AppServices | undefined;
  try {
    const hub = new EventHub();
    const cipher = await createFileKeyCipher(join(dataDir, 'secret.key'), {
      storedSecrets: storedSecretCount(dataDir),
    });
    services = createAppServices({
      dataDir,
      cipher,
      hub,
      info: { name: 'Sluice', version: options.version ?? '0.0.0', shell: 'browser', platform: process.platform },
      launchJobHost: forkHostLauncher(options.jobHostScript ?? SOURCE_JOB_HOST),
      launchLagHost: forkHostLauncher<ToLagHost, FromLagHost>(options.lagHostScript ?? SOURCE_LAG_HOST),
      ...(options.sandbox ? { sandbox: options.sandbox } : {}),
    });
    const token = options.token ?? newAccessToken();
    const server = await startBrowserServer({
      rendererDir: options.rendererDir,
      dispatch: createDispatcher(services.handlers),
      hub,
      token,
      ...(options.port === undefined ? {} : { port: options.port }),
    });
    const ready = services;
    return {
      server,
      services: ready,
      token,
      async close() {
        await ready.close();
        await server.close();
        await unlock();
      },
    };
  } catch (error) {
    await services?.close();
    await unlock();
    throw error;
  }
}
