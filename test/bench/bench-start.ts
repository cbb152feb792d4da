import { join } from 'node:path';
import type { BenchContext } from './bench-context.js';
import { BenchAborted, BenchError } from './bench-error.js';
import { benchShapes, defaultBenchShapes, type BenchInfo, type BenchShape } from './bench-info.js';
import type { RunDirs } from './bench-paths.js';
import { checkJava } from './java.js';
import { ensureKafka4Jars, ensureKafkaJars, KAFKA_4_VERSION, KAFKA_VERSION } from './kafka-jars.js';
import { startKraftCluster } from './kraft-cluster.js';
import { startKraftSingle } from './kraft-single.js';
import { startSshdServer } from './sshd.js';
import { startZookeeperMode } from './zookeeper-mode.js';

/** Parses SLUICE_BENCH_SHAPES (`kraft,kraft4,zk,cluster3,sshd`); unset or empty means the default shapes. */
export function selectShapes(value: string | undefined): BenchShape[] {
  const requested = (value ?? '')
    .split(',')
    .map((shape) => shape.trim())
    .filter((shape) => shape.length > 0);
  if (requested.length === 0) return [...defaultBenchShapes];
  const unknown = requested.filter((shape) => !(benchShapes as readonly string[]).includes(shape));
  if (unknown.length > 0) {
    throw new BenchError({
      component: 'bench',
      failure: `was asked for unknown shape(s) ${unknown.join(', ')} in SLUICE_BENCH_SHAPES; known: ${benchShapes.join(', ')}`,
    });
  }
  return [...new Set(requested as BenchShape[])];
}

type ShapeResults = Partial<Pick<BenchInfo, BenchShape>>;

const starters: { [S in BenchShape]: (ctx: BenchContext) => Promise<NonNullable<BenchInfo[S]>> } = {
  kraft: (ctx) => startKraftSingle(ctx),
  // Its own jars, resolved beside 3.9's; the node is otherwise the same shape.
  kraft4: async (ctx) => {
    const jarsDir = await ensureKafka4Jars({ logPath: join(ctx.logDir, 'maven-4.log') });
    return startKraftSingle({ ...ctx, kafkaVersion: KAFKA_4_VERSION, jarsDir }, { name: 'kraft4' });
  },
  zk: (ctx) => startZookeeperMode(ctx),
  cluster3: (ctx) => startKraftCluster(ctx),
  sshd: (ctx) => startSshdServer(ctx),
};

function asBenchError(shape: BenchShape, error: unknown): BenchError {
  if (error instanceof BenchError) return error;
  return new BenchError({ component: shape, failure: `failed to start: ${(error as Error).message}`, cause: error });
}

/**
 * Starts the selected shapes in parallel. The first failure aborts the others, which stop waiting
 * at once, and is the one error reported: siblings that gave up because of it are not reported.
 * Whatever did start is left for the caller's teardown (it is all in the state directory).
 */
export async function startBench(dirs: RunDirs, shapes: BenchShape[]): Promise<BenchInfo> {
  let jarsDir = '';
  if (shapes.some((shape) => shape !== 'sshd')) {
    await checkJava();
    jarsDir = await ensureKafkaJars({ logPath: join(dirs.logDir, 'maven.log') });
  }
  const abort = new AbortController();
  const ctx: BenchContext = { ...dirs, kafkaVersion: KAFKA_VERSION, jarsDir, signal: abort.signal };

  const results: ShapeResults = {};
  const startupMs: BenchInfo['startupMs'] = {};
  const outcomes = await Promise.allSettled(
    shapes.map(async (shape) => {
      const startedAt = Date.now();
      try {
        Object.assign(results, { [shape]: await starters[shape](ctx) });
        startupMs[shape] = Date.now() - startedAt;
      } catch (error) {
        abort.abort();
        throw error instanceof BenchAborted ? error : asBenchError(shape, error);
      }
    }),
  );
  const failures = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as Error] : []));
  const firstReal = failures.find((error) => !(error instanceof BenchAborted));
  if (firstReal ?? failures[0]) throw firstReal ?? failures[0];

  return {
    runId: dirs.runId,
    runDir: dirs.runDir,
    logDir: dirs.logDir,
    stateDir: dirs.stateDir,
    kafkaVersion: KAFKA_VERSION,
    jarsDir,
    startupMs,
    ...results,
  };
}
