// Page objects for lag monitoring: the Clusters page's "Watch lag" toggle, the overview's Status and
// Time lag columns, the in-page lag notices and a group's lag section.

export class LagWatchToggle {
  constructor(private readonly browser: WebdriverIO.Browser) {}

  /** On the Clusters page: sets the interval (seconds), then ticks "Watch lag" for `cluster`. */
  async watch(cluster: string, intervalSeconds: number): Promise<void> {
    await this.browser.keys(['Control', '1']);
    const row = this.browser.$(`//table[@aria-label="Clusters"]//tr[.//strong[text()="${cluster}"]]`);
    await row.waitForDisplayed({ timeout: 15_000 });
    await row.$('input[name="lag-interval"]').setValue(String(intervalSeconds));
    const box = row.$('input[name="watch-lag"]');
    await box.click();
    await this.browser.waitUntil(async () => (await box.isSelected()) && (await box.isEnabled()), {
      timeoutMsg: `"Watch lag" of ${cluster} did not stay ticked`,
    });
  }
}

export class LagOverview {
  constructor(private readonly browser: WebdriverIO.Browser) {}

  /** The Status badge's text in the group's overview row ("ERR (STOP)", "OK", "–"). */
  async status(group: string): Promise<string> {
    return this.browser.$(`tr[data-group="${group}"] td[data-testid="lag-status"]`).getText();
  }

  /** The badge's tooltip: the partitions' statuses. */
  async statusTooltip(group: string): Promise<string> {
    return (
      (await this.browser.$(`tr[data-group="${group}"] td[data-testid="lag-status"] span`).getAttribute('title')) ?? ''
    );
  }

  async timeLag(group: string): Promise<string> {
    return this.browser.$(`tr[data-group="${group}"] td[data-testid="time-lag"]`).getText();
  }

  /** Waits until the group's Status reads `text` (the overview follows each monitor cycle). */
  async waitForStatus(group: string, text: string, timeout = 60_000): Promise<void> {
    let seen = '';
    await this.browser
      .waitUntil(async () => (seen = await this.status(group).catch(() => '')) === text, { timeout })
      .catch(async () => {
        const tooltip = await this.statusTooltip(group).catch(() => '');
        throw new Error(`group ${group} did not show status ${text}: it shows "${seen}" (${tooltip})`);
      });
  }
}

export class LagNotices {
  constructor(private readonly browser: WebdriverIO.Browser) {}

  notice(group: string, level: 'OK' | 'WARN' | 'ERR') {
    return this.browser.$(`.lag-notice[data-group="${group}"][data-level="${level}"]`);
  }

  async count(group: string, level: 'OK' | 'WARN' | 'ERR'): Promise<number> {
    return this.browser.$$(`.lag-notice[data-group="${group}"][data-level="${level}"]`).length;
  }

  /** Clicks the notice's text, which opens the group. */
  async open(group: string, level: 'OK' | 'WARN' | 'ERR'): Promise<void> {
    await this.notice(group, level).$('button.open').click();
  }
}

export class GroupLagSection {
  constructor(private readonly browser: WebdriverIO.Browser) {}

  private section() {
    return this.browser.$('section[aria-label="Lag monitoring"]');
  }

  /** How many points the lag chart has (its x column). */
  async chartPoints(): Promise<number> {
    const charts = this.section().$('.charts');
    if (!(await charts.isExisting())) return 0;
    return Number(await charts.getAttribute('data-points'));
  }

  async chartTitles(): Promise<string[]> {
    return this.section()
      .$$('figcaption')
      .map((c) => c.getText());
  }

  /** Rows of the partition status table: topic, partition, status, lag. */
  async partitionStatuses(): Promise<string[][]> {
    return this.section()
      .$$('table[aria-label="Partition lag status"] tbody tr')
      .map(async (tr) => (await tr.$$('td').map((td) => td.getText())).slice(0, 4));
  }

  /** Brings the section (its charts) to the top of the view, for a screenshot. */
  async scrollIntoView(): Promise<void> {
    await this.section().scrollIntoView(true);
  }

  async chooseLines(mode: 'total' | 'partitions'): Promise<void> {
    await this.section().$('select[name="lag-mode"]').selectByAttribute('value', mode);
  }

  async mute(): Promise<void> {
    await this.section().$('button=Mute').click();
    await this.section().$('button=Unmute').waitForDisplayed();
  }

  async exportCsv(): Promise<void> {
    await this.section().$('button=Export CSV').click();
  }
}
