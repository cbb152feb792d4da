import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import type { Client, ClientChannel, ConnectConfig } from 'ssh2';
import { ConfigError, ConnectionError, type SluiceError } from '../errors/index.js';
import { loadOnce } from '../load-once.js';
import type { Logger } from '../job/logger.js';
import { backoffDelay, type BackoffOptions } from './backoff.js';
import { judgeHostKey, preferredHostKeyAlgorithms, type HostKeyPolicy } from './host-key.js';
import { knownKeysFor, parseKnownHosts, type KnownHosts } from './known-hosts.js';
import { forwardError, hostKeyError, sshConnectError, type SshStage, type SshTarget } from './ssh-errors.js';

/** ssh2, loaded on the first tunnel: a cluster reached directly never loads it. */
const loadSsh = loadOnce(() => import('ssh2'));

/** Credentials with their secrets already resolved; they live only in memory. */
export type SshCredentials =
  | { kind: 'private-key'; privateKey: Buffer; passphrase?: string }
  | { kind: 'password'; password: string }
  | { kind: 'agent'; socket: string };

export interface SshTunnelOptions extends SshTarget {
  credentials: SshCredentials;
  hostKey: {
    pinned?: string;
    /** Read at every connect, so an edited file counts from the next reconnect on. */
    knownHostsFile?: string;
    /** The operator's trust decision for this run (`--trust-host-key`). */
    trusted?: string;
  };
  keepaliveIntervalMs: number;
  keepaliveCountMax: number;
  connectTimeoutMs: number;
  reconnect: BackoffOptions;
  logger?: Logger;
  /** Jitter source, replaceable in specs. */
  random?: () => number;
}

export type TunnelState = 'idle' | 'connecting' | 'ready' | 'reconnecting' | 'failed' | 'closed';

/** Timing of each stage of a connect, for `sluice cluster test`. */
export type StageObserver = (stage: SshStage, durationMs: number, detail: string) => void;

/** Something riding on the tunnel that must go down with it: a Kafka socket or a forwarded connection. */
export interface Destroyable {
  destroy(error?: Error): void;
}

/** What socket factories and local forwards need from a tunnel. */
export interface ChannelOpener {
  openChannel(host: string, port: number): Promise<ClientChannel>;
  /** Registers a user of the tunnel; returns the function that unregisters it. */
  track(user: Destroyable): () => void;
}

interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * One SSH connection to a jump host, shared by every channel of a cluster profile. Its host key
 * is checked on every connect (first and reconnects); an unknown or changed key is never accepted.
 * When the connection drops, every channel is destroyed with an error (kafkajs then reconnects
 * cleanly) and the tunnel reconnects by itself with jittered exponential backoff, until an error
 * that retrying cannot fix (host key, authentication) or close().
 */
export class SshTunnel extends EventEmitter implements ChannelOpener {
  readonly options: SshTunnelOptions;
  #state: TunnelState = 'idle';
  #client: Client | undefined;
  #connecting: Promise<void> | undefined;
  #failure: SluiceError | undefined;
  #fingerprint: string | undefined;
  #attempt = 0;
  #timer: NodeJS.Timeout | undefined;
  readonly #waiters: Waiter[] = [];
  readonly #users = new Set<Destroyable>();

  constructor(options: SshTunnelOptions) {
    super();
    this.options = options;
  }

  get state(): TunnelState {
    return this.#state;
  }

  /** Why the tunnel gave up, once it is `failed`. */
  get failure(): SluiceError | undefined {
    return this.#failure;
  }

  /** The fingerprint of the host key accepted on the last connect. */
  get hostKeyFingerprint(): string | undefined {
    return this.#fingerprint;
  }

  get label(): string {
    return `${this.options.user}@${this.options.host}:${this.options.port}`;
  }

  /** Connects once (or joins a connect under way); rejects with the stage that failed and why. */
  connect(observe?: StageObserver): Promise<void> {
    if (this.#state === 'ready') return Promise.resolve();
    if (this.#state === 'failed' && this.#failure) return Promise.reject(this.#failure);
    if (this.#state === 'closed') return Promise.reject(this.#closedError());
    if (this.#connecting) return this.#connecting;
    if (this.#state !== 'idle') {
      // The reconnect loop is at work: wait for its outcome rather than race it.
      return new Promise<void>((resolve, reject) => this.#waiters.push({ resolve, reject }));
    }
    this.#setState('connecting');
    this.#connecting = this.#attemptConnect(observe)
      .catch((error: SluiceError) => {
        if (this.#state === 'connecting') this.#setState('idle');
        this.#rejectWaiters(error);
        throw error;
      })
      .finally(() => (this.#connecting = undefined));
    return this.#connecting;
  }

  async openChannel(host: string, port: number): Promise<ClientChannel> {
    switch (this.#state) {
      case 'failed':
        throw this.#failure ?? this.#closedError();
      case 'closed':
        throw this.#closedError();
      case 'idle':
        await this.connect();
        break;
      case 'connecting':
      case 'reconnecting':
        await new Promise<void>((resolve, reject) => this.#waiters.push({ resolve, reject }));
        break;
      case 'ready':
        break;
    }
    return this.#forward(host, port);
  }

  track(user: Destroyable): () => void {
    if (this.#state === 'closed' || this.#state === 'failed') {
      user.destroy(this.#failure ?? this.#closedError());
      return () => undefined;
    }
    this.#users.add(user);
    return () => this.#users.delete(user);
  }

  /** Ends the SSH connection and everything riding on it; no reconnect follows. */
  async close(): Promise<void> {
    if (this.#state === 'closed') return;
    this.#setState('closed');
    clearTimeout(this.#timer);
    const error = this.#closedError();
    this.#rejectWaiters(error);
    this.#destroyUsers(error);
    const client = this.#client;
    this.#client = undefined;
    if (!client) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 1_000);
      timer.unref();
      client.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      client.end();
    });
  }

  // A method, not a comparison in place: close() may run while a connect is awaited.
  #isClosed(): boolean {
    return this.#state === 'closed';
  }

  #closedError(): SluiceError {
    return new ConnectionError(`the SSH tunnel through ${this.label} is closed`, {
      hintId: 'ssh-unreachable',
      retriable: false,
    });
  }

  #setState(state: TunnelState, error?: SluiceError): void {
    if (this.#state === state) return;
    this.#state = state;
    this.emit('state', { state, ...(error ? { error } : {}) });
  }

  async #loadKnownHosts(): Promise<HostKeyPolicy['knownHosts']> {
    const path = this.options.hostKey.knownHostsFile;
    if (path === undefined) return undefined;
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      // A missing file trusts nothing, as with ssh; the unknown-key error then says what to add.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { path, file: { entries: [], problems: [] } };
      throw new ConfigError(`cannot read the known_hosts file ${path}: ${(error as Error).message}`, {
        hintId: 'file-access',
        cause: error,
        details: { stage: 'host-key', path },
      });
    }
    const file: KnownHosts = parseKnownHosts(text);
    for (const problem of file.problems) {
      this.options.logger?.warn(`${path} line ${problem.line}: ${problem.message} (skipped)`);
    }
    return { path, file };
  }

  async #attemptConnect(observe?: StageObserver): Promise<void> {
    const { options } = this;
    const knownHosts = await this.#loadKnownHosts();
    const policy: HostKeyPolicy = {
      host: options.host,
      port: options.port,
      ...(options.hostKey.pinned === undefined ? {} : { pinned: options.hostKey.pinned }),
      ...(knownHosts === undefined ? {} : { knownHosts }),
      ...(options.hostKey.trusted === undefined ? {} : { trusted: options.hostKey.trusted }),
    };
    const knownTypes = knownHosts
      ? knownKeysFor(knownHosts.file, options.host, options.port)
          .filter((entry) => entry.marker === undefined)
          .map((entry) => entry.keyType)
      : [];

    const { Client: SshClient } = await loadSsh();
    await new Promise<void>((resolve, reject) => {
      const client = new SshClient();
      let stage: SshStage = 'connect';
      let stageStartedAt = Date.now();
      let hostKeyFailure: SluiceError | undefined;
      let settled = false;
      const stageDone = (detail: string, next: SshStage) => {
        observe?.(stage, Date.now() - stageStartedAt, detail);
        stage = next;
        stageStartedAt = Date.now();
      };
      const fail = (error: SluiceError) => {
        if (settled) return;
        settled = true;
        client.removeAllListeners();
        client.on('error', () => undefined);
        client.end();
        reject(error);
      };

      client.on('connect', () => stageDone(`${options.host}:${options.port}`, 'host-key'));
      client.once('ready', () => {
        if (this.#isClosed()) {
          fail(this.#closedError());
          return;
        }
        settled = true;
        stageDone(`${options.user} (${options.credentials.kind})`, 'auth');
        this.#adopt(client);
        resolve();
      });
      client.on('error', (error: Error) => {
        if (!settled) fail(hostKeyFailure ?? sshConnectError(error, options, stage));
        else options.logger?.warn(`SSH ${this.label}: ${error.message}`);
      });
      client.on('close', () => {
        if (!settled) fail(hostKeyFailure ?? sshConnectError(new Error('the connection closed'), options, stage));
        else if (this.#client === client) this.#dropped();
      });
      if (options.credentials.kind === 'password') {
        const password = options.credentials.password;
        // Some hosts offer passwords only as keyboard-interactive; answer every prompt with it.
        client.on('keyboard-interactive', (_name, _instructions, _lang, prompts, finish) =>
          finish(prompts.map(() => password)),
        );
      }

      const config: ConnectConfig = {
        host: options.host,
        port: options.port,
        username: options.user,
        readyTimeout: options.connectTimeoutMs,
        keepaliveInterval: options.keepaliveIntervalMs,
        keepaliveCountMax: options.keepaliveCountMax,
        algorithms: { serverHostKey: preferredHostKeyAlgorithms(knownTypes) as ServerHostKeys },
        hostVerifier: (key: Buffer) => {
          const verdict = judgeHostKey(key, policy);
          if (verdict.kind !== 'trusted') {
            hostKeyFailure = hostKeyError(verdict, options);
            return false;
          }
          this.#fingerprint = verdict.fingerprint;
          stageDone(`${verdict.fingerprint} (trusted by ${verdict.by})`, 'auth');
          return true;
        },
        ...credentialsConfig(options.credentials),
      };
      try {
        client.connect(config);
      } catch (error) {
        // ssh2 throws here for a key it cannot parse (a wrong passphrase, a public key file).
        fail(sshConnectError(error, options, 'auth'));
      }
    });
  }

  #adopt(client: Client): void {
    this.#client = client;
    this.#attempt = 0;
    this.#setState('ready');
    for (const waiter of this.#waiters.splice(0)) waiter.resolve();
  }

  /** The connection went away under us: take every channel down with it, then reconnect. */
  #dropped(): void {
    this.#client = undefined;
    const error = new ConnectionError(`the SSH connection through ${this.label} was lost; reconnecting`, {
      hintId: 'ssh-unreachable',
      retriable: true,
    });
    this.options.logger?.warn(error.message);
    this.#destroyUsers(error);
    this.#scheduleReconnect(error);
  }

  #scheduleReconnect(error: SluiceError): void {
    if (this.#state === 'closed' || this.#state === 'failed') return;
    const delay = backoffDelay(this.#attempt++, this.options.reconnect, this.options.random);
    this.#setState('reconnecting', error);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#reconnect();
    }, delay);
    // An abandoned tunnel must not keep a finished process alive; its owner closes it.
    this.#timer.unref();
  }

  async #reconnect(): Promise<void> {
    if (this.#state !== 'reconnecting') return;
    this.#setState('connecting');
    try {
      await this.#attemptConnect();
      this.options.logger?.info(`SSH ${this.label}: reconnected`);
    } catch (e) {
      const error = e as SluiceError;
      if (this.#isClosed()) return;
      this.#rejectWaiters(error);
      if (!error.retriable) {
        // A changed host key or refused credentials: retrying cannot help, and must not hammer the host.
        this.#failure = error;
        this.#setState('failed', error);
        this.#destroyUsers(error);
        this.options.logger?.error(`SSH ${this.label}: giving up: ${error.message}`);
        return;
      }
      this.options.logger?.warn(`SSH ${this.label}: reconnect failed: ${error.message}`);
      this.#scheduleReconnect(error);
    }
  }

  #forward(host: string, port: number): Promise<ClientChannel> {
    const client = this.#client;
    if (!client) return this.openChannel(host, port);
    return new Promise((resolve, reject) => {
      const failed = (error: unknown) =>
        reject(
          this.#client === client
            ? forwardError(error, this.options, host, port)
            : new ConnectionError(`the SSH connection through ${this.label} was lost while opening ${host}:${port}`, {
                hintId: 'ssh-unreachable',
                retriable: true,
                cause: error,
              }),
        );
      try {
        client.forwardOut('127.0.0.1', 0, host, port, (error, channel) => (error ? failed(error) : resolve(channel)));
      } catch (error) {
        failed(error);
      }
    });
  }

  #rejectWaiters(error: Error): void {
    for (const waiter of this.#waiters.splice(0)) waiter.reject(error);
  }

  #destroyUsers(error: Error): void {
    const users = [...this.#users];
    this.#users.clear();
    for (const user of users) user.destroy(error);
  }
}

type ServerHostKeys = NonNullable<NonNullable<ConnectConfig['algorithms']>['serverHostKey']>;

function credentialsConfig(credentials: SshCredentials): Partial<ConnectConfig> {
  switch (credentials.kind) {
    case 'private-key':
      return {
        privateKey: credentials.privateKey,
        ...(credentials.passphrase === undefined ? {} : { passphrase: credentials.passphrase }),
      };
    case 'password':
      return { password: credentials.password, tryKeyboard: true };
    case 'agent':
      return { agent: credentials.socket };
  }
}
