#!/usr/bin/env node
// The `sluice` command: runs the bundled CLI's loader (built by `npm run build:cli`; scripts/lib/cli-loader.js).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bundle = join(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'cli', 'sluice.js');
if (!existsSync(bundle)) {
  console.error('sluice: the CLI is not built yet; run `npm run build:cli` first.');
  process.exit(1);
}
await import(pathToFileURL(bundle).href);
