import type { ClusterProfile } from '../../spec/cluster-profile.js';
import { ClusterConnections } from '../../transport/cluster-connections.js';
import { createSecretResolver } from '../../transport/secrets.js';
import type { JobEvents } from '../job-events.js';
import { createJob, type Job, type JobOptions } from '../job.js';
import type { JobSpec } from '../../spec/index.js';
import { toWireError, type FromHost, type HostConnections, type ToHost } from './host-protocol.js';

/** How a host talks to the app: Node's IPC channel of a forked process, or Electron's parentPort. */
export interface HostChannel {
  send(message: FromHost): void;
  onMessage(listener: (message: ToHost) => void): void;
}

const EVENTS: readonly (keyof JobEvents)[] = [
  'state',
  'started',
  'checkpoint',
  'metrics',
  'warning',
  'error',
  'discovery',
  'hints',
];

/**
 * One job in its host process: started and stopped by the app's calls, every event sent back.
 * Ends by calling `exit` once the job is done and its connections are closed.
 */
export class HostSession {
  readonly #channel: HostChannel;
  readonly #exit: (code: number) => void;
  readonly #create: (spec: JobSpec, options: JobOptions) => Job;
  #job: Job | undefined;
  #connections: ClusterConnections | undefined;

  constructor(channel: HostChannel, exit: (code: number) => void, create = createJob) {
    this.#channel = channel;
    this.#exit = exit;
    this.#create = create;
    channel.onMessage((message) => void this.#handle(message));
    channel.send({ kind: 'ready', pid: process.pid });
  }

  /** The app went away (quit or crash): stop gracefully, which takes a final checkpoint. */
  async orphaned(): Promise<void> {
    if (!this.#job) return this.#exit(0);
    await this.#job.stop().catch(() => undefined);
  }

  async #handle(message: ToHost): Promise<void> {
    try {
      if (message.call === 'start') await this.#start(message.start);
      else await this.#job?.stop();
      this.#channel.send({ kind: 'reply', seq: message.seq });
    } catch (error) {
      this.#channel.send({ kind: 'reply', seq: message.seq, error: toWireError(error) });
    }
  }

  async #start(start: Extract<ToHost, { call: 'start' }>['start']): Promise<void> {
    if (this.#job) throw new Error('this job host already runs a job');
    this.#connections = hostConnections(start.connections);
    const job = this.#create(start.spec, {
      stateDir: start.stateDir,
      resolveCluster: this.#connections.resolve,
      ...(start.restoreFrom === undefined ? {} : { restoreFrom: start.restoreFrom }),
    });
    this.#job = job;
    for (const event of EVENTS) {
      job.on(event, (payload) => {
        const wire =
          event === 'error'
            ? { ...(payload as JobEvents['error']), error: toWireError((payload as JobEvents['error']).error) }
            : payload;
        this.#channel.send({ kind: 'event', event, payload: wire } as FromHost);
      });
    }
    void job.done().then(async (result) => {
      const { error, ...rest } = result;
      this.#channel.send({ kind: 'done', result: { ...rest, ...(error ? { error: toWireError(error) } : {}) } });
      await this.#connections?.close().catch(() => undefined);
      this.#exit(0);
    });
    await job.start();
  }
}

/** The job's cluster profiles, resolved here; `store:` secrets come from the app, the rest as anywhere. */
export function hostConnections(connections: HostConnections): ClusterConnections {
  const secrets = createSecretResolver({
    providers: {
      store: async (id) => {
        const value = connections.secrets[id];
        if (value === undefined) throw new Error(`the app did not pass the stored secret "${id}" to the job host`);
        return value;
      },
    },
  });
  return new ClusterConnections({
    lookup: (name) => connections.profiles[name],
    source: 'the app settings',
    secrets,
  });
}

/** Every `{ secret: "store:<id>" }` a profile refers to, by id. */
export function storedSecretIds(profile: ClusterProfile): string[] {
  const ids = new Set<string>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      const secret = (value as { secret?: unknown }).secret;
      if (typeof secret === 'string' && secret.startsWith('store:')) ids.add(secret.slice('store:'.length));
      Object.values(value).forEach(walk);
    }
  };
  walk(profile);
  return [...ids];
}
