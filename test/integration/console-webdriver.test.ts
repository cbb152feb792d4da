import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchShape, createTopic, produceN, uniqueName } from '../bench/helpers.js';
import { captureForReadme, startConsole, type Console } from '../e2e/console-kit.js';

// The console driven like an operator would, against browser mode and the real broker.

let app: Console;
let browser: WebdriverIO.Browser;

beforeAll(async () => {
  app = await startConsole();
  browser = app.browser;
});

afterAll(async () => {
  await app?.close();
});

const button = (text: string) => browser.$(`button=${text}`);

describe('console in Chromium', () => {
  it('adds a cluster that passes its test, refuses an invalid job in place, then creates and starts one', async () => {
    const bootstrap = benchShape('kraft').bootstrap;
    const topic = await createTopic(bootstrap, { partitions: 2 });
    await produceN(bootstrap, topic, 10);
    const cluster = uniqueName('wdio');
    const job = uniqueName('wdio-job');

    await browser.url(app.mode.server.url);
    await browser.keys(['Control', '1']);
    await (await button('Add cluster')).click();
    await browser.$('[name="name"]').setValue(cluster);
    await browser.$('[name="bootstrapServers"]').setValue('not-a-host-port');
    await (await button('Save cluster')).click();
    await expect(browser.$('.field .error').getText()).resolves.toBe('expected host:port');
    await browser.$('[name="bootstrapServers"]').setValue(bootstrap);
    await (await button('Save cluster')).click();
    // Saving runs the connection test; each step shows.
    await browser.$(`h3=Connected to ${cluster}`).waitForDisplayed({ timeout: 20_000 });
    expect(await browser.$$('li.ok').length).toBeGreaterThanOrEqual(3);

    await browser.keys(['Control', '3']);
    await (await button('New job')).click();
    await browser.$('[name="cluster"]').selectByVisibleText(cluster);
    await browser.$('[name="name"]').setValue('has spaces');
    await (await button('Save job')).click();
    const errors = await browser.$$('.field .error').map((e) => e.getText());
    expect(errors).toEqual(
      expect.arrayContaining(['expected 1-100 letters, digits, ".", "_" or "-"', 'expected at least one topic']),
    );

    // A dead letter needs a topic: the form asks for it in place, from the job spec schema.
    await browser.$('[name="valueFormat"]').selectByAttribute('value', 'json');
    await browser.$('[name="onDecodeError"]').selectByAttribute('value', 'dead-letter');
    await (await button('Save job')).click();
    await expect(browser.$('[name="deadLetterTopic"]').isDisplayed()).resolves.toBe(true);
    await expect(browser.$('[name="deadLetterTopic"]').$('..').$('.error').getText()).resolves.toBe(
      'expected a topic name',
    );
    await captureForReadme(browser, 'job-form');
    await browser.$('[name="onDecodeError"]').selectByAttribute('value', 'skip');

    await browser.$('[name="name"]').setValue(job);
    await browser.$('[name="topics"]').setValue(topic);
    await browser.$('[name="groupId"]').setValue(uniqueName('wdio-group'));
    await browser.$('[name="sinkType"]').selectByAttribute('value', 'none');
    await (await button('Save job')).click();
    const row = browser.$(`tr*=${job}`);
    await row.waitForDisplayed({ timeout: 10_000 });
    await row.$('button=Start').click();
    await row.$('.badge=running').waitForDisplayed({ timeout: 20_000 });

    await row.$(`button=${job}`).click();
    await browser.waitUntil(async () => (await browser.$$('table[aria-label="Partitions"] tbody tr').length) === 2, {
      timeout: 20_000,
      timeoutMsg: 'the job detail never showed its two partitions',
    });
    await (await button('Stop')).click();
    await browser.$('.badge=stopped').waitForDisplayed({ timeout: 20_000 });
  });
});
