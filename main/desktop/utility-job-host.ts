import type { FromHost, ToHost } from '../../engine/job/host/host-protocol';
import type { HostExit, HostLauncher } from '../services/jobs/job-host-process';

/** The part of Electron's UtilityProcess a job host needs (injected, so this is testable without Electron). */
export interface UtilityChild {
  readonly pid: number | undefined;
  readonly stderr: NodeJS.ReadableStream | null;
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

export type UtilityFork = (
  modulePath: string,
  args: string[],
  options: { execArgv: string[]; serviceName: string; stdio: 'pipe' },
) => UtilityChild;

const STDERR_TAIL = 4_096;

/**
 * Job hosts as Electron utility processes: Electron's own way to run Node code in a child, which
 * works with the `runAsNode` fuse off (child_process.fork of the app binary would not).
 */
export function utilityHostLauncher<To = ToHost, From = FromHost>(
  fork: UtilityFork,
  script: string,
): HostLauncher<To, From> {
  return ({ jobName, memoryLimitMb }) => {
    const child = fork(script, [jobName], {
      execArgv: [`--max-old-space-size=${memoryLimitMb}`],
      serviceName: `Sluice job ${jobName}`,
      stdio: 'pipe',
    });
    let stderr = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-STDERR_TAIL)));
    let running = true;
    child.on('exit', () => (running = false));
    return {
      pid: child.pid,
      send: (message) => {
        if (running) child.postMessage(message);
      },
      onMessage: (listener) => child.on('message', (message) => listener(message as From)),
      onExit: (listener) => child.on('exit', (code) => listener({ code, signal: null, stderr } satisfies HostExit)),
      kill: () => void child.kill(),
    };
  };
}
