import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { SandboxStatus } from './sandbox-status';

/** Where the sandbox can come from: a source checkout (the installed app has no broker to offer). */
export interface SandboxOptions {
  /** The checkout holding `scripts/sandbox.ts` and its node_modules; undefined in an installed app. */
  checkoutRoot: string | undefined;
  /** The broker's port; 9092 as `npm run sandbox`, so one already running there is reused. */
  port?: number;
  controllerPort?: number;
  /** The broker's data; default the script's own (`.cache/sandbox` in the checkout). */
  dataDir?: string;
  /** The script's environment (e.g. `SLUICE_JAVA`); default this process's. */
  env?: NodeJS.ProcessEnv;
}

export interface SandboxServiceDeps extends SandboxOptions {
  /** Saves the sandbox's cluster profile and demo job, and starts the job: what the newcomer then sees. */
  onReady: (bootstrap: string) => Promise<{ cluster: string; job: string }>;
  emit: (status: SandboxStatus) => void;
  /** Runs `scripts/sandbox.ts` with these arguments (tests may replace it). */
  runScript?: (root: string, args: string[], env: NodeJS.ProcessEnv) => ChildProcess;
}

const LINES_KEPT = 12;
const READY = /^sandbox: ready at (\S+)/;
const STOP_BOUND_MS = 35_000;

/** The script through tsx with whatever runs this process; Electron's binary runs as plain Node. */
function runSandboxScript(root: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'sandbox.ts'), ...args], {
    cwd: root,
    env: { ...env, ELECTRON_RUN_AS_NODE: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** What `--check` prints. */
interface CheckReport {
  java?: string;
  problem?: string;
  kafkaVersion: string;
  jarsCached: boolean;
  bootstrap: string;
  running: string | null;
}

/**
 * The local sandbox broker for a first run: checks what starting it needs (a checkout, Java 17+),
 * starts `npm run sandbox` on request and follows its output, then hands the broker's address to
 * `onReady`. The broker stops with the console (only when this console started it).
 */
export class SandboxService {
  readonly #deps: SandboxServiceDeps;
  #status: SandboxStatus | undefined;
  #child: ChildProcess | undefined;
  #lines: string[] = [];

  constructor(deps: SandboxServiceDeps) {
    this.#deps = deps;
  }

  get #bootstrap(): string {
    return `127.0.0.1:${this.#deps.port ?? 9092}`;
  }

  #args(extra: string[]): string[] {
    const { port, controllerPort, dataDir } = this.#deps;
    return [
      ...(port === undefined ? [] : ['--port', String(port)]),
      ...(controllerPort === undefined ? [] : ['--controller-port', String(controllerPort)]),
      ...(dataDir === undefined ? [] : ['--data-dir', dataDir]),
      ...extra,
    ];
  }

  #run(root: string, extra: string[]): ChildProcess {
    return (this.#deps.runScript ?? runSandboxScript)(root, this.#args(extra), this.#deps.env ?? process.env);
  }

  #set(status: SandboxStatus): SandboxStatus {
    this.#status = status;
    this.#deps.emit(status);
    return status;
  }

  /** The current state; the first call (or `recheck`) looks for Java and a running broker. */
  async status(recheck = false): Promise<SandboxStatus> {
    const busy = this.#status?.state === 'starting' || this.#status?.state === 'running';
    if (this.#status && (busy || !recheck)) return this.#status;
    return this.#set(await this.#check());
  }

  async #check(): Promise<SandboxStatus> {
    const root = this.#deps.checkoutRoot;
    const bootstrap = this.#bootstrap;
    if (!root || !existsSync(join(root, 'scripts', 'sandbox.ts')) || !existsSync(join(root, 'node_modules', 'tsx'))) {
      return {
        state: 'unavailable',
        bootstrap,
        reason: 'no-checkout',
        message: 'This build has no sandbox broker: it comes with a source checkout (`npm run sandbox`).',
        lines: [],
      };
    }
    try {
      const report = await this.#runCheck(root);
      if (!report.java) {
        return {
          state: 'unavailable',
          bootstrap,
          reason: 'no-java',
          message: report.problem ?? 'Java 17 or newer was not found.',
          lines: [],
        };
      }
      return {
        state: 'stopped',
        bootstrap,
        java: report.java,
        kafkaVersion: report.kafkaVersion,
        download: !report.jarsCached,
        ...(report.running ? { message: `A Kafka broker already answers at ${bootstrap} (${report.running}).` } : {}),
        lines: [],
      };
    } catch (error) {
      return { state: 'unavailable', bootstrap, reason: 'check-failed', message: (error as Error).message, lines: [] };
    }
  }

  #runCheck(root: string): Promise<CheckReport> {
    return new Promise((resolve, reject) => {
      const child = this.#run(root, ['--check']);
      let out = '';
      let err = '';
      child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
      child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
      child.on('error', reject);
      child.on('close', (code) => {
        const line = out.trim().split('\n').pop() ?? '';
        try {
          resolve(JSON.parse(line) as CheckReport);
        } catch {
          reject(new Error(`The sandbox check failed (exit ${code}): ${(err || out).trim().split('\n').pop() ?? ''}`));
        }
      });
    });
  }

  /** Starts the broker (or adopts one already running there) and returns at once; progress comes as events. */
  async start(): Promise<SandboxStatus> {
    const current = await this.status(true);
    if (current.state === 'starting' || current.state === 'running') return current;
    if (current.state === 'unavailable') throw new Error(current.message);
    const root = this.#deps.checkoutRoot as string;
    this.#lines = [];
    const bootstrap = this.#bootstrap;
    this.#set({
      state: 'starting',
      bootstrap,
      message: current.download
        ? `Downloading Kafka ${current.kafkaVersion} with Maven (first start only), then starting it`
        : `Starting Kafka ${current.kafkaVersion}`,
      lines: [],
    });
    const child = this.#run(root, ['--live']);
    this.#child = child;
    let ready = false;
    const follow = (stream: NodeJS.ReadableStream | null) => {
      if (!stream) return;
      createInterface({ input: stream }).on('line', (line) => {
        if (!line.trim()) return;
        this.#lines = [...this.#lines, line].slice(-LINES_KEPT);
        const address = READY.exec(line)?.[1];
        if (address && !ready) {
          ready = true;
          void this.#adopt(address);
        } else if (this.#status?.state === 'starting') {
          this.#set({ ...this.#status, lines: this.#lines });
        }
      });
    };
    follow(child.stdout);
    follow(child.stderr);
    child.on('error', (error) => this.#set({ state: 'failed', bootstrap, message: error.message, lines: this.#lines }));
    child.on('close', (code, signal) => {
      this.#child = undefined;
      // The script ends at once when it only found a broker already running: that one stays.
      if (ready && code === 0 && !signal) return;
      const last = this.#lines.at(-1) ?? `exit ${code ?? signal}`;
      this.#set({
        state: 'failed',
        bootstrap,
        message: ready ? `The sandbox broker stopped: ${last}` : `The sandbox did not start: ${last}`,
        lines: this.#lines,
      });
    });
    return this.#status as SandboxStatus;
  }

  async #adopt(bootstrap: string): Promise<void> {
    try {
      const { cluster, job } = await this.#deps.onReady(bootstrap);
      this.#set({ state: 'running', bootstrap, cluster, job, lines: this.#lines });
    } catch (error) {
      this.#set({
        state: 'failed',
        bootstrap,
        message: `The broker runs at ${bootstrap}, but its profile or demo job could not be set up: ${(error as Error).message}`,
        lines: this.#lines,
      });
    }
  }

  /** Stops the broker this console started (the script stops it cleanly on SIGTERM). */
  async close(): Promise<void> {
    const child = this.#child;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve();
      }, STOP_BOUND_MS);
      child.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  }
}

/** The shells' sandbox options: a checkout's root, with `SLUICE_SANDBOX_PORT` / `SLUICE_SANDBOX_DATA_DIR` if set. */
export function sandboxOptions(checkoutRoot: string | undefined, env: NodeJS.ProcessEnv = process.env): SandboxOptions {
  const port = Number(env['SLUICE_SANDBOX_PORT']);
  const dataDir = env['SLUICE_SANDBOX_DATA_DIR'];
  return {
    checkoutRoot,
    ...(Number.isInteger(port) && port > 0 && port < 65_535 ? { port } : {}),
    ...(dataDir ? { dataDir } : {}),
  };
}
