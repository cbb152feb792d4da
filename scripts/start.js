#!/usr/bin/env node
// `npm start`: install if needed, build, then open the Electron console. Where Electron cannot
// start (its binary cannot be downloaded, or there is no display), start browser mode instead and
// print its address. `npm start -- --browser [--port N]` asks for browser mode directly.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { ensureInstalled, root, run } from './lib/steps.js';

const args = process.argv.slice(2);
const wantsBrowser = args.includes('--browser');
const passThrough = args.filter((arg) => arg !== '--browser');

ensureInstalled();
run('npx', ['electron-vite', 'build'], 'build');

function browserMode(reason) {
  if (reason) console.log(`Sluice: ${reason}; starting browser mode instead.`);
  run('node', ['scripts/build-node.js', 'browser', 'job-host', 'lag-host'], 'build');
  const child = spawn(process.execPath, [join(root, 'out', 'browser', 'main.js'), ...passThrough], {
    stdio: 'inherit',
  });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}

function electronPath() {
  const require = createRequire(import.meta.url);
  const electronDir = dirname(require.resolve('electron/package.json'));
  if (!existsSync(join(electronDir, 'path.txt'))) {
    // Electron fetches its binary on first start; run that step quietly so a failure reads as one sentence.
    console.log('Downloading the Electron binary (first start only)...');
    const install = spawnSync(process.execPath, [join(electronDir, 'install.js')], { encoding: 'utf8' });
    if (install.status !== 0) {
      const reason = `${install.stderr ?? ''}`.split('\n').find((line) => /error/i.test(line)) ?? 'download failed';
      return { error: `Electron's binary could not be downloaded (${reason.trim()})` };
    }
  }
  return { path: require('electron') };
}

if (wantsBrowser) {
  browserMode();
} else if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY && process.platform === 'linux') {
  browserMode('no display (DISPLAY/WAYLAND_DISPLAY unset), so Electron cannot open a window');
} else {
  const electron = electronPath();
  if (electron.error) {
    browserMode(electron.error);
  } else {
    const child = spawn(electron.path, ['.', ...passThrough], { stdio: 'inherit' });
    child.on('error', (error) => browserMode(`Electron failed to start (${error.message})`));
    child.on('exit', (code) => process.exit(code ?? 0));
  }
}
