// Debian's Chromium through Debian's chromedriver, both given by path so WebdriverIO downloads
// nothing: headless with the flags these machines need, 1280×800, a throwaway profile. The e2e
// tests and the console bench both start their browser here, and call the page's API through it.
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { remote } from 'webdriverio';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMEDRIVER = '/usr/bin/chromedriver';

/** Throws unless both are installed; `who` names the caller in the error ("the console tests"). */
export function requireChromium(who: string): void {
  if (!existsSync(CHROMIUM) || !existsSync(CHROMEDRIVER)) {
    throw new Error(`${who} need Debian's chromium and chromium-driver (${CHROMIUM}, ${CHROMEDRIVER})`);
  }
}

/** `downloadDir`: where downloads land without asking (a test reading what the console saved). */
export async function startChromium(who: string, options: { downloadDir?: string } = {}): Promise<WebdriverIO.Browser> {
  requireChromium(who);
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
          `--user-data-dir=${await mkdtemp(join(tmpdir(), 'sluice-chromium-'))}`,
          '--window-size=1280,800',
        ],
        ...(options.downloadDir
          ? { prefs: { 'download.default_directory': options.downloadDir, 'download.prompt_for_download': false } }
          : {}),
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
