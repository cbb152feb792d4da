#!/usr/bin/env node
// `npm run build:browser`: bundles browser mode's server (main/browser/main.ts) into
// out/browser/main.js, the same way build-cli.js bundles the CLI. It serves out/renderer,
// which `electron-vite build` produces.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

await build({
  entryPoints: [join(root, 'main', 'browser', 'main.ts')],
  outfile: join(root, 'out', 'browser', 'main.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
