#!/usr/bin/env node
// Bundles the Node entry points with esbuild: `node scripts/build-node.js cli` (engine/cli/main.ts →
// out/cli/sluice.js, run by bin/sluice.js) and `browser` (main/browser/main.ts → out/browser/main.js,
// browser mode's server; it serves out/renderer, which `electron-vite build` produces). Dependencies
// stay external (resolved from node_modules at run time), so a bundle holds only our code.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const targets = {
  cli: { entry: ['engine', 'cli', 'main.ts'], out: ['out', 'cli', 'sluice.js'] },
  browser: { entry: ['main', 'browser', 'main.ts'], out: ['out', 'browser', 'main.js'] },
  // The process each running job lives in; browser mode forks it.
  'job-host': { entry: ['engine', 'job', 'host', 'job-host.ts'], out: ['out', 'job-host', 'job-host.js'] },
  // The process every watched cluster's lag monitor runs in; browser mode forks it.
  'lag-host': { entry: ['engine', 'lag', 'host', 'lag-host.ts'], out: ['out', 'job-host', 'lag-host.js'] },
};

const names = process.argv.slice(2);
const unknown = names.filter((name) => !(name in targets));
if (names.length === 0 || unknown.length > 0) {
  console.error(`usage: node scripts/build-node.js ${Object.keys(targets).join('|')} ...`);
  process.exit(2);
}

for (const name of names) {
  const target = targets[name];
  await build({
    entryPoints: [join(root, ...target.entry)],
    outfile: join(root, ...target.out),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}
