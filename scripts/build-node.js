#!/usr/bin/env node
// Bundles the Node entry points with esbuild: `node scripts/build-node.js cli` (engine/cli/main.ts →
// out/cli/sluice.js, run by bin/sluice.js) and `browser` (main/browser/main.ts → out/browser/main.js,
// browser mode's server; it serves out/renderer, which `electron-vite build` produces). Dependencies
// stay external (resolved from node_modules at run time), so a bundle holds only our code; but the
// CLI bundles the few every command loads (`bundled` below), which spares each `sluice` start the
// resolution and loading of some hundred module files (about 40 ms of a 0.23 s `sluice --version`).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dependencies = Object.keys(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).dependencies);

/**
 * Pure-JS packages the CLI loads on every start, bundled into it (kafkajs as patched in node_modules
 * by `npm ci`). The rest stays external: native and WebAssembly packages, and the libraries loaded on
 * first use (engine/load-once.ts), which only the jobs that need them should pay for.
 */
const CLI_BUNDLED = ['kafkajs', 'zod', 'commander', 're2js'];
const externalExcept = (bundled) =>
  dependencies.filter((name) => !bundled.includes(name)).flatMap((name) => [name, `${name}/*`]);
// Bundled CommonJS (kafkajs) requires Node's own modules; an ES module has no `require` of its own.
const requireBanner =
  "import { createRequire as __sluiceCreateRequire } from 'node:module';\nconst require = __sluiceCreateRequire(import.meta.url);";

const targets = {
  cli: { entry: ['engine', 'cli', 'main.ts'], out: ['out', 'cli', 'sluice.js'], bundled: CLI_BUNDLED },
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
    ...(target.bundled
      ? { external: externalExcept(target.bundled), banner: { js: requireBanner } }
      : { packages: 'external' }),
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}
