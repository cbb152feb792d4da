// The job detail screen as an operator sees it: partition table, totals, charts, checkpoints.
// Reads what is on screen (text in cells), never the app's state.

export interface PartitionRow {
  topic: string;
  partition: number;
  logStart: number | undefined;
  logEnd: number | undefined;
  current: number | undefined;
  checkpointed: number | undefined;
  committed: number | undefined;
  lag: number | undefined;
}

/** "1,234" → 1234; "–" (unknown) → undefined. */
const num = (text: string): number | undefined => {
  const clean = text.replace(/,/g, '').trim();
  return clean === '' || clean === '–' ? undefined : Number(clean);
};

export class JobDetailPage {
  constructor(private readonly browser: WebdriverIO.Browser) {}

  /** From the Jobs list (Ctrl+3), opens the named job's page. */
  async open(job: string): Promise<void> {
    await this.browser.keys(['Control', '3']);
    const link = this.browser.$('table[aria-label="Jobs"]').$(`button=${job}`);
    await link.waitForClickable({ timeout: 10_000 });
    await link.click();
    await this.browser.$(`h2=${job}`).waitForDisplayed({ timeout: 10_000 });
  }

  async state(): Promise<string> {
    return this.browser.$('.toolbar').$('.badge').getText();
  }

  async waitForState(state: string, timeout = 30_000): Promise<void> {
    await this.browser.$('.toolbar').$(`.badge=${state}`).waitForDisplayed({ timeout });
  }

  async start(): Promise<void> {
    await this.browser.$('.toolbar').$('button=Start').click();
  }

  async restart(): Promise<void> {
    await this.browser.$('.toolbar').$('button=Restart').click();
  }

  async stop(): Promise<void> {
    await this.browser.$('.toolbar').$('button=Stop').click();
  }

  /** The partition rows in the DOM (the visible window of the virtualized table), as numbers. */
  async partitions(): Promise<PartitionRow[]> {
    // One round trip for every cell (the page's DOM; this file type-checks without DOM types).
    const cells = (await this.browser.execute(
      `return [...document.querySelectorAll('table[aria-label="Partitions"] tbody tr')]
        .map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''));`,
    )) as unknown as string[][];
    return cells.map(
      ([topic = '', partition = '', logStart = '', logEnd = '', current = '', cp = '', committed = '', lag = '']) => ({
        topic,
        partition: Number(partition),
        logStart: num(logStart),
        logEnd: num(logEnd),
        current: num(current),
        checkpointed: num(cp),
        committed: num(committed),
        lag: num(lag),
      }),
    );
  }

  /** Rows the table has in all (its aria-rowcount, header excluded), whatever is in the DOM. */
  async partitionCount(): Promise<number> {
    return Number(await this.browser.$('table[aria-label="Partitions"]').getAttribute('aria-rowcount')) - 1;
  }

  /** Scrolls the partition table to its last row and lets it render. */
  async scrollPartitionsToEnd(): Promise<void> {
    await this.browser.execute('const s = document.querySelector(".scroller"); s.scrollTop = s.scrollHeight;');
    await this.browser.pause(300);
  }

  async filterPartitions(text: string): Promise<void> {
    const box = this.browser.$('input[aria-label="Filter partitions by topic"]');
    await box.clearValue();
    if (text) await box.setValue(text);
    else await this.browser.execute('document.querySelector("input[type=search]").dispatchEvent(new Event("input"))');
  }

  async sortPartitionsBy(column: 'Partition' | 'Lag'): Promise<void> {
    await this.browser.$('table[aria-label="Partitions"]').$(`button=${column}`).click();
  }

  /** A total from the summary cards, e.g. "Records in". */
  async total(label: string): Promise<number | undefined> {
    const text = await this.browser
      .$(`section[aria-label="Totals"]`)
      .$(`span=${label}`)
      .parentElement()
      .$('strong')
      .getText();
    return num(text);
  }

  async chartCanvases(): Promise<number> {
    return this.browser.$$('figure.chart canvas').length;
  }

  async checkpointIds(): Promise<number[]> {
    const cells = await this.browser
      .$$('table[aria-label="Checkpoints"] tbody tr td:nth-child(2)')
      .map((td) => td.getText());
    return cells.map(Number);
  }

  /** The lines of the events list, newest first. */
  async events(): Promise<string[]> {
    return this.browser.$$('ol[aria-label="Job events"] li').map((li) => li.getText());
  }

  async restoreFrom(checkpointId: number): Promise<void> {
    await this.browser.$(`input[aria-label="Restore from checkpoint ${checkpointId}"]`).click();
    await this.browser.$(`button=Restore from checkpoint ${checkpointId}`).click();
  }

  /**
   * The Copy path box: its title ("Shallow — ..." or "Record by record"), whether it shows what the
   * settings say rather than the run, each blocker line, and the batch counts of a shallow copy.
   */
  async copyPath(): Promise<{
    title: string;
    fromSettings: boolean;
    blockers: string[];
    forwarded: number | undefined;
    decoded: string | undefined;
  }> {
    const box = this.browser.$('section[aria-label="Copy path"]');
    await box.waitForDisplayed({ timeout: 10_000 });
    const value = async (label: string) => {
      const dt = box.$(`dt=${label}`);
      return (await dt.isExisting()) ? dt.nextElement().getText() : undefined;
    };
    const forwarded = await value('Batches forwarded');
    return {
      title: await box.$('.head strong').getText(),
      fromSettings: await box.$("em=from the job's settings").isExisting(),
      blockers: await box.$$('ul[aria-label="What stops a shallow copy"] li').map((li) => li.getText()),
      forwarded: forwarded === undefined ? undefined : num(forwarded),
      decoded: await value('Batches decoded'),
    };
  }

  /** The compact hint lines, top to bottom: id, severity (the mark's label), title, count, last seen, height. */
  async hintLines(): Promise<
    { id: string; severity: string; title: string; count: string; last: string; height: number; expanded: boolean }[]
  > {
    return this.browser.$$('section[aria-label="Troubleshooting hints"] li[data-hint]').map(async (li) => {
      const line = li.$('button.line');
      return {
        id: (await li.getAttribute('data-hint')) ?? '',
        severity: (await line.$('.mark').getAttribute('aria-label')) ?? '',
        title: await line.$('.title').getText(),
        count: await line.$('.count').getText(),
        last: await line.$('.last').getText(),
        height: (await line.getSize()).height,
        expanded: (await line.getAttribute('aria-expanded')) === 'true',
      };
    });
  }

  /** Clicks a hint's line (opens or closes its card). */
  async toggleHint(id: string): Promise<void> {
    await this.browser.$(`li[data-hint="${id}"] button.line`).click();
  }

  /** The text of a hint's open card, or undefined when it is closed. */
  async hintCard(id: string): Promise<string | undefined> {
    const card = this.browser.$(`li[data-hint="${id}"] .card`);
    return (await card.isExisting()) ? card.getText() : undefined;
  }
}
