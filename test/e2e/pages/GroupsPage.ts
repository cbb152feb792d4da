// Page object for the Consumer groups section: pick a cluster and a group, preview a reset, apply it.

export interface PreviewRow {
  partition: string;
  current: string;
  target: string;
  lagBefore: string;
  lagAfter: string;
  note: string;
}

export class GroupsPage {
  constructor(private readonly browser: WebdriverIO.Browser) {}

  async open(cluster: string): Promise<void> {
    await this.browser.keys(['Control', '4']);
    await this.browser.$('select[name="cluster"]').selectByVisibleText(cluster);
    // Groups created since the list was read show after a refresh.
    await this.browser.$('button=Refresh').click();
  }

  /** Filters the overview down to `group` (rows are windowed: it may be out of view) and opens it. */
  async openGroup(group: string): Promise<void> {
    await this.filter(group);
    const row = this.browser.$(`table[aria-label="Consumer groups"] tr[data-group="${group}"]`);
    await row.waitForDisplayed({ timeout: 15_000 });
    await row.click();
    await this.browser.$('section[aria-label="Group detail"] h2').waitForDisplayed();
    await this.browser.waitUntil(async () => (await this.title()).startsWith(group), {
      timeoutMsg: `group ${group} did not open`,
    });
  }

  async filter(text: string): Promise<void> {
    const input = this.browser.$('input[aria-label="Filter groups"]');
    await input.waitForDisplayed({ timeout: 30_000 });
    await input.setValue(text);
  }

  async filterState(state: string): Promise<void> {
    await this.browser.$('select[name="group-state"]').selectByAttribute('value', state);
  }

  /** The count line: "500 groups", or "12 of 500 groups" while filtered. */
  async countLine(): Promise<string> {
    return this.browser.$('[data-testid="groups-count"]').getText();
  }

  async sortBy(label: 'Group' | 'State' | 'Members' | 'Topics' | 'Total lag' | 'Last commit'): Promise<void> {
    await this.browser.$('table[aria-label="Consumer groups"] thead').$(`button=${label}`).click();
  }

  /** The overview rows in the DOM (only those in view and a few more): group, state, members, topics, lag, last commit. */
  async renderedRows(): Promise<string[][]> {
    return this.browser
      .$$('table[aria-label="Consumer groups"] tbody tr[data-group]')
      .map(async (tr) => tr.$$('td').map((td) => td.getText()));
  }

  async title(): Promise<string> {
    return this.browser.$('section[aria-label="Group detail"] h2').getText();
  }

  /** Describes the group again (state, members, lag). */
  async reload(): Promise<void> {
    await this.browser.$('section[aria-label="Group detail"]').$('button=Reload').click();
  }

  /** Client ids in the members table. */
  async memberClientIds(): Promise<string[]> {
    return this.browser.$$('table[aria-label="Group members"] tbody tr td:first-child').map((td) => td.getText());
  }

  async chooseMode(mode: 'earliest' | 'latest' | 'timestamp' | 'specific' | 'checkpoint'): Promise<void> {
    await this.browser.$('select[name="reset-mode"]').selectByAttribute('value', mode);
  }

  async preview(): Promise<void> {
    await this.browser.$('button=Preview').click();
    await this.browser.$('table[aria-label="Reset preview"]').waitForDisplayed({ timeout: 30_000 });
  }

  async previewRows(): Promise<PreviewRow[]> {
    return this.browser.$$('table[aria-label="Reset preview"] tbody tr').map(async (tr) => {
      const cells = await tr.$$('td').map((td) => td.getText());
      return {
        partition: cells[0] ?? '',
        current: cells[1] ?? '',
        target: cells[3] ?? '',
        lagBefore: cells[4] ?? '',
        lagAfter: cells[6] ?? '',
        note: cells[7] ?? '',
      };
    });
  }

  async applyEnabled(): Promise<boolean> {
    return this.browser.$('button=Apply').isEnabled();
  }

  /** Apply, then confirm; waits for the outcome (done or refused) and returns its text. */
  async applyAndConfirm(): Promise<string> {
    await this.browser.$('button=Apply').click();
    await this.browser.$('button=Confirm reset').click();
    const outcome = this.browser.$(
      'section[aria-label="Reset offsets"] p[role="status"], [aria-label="Reset refused"]',
    );
    await outcome.waitForDisplayed({ timeout: 60_000 });
    return outcome.getText();
  }

  async fieldError(): Promise<string> {
    return this.browser.$('section[aria-label="Reset offsets"] .error[role="alert"]').getText();
  }
}
