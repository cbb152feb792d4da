import { execFile, spawnSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BenchError } from './bench-error.js';

const execFileAsync = promisify(execFile);
const NETNS_ETC = '/etc/netns';
const PREFIX = 'sluice-t';

/**
 * A network namespace joined to this one by a veth pair on a /30 of 10.250.0.0/16. From here the
 * only reachable address in it is `address` (the inside end of the veth); everything that listens
 * on the namespace's own loopback, and every name in its hosts file, exists only in there. Since
 * the namespace has no other route, nothing in it can send traffic anywhere else either.
 */
export interface Netns {
  name: string;
  /** Our end of the veth pair. */
  hostAddress: string;
  /** The namespace's end: the one address of it we can reach. */
  address: string;
  /** `/etc/netns/<name>`: its files replace /etc's for processes started with `ip netns exec`. */
  etcDir: string;
  /** A command line that runs `command` inside the namespace. */
  exec(command: string, args: string[]): { command: string; args: string[] };
  destroy(): Promise<void>;
}

export interface NetnsUser {
  name: string;
  password: string;
  uid: number;
}

export interface NetnsOptions {
  /** Names that resolve only inside, e.g. `{ 'kafka-inside': '127.0.0.1' }` (the namespace's own loopback). */
  hosts?: Record<string, string>;
  /** A login that exists only inside (its own passwd and shadow), for password authentication to sshd. */
  user?: NetnsUser;
}

const live = new Set<string>();
let exitHookInstalled = false;

async function ip(args: string[]): Promise<string> {
  try {
    const { stdout } = await execFileAsync('ip', args, { timeout: 15_000 });
    return stdout;
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new BenchError({
      component: 'netns',
      failure: `ip ${args.join(' ')} failed: ${(e.stderr ?? e.message).trim()} (needs iproute2 and root)`,
    });
  }
}

/** Removes a namespace and its /etc/netns files; synchronous so an exit hook can run it. */
function removeNow(name: string): void {
  spawnSync('ip', ['netns', 'del', name], { stdio: 'ignore' });
  rmSync(join(NETNS_ETC, name), { recursive: true, force: true });
  live.delete(name);
}

/** Namespaces of earlier runs whose process is gone (a killed worker cannot clean up after itself). */
function sweepStale(): void {
  const names = new Set<string>();
  try {
    for (const name of readdirSync('/run/netns')) names.add(name);
  } catch {
    // No namespace exists at all.
  }
  if (existsSync(NETNS_ETC)) for (const name of readdirSync(NETNS_ETC)) names.add(name);
  for (const name of names) {
    const pid = new RegExp(`^${PREFIX}(\\d+)-`).exec(name)?.[1];
    if (pid === undefined || Number(pid) === process.pid) continue;
    let alive = true;
    try {
      process.kill(Number(pid), 0);
    } catch {
      alive = false;
    }
    if (!alive) removeNow(name);
  }
}

/** A free /30 in 10.250.0.0/16: none of its addresses may be in use on this host already. */
async function pickSubnet(): Promise<{ host: string; inside: string }> {
  const used = await ip(['-4', '-o', 'addr', 'show']);
  const routes = await ip(['-4', 'route', 'show', 'table', 'all']);
  for (let attempt = 0; attempt < 50; attempt++) {
    const third = randomInt(0, 256);
    const base = randomInt(0, 64) * 4;
    const prefix = `10.250.${third}.`;
    const taken = [base, base + 1, base + 2, base + 3].some((last) =>
      new RegExp(`\\b${prefix.replaceAll('.', '\\.')}${last}\\b`).test(used + routes),
    );
    if (!taken && !routes.includes(`${prefix}${base}/30`)) {
      return { host: `${prefix}${base + 1}`, inside: `${prefix}${base + 2}` };
    }
  }
  throw new BenchError({ component: 'netns', failure: 'found no free /30 in 10.250.0.0/16' });
}

function writeEtc(etcDir: string, options: NetnsOptions): void {
  mkdirSync(etcDir, { recursive: true });
  const hosts = Object.entries(options.hosts ?? {}).map(([name, address]) => `${address} ${name}`);
  writeFileSync(join(etcDir, 'hosts'), ['127.0.0.1 localhost', ...hosts, ''].join('\n'));
  // No name server inside: a lookup that misses the hosts file fails at once instead of leaving.
  writeFileSync(join(etcDir, 'resolv.conf'), 'nameserver 127.0.0.1\noptions attempts:1 timeout:1\n');
  const user = options.user;
  if (!user) return;
  const hash = spawnSync('openssl', ['passwd', '-6', '-stdin'], { input: user.password, encoding: 'utf8' });
  if (hash.status !== 0) {
    throw new BenchError({ component: 'netns', failure: `openssl passwd failed: ${hash.stderr}` });
  }
  const passwd = readFileSync('/etc/passwd', 'utf8').trimEnd();
  writeFileSync(
    join(etcDir, 'passwd'),
    `${passwd}\n${user.name}:x:${user.uid}:65534:sluice tunnel test:/tmp:/bin/sh\n`,
  );
  copyFileSync('/etc/shadow', join(etcDir, 'shadow'));
  writeFileSync(join(etcDir, 'shadow'), `${user.name}:${hash.stdout.trim()}:19000:0:99999:7:::\n`, {
    flag: 'a',
    mode: 0o640,
  });
}

/** Creates a namespace with a unique name; it is removed by destroy(), and at process exit at the latest. */
export async function createNetns(options: NetnsOptions = {}): Promise<Netns> {
  sweepStale();
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => [...live].forEach(removeNow));
  }
  const id = randomBytes(3).toString('hex');
  const name = `${PREFIX}${process.pid}-${id}`;
  const outside = `slh${id}`;
  const inside = `sln${id}`;
  const etcDir = join(NETNS_ETC, name);
  const subnet = await pickSubnet();
  live.add(name);
  try {
    writeEtc(etcDir, options);
    await ip(['netns', 'add', name]);
    await ip(['link', 'add', outside, 'type', 'veth', 'peer', 'name', inside, 'netns', name]);
    await ip(['addr', 'add', `${subnet.host}/30`, 'dev', outside]);
    await ip(['link', 'set', outside, 'up']);
    await ip(['-n', name, 'addr', 'add', `${subnet.inside}/30`, 'dev', inside]);
    await ip(['-n', name, 'link', 'set', inside, 'up']);
    await ip(['-n', name, 'link', 'set', 'lo', 'up']);
  } catch (error) {
    removeNow(name);
    throw error;
  }
  return {
    name,
    hostAddress: subnet.host,
    address: subnet.inside,
    etcDir,
    exec: (command, args) => ({ command: 'ip', args: ['netns', 'exec', name, command, ...args] }),
    // Deleting the namespace takes the veth pair (both ends) with it.
    destroy: async () => removeNow(name),
  };
}

/** Runs a short command inside the namespace and returns its output (for probes). */
export async function execInNetns(
  ns: Netns,
  command: string,
  args: string[],
  timeoutMs = 10_000,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const line = ns.exec(command, args);
  try {
    const { stdout, stderr } = await execFileAsync(line.command, line.args, { timeout: timeoutMs });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}
