// Browser mode's entry (`npm start` where Electron cannot run): `node out/browser/main.js [--port N]
// [--data-dir DIR]`. Prints the address with this launch's token; Ctrl-C stops jobs gracefully.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBrowserCli } from './browser-cli';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

const started = await startBrowserCli(
  process.argv.slice(2),
  { print: (line) => console.log(line), warn: (line) => console.error(line) },
  { version, root },
);
if ('exitCode' in started) process.exit(started.exitCode);
const { mode } = started;

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(130);
    stopping = true;
    void mode.close().then(() => process.exit(0));
  });
}
