import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BenchError } from './bench-error.js';

const run = promisify(execFile);

/** The java to run; `SLUICE_JAVA` overrides PATH so a missing or wrong JVM can be tested. */
export function javaExecutable(env: NodeJS.ProcessEnv = process.env): string {
  return env['SLUICE_JAVA'] ?? 'java';
}

/** Low-footprint JVM flags: the whole bench shares two cores with whatever else is running. */
const lowFootprint = [
  '-XX:+UseSerialGC',
  '-XX:TieredStopAtLevel=1',
  '-XX:MaxMetaspaceSize=192m',
  '-Djava.awt.headless=true',
];

export type JvmRole = 'broker' | 'zookeeper' | 'tool';

const heaps: Record<JvmRole, string[]> = {
  broker: ['-Xms64m', '-Xmx256m'],
  zookeeper: ['-Xms32m', '-Xmx128m'],
  tool: ['-Xms32m', '-Xmx128m'],
};

export function jvmFlags(role: JvmRole): string[] {
  return [...heaps[role], ...lowFootprint];
}

/** Fails fast, naming java, before any component is started with it. */
export async function checkJava(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const java = javaExecutable(env);
  try {
    const { stderr } = await run(java, ['-version'], { timeout: 30_000 });
    const version = /version "([^"]+)"/.exec(stderr)?.[1] ?? 'unknown';
    const major = Number(version.split('.')[0]);
    if (!Number.isFinite(major) || major < 17) {
      throw new BenchError({
        component: 'java',
        failure: `is version ${version} (${java}); Kafka 3.9/4.x needs Java 17 or newer`,
      });
    }
    return version;
  } catch (error) {
    if (error instanceof BenchError) throw error;
    throw new BenchError({
      component: 'java',
      failure: `cannot be run (${java}): ${(error as Error).message}. Install Java 17 or point SLUICE_JAVA at one.`,
    });
  }
}

/** The major version a java prints (`17.0.15` → 17, `1.8.0_402` → 8), or undefined if it cannot run. */
async function javaMajor(java: string): Promise<number | undefined> {
  try {
    const { stderr } = await run(java, ['-version'], { timeout: 30_000 });
    const version = /version "([^"]+)"/.exec(stderr)?.[1] ?? '';
    const [first, second] = version.split('.').map(Number);
    const major = first === 1 ? second : first;
    return Number.isFinite(major) ? major : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A java of at least `minMajor` for peers that need a newer JVM than the brokers (Apicurio Registry
 * needs 21): `SLUICE_JAVA21`, then `java` on PATH, `$JAVA_HOME`, and every JDK under /usr/lib/jvm.
 */
export async function findJava(minMajor: number, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const jvmDir = '/usr/lib/jvm';
  const installed = existsSync(jvmDir)
    ? readdirSync(jvmDir)
        .sort()
        .reverse()
        .map((dir) => join(jvmDir, dir, 'bin', 'java'))
    : [];
  const candidates = [
    env['SLUICE_JAVA21'],
    javaExecutable(env),
    env['JAVA_HOME'] ? join(env['JAVA_HOME'], 'bin', 'java') : undefined,
    ...installed,
  ].filter((java): java is string => !!java);
  const tried: string[] = [];
  for (const java of [...new Set(candidates)]) {
    if (java.includes('/') && !existsSync(java)) continue;
    const major = await javaMajor(java);
    if (major !== undefined && major >= minMajor) return java;
    tried.push(`${java} (${major ?? 'cannot run'})`);
  }
  throw new BenchError({
    component: 'java',
    failure: `${minMajor}+ was not found (tried ${tried.join(', ') || 'nothing'}); install a JDK ${minMajor}+ (Temurin, or Debian's openjdk-${minMajor}-jre-headless where it exists) or point SLUICE_JAVA21 at one`,
  });
}
