import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { isComplete, publishStaged } from './cache-publish.js';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { inject } from 'vitest';
import { BenchError } from './bench-error.js';
import { benchResultsDir, cacheDir, type RunDirs } from './bench-paths.js';
import { launchComponent } from './component-launch.js';
import { stopComponent } from './component-control.js';
import { freePort } from './free-port.js';
import { findJava } from './java.js';
import { mvnExecutable } from './kafka-jars.js';
import { runLogged } from './run-logged.js';

// Apicurio Registry, the schema registry peer: the Quarkus app from Maven Central
// (io.apicurio:apicurio-registry-app, classifier `all`, a tar.gz), unpacked once into .cache/, run
// with Java 21+ and in-memory storage. Started by the tests that need it, not by the bench, so the
// rest of the run does not wait for it. Its Confluent-compatible API is at /apis/ccompat/v7.

export const APICURIO_VERSION = '3.3.3';
const run = promisify(execFile);

/** The unpacked app (holding quarkus-run.jar), resolved with Maven and unpacked the first time. */
export async function ensureApicurio(logPath = join(benchResultsDir, 'apicurio-maven.log')): Promise<string> {
  const home = join(cacheDir, `apicurio-${APICURIO_VERSION}`);
  if (isComplete(home)) return home;
  mkdirSync(cacheDir, { recursive: true });
  const staging = `${home}.tmp-${process.pid}-${Date.now()}`;
  try {
    await runLogged({
      component: 'maven',
      what: `resolving Apicurio Registry ${APICURIO_VERSION} (about 160 MB)`,
      command: mvnExecutable(),
      args: [
        '-q',
        '-B',
        'dependency:copy',
        `-Dartifact=io.apicurio:apicurio-registry-app:${APICURIO_VERSION}:tar.gz:all`,
        `-DoutputDirectory=${staging}`,
      ],
      logPath,
      timeoutMs: 15 * 60_000,
      missingHint: 'Install Maven 3.8+ or point SLUICE_MVN at one.',
    });
    const archive = readdirSync(staging).find((file) => file.endsWith('.tar.gz'));
    if (!archive)
      throw new BenchError({ component: 'apicurio', failure: `was not downloaded into ${staging}`, logPath });
    await run('tar', ['-xzf', join(staging, archive), '-C', staging]);
    rmSync(join(staging, archive));
    if (!existsSync(join(staging, 'quarkus-run.jar'))) {
      throw new BenchError({ component: 'apicurio', failure: `archive ${archive} holds no quarkus-run.jar` });
    }
    publishStaged(staging, home);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return home;
}

/** The JVM's arguments for Apicurio (a small heap, quick start-up), with `extra` system properties. */
export const apicurioArgs = (home: string, configPath: string, extra: readonly string[] = []): string[] => [
  '-Xms64m',
  '-Xmx384m',
  '-XX:+UseSerialGC',
  '-XX:TieredStopAtLevel=1',
  `-Dquarkus.config.locations=${configPath}`,
  ...extra,
  '-jar',
  join(home, 'quarkus-run.jar'),
];

export interface Registry {
  /** The registry's base URL, e.g. http://127.0.0.1:40123. */
  url: string;
  /** Its Confluent-compatible API (what Sluice and Confluent's serializers talk to). */
  ccompatUrl: string;
  stop(): Promise<void>;
}

/** Where a registry keeps its config, log and state: the test run's, or `npm run bench`'s (createRunDirs). */
export type ApicurioDirs = Pick<RunDirs, 'runDir' | 'logDir' | 'stateDir'>;

/**
 * Starts one Apicurio Registry (in-memory storage: empty at each start). Recorded in the run's
 * state dir, so the bench teardown stops it if the test does not. Tests leave `bench` out (their
 * run's dirs); `npm run bench` passes its own.
 */
export async function startApicurio(label: string, bench: ApicurioDirs = inject('bench')): Promise<Registry> {
  const home = await ensureApicurio(join(bench.logDir, `${label}-maven.log`));
  const java = await findJava(21);
  const port = await freePort();
  // Quarkus' management interface defaults to 0.0.0.0:9000: two registries (or two test files)
  // would collide there, so it gets a free loopback port of its own.
  const managementPort = await freePort();
  const name = `${label}-apicurio`;
  const configPath = join(bench.runDir, 'config', `${name}.properties`);
  mkdirSync(join(bench.runDir, 'config'), { recursive: true });
  writeFileSync(
    configPath,
    [
      `quarkus.http.host=127.0.0.1`,
      `quarkus.http.port=${port}`,
      'quarkus.management.host=127.0.0.1',
      `quarkus.management.port=${managementPort}`,
      'quarkus.log.level=INFO',
      '',
    ].join('\n'),
  );
  const url = `http://127.0.0.1:${port}`;
  const ccompatUrl = `${url}/apis/ccompat/v7`;
  await launchComponent(
    {
      name,
      command: java,
      args: apicurioArgs(home, configPath, [
        `-Dquarkus.http.port=${port}`,
        '-Dquarkus.http.host=127.0.0.1',
        `-Dquarkus.management.port=${managementPort}`,
        '-Dquarkus.management.host=127.0.0.1',
      ]),
      cwd: home,
      configPath,
      logPath: join(bench.logDir, `${name}.log`),
      ports: [port, managementPort],
      readiness: { kind: 'http', url: `${ccompatUrl}/subjects` },
      readyDeadlineMs: 120_000,
      stopOrder: 0,
    },
    { stateDir: bench.stateDir },
  );
  return { url, ccompatUrl, stop: () => stopComponent(bench.stateDir, name, { graceMs: 10_000 }) };
}
