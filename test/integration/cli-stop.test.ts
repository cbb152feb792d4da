import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, expect, it } from 'vitest';
import { createTopic } from '../bench/helpers.js';
import { buildCli, kafkaJob, kraftBootstrap, produceValues, startCli, tempDir, writeSpec } from './cli-kit.js';

// A JSONata transform that never ends used to starve the event loop: `sluice run` spun at full CPU
// and never saw SIGTERM. Now each record's evaluation has a budget (1000 ms by default) and the stop
// that follows a signal has a bound (`--stop-timeout`).

beforeAll(buildCli);

const STOP_TIMEOUT_S = 10;
const RUNAWAY = '($f := function($x){$f($x)}; $f(1))';

it('SIGTERM stops `sluice run` within its bound while a runaway transform spins, naming the record', async () => {
  const input = await createTopic(kraftBootstrap());
  await produceValues(input, 1);
  const spec = { ...kafkaJob({ input }), transform: { filter: RUNAWAY } };
  const args = ['run', writeSpec(spec), '--state-dir', tempDir(), '--no-lint'];
  const run = startCli([...args, '--stop-timeout', String(STOP_TIMEOUT_S)], { timeoutMs: 90_000 });
  await run.waitForStderr(/^started "/m);
  // The record arrives within moments of the start; the signal lands while its filter spins (for up
  // to its 1000 ms budget). Before the budget, the spin starved the event loop and SIGTERM (and the
  // stop bound's timer) never ran: the test's SIGKILL ended it.
  await sleep(500);
  const signalledAt = Date.now();
  run.child.kill('SIGTERM');
  const result = await run.exited;
  const afterSignalMs = Date.now() - signalledAt;

  expect(result.signal, `killed by the test's timeout, so SIGTERM was ignored:\n${result.stderr}`).toBeNull();
  expect(afterSignalMs, result.stderr).toBeLessThan(STOP_TIMEOUT_S * 1000);
  expect(result.code, result.stderr).toBe(1);
  expect(result.stderr).toContain(
    `sluice: transform.filter ran past its time budget of 1000 ms (a loop that does not end?) ` +
      `on the record of ${input}[0] at offset 0, at character`,
  );
  expect(result.stderr).toMatch(/\[hint: transform-budget\]$/m);
});
