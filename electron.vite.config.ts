import { resolve } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';

// Main and preload are bundled for Electron's Node; the renderer is a plain web bundle
// that browser mode serves too, so it must not assume Electron.
export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: {
      outDir: 'out/main',
      // The job host is a second entry: out/main/job-host.js, forked per running job.
      lib: {
        entry: {
          index: resolve(__dirname, 'main/index.ts'),
          'job-host': resolve(__dirname, 'engine/job/host/job-host.ts'),
          // Every watched cluster's lag monitor, in one process (main/services/lag).
          'lag-host': resolve(__dirname, 'engine/lag/host/lag-host.ts'),
        },
      },
    },
  },
  preload: {
    plugins: [externalizeDepsPlugin()],
    build: {
      outDir: 'out/preload',
      lib: { entry: resolve(__dirname, 'main/preload/index.ts') },
      rollupOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [svelte({ configFile: resolve(__dirname, 'svelte.config.js') })],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: resolve(__dirname, 'renderer/index.html') },
    },
  },
});
