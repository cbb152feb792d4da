// Page object for the Topics section: pick a cluster, pick a topic, browse, read one record.

export class TopicsPage {
  constructor(private readonly browser: WebdriverIO.Browser) {}

  async open(cluster: string): Promise<void> {
    await this.browser.keys(['Control', '2']);
    await this.browser.$('select[name="cluster"]').selectByVisibleText(cluster);
    // Topics created since the list was read show after a refresh.
    await this.browser.$('button=Refresh').click();
  }

  async chooseTopic(topic: string): Promise<void> {
    await this.browser.$('input[aria-label="Filter topics"]').setValue(topic);
    const link = this.browser.$('table[aria-label="Topics"]').$(`button=${topic}`);
    await link.waitForDisplayed({ timeout: 15_000 });
    await link.click();
  }

  async browse(options: {
    from: 'earliest' | 'latest' | 'offset';
    offset?: number;
    partition?: number;
    limit?: number;
  }) {
    await this.browser.$('select[name="mode"]').selectByAttribute('value', options.from);
    if (options.offset !== undefined) await this.browser.$('input[name="position"]').setValue(String(options.offset));
    if (options.partition !== undefined)
      await this.browser.$('input[name="partition"]').setValue(String(options.partition));
    if (options.limit !== undefined) await this.browser.$('input[name="limit"]').setValue(String(options.limit));
    await this.browser.$('button=Browse').click();
    await this.browser.$('table[aria-label="Records"]').waitForDisplayed({ timeout: 15_000 });
  }

  /** The summary line above the list, e.g. "250 records; …". */
  async summary(): Promise<string> {
    return this.browser.$('p*=records;').getText();
  }

  /** Rows the virtual list has in the DOM now (only those in view, plus a few). */
  async renderedOffsets(): Promise<number[]> {
    const cells = await this.browser
      .$$('table[aria-label="Records"] tbody tr:not(.spacer) td:nth-child(2)')
      .map((c) => c.getText());
    return cells.map((text) => Number(text.replace(/,/g, '')));
  }

  async openRecord(offset: number): Promise<void> {
    await this.browser.$('table[aria-label="Records"] tbody').$(`td=${offset}`).click();
    await this.browser.$('aside[aria-label="Record detail"]').waitForDisplayed();
  }

  async detailTitle(): Promise<string> {
    return this.browser.$('aside[aria-label="Record detail"] h3').getText();
  }

  async detailValue(): Promise<string> {
    return this.browser.$('[data-testid="record-value"]').getText();
  }

  /** The value column of the rows in view, as shown. */
  async listValues(): Promise<string[]> {
    return this.browser.$$('table[aria-label="Records"] tbody tr:not(.spacer) td:nth-child(5)').map((c) => c.getText());
  }

  async detailKey(): Promise<string> {
    return this.browser.$('[data-testid="record-key"]').getText();
  }

  async tombstoneShown(): Promise<boolean> {
    return this.browser.$('[data-testid="record-tombstone"]').isDisplayed();
  }

  async showBytesAs(view: 'decoded' | 'text' | 'hex' | 'base64'): Promise<void> {
    await this.browser.$('[aria-label="Show bytes as"]').$(`button=${view}`).click();
  }

  async detailHeaders(): Promise<Record<string, string>> {
    const rows = await this.browser.$$('table[aria-label="Headers"] tr').map(async (row) => [
      // textContent: header cells are upper-cased by CSS, the names are not.
      String(await row.$('th').getProperty('textContent')),
      String(await row.$('td').getProperty('textContent')),
    ]);
    return Object.fromEntries(rows);
  }

  async pressInList(key: 'ArrowDown' | 'ArrowUp', times = 1): Promise<void> {
    // Focus the list through its header: a click on a row would choose that row.
    await this.browser.$('table[aria-label="Records"] thead').click();
    for (let i = 0; i < times; i += 1) await this.browser.keys(key);
  }
}
