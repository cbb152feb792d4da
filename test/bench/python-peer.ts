import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BenchError } from './bench-error.js';
import { benchResultsDir, cacheDir, kafkaConfigDir } from './bench-paths.js';
import { runLogged } from './run-logged.js';

// Python's confluent-kafka with its Avro, Protobuf and JSON Schema serializers: the independent
// encoder and decoder for Schema Registry records. Installed from PyPI once into a venv under
// .cache/python-<hash of the requirements>, then reused; test/kafka/registry_peer.py drives it.

export const PYTHON_REQUIREMENTS = ['confluent-kafka[schemaregistry,avro,protobuf,json]==2.16.1'];
const COMPLETE_MARKER = '.complete';
const run = promisify(execFile);

/** The venv's python, created and filled the first time (a minute or two of pip). */
export async function ensurePythonPeer(logPath = join(benchResultsDir, 'python-peer-pip.log')): Promise<string> {
  const hash = createHash('sha256').update(PYTHON_REQUIREMENTS.join('\n')).digest('hex').slice(0, 12);
  const home = join(cacheDir, `python-${hash}`);
  const python = join(home, 'bin', 'python');
  if (existsSync(join(home, COMPLETE_MARKER))) return python;
  mkdirSync(benchResultsDir, { recursive: true });
  const staging = `${home}.tmp-${process.pid}-${Date.now()}`;
  const python3 = process.env['SLUICE_PYTHON3'] ?? 'python3';
  try {
    await runLogged({
      component: 'python-peer',
      what: `creating a venv with ${python3}`,
      command: python3,
      args: ['-m', 'venv', staging],
      logPath,
      timeoutMs: 120_000,
      missingHint: 'Install Python 3.9+ with venv (Debian: python3-venv) or point SLUICE_PYTHON3 at one.',
    });
    await runLogged({
      component: 'python-peer',
      what: `pip install ${PYTHON_REQUIREMENTS.join(' ')}`,
      command: join(staging, 'bin', 'pip'),
      args: ['install', '--disable-pip-version-check', '--no-input', ...PYTHON_REQUIREMENTS],
      logPath,
      timeoutMs: 10 * 60_000,
    });
    writeFileSync(join(staging, COMPLETE_MARKER), `${new Date().toISOString()}\n`);
    // A venv's scripts name its directory: move by recreating the venv in place is not possible,
    // so the staging venv is renamed and its python invoked by path (pip's shebangs are not used).
    if (!existsSync(join(home, COMPLETE_MARKER))) {
      rmSync(home, { recursive: true, force: true });
      renameSync(staging, home);
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return python;
}

export interface PeerRecord {
  key: string | null;
  /** The decoded value as Python's deserializer returns it, JSON-encoded by the script. */
  value: unknown;
}

export interface PeerRun {
  bootstrap: string;
  registry: string;
  topic: string;
  /** Runs the script elsewhere, e.g. inside a network namespace (`Netns.exec`); directly when absent. */
  exec?: (command: string, args: string[]) => { command: string; args: string[] };
}

const SCRIPT = join(kafkaConfigDir, 'registry_peer.py');

/** One attempt's bound: a normal run takes a few seconds (most of it Python's imports). */
const ATTEMPT_TIMEOUT_MS = 20_000;
/** Attempts for a run that stalled before writing anything. */
const ATTEMPTS = 3;

async function peer(args: string[], exec: PeerRun['exec']): Promise<string> {
  const python = await ensurePythonPeer();
  const line = exec ? exec(python, [SCRIPT, ...args]) : { command: python, args: [SCRIPT, ...args] };
  try {
    const { stdout } = await run(line.command, line.args, {
      maxBuffer: 64 * 1024 * 1024,
      timeout: ATTEMPT_TIMEOUT_MS,
    });
    return stdout;
  } catch (error) {
    const e = error as { stderr?: string; stdout?: string; killed?: boolean; message: string };
    throw new PeerFailure(`${args.join(' ')} failed: ${e.stderr || e.message}`, e.killed === true && !e.stdout?.trim());
  }
}

/** `idle`: the script was stopped at its time bound before it wrote anything (safe to run again). */
class PeerFailure extends BenchError {
  constructor(
    failure: string,
    readonly idle: boolean,
  ) {
    super({ component: 'python-peer', failure });
  }
}

/**
 * confluent-kafka's registry client has been seen to stall, rarely, on a loaded machine before it
 * wrote a record (its requests to the registry simply stop; the script dumps its threads to stderr
 * when it runs long, which the error then shows). Such a run is started again, up to three times in
 * all; a run that wrote records is never repeated, so no record is written twice.
 */
async function peerOnceMore(args: string[], exec: PeerRun['exec']): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await peer(args, exec);
    } catch (error) {
      if (!(error instanceof PeerFailure) || !error.idle || attempt >= ATTEMPTS) throw error;
    }
  }
}

/** Produces `count` records of `kind` (avro, protobuf, protobuf-nested, json) with confluent-kafka's serializers. */
export async function pythonProduce(target: PeerRun, kind: string, count: number): Promise<PeerRecord[]> {
  const out = await peerOnceMore(
    ['produce', target.bootstrap, target.registry, target.topic, kind, String(count)],
    target.exec,
  );
  return parseLines(out);
}

/** Consumes `count` records of `kind` from the start of the topic and decodes them with the registry. */
export async function pythonConsume(target: PeerRun, kind: string, count: number): Promise<PeerRecord[]> {
  const out = await peerOnceMore(
    ['consume', target.bootstrap, target.registry, target.topic, kind, String(count)],
    target.exec,
  );
  return parseLines(out);
}

const parseLines = (text: string): PeerRecord[] =>
  text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as PeerRecord);
