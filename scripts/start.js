#!/usr/bin/env node
// `npm start`: install if needed, build, then open the Electron console. Where Electron's
// binary cannot be had (no download, no display), say so plainly instead of a stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { ensureInstalled, run } from './lib/steps.js';

ensureInstalled();
run('npx', ['electron-vite', 'build'], 'build');

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));
if (!existsSync(join(electronDir, 'path.txt'))) {
  // Electron fetches its binary on first start; run that step quietly so a failure reads as one sentence.
  console.log('Downloading the Electron binary (first start only)...');
  const install = spawnSync(process.execPath, [join(electronDir, 'install.js')], { encoding: 'utf8' });
  if (install.status !== 0) {
    const reason = `${install.stderr ?? ''}`.split('\n').find((line) => /error/i.test(line)) ?? 'download failed';
    console.error(
      `\nSluice: Electron cannot start on this machine: its binary could not be downloaded (${reason.trim()}).\n` +
        'On a desktop with internet access `npm start` downloads it once and opens the console.',
    );
    process.exit(1);
  }
}
const electronPath = require('electron');

if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY && process.platform === 'linux') {
  console.error('Sluice: no display (DISPLAY/WAYLAND_DISPLAY unset); Electron needs one to open a window.');
  process.exit(1);
}

const child = spawn(electronPath, ['.'], { stdio: 'inherit' });
child.on('error', (error) => {
  console.error(`Sluice: Electron failed to start: ${error.message}`);
  process.exit(1);
});
child.on('exit', (code) => process.exit(code ?? 0));
