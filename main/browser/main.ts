// Browser mode's entry (`npm start` where Electron cannot run): `node out/browser/main.js [--port N]
// [--data-dir DIR]`. Prints the address with this launch's token; Ctrl-C stops jobs gracefully.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startBrowserMode } from './browser-mode';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const { values } = parseArgs({
  options: { port: { type: 'string' }, 'data-dir': { type: 'string' }, 'renderer-dir': { type: 'string' } },
});
const port = values.port === undefined ? 0 : Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`Sluice: --port must be a port number, got "${values.port}"`);
  process.exit(2);
}
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

const mode = await startBrowserMode({
  rendererDir: values['renderer-dir'] ?? join(root, 'out', 'renderer'),
  port,
  version,
  ...(values['data-dir'] === undefined ? {} : { dataDir: values['data-dir'] }),
});
console.log(`Sluice console (browser mode): ${mode.server.url}`);
console.log('Open it in a browser on this machine. Ctrl-C stops running jobs and quits.');

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(130);
    stopping = true;
    void mode.close().then(() => process.exit(0));
  });
}
