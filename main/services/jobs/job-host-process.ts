import { fork, type Serializable } from 'node:child_process';
import type { FromHost, ToHost } from '../../../engine/job/host/host-protocol';

/** How a job host process ended; `stderr` is the end of what it printed (a crash's last words). */
export interface HostExit {
  code: number | null;
  signal: string | null;
  stderr: string;
}

/** A running job host, whichever way it was started. */
export interface HostProcess<To = ToHost, From = FromHost> {
  readonly pid: number | undefined;
  send(message: To): void;
  onMessage(listener: (message: From) => void): void;
  onExit(listener: (exit: HostExit) => void): void;
  /** Ends it now, without a final checkpoint: for a host that did not stop within its bound. */
  kill(): void;
}

export interface HostLaunch {
  jobName: string;
  /** The V8 heap limit of the host: past it the job fails alone. */
  memoryLimitMb: number;
}

export type HostLauncher<To = ToHost, From = FromHost> = (launch: HostLaunch) => HostProcess<To, From>;

const STDERR_TAIL = 4_096;

/**
 * Job hosts as Node child processes (browser mode and tests): `script` is the built job host, or
 * its TypeScript source, which runs through tsx.
 */
export function forkHostLauncher<To = ToHost, From = FromHost>(script: string): HostLauncher<To, From> {
  return ({ jobName, memoryLimitMb }) => {
    const child = fork(script, [jobName], {
      execArgv: [...(script.endsWith('.ts') ? ['--import', 'tsx'] : []), `--max-old-space-size=${memoryLimitMb}`],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-STDERR_TAIL)));
    return {
      pid: child.pid,
      send: (message) => {
        if (child.connected) child.send(message as Serializable);
      },
      onMessage: (listener) => child.on('message', (message) => listener(message as From)),
      onExit: (listener) => {
        let reported = false;
        const report = (exit: HostExit) => {
          if (reported) return;
          reported = true;
          listener(exit);
        };
        // 'close' comes after stderr has been read to its end, so a crash's last words are in.
        child.on('close', (code, signal) => report({ code, signal, stderr }));
        child.on('error', (error) => report({ code: null, signal: null, stderr: `${stderr}\n${error.message}` }));
      },
      kill: () => void child.kill('SIGKILL'),
    };
  };
}
