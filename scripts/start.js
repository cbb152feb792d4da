#!/usr/bin/env node
// `npm start`: install if needed, build, then open the Electron console. Where Electron's
// binary cannot be had (no download, no display), say so plainly instead of a stack trace.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { ensureInstalled, run } from './lib/steps.js';

ensureInstalled();
run('npx', ['electron-vite', 'build'], 'build');

const require = createRequire(import.meta.url);
let electronPath;
try {
  electronPath = require('electron');
} catch (error) {
  console.error(
    `\nSluice: Electron cannot start on this machine: ${error instanceof Error ? error.message.split('\n')[0] : error}\n` +
      'The Electron binary is downloaded on first start; this machine could not get it.\n' +
      'On an ordinary desktop with internet access `npm start` downloads it once and opens the console.',
  );
  process.exit(1);
}

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
