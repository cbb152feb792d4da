import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, inject, it, vi } from 'vitest';
import type { BenchContext } from '../bench/bench-context.js';
import { BenchError } from '../bench/bench-error.js';
import { createRunDirs, projectRoot } from '../bench/bench-paths.js';
import { startBench } from '../bench/bench-start.js';
import { readAllStates } from '../bench/component-state.js';
import { freePort } from '../bench/free-port.js';
import { checkJava } from '../bench/java.js';
import { ensureKafkaJars, kafkaHome, KAFKA_VERSION } from '../bench/kafka-jars.js';
import { startKraftSingle } from '../bench/kraft-single.js';
import { isComponentAlive } from '../bench/process-control.js';

// The bench must fail loudly and alone: one BenchError naming the component and its log, with
// nothing left running. These start real processes that are meant to fail.

let ctx: BenchContext;

beforeEach(async () => {
  const bench = inject('bench');
  const dirs = createRunDirs(join(bench.runDir, 'failure-tests'));
  const jarsDir = bench.jarsDir || (await ensureKafkaJars({ logPath: join(dirs.logDir, 'maven.log') }));
  ctx = { ...dirs, kafkaVersion: KAFKA_VERSION, jarsDir };
});

afterEach(() => {
  vi.unstubAllEnvs();
});

async function benchError(promise: Promise<unknown>): Promise<BenchError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(BenchError);
  return error as BenchError;
}

function expectNothingRunning(stateDir: string): void {
  for (const state of readAllStates(stateDir))
    expect(isComponentAlive(state), `${state.name} (pid ${state.pid}) still runs`).toBe(false);
}

describe('bench failures', () => {
  it('names java when SLUICE_JAVA points nowhere', async () => {
    vi.stubEnv('SLUICE_JAVA', '/nonexistent/java');
    const preflight = await benchError(checkJava());
    expect(preflight.component).toBe('java');
    expect(preflight.message).toContain('/nonexistent/java');

    const start = await benchError(startKraftSingle(ctx, { name: 'kraft-no-java' }));
    expect(start.component).toBe('kraft-no-java');
    expect(start.message).toMatch(/could not run \/nonexistent\/java: spawn \/nonexistent\/java ENOENT/);
    expect(start.logPath).toBe(join(ctx.logDir, 'kraft-no-java.log'));
    expectNothingRunning(ctx.stateDir);
  });

  it('names the broker and its log when its port is already taken', async () => {
    const port = await freePort();
    const squatter: Server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve));
    try {
      const error = await benchError(startKraftSingle(ctx, { name: 'kraft-port-taken', port }));
      expect(error.component).toBe('kraft-port-taken');
      expect(error.message).toContain('exited before it was ready');
      expect(error.message).toContain(`log: ${join(ctx.logDir, 'kraft-port-taken.log')}`);
      // The broker's own account of the cause is in the message, so nobody has to open the log.
      expect(error.message).toContain(`Socket server failed to bind to 127.0.0.1:${port}: Address already in use`);
      expect(error.logTail.length).toBeLessThanOrEqual(20);
    } finally {
      squatter.close();
    }
    expectNothingRunning(ctx.stateDir);
  });

  it('stops a component that is not ready by its deadline and says what it waited for', async () => {
    const error = await benchError(startKraftSingle(ctx, { name: 'kraft-too-slow', readyDeadlineMs: 300 }));
    expect(error.component).toBe('kraft-too-slow');
    expect(error.message).toMatch(/was not ready within 0\.3s \(last check: .+\)/);
    expectNothingRunning(ctx.stateDir);
  });

  it('names maven and its log when the jars cannot be resolved', async () => {
    const logPath = join(ctx.logDir, 'maven-missing.log');
    const version = '3.9.999-does-not-exist';
    const error = await benchError(ensureKafkaJars({ version, logPath }));
    expect(error.component).toBe('maven');
    expect(error.message).toContain(`log: ${logPath}`);
    expect(readFileSync(logPath, 'utf8')).toContain(version);
    // A failed resolve must leave nothing that a later run could mistake for jars.
    expect(existsSync(kafkaHome(version))).toBe(false);

    vi.stubEnv('SLUICE_MVN', '/nonexistent/mvn');
    const missing = await benchError(ensureKafkaJars({ version, logPath }));
    expect(missing.message).toContain('could not run /nonexistent/mvn');
  });

  it('reports the first failing shape once and stops the shapes started beside it', async () => {
    vi.stubEnv('SLUICE_SSHD', '/nonexistent/sshd');
    const startedAt = Date.now();
    const error = await benchError(startBench(ctx, ['kraft', 'sshd']));
    expect(error.component).toBe('sshd');
    expect(error.message).toContain('/nonexistent/sshd');
    // The Kafka node beside it stopped waiting instead of running into its own deadline.
    expect(Date.now() - startedAt).toBeLessThan(60_000);
    expectNothingRunning(ctx.stateDir);
  });

  it('stops a whole vitest run with one message when the global setup fails', () => {
    const run = spawnSync('npx', ['vitest', 'run', '--project', 'integration', 'test/integration/bench.test.ts'], {
      cwd: projectRoot,
      env: {
        ...process.env,
        SLUICE_BENCH_SHAPES: 'kraft',
        SLUICE_JAVA: '/nonexistent/java',
        NO_COLOR: '1',
        FORCE_COLOR: '0',
      },
      encoding: 'utf8',
      timeout: 120_000,
    });
    const output = `${run.stdout}\n${run.stderr}`;
    expect(run.status, output).not.toBe(0);
    expect(output).toContain('bench: java cannot be run (/nonexistent/java)');
    expect(output).not.toMatch(/Tests\s+\d+ passed/);
    expect(output).not.toContain('timed out');
  });
});
