#!/usr/bin/env node
// `npm run build:cli`: bundles engine/cli/main.ts into out/cli/sluice.js for bin/sluice.js.
// Dependencies stay external (resolved from node_modules at run time) so the bundle is only
// our code and kafkajs, zod and commander keep their own module layout.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

await build({
  entryPoints: [join(root, 'engine', 'cli', 'main.ts')],
  outfile: join(root, 'out', 'cli', 'sluice.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
