import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { startBench, selectShapes } from './bench-start.js';
import { createRunDirs } from './bench-paths.js';
import { killAllComponentsNow, stopAllComponents } from './component-control.js';

/**
 * Vitest global setup for the integration project: starts the real peers once per run, hands
 * their addresses to tests as `inject('bench')`, and returns the teardown that stops them all,
 * including nodes a test restarted. Logs stay in test-results/bench/<run-id>/logs.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const startedAt = Date.now();
  const dirs = createRunDirs();
  const shapes = selectShapes(process.env['SLUICE_BENCH_SHAPES']);
  console.log(`[bench] starting ${shapes.join(', ')}; logs in ${dirs.logDir}`);

  const killOnExit = (): void => killAllComponentsNow(dirs.stateDir);
  process.once('exit', killOnExit);

  const teardown = async (): Promise<void> => {
    const stoppedAt = Date.now();
    const report = await stopAllComponents(dirs.stateDir);
    process.off('exit', killOnExit);
    // Broker data is not evidence of anything once the run is over; logs and configs are.
    rmSync(dirs.dataDir, { recursive: true, force: true });
    console.log(
      `[bench] stopped in ${((Date.now() - stoppedAt) / 1000).toFixed(1)}s (${report.join(', ') || 'nothing'}); logs in ${dirs.logDir}`,
    );
  };

  let shapeTimes = '';
  try {
    const info = await startBench(dirs, shapes);
    shapeTimes = Object.entries(info.startupMs)
      .map(([shape, ms]) => `${shape} ${(ms / 1000).toFixed(1)}s`)
      .join(', ');
    project.provide('bench', info);
  } catch (error) {
    await teardown();
    throw error;
  }
  console.log(`[bench] ready in ${((Date.now() - startedAt) / 1000).toFixed(1)}s (${shapeTimes})`);
  return teardown;
}
