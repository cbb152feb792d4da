// Page object for a report import panel (a group's "Apply a report", a job's "Restore from a report").

export class ImportPanel {
  constructor(private readonly browser: WebdriverIO.Browser) {}

  private panel() {
    return this.browser.$('section[aria-label="Import report"]');
  }

  async scrollIntoView(): Promise<void> {
    await this.panel().scrollIntoView();
  }

  /** Picks a file as the operator would in the file chooser (chromedriver reads it from this disk). */
  async choose(path: string): Promise<void> {
    await this.panel().$('input[name="report"]').setValue(path);
  }

  /** The refusal box's text, once it shows. */
  async refusal(): Promise<string> {
    const box = this.panel().$('[aria-label="Report refused"]');
    await box.waitForDisplayed({ timeout: 15_000 });
    return box.getText();
  }

  /** The line that says what the chosen file holds, once it shows. */
  async summary(): Promise<string> {
    const line = this.panel().$('p.muted');
    await line.waitForDisplayed({ timeout: 15_000 });
    return line.getText();
  }

  async preview(): Promise<string[][]> {
    await this.panel().$('button=Preview').click();
    const table = this.panel().$('table[aria-label="Reset preview"]');
    await table.waitForDisplayed({ timeout: 30_000 });
    return table.$$('tbody tr').map((tr) => tr.$$('td').map((td) => td.getText()));
  }

  /** Apply, then confirm; returns what the panel says once it is done (or why it failed). */
  async applyAndConfirm(): Promise<string> {
    await this.panel().$('button=Apply').click();
    await this.panel().$('button=Confirm').click();
    const outcome = this.panel().$('p[role="status"], p[role="alert"]');
    await outcome.waitForDisplayed({ timeout: 60_000 });
    return outcome.getText();
  }
}
