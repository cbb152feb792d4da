// Debian's Chromium through Debian's chromedriver, for the console bench (as test/e2e/console-kit.ts
// does for the tests): headless, 1280×800, a throwaway profile.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { remote } from 'webdriverio';

const CHROMIUM = '/usr/bin/chromium';
const CHROMEDRIVER = '/usr/bin/chromedriver';

export async function startChromium(): Promise<WebdriverIO.Browser> {
  if (!existsSync(CHROMIUM) || !existsSync(CHROMEDRIVER)) {
    throw new Error(`the console bench needs Debian's chromium and chromium-driver (${CHROMIUM}, ${CHROMEDRIVER})`);
  }
  return remote({
    logLevel: 'error',
    capabilities: {
      browserName: 'chrome',
      'goog:chromeOptions': {
        binary: CHROMIUM,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--no-first-run',
          `--user-data-dir=${mkdtempSync(join(tmpdir(), 'sluice-bench-chromium-'))}`,
          '--window-size=1280,800',
        ],
      },
      'wdio:chromedriverOptions': { binary: CHROMEDRIVER },
    },
  });
}

/** A call through the page's own API (window.sluice), as the console makes it. */
export async function invokeInPage<T>(browser: WebdriverIO.Browser, channel: string, args: unknown): Promise<T> {
  const reply: { result?: unknown; error?: string } = await browser.executeAsync(
    (ch: string, a: unknown, done: (r: { result?: unknown; error?: string }) => void) => {
      const api = (globalThis as unknown as { sluice: { invoke(c: string, x: unknown): Promise<unknown> } }).sluice;
      api.invoke(ch, a).then(
        (result) => done({ result }),
        (error: Error) => done({ error: error.message }),
      );
    },
    channel,
    args,
  );
  if (reply.error !== undefined) throw new Error(`${channel}: ${reply.error}`);
  return reply.result as T;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
