#!/usr/bin/env node
// Bundles the Node entry points with esbuild: `node scripts/build-node.js cli` (engine/cli/main.ts →
// out/cli/sluice.cjs, started by the loader out/cli/sluice.js from a V8 code cache, which
// bin/sluice.js runs) and `browser` (main/browser/main.ts → out/browser/main.js,
// browser mode's server; it serves out/renderer, which `electron-vite build` produces). Dependencies
// stay external (resolved from node_modules at run time), so a bundle holds only our code; but the
// CLI bundles the few every command loads (`bundled` below), which spares each `sluice` start the
// resolution and loading of some hundred module files (about 40 ms of a 0.23 s `sluice --version`).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
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
// The CLI is bundled as CommonJS, so scripts/lib/cli-loader.js (out/cli/sluice.js) can start it from a
// V8 code cache (vm.Script); `import.meta.url` then names the bundle's own file.
const cjsBanner = "var __sluiceBundleUrl = require('node:url').pathToFileURL(__filename).href;";

const targets = {
  cli: { entry: ['engine', 'cli', 'main.ts'], out: ['out', 'cli', 'sluice.cjs'], bundled: CLI_BUNDLED },
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
    format: target.bundled ? 'cjs' : 'esm',
    target: 'node20',
    ...(target.bundled
      ? {
          external: externalExcept(target.bundled),
          banner: { js: cjsBanner },
          // import() of the packages loaded on first use becomes require(), as V8 loses a script's
          // dynamic import callback when it comes from a code cache; all of them are CommonJS.
          supported: { 'dynamic-import': false },
          define: { 'import.meta.url': '__sluiceBundleUrl' },
        }
      : { packages: 'external' }),
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  if (name === 'cli') writeCliLoader();
}

/** out/cli/sluice.js, the loader, and the code cache it starts the bundle from (scripts/lib/cli-loader.js). */
function writeCliLoader() {
  const loader = join(root, 'out', 'cli', 'sluice.js');
  copyFileSync(join(root, 'scripts', 'lib', 'cli-loader.js'), loader);
  const run = spawnSync(process.execPath, [loader, '--version'], {
    env: { ...process.env, SLUICE_WRITE_CODE_CACHE: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (run.status !== 0) throw new Error(`the built CLI did not start (exit ${run.status}); no code cache written`);
}
