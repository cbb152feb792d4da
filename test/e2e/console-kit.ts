// Starts the console the way an operator reaches it on a machine without Electron: browser mode
// over the real services, driven by Debian's Chromium through Debian's chromedriver (both given by
// path, so WebdriverIO downloads nothing). Every e2e test file uses this kit.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, inject } from 'vitest';
import { startBrowserMode, type BrowserMode } from '../../main/browser/browser-mode.js';
import type { SluiceApi } from '../../main/ipc/contract.js';
import type { SandboxOptions } from '../../main/services/sandbox/sandbox-service.js';
import { requireChromium, startChromium } from '../bench/chromium.js';

export const repoRoot = join(import.meta.dirname, '..', '..');
const rendererDir = join(repoRoot, 'out', 'renderer');

export interface Console {
  mode: BrowserMode;
  browser: WebdriverIO.Browser;
  dataDir: string;
  close(): Promise<void>;
}

/** Builds the renderer once per bench run (every e2e file in a run shares the bundle). */
function buildRendererOnce(): void {
  const stamp = join(rendererDir, `.built-${inject('bench').runId}`);
  if (existsSync(stamp)) return;
  execFileSync('npx', ['electron-vite', 'build'], { cwd: repoRoot, stdio: 'ignore' });
  writeFileSync(stamp, new Date().toISOString());
}

/** `sandbox`: offer the first run's sandbox broker (default: none, as in an installed app). */
/** `downloadDir`: where the browser saves downloads (an export a test reads back). */
export async function startConsole(options: { sandbox?: SandboxOptions; downloadDir?: string } = {}): Promise<Console> {
  requireChromium('the console tests');
  buildRendererOnce();
  const dataDir = await mkdtemp(join(tmpdir(), 'sluice-e2e-data-'));
  const mode = await startBrowserMode({
    rendererDir,
    dataDir,
    ...(options.sandbox ? { sandbox: options.sandbox } : {}),
  });
  const browser = await startChromium(
    'the console tests',
    options.downloadDir ? { downloadDir: options.downloadDir } : {},
  );
  keepFailureScreenshots(browser);
  return {
    mode,
    browser,
    dataDir,
    async close() {
      await browser.deleteSession().catch(() => undefined);
      await mode.close();
    },
  };
}

/** Every failed test leaves a screenshot in test-results/e2e/ (kept by CI with the bench logs). */
function keepFailureScreenshots(browser: WebdriverIO.Browser): void {
  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    const dir = join(repoRoot, 'test-results', 'e2e');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${context.task.name.replace(/[^\w.-]+/g, '-').slice(0, 120)}.png`);
    await browser.saveScreenshot(file).catch(() => undefined);
  });
}

/**
 * Saves the current screen as a README image when SLUICE_README_SCREENSHOTS=1 (so an ordinary
 * test run leaves the tracked images alone): `SLUICE_README_SCREENSHOTS=1 npm run test:integration`.
 */
export async function captureForReadme(browser: WebdriverIO.Browser, name: string): Promise<void> {
  if (process.env['SLUICE_README_SCREENSHOTS'] !== '1') return;
  const dir = join(repoRoot, 'docs', 'screenshots');
  mkdirSync(dir, { recursive: true });
  await browser.saveScreenshot(join(dir, `${name}.png`));
}

/**
 * Saves a plain cluster profile through the console's own API in the page (the call the Clusters
 * screen makes; that screen has its own test), for tests about other screens.
 */
export async function saveClusterInPage(
  browser: WebdriverIO.Browser,
  name: string,
  bootstrap: string,
  registryUrl?: string,
): Promise<void> {
  await browser.execute(
    (cluster, servers, url) =>
      (globalThis as unknown as { sluice: SluiceApi }).sluice.invoke('clusters:save', {
        profile: {
          name: cluster,
          bootstrapServers: servers.split(','),
          ...(url ? { schemaRegistry: { url } } : {}),
        },
      }),
    name,
    bootstrap,
    registryUrl ?? '',
  );
}
