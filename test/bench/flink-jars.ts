import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { benchResultsDir, cacheDir, projectRoot } from './bench-paths.js';
import { mvnExecutable } from './kafka-jars.js';
import { isComplete, publishStaged } from './cache-publish.js';
import { runLogged } from './run-logged.js';

// A local Apache Flink for the hand-off tests: Flink's table API, planner and runtime plus the Kafka
// SQL connector, resolved from Maven Central into `.cache/flink-<version>/libs` once, and the tiny
// SQL runner (test/flink/SqlRunner.java) compiled beside them, keyed by its source's hash.

/** test/flink/pom.xml pins the same release; engine/export/flink names it in the scripts. */
export const FLINK_VERSION = '2.0.0';

const flinkDir = join(projectRoot, 'test', 'flink');
const logPath = () => join(benchResultsDir, 'flink-maven.log');

/**
 * The directory of Flink jars (`-cp '<dir>/*'`), resolved with maven the first time; keyed by the
 * pom's hash, so a dependency added there is resolved rather than missed in an older directory.
 */
export async function ensureFlinkJars(): Promise<string> {
  const pomHash = createHash('sha256')
    .update(readFileSync(join(flinkDir, 'pom.xml')))
    .digest('hex')
    .slice(0, 12);
  const libs = join(cacheDir, `flink-${FLINK_VERSION}`, `libs-${pomHash}`);
  if (isComplete(libs)) return libs;
  mkdirSync(join(cacheDir, `flink-${FLINK_VERSION}`), { recursive: true });
  const staging = `${libs}.tmp-${process.pid}-${Date.now()}`;
  try {
    await runLogged({
      component: 'maven',
      what: `resolving Flink ${FLINK_VERSION} and its Kafka SQL connector`,
      command: mvnExecutable(),
      args: [
        '-q',
        '-B',
        '-f',
        join(flinkDir, 'pom.xml'),
        'dependency:copy-dependencies',
        '-DincludeScope=runtime',
        `-DoutputDirectory=${staging}`,
      ],
      logPath: logPath(),
      timeoutMs: 15 * 60_000,
      missingHint: 'Install Maven 3.8+ or point SLUICE_MVN at one.',
    });
    publishStaged(staging, libs);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return libs;
}

/** The compiled SqlRunner's class directory, compiled with javac when its source changed. */
export async function ensureSqlRunner(libs: string): Promise<string> {
  const source = join(flinkDir, 'SqlRunner.java');
  const hash = createHash('sha256').update(readFileSync(source)).digest('hex').slice(0, 12);
  const classes = join(cacheDir, `flink-${FLINK_VERSION}`, `runner-${hash}`);
  if (isComplete(classes)) return classes;
  const staging = `${classes}.tmp-${process.pid}-${Date.now()}`;
  try {
    await runLogged({
      component: 'javac',
      what: 'compiling test/flink/SqlRunner.java',
      command: process.env['SLUICE_JAVAC'] ?? 'javac',
      args: ['-cp', `${libs}/*`, '-d', staging, source],
      logPath: logPath(),
      timeoutMs: 5 * 60_000,
      missingHint: 'Install a JDK 17+ (javac) or point SLUICE_JAVAC at one.',
    });
    publishStaged(staging, classes);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return classes;
}
