import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { startBrowserMode, type BrowserMode } from './browser-mode';
import { sandboxOptions } from '../services/sandbox/sandbox-service';

export interface CliOutput {
  print(line: string): void;
  warn(line: string): void;
}

export const USAGE = [
  'Usage: node out/browser/main.js [options]',
  '',
  'Serves the Sluice console to a browser on this machine (127.0.0.1).',
  '',
  'Options:',
  '  --port N            the port to listen on (default 0: a free one)',
  '  --data-dir DIR      settings, secrets and checkpoints (default $SLUICE_DATA_DIR or ~/.config/Sluice)',
  '  --renderer-dir DIR  the built console (default out/renderer)',
  '  -h, --help          show this help',
].join('\n');

/**
 * Browser mode's command line: parses the options, starts the console and prints what the launch
 * found. Every failure is one line (`Sluice: …`) and an exit code, never a stack trace.
 */
export async function startBrowserCli(
  argv: string[],
  io: CliOutput,
  defaults: { version: string; root?: string },
): Promise<{ mode: BrowserMode } | { exitCode: number }> {
  let values;
  try {
    values = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        'renderer-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    io.warn(`Sluice: ${(error as Error).message}; see --help`);
    return { exitCode: 2 };
  }
  if (values.help) {
    io.print(USAGE);
    return { exitCode: 0 };
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    io.warn(`Sluice: --port must be a port number, got "${values.port}"`);
    return { exitCode: 2 };
  }
  let mode: BrowserMode;
  try {
    mode = await startBrowserMode({
      rendererDir: values['renderer-dir'] ?? join(defaults.root ?? '.', 'out', 'renderer'),
      // Built beside the server by `npm run build:browser`.
      jobHostScript: join(defaults.root ?? '.', 'out', 'job-host', 'job-host.js'),
      lagHostScript: join(defaults.root ?? '.', 'out', 'job-host', 'lag-host.js'),
      port,
      version: defaults.version,
      // A checkout (npm start) can offer its sandbox broker on first run.
      sandbox: sandboxOptions(defaults.root),
      ...(values['data-dir'] === undefined ? {} : { dataDir: values['data-dir'] }),
    });
  } catch (error) {
    io.warn(`Sluice: ${describeStartFailure(error, port)}`);
    return { exitCode: 1 };
  }
  for (const problem of await mode.services.handlers['app:problems'](undefined)) {
    const details = problem.problems.map((p) => `; ${p.path}: ${p.message}`).join('');
    io.warn(`Sluice: warning: ${problem.message}${details}`);
  }
  io.print(`Sluice console (browser mode): ${mode.server.url}`);
  io.print('Open it in a browser on this machine. Ctrl-C stops running jobs and quits.');
  return { mode };
}

function describeStartFailure(error: unknown, port: number): string {
  const e = error as Error & { code?: string };
  if (e.code === 'EADDRINUSE') {
    return `port ${port} on 127.0.0.1 is already in use; choose another with --port (0 picks a free one)`;
  }
  if (e.code === 'EACCES' && e.message.includes('listen')) {
    return `port ${port} on 127.0.0.1 may not be used by this user (${e.message}); choose another with --port`;
  }
  return (e.message ?? String(error)).split('\n')[0]!;
}
