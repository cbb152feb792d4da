import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { SandboxService, sandboxOptions } from './sandbox-service';
import type { SandboxStatus } from './sandbox-status';

// The service's own logic over a stand-in script: what it reads from `--check`, how it follows the
// start, and what it stops. The real script and broker are in test/integration/console-first-run.test.ts.

class FakeScript extends EventEmitter {
  stdout = new PassThrough();
  stderr = new PassThrough();
  exitCode: number | null = null;
  kill = vi.fn((signal: string) => {
    this.exit(null, signal);
    return true;
  });
  print(line: string): void {
    this.stdout.write(`${line}\n`);
  }
  exit(code: number | null, signal: string | null = null): void {
    this.exitCode = code ?? 1;
    this.stdout.end();
    this.stderr.end();
    setImmediate(() => this.emit('close', code, signal));
  }
}

function checkout(): string {
  const root = mkdtempSync(join(tmpdir(), 'sluice-sandbox-spec-'));
  mkdirSync(join(root, 'scripts'));
  mkdirSync(join(root, 'node_modules', 'tsx'), { recursive: true });
  writeFileSync(join(root, 'scripts', 'sandbox.ts'), '');
  return root;
}

function service(scripts: FakeScript[], onReady = vi.fn(async () => ({ cluster: 'sandbox', job: 'demo' }))) {
  const emitted: SandboxStatus[] = [];
  const calls: string[][] = [];
  const sandbox = new SandboxService({
    checkoutRoot: checkout(),
    port: 19_092,
    onReady,
    emit: (status) => emitted.push(status),
    runScript: (_root, args) => {
      calls.push(args);
      return scripts.shift() as unknown as ChildProcess;
    },
  });
  return { sandbox, emitted, calls, onReady };
}

const checked = (report: object): FakeScript => {
  const script = new FakeScript();
  setImmediate(() => {
    script.print(
      JSON.stringify({
        kafkaVersion: '3.9.2',
        jarsCached: true,
        bootstrap: '127.0.0.1:19092',
        running: null,
        ...report,
      }),
    );
    script.exit(0);
  });
  return script;
};

const until = async (condition: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setImmediate(resolve));
  expect(condition()).toBe(true);
};

describe('SandboxService', () => {
  it('offers nothing without a checkout', async () => {
    const sandbox = new SandboxService({ checkoutRoot: undefined, onReady: vi.fn(), emit: () => undefined });
    expect(await sandbox.status()).toMatchObject({ state: 'unavailable', reason: 'no-checkout' });
    await expect(sandbox.start()).rejects.toThrow(/source checkout/);
  });

  it('says Java is missing as the check reports it', async () => {
    const { sandbox } = service([checked({ problem: 'java cannot be run (/x)' })]);
    expect(await sandbox.status()).toMatchObject({
      state: 'unavailable',
      reason: 'no-java',
      message: 'java cannot be run (/x)',
    });
  });

  it('starts the script, follows its lines, and hands the ready address to onReady', async () => {
    const script = new FakeScript();
    const { sandbox, emitted, calls, onReady } = service([checked({ java: '17.0.15', jarsCached: false }), script]);
    const starting = await sandbox.start();
    expect(starting).toMatchObject({ state: 'starting', message: expect.stringContaining('Downloading Kafka 3.9.2') });
    expect(calls[1]).toEqual(['--port', '19092', '--live']);
    script.print('sandbox: preparing Kafka');
    script.print('sandbox: ready at 127.0.0.1:19092');
    await until(() => emitted.at(-1)?.state === 'running');
    expect(onReady).toHaveBeenCalledWith('127.0.0.1:19092');
    expect(emitted.at(-1)).toMatchObject({
      cluster: 'sandbox',
      job: 'demo',
      lines: expect.arrayContaining(['sandbox: preparing Kafka']),
    });
    // A second start while it runs starts nothing more.
    expect((await sandbox.start()).state).toBe('running');
    expect(calls).toHaveLength(2);

    await sandbox.close();
    expect(script.kill).toHaveBeenCalledWith('SIGTERM');
  });

  it('reports a script that ends before ready with its last line', async () => {
    const script = new FakeScript();
    const { sandbox, emitted } = service([checked({ java: '17' }), script]);
    await sandbox.start();
    script.stderr.write('sandbox: cannot start: port 19092 is in use\n');
    setImmediate(() => script.exit(1));
    await until(() => emitted.at(-1)?.state === 'failed');
    expect(emitted.at(-1)?.message).toBe('The sandbox did not start: sandbox: cannot start: port 19092 is in use');
  });

  it('reads its port and data directory from the environment, ignoring a bad port', () => {
    expect(sandboxOptions('/r', { SLUICE_SANDBOX_PORT: '29092', SLUICE_SANDBOX_DATA_DIR: '/d' })).toEqual({
      checkoutRoot: '/r',
      port: 29_092,
      dataDir: '/d',
    });
    expect(sandboxOptions('/r', { SLUICE_SANDBOX_PORT: 'x' })).toEqual({ checkoutRoot: '/r' });
  });
});
