import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { benchResultsDir, cacheDir } from './bench-paths.js';
import { javaExecutable, jvmFlags } from './java.js';
import { ensureKafkaJars, KAFKA_VERSION, mvnExecutable } from './kafka-jars.js';
import { runLogged } from './run-logged.js';

// Kafka's own command-line tools, run as their main classes with `java`, so tests can check that
// what Sluice writes is what Kafka's tools read (and the other way round). The broker's jars do not
// hold the tools since Kafka 3.5 moved them to the kafka-tools artifact; it is resolved beside them.

// The consumer-groups command moved from core (Scala) to kafka-tools (Java) in 3.7.
const CONSUMER_GROUP_COMMANDS = [
  'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand',
  'kafka.admin.ConsumerGroupCommand',
];

const COMPLETE_MARKER = '.complete';
const logPath = () => join(benchResultsDir, 'kafka-tools.log');

/** The kafka-tools jar of `version` in `.cache/kafka-tools-<version>/`, resolved from Maven the first time. */
export async function ensureKafkaToolsDir(version = KAFKA_VERSION): Promise<string> {
  const dir = join(cacheDir, `kafka-tools-${version}`);
  if (existsSync(join(dir, COMPLETE_MARKER))) return dir;
  mkdirSync(cacheDir, { recursive: true });
  const staging = `${dir}.tmp-${process.pid}-${Date.now()}`;
  try {
    await runLogged({
      component: 'maven',
      what: `resolving org.apache.kafka:kafka-tools:${version}`,
      command: mvnExecutable(),
      args: [
        '-q',
        '-B',
        'org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy',
        `-Dartifact=org.apache.kafka:kafka-tools:${version}`,
        `-DoutputDirectory=${staging}`,
      ],
      logPath: logPath(),
      timeoutMs: 10 * 60_000,
      missingHint: 'Install Maven 3.8+ or point SLUICE_MVN at one.',
    });
    writeFileSync(join(staging, COMPLETE_MARKER), `${new Date().toISOString()}\n`);
    // Tools log WARN and above to stderr only, so their stdout stays the command's answer.
    writeFileSync(
      join(staging, 'tools-log4j.properties'),
      'log4j.rootLogger=WARN, stderr\nlog4j.appender.stderr=org.apache.log4j.ConsoleAppender\n' +
        'log4j.appender.stderr.Target=System.err\nlog4j.appender.stderr.layout=org.apache.log4j.PatternLayout\n' +
        'log4j.appender.stderr.layout.ConversionPattern=%p %m (%c)%n\n',
    );
    if (!existsSync(join(dir, COMPLETE_MARKER))) {
      rmSync(dir, { recursive: true, force: true });
      try {
        renameSync(staging, dir);
      } catch (error) {
        if (!existsSync(join(dir, COMPLETE_MARKER))) throw error;
      }
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return dir;
}

export interface ToolResult {
  stdout: string;
  stderr: string;
  code: number;
}

let resolvedMain: string | undefined;

/** Runs a main class on the broker's jars plus kafka-tools; never throws for a non-zero exit. */
export async function runKafkaTool(mainClass: string, args: string[], version = KAFKA_VERSION): Promise<ToolResult> {
  const libs = await ensureKafkaJars({ version, logPath: join(benchResultsDir, 'maven.log') });
  const tools = await ensureKafkaToolsDir(version);
  try {
    const { stdout, stderr } = await promisify(execFile)(
      javaExecutable(),
      [
        ...jvmFlags('tool'),
        `-Dlog4j.configuration=file:${join(tools, 'tools-log4j.properties')}`,
        '-cp',
        `${libs}/*:${tools}/*`,
        mainClass,
        ...args,
      ],
      { timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
    );
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; code?: number | string };
    if (typeof failed.code !== 'number') throw error;
    return { stdout: failed.stdout ?? '', stderr: failed.stderr ?? '', code: failed.code };
  }
}

/** `kafka-consumer-groups.sh ARGS`: whichever ConsumerGroupCommand class this Kafka ships. */
export async function kafkaConsumerGroups(args: string[], version = KAFKA_VERSION): Promise<ToolResult> {
  if (resolvedMain) return runKafkaTool(resolvedMain, args, version);
  for (const candidate of CONSUMER_GROUP_COMMANDS) {
    const result = await runKafkaTool(candidate, args, version);
    if (/Could not find or load main class/.test(result.stderr)) continue;
    resolvedMain = candidate;
    return result;
  }
  throw new Error(
    `no ConsumerGroupCommand main class in the Kafka ${version} jars (${CONSUMER_GROUP_COMMANDS.join(', ')})`,
  );
}

/** A topic's overrides as `kafka-configs.sh --describe` prints them ("Dynamic configs for topic ..."). */
export async function kafkaTopicConfigs(bootstrap: string, topic: string): Promise<Record<string, string>> {
  const args = ['--bootstrap-server', bootstrap, '--entity-type', 'topics', '--entity-name', topic, '--describe'];
  const result = await runKafkaTool('kafka.admin.ConfigCommand', args);
  if (result.code !== 0) throw new Error(`kafka-configs --describe ${topic} exited ${result.code}: ${result.stderr}`);
  return Object.fromEntries(
    [...result.stdout.matchAll(/^\s+([a-z0-9.]+)=(\S*) sensitive=/gm)].map((m) => [m[1]!, m[2]!]),
  );
}
