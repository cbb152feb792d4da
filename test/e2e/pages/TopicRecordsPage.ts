// Page object for producing a record and for a filtered browse with export, on the Topics section.
import type { ChainablePromiseElement } from 'webdriverio';
import { TopicsPage } from './TopicsPage.js';

export interface ProduceInput {
  partition?: number;
  key?: string;
  keyFormat?: 'string' | 'json' | 'base64' | 'hex';
  value: string;
  valueFormat?: 'string' | 'json' | 'base64' | 'hex';
  headers?: [string, string][];
  timestamp?: string;
}

export class TopicRecordsPage extends TopicsPage {
  constructor(private readonly b: WebdriverIO.Browser) {
    super(b);
  }

  async openProduceForm(): Promise<void> {
    const form = this.b.$('form[aria-label="Produce a record"]');
    if (!(await form.isExisting())) await this.b.$('button=Produce a record…').click();
    await form.waitForDisplayed();
  }

  /** Fills the form (clearing what a previous record left) and produces; answers the status line. */
  async produce(input: ProduceInput): Promise<string> {
    await this.openProduceForm();
    const form = this.b.$('form[aria-label="Produce a record"]');
    await form
      .$('input[name="producePartition"]')
      .setValue(input.partition === undefined ? '' : String(input.partition));
    await form.$('input[name="produceKey"]').setValue(input.key ?? '');
    await form.$('select[name="produceKeyFormat"]').selectByAttribute('value', input.keyFormat ?? 'string');
    await form.$('textarea[name="produceValue"]').setValue(input.value);
    await form.$('select[name="produceValueFormat"]').selectByAttribute('value', input.valueFormat ?? 'string');
    await form.$('input[name="produceTimestamp"]').setValue(input.timestamp ?? '');
    while ((await form.$$('[data-testid="header-row"]').length) > 0) {
      await form.$('button[aria-label="Remove header"]').click();
    }
    for (const [name, value] of input.headers ?? []) {
      await form.$('button=Add header').click();
      const rows = await form.$$('[data-testid="header-row"]').getElements();
      const row = rows[rows.length - 1]!;
      await row.$('input[aria-label="Header name"]').setValue(name);
      await row.$('input[aria-label="Header value"]').setValue(value);
    }
    await this.submitAndWait(form, form.$('button=Produce'));
    return (await this.producedText()) ?? '';
  }

  async producedText(): Promise<string | undefined> {
    const status = this.b.$('[data-testid="produced"]');
    return (await status.isExisting()) ? status.getText() : undefined;
  }

  /** Errors shown in the produce form, beside their fields. */
  async produceErrors(): Promise<string[]> {
    return this.b
      .$('form[aria-label="Produce a record"]')
      .$$('[role="alert"]')
      .map((e) => e.getText());
  }

  /** A browse with a filter and search; answers the summary line ("M matched of N read …"). */
  async filteredBrowse(options: {
    from: 'earliest' | 'latest';
    filter?: string;
    search?: string;
    scanLimit?: number;
    limit?: number;
  }): Promise<string> {
    const form = this.b.$('form[aria-label="Browse records"]');
    await form.$('select[name="mode"]').selectByAttribute('value', options.from);
    await form.$('input[name="filter"]').setValue(options.filter ?? '');
    await form.$('input[name="search"]').setValue(options.search ?? '');
    if (options.scanLimit !== undefined) await form.$('input[name="scanLimit"]').setValue(String(options.scanLimit));
    if (options.limit !== undefined) await form.$('input[name="limit"]').setValue(String(options.limit));
    await this.submitAndWait(form, form.$('button=Browse'));
    const summary = this.b.$('[data-testid="browse-summary"]');
    return (await summary.isExisting()) ? summary.getText() : '';
  }

  /** Clicks a form's submit button and waits until the form has answered once more (data-answers). */
  private async submitAndWait(form: ChainablePromiseElement, button: ChainablePromiseElement): Promise<void> {
    const before = Number(await form.getAttribute('data-answers'));
    await button.click();
    await this.b.waitUntil(async () => Number(await form.getAttribute('data-answers')) > before, {
      timeout: 60_000,
      timeoutMsg: 'the form did not answer',
    });
  }

  async filterError(): Promise<string> {
    return this.b.$('[data-testid="filter-error"]').getText();
  }

  async summaryShown(): Promise<boolean> {
    return this.b.$('[data-testid="browse-summary"]').isExisting();
  }

  async exportAs(format: 'ndjson' | 'csv'): Promise<void> {
    const group = this.b.$('[aria-label="Export records"]');
    await group.$('select[name="exportFormat"]').selectByAttribute('value', format);
    await group.$('button*=Export').click();
    await this.b.$('p*=Exported').waitForDisplayed({ timeout: 15_000 });
  }
}
