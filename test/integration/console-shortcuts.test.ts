import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsole, type Console } from '../e2e/console-kit.js';

// The keyboard shortcuts and the help overlay, driven in Chromium against browser mode. (The native
// menu sends the same action ids; main/desktop/app-menu.spec.ts and shortcut-actions.spec.ts cover
// that route, since Electron cannot run here.)

let app: Console;
let browser: WebdriverIO.Browser;

beforeAll(async () => {
  app = await startConsole();
  browser = app.browser;
});

afterAll(async () => {
  await app?.close();
});

const heading = () => browser.$('main header h1').getText();
const overlay = () => browser.$('[role="dialog"][aria-labelledby="shortcut-help-title"]');

describe('keyboard shortcuts in Chromium', () => {
  it('switches sections, opens and closes the help overlay, and acts on the page', async () => {
    await browser.url(app.mode.server.url);
    await browser.$('main header h1').waitForDisplayed();
    await browser.keys(['Control', '2']);
    expect(await heading()).toBe('Topics');

    await browser.keys(['?']);
    await overlay().waitForDisplayed();
    const descriptions = await overlay().getText();
    expect(descriptions).toContain('Go to Clusters');
    expect(descriptions).toContain('Focus the filter or search box');
    // Keys other than Esc and ? do nothing behind the overlay.
    await browser.keys(['Control', '1']);
    expect(await heading()).toBe('Topics');
    await browser.keys(['Escape']);
    await overlay().waitForDisplayed({ reverse: true });

    // `/` focuses the page's filter; typed shortcut keys then stay text.
    await browser.keys(['/']);
    const filter = browser.$('[data-shortcut="filter"]');
    expect(await filter.isFocused()).toBe(true);
    await browser.keys(['n', '?', 'r']);
    expect(await filter.getValue()).toBe('n?r');
    expect(await overlay().isExisting()).toBe(false);
    // Esc leaves the field; single keys act again.
    await browser.keys(['Escape']);
    expect(await filter.isFocused()).toBe(false);

    await browser.keys(['Control', '3']);
    expect(await heading()).toBe('Jobs');
    await browser.keys(['n']);
    await browser.$('button=Save job').waitForDisplayed();
  });

  it('toggles the theme and keeps it across a reload', async () => {
    await browser.url(app.mode.server.url);
    await browser.$('main header h1').waitForDisplayed();
    // A string script: this file is type-checked without the DOM library.
    const theme = async (): Promise<string> =>
      String(await browser.execute("return document.documentElement.dataset.theme || 'system'"));
    expect(await theme()).toBe('system');
    await browser.keys(['Control', 'Shift', 'L']);
    const picked = await theme();
    expect(['light', 'dark']).toContain(picked);
    await browser.refresh();
    await browser.waitUntil(async () => (await theme()) === picked, { timeoutMsg: `theme ${picked} not restored` });
    await browser.keys(['Control', 'Shift', 'L']);
    expect(await theme()).toBe(picked === 'dark' ? 'light' : 'dark');
  });
});
