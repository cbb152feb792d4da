import { mkdirSync, rmSync } from 'node:fs';
import { isComplete, publishStaged } from './cache-publish.js';
import { join } from 'node:path';
import { cacheDir, kafkaConfigDir } from './bench-paths.js';
import { runLogged } from './run-logged.js';

/** The Kafka release the bench runs; test/kafka/pom.xml pins the same one. */
export const KAFKA_VERSION = '3.9.2';
/** The newest Kafka 4.x on Maven Central, for the `kraft4` shape; test/kafka/pom-4.xml pins the same one. */
export const KAFKA_4_VERSION = '4.4.0';

const RESOLVE_DEADLINE_MS = 10 * 60_000;

export interface KafkaJarsOptions {
  version?: string;
  /** The pom to resolve; its `kafka.version` property is overridden with `version`. */
  pom?: string;
  /** Where maven's own output goes, so a failed resolve can be read. */
  logPath: string;
  env?: NodeJS.ProcessEnv;
}

/** The maven to run; `SLUICE_MVN` overrides PATH so a broken resolver can be tested. */
export function mvnExecutable(env: NodeJS.ProcessEnv = process.env): string {
  return env['SLUICE_MVN'] ?? 'mvn';
}

export function kafkaHome(version: string): string {
  return join(cacheDir, `kafka-${version}`);
}

/**
 * Returns a directory of Kafka jars usable as `-cp '<dir>/*'`, resolving them from Maven Central
 * the first time. Maven writes into a private temp directory that is renamed into place only after
 * it succeeded, so an interrupted download is never mistaken for a complete one, and two runs
 * resolving at once both end with the same complete directory.
 */
export async function ensureKafkaJars(options: KafkaJarsOptions): Promise<string> {
  const version = options.version ?? KAFKA_VERSION;
  const home = kafkaHome(version);
  const libs = join(home, 'libs');
  if (isComplete(home)) return libs;

  mkdirSync(cacheDir, { recursive: true });
  const staging = `${home}.tmp-${process.pid}-${Date.now()}`;
  try {
    await runMaven(options, version, join(staging, 'libs'));
    publishStaged(staging, home);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return libs;
}

function runMaven(options: KafkaJarsOptions, version: string, outputDir: string): Promise<void> {
  const pom = options.pom ?? join(kafkaConfigDir, 'pom.xml');
  return runLogged({
    component: 'maven',
    what: `resolving Kafka ${version} jars from ${pom}`,
    command: mvnExecutable(options.env),
    args: [
      '-q',
      '-B',
      '-f',
      pom,
      `-Dkafka.version=${version}`,
      'dependency:copy-dependencies',
      '-DincludeScope=runtime',
      `-DoutputDirectory=${outputDir}`,
    ],
    logPath: options.logPath,
    timeoutMs: RESOLVE_DEADLINE_MS,
    env: options.env,
    missingHint: 'Install Maven 3.8+ or point SLUICE_MVN at one.',
  });
}

/** The Kafka 4.x jars (log4j2 binding instead of reload4j: test/kafka/pom-4.xml). */
export function ensureKafka4Jars(options: Pick<KafkaJarsOptions, 'logPath' | 'env'>): Promise<string> {
  return ensureKafkaJars({ ...options, version: KAFKA_4_VERSION, pom: join(kafkaConfigDir, 'pom-4.xml') });
}
