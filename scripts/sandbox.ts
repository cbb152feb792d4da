#!/usr/bin/env -S npx tsx
// `npm run sandbox`: a persistent single-node Kafka (KRaft) on 127.0.0.1:9092 with demo topics, for
// trying Sluice by hand. Uses the test bench's jars and process handling; stays in the foreground
// and stops the broker cleanly on Ctrl-C. Data is kept in .cache/sandbox between runs.
// The console's first run starts it too (main/services/sandbox/): `--check` prints what it needs as one
// JSON line, `--live` keeps writing an order a second so charts move, and a `sandbox: ready at <address>`
// line says the broker answers and the demo topics exist.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import type { BenchContext } from '../test/bench/bench-context.js';
import { BenchError } from '../test/bench/bench-error.js';
import { cacheDir } from '../test/bench/bench-paths.js';
import { readAllStates, type ComponentState } from '../test/bench/component-state.js';
import { demoTopics, LIVE_TOPIC, liveOrders } from '../test/bench/demo-records.js';
import { checkJava } from '../test/bench/java.js';
import { ensureKafkaJars, kafkaHome, KAFKA_VERSION } from '../test/bench/kafka-jars.js';
import { newClusterId, prepareKafkaNode, startPreparedKafkaNode } from '../test/bench/kafka-node.js';
import { isComponentAlive, stopComponentProcess } from '../test/bench/process-control.js';
import { portListening } from '../test/bench/readiness-probes.js';

const NAME = 'sandbox';
const usage = `Usage: npm run sandbox -- [--port 9092] [--controller-port <port+1>] [--data-dir .cache/sandbox] [--live] [--check]`;
const READY = 'sandbox: ready at';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '9092' },
    'controller-port': { type: 'string' },
    'data-dir': { type: 'string', default: join(cacheDir, NAME) },
    live: { type: 'boolean', default: false },
    check: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const port = Number(values.port);
const controllerPort = Number(values['controller-port'] ?? port + 1);
if (!Number.isInteger(port) || !Number.isInteger(controllerPort) || port <= 0 || controllerPort <= 0) {
  console.error(`sandbox: --port and --controller-port must be port numbers\n${usage}`);
  process.exit(2);
}
const home = values['data-dir'];
const bootstrap = `127.0.0.1:${port}`;
const shown = (path: string): string => relative(process.cwd(), path) || '.';

/** Whatever answers Kafka metadata on the port, or undefined if nothing Kafka-like is there. */
async function describeRunningBroker(): Promise<string | undefined> {
  if (!(await portListening('127.0.0.1', port))) return undefined;
  const admin = new Kafka({ brokers: [bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 1 } }).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return `cluster ${cluster.clusterId}, broker ${cluster.brokers.map((broker) => broker.nodeId).join(',')}`;
  } catch {
    return undefined;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** The cluster id stored when the data directory was formatted, so a restart keeps its identity. */
function storedClusterId(dataDir: string): string | undefined {
  const meta = join(dataDir, 'meta.properties');
  if (!existsSync(meta)) return undefined;
  return /^cluster\.id=(.+)$/m.exec(readFileSync(meta, 'utf8'))?.[1]?.trim();
}

async function seedDemoTopics(): Promise<string[]> {
  const kafka = new Kafka({ clientId: 'sluice-sandbox', brokers: [bootstrap], logLevel: logLevel.ERROR });
  const admin = kafka.admin();
  await admin.connect();
  const existing = new Set(await admin.listTopics());
  const missing = demoTopics.filter((demo) => !existing.has(demo.topic));
  if (missing.length > 0) {
    await admin.createTopics({
      topics: missing.map((demo) => ({ topic: demo.topic, numPartitions: demo.partitions, replicationFactor: 1 })),
      waitForLeaders: true,
    });
  }
  await admin.disconnect();

  // Only new topics get demo records, so restarting the sandbox never doubles them.
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const now = Date.now();
  for (const demo of missing) {
    const records = demo.records(now);
    if (records.length === 0) continue;
    await producer.send({
      topic: demo.topic,
      messages: records.map((record) => ({ ...record, timestamp: String(record.timestamp) })),
    });
  }
  await producer.disconnect();

  return demoTopics.map((demo) => {
    const count = demo.records(now).length;
    const seeded = !missing.includes(demo)
      ? 'kept from an earlier run'
      : count > 0
        ? `${count} demo records written now`
        : 'empty';
    return `${demo.topic} (${demo.partitions} partition${demo.partitions > 1 ? 's' : ''}; ${seeded})`;
  });
}

/** `--live`: one new order a second, so a job reading `orders` has something to show. */
async function writeLiveOrders(): Promise<void> {
  const kafka = new Kafka({ clientId: 'sluice-sandbox-live', brokers: [bootstrap], logLevel: logLevel.ERROR });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const next = liveOrders();
  setInterval(() => {
    const record = next(Date.now());
    producer
      .send({ topic: LIVE_TOPIC, messages: [{ ...record, timestamp: String(record.timestamp) }] })
      .catch((error: unknown) => console.error(`sandbox: a live order was not written: ${(error as Error).message}`));
  }, 1_000);
}

/** `--check`: what starting would need, as one JSON line (the console reads it before offering a start). */
async function check(): Promise<void> {
  let java: string | undefined;
  let problem: string | undefined;
  try {
    java = await checkJava();
  } catch (error) {
    problem = error instanceof BenchError ? `${error.component} ${error.failure}` : (error as Error).message;
  }
  const running = await describeRunningBroker();
  console.log(
    JSON.stringify({
      java,
      problem,
      kafkaVersion: KAFKA_VERSION,
      jarsCached: existsSync(kafkaHome(KAFKA_VERSION)),
      bootstrap,
      running: running ?? null,
    }),
  );
}

function stopOnSignals(state: ComponentState): void {
  let stopping = false;
  const stop = async (signal: NodeJS.Signals): Promise<void> => {
    if (stopping) return;
    stopping = true;
    console.log(`\nsandbox: ${signal} received, stopping the broker (pid ${state.pid})...`);
    const outcome = await stopComponentProcess(state, { graceMs: 30_000 });
    console.log(
      `sandbox: broker ${outcome === 'killed' ? 'did not stop in 30s and was killed' : 'stopped'}; data kept in ${shown(home)}`,
    );
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, (received) => void stop(received));
}

async function main(): Promise<void> {
  mkdirSync(home, { recursive: true });
  const stateDir = join(home, 'state');
  const ours = readAllStates(stateDir).find((state) => state.name === NAME && isComponentAlive(state));
  const running = await describeRunningBroker();
  if (ours || running) {
    console.log(
      `sandbox: a Kafka broker is already running at ${bootstrap} (${running ?? 'starting up'}${ours ? `, pid ${ours.pid}` : ''}).`,
    );
    if (!ours) {
      console.log(
        `sandbox: it was not started by this sandbox (data in ${shown(home)}); stop it, or pick another port with --port.`,
      );
      return;
    }
    console.log(
      `sandbox: it was started by another \`npm run sandbox\`; stop it there with Ctrl-C or \`kill ${ours.pid}\`.`,
    );
    if (running) {
      await seedDemoTopics();
      console.log(`${READY} ${bootstrap}`);
    }
    return;
  }
  for (const taken of [port, controllerPort]) {
    if (await portListening('127.0.0.1', taken)) {
      throw new BenchError({
        component: NAME,
        failure: `cannot start: port ${taken} is in use by something that is not a Kafka broker; pick others with --port / --controller-port`,
      });
    }
  }

  await checkJava();
  console.log(`sandbox: preparing Kafka ${KAFKA_VERSION} (first run downloads the jars with Maven)...`);
  const jarsDir = await ensureKafkaJars({ logPath: join(home, 'maven.log') });
  const ctx: BenchContext = {
    runId: NAME,
    runDir: home,
    logDir: home,
    configDir: home,
    dataDir: join(home, 'data'),
    stateDir,
    kafkaVersion: KAFKA_VERSION,
    jarsDir,
  };
  const clusterId = storedClusterId(join(ctx.dataDir, NAME)) ?? newClusterId();
  const node = await prepareKafkaNode(
    {
      name: NAME,
      nodeId: 1,
      port,
      mode: { kind: 'kraft', controllerPort, quorumVoters: `1@127.0.0.1:${controllerPort}`, clusterId },
    },
    ctx,
  );
  // Detached, so Ctrl-C reaches only this script, which then stops the broker and waits for it.
  const state = await startPreparedKafkaNode(node, ctx, { detached: true });
  stopOnSignals(state);
  const topics = await seedDemoTopics();

  console.log(`
Sluice sandbox is running: Kafka ${KAFKA_VERSION}, single KRaft node (pid ${state.pid})
  bootstrap  ${bootstrap}
  cluster    ${clusterId}
  topics     ${topics.join('\n             ')}
  data       ${shown(node.dataDir)} (kept between runs; delete it for a fresh start)
  log        ${shown(node.logPath)}
  try        kcat -L -b ${bootstrap}

Press Ctrl-C to stop the broker.`);
  if (values.live) {
    await writeLiveOrders();
    console.log(`sandbox: writing one order a second to ${LIVE_TOPIC} (--live)`);
  }
  console.log(`${READY} ${bootstrap}`);
  // Keeps this process (and so the broker's supervisor) in the foreground until a signal arrives.
  setInterval(() => {
    if (!isComponentAlive(state)) {
      console.error(`sandbox: the broker exited on its own; see ${shown(node.logPath)}`);
      process.exit(1);
    }
  }, 2_000);
}

(values.check ? check() : main()).catch((error: unknown) => {
  console.error(error instanceof BenchError ? error.message : error);
  process.exit(1);
});
