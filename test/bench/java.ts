import { execFile } from 'node:child_process';
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
