import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect, type LookupFunction, type Socket } from 'node:net';
import type { ISocketFactory } from 'kafkajs';
import { inject } from 'vitest';
import {
  parseClusterProfile,
  type ClusterProfile,
  type ClusterProfileInput,
} from '../../engine/spec/cluster-profile.js';
import type { BenchContext } from './bench-context.js';
import { createRunDirs } from './bench-paths.js';
import { ensureKafkaJars, KAFKA_VERSION } from './kafka-jars.js';
import { createNetns, execInNetns, type Netns } from './netns.js';
import { INSIDE_HOSTS } from './netns-kafka.js';
import { jumpUser, startNetnsSshd, type NetnsSshd } from './netns-sshd.js';
import { kcatExecutable } from './kcat.js';

/**
 * What every tunnel test starts with: a fresh namespace (unique name, its own hosts file and a
 * login that exists only inside) and OpenSSH's sshd in it as the jump host. Teardown stops what
 * was started and removes the namespace and its /etc/netns files, also after a failure.
 */
export interface TunnelBench {
  ctx: BenchContext;
  ns: Netns;
  sshd: NetnsSshd;
  /** The bench run's state directory, where namespaced processes are recorded as a safety net. */
  stateDir: string;
  /** Things to stop at teardown, in reverse order of registration. */
  onTeardown(action: () => Promise<void>): void;
  teardown(): Promise<void>;
}

/** `hosts`: more names only the namespace resolves, besides the brokers' (INSIDE_HOSTS). */
export async function startTunnelBench(
  label: string,
  options: { needsKafka: boolean; hosts?: Record<string, string> },
): Promise<TunnelBench> {
  const bench = inject('bench');
  const dirs = createRunDirs(join(bench.runDir, label));
  const jarsDir = options.needsKafka
    ? bench.jarsDir || (await ensureKafkaJars({ logPath: join(dirs.logDir, 'maven.log') }))
    : bench.jarsDir;
  const ctx: BenchContext = { ...dirs, kafkaVersion: KAFKA_VERSION, jarsDir };
  const actions: Array<() => Promise<void>> = [];
  const teardown = async () => {
    const errors: unknown[] = [];
    for (const action of actions.splice(0).reverse()) await action().catch((error: unknown) => errors.push(error));
    if (errors.length > 0) throw errors[0];
  };
  try {
    const user = jumpUser();
    const ns = await createNetns({ hosts: { ...INSIDE_HOSTS, ...options.hosts }, user });
    actions.push(() => ns.destroy());
    const sshd = await startNetnsSshd(ctx, ns, user, bench.stateDir);
    actions.push(() => sshd.process.stop({ graceMs: 2_000 }));
    return {
      ctx,
      ns,
      sshd,
      stateDir: bench.stateDir,
      onTeardown: (action) => actions.push(action),
      teardown,
    };
  } catch (error) {
    await teardown().catch(() => undefined);
    throw error;
  }
}

/** A validated profile (defaults filled in) with the jump host's known_hosts and plain key. */
export function tunnelProfile(
  sshd: Pick<NetnsSshd, 'host' | 'port' | 'user' | 'privateKeyPath' | 'knownHostsPath'>,
  input: Partial<ClusterProfileInput> & { name: string },
): ClusterProfile {
  const parsed = parseClusterProfile({
    bootstrapServers: ['kafka-inside:29092'],
    ssh: {
      host: sshd.host,
      port: sshd.port,
      user: sshd.user,
      auth: { type: 'private-key', path: sshd.privateKeyPath },
      hostKey: { knownHostsFile: sshd.knownHostsPath },
      connectTimeoutMs: 5_000,
      keepaliveIntervalMs: 2_000,
      reconnect: { initialDelayMs: 200, maxDelayMs: 2_000 },
    },
    ...input,
  });
  if (!parsed.ok) throw new Error(`test profile is invalid: ${JSON.stringify(parsed.problems)}`);
  return parsed.value;
}

/**
 * Name resolution from this host's /etc/hosts only: what a client would do with the advertised
 * name, minus the DNS query, which would leave the machine. Names only the namespace knows fail.
 */
const hostsFileLookup: LookupFunction = (hostname, _options, callback) => {
  const line = readFileSync('/etc/hosts', 'utf8')
    .split('\n')
    .map((l) => l.replace(/#.*/, '').trim().split(/\s+/))
    .find((fields) => fields.slice(1).includes(hostname));
  if (line?.[0]) callback(null, line[0], line[0].includes(':') ? 6 : 4);
  else callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), '', 4);
};

/** A kafkajs socketFactory that dials directly, as kafkajs would without a tunnel (hosts file only). */
export const directSocketFactory: ISocketFactory = ({ host, port, onConnect }) => {
  const socket: Socket = connect({ host, port, lookup: hostsFileLookup }, onConnect);
  return socket;
};

/** kcat inside the namespace: an independent client that needs no tunnel. */
export async function kcatInside(ns: Netns, args: string[], input?: string): Promise<string> {
  if (input !== undefined) {
    const { spawn } = await import('node:child_process');
    const line = ns.exec(kcatExecutable(), args);
    return new Promise((resolve, reject) => {
      const child = spawn(line.command, line.args, { stdio: ['pipe', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`kcat ${args.join(' ')}: ${err}`))));
      child.stdin.end(input);
    });
  }
  const { code, stdout, stderr } = await execInNetns(ns, kcatExecutable(), args, 60_000);
  if (code !== 0) throw new Error(`kcat ${args.join(' ')} failed: ${stderr}`);
  return stdout;
}
