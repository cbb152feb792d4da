import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BrowserMode } from './browser-mode';
import { startBrowserCli, type CliOutput } from './browser-cli';

const opened: BrowserMode[] = [];
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((mode) => mode.close()));
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function setup() {
  const root = await mkdtemp(join(tmpdir(), 'sluice-cli-'));
  const renderer = join(root, 'renderer');
  await mkdir(renderer);
  await writeFile(join(renderer, 'index.html'), '<!doctype html>');
  return { root, dataDir: join(root, 'data'), renderer };
}

async function run(argv: string[], renderer: string) {
  const io: CliOutput & { out: string[]; err: string[] } = {
    out: [],
    err: [],
    print: (line) => io.out.push(line),
    warn: (line) => io.err.push(line),
  };
  const started = await startBrowserCli(['--renderer-dir', renderer, ...argv], io, { version: '0.0.0-test' });
  if ('mode' in started) opened.push(started.mode);
  return { ...started, io };
}

const oneLine = (lines: string[]) => {
  expect(lines).toHaveLength(1);
  expect(lines[0]).not.toMatch(/\n\s+at /);
  return lines[0]!;
};

describe('browser mode command line', () => {
  it('--help prints the usage and exits 0', async () => {
    const { renderer } = await setup();
    const result = await run(['--help'], renderer);
    expect(result).toMatchObject({ exitCode: 0 });
    expect(result.io.out.join('\n')).toMatch(/--port.*\n.*--data-dir/s);
    expect(result.io.err).toEqual([]);
  });

  it('an unknown option is one line and exit 2', async () => {
    const { renderer } = await setup();
    const result = await run(['--bogus'], renderer);
    expect(result).toMatchObject({ exitCode: 2 });
    expect(oneLine(result.io.err)).toMatch(/Sluice: .*--bogus.*--help/);
  });

  it('a taken port is one line and exit 1', async () => {
    const { renderer, dataDir } = await setup();
    const taken = createServer();
    servers.push(taken);
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    const result = await run(['--port', String(port), '--data-dir', dataDir], renderer);
    expect(result).toMatchObject({ exitCode: 1 });
    expect(oneLine(result.io.err)).toBe(
      `Sluice: port ${port} on 127.0.0.1 is already in use; choose another with --port (0 picks a free one)`,
    );
  });

  it('an unusable data directory is one line and exit 1', async () => {
    const { renderer, root } = await setup();
    await writeFile(join(root, 'plain-file'), '');
    const dataDir = join(root, 'plain-file', 'data');
    const result = await run(['--data-dir', dataDir], renderer);
    expect(result).toMatchObject({ exitCode: 1 });
    expect(oneLine(result.io.err)).toMatch(`Sluice: cannot use the data directory ${dataDir}: `);
  });

  it('refuses a second server on the same data directory, naming the pid and the directory', async () => {
    const { renderer, dataDir } = await setup();
    const first = await run(['--data-dir', dataDir], renderer);
    expect(first).toHaveProperty('mode');
    const second = await run(['--data-dir', dataDir], renderer);
    expect(second).toMatchObject({ exitCode: 1 });
    expect(oneLine(second.io.err)).toContain(
      `another Sluice (pid ${process.pid}) is using the data directory ${dataDir}`,
    );
    await opened.splice(0)[0]!.close();
    const third = await run(['--data-dir', dataDir], renderer);
    expect(third).toHaveProperty('mode');
  });

  it('takes over a lock left by a process that is gone', async () => {
    const { renderer, dataDir } = await setup();
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    await mkdir(dataDir, { recursive: true });
    await writeFile(join(dataDir, 'sluice.lock'), `${dead}\n`);
    const result = await run(['--data-dir', dataDir], renderer);
    expect(result).toHaveProperty('mode');
    expect((await readFile(join(dataDir, 'sluice.lock'), 'utf8')).trim()).toBe(String(process.pid));
  });

  it('prints what the settings and secrets checks found at launch', async () => {
    const { renderer, dataDir } = await setup();
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    await writeFile(join(dataDir, 'settings.json'), JSON.stringify({ secrets: { a: 'AQ==' }, extra: 1 }));
    const result = await run(['--data-dir', dataDir], renderer);
    expect(result).toHaveProperty('mode');
    const text = result.io.err.join('\n');
    expect(text).toMatch(/Sluice: warning: 1 settings entry is invalid.*settings\.json\.backup-\d+/);
    expect(text).toMatch(/extra: unknown setting/);
    expect(text).toMatch(/Sluice: warning: the key file .*secret\.key is missing/);
  });
});
