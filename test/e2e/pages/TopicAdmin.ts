// Page object for topic administration on the Topics page: the New topic form, and the selected
// topic's Configs, Add partitions and Delete panels. Reads what is on screen, never the app's state.

type Panel = 'New topic' | 'Topic configs' | 'Add partitions' | 'Delete topic';

export class TopicAdmin {
  constructor(private readonly browser: WebdriverIO.Browser) {}

  private panel(name: Panel) {
    return this.browser.$(`section[aria-label="${name}"]`);
  }

  async openNewTopic(): Promise<void> {
    await this.browser.$('button=New topic').click();
    await this.panel('New topic').waitForDisplayed();
  }

  /** Fills the New topic form; blank fields are left as they are. */
  async fillCreate(options: {
    topic?: string;
    partitions?: number;
    replicationFactor?: number;
    like?: string;
    configs?: Record<string, string>;
  }): Promise<void> {
    const form = this.panel('New topic');
    if (options.topic !== undefined) await form.$('input[name="topic"]').setValue(options.topic);
    if (options.partitions !== undefined) await form.$('input[name="partitions"]').setValue(String(options.partitions));
    if (options.replicationFactor !== undefined)
      await form.$('input[name="replicationFactor"]').setValue(String(options.replicationFactor));
    if (options.like !== undefined) await form.$('select[name="like"]').selectByAttribute('value', options.like);
    for (const [name, value] of Object.entries(options.configs ?? {})) {
      await form.$('button=+ Add config').click();
      const row = form.$('div.config-row:last-of-type');
      await row.$('input[aria-label="Config name"]').setValue(name);
      await row.$('input[aria-label="Config value"]').setValue(value);
    }
  }

  async createValue(field: 'topic' | 'partitions' | 'replicationFactor'): Promise<string> {
    return String(await this.panel('New topic').$(`input[name="${field}"]`).getValue());
  }

  async submitCreate(): Promise<void> {
    await this.panel('New topic').$('button=Create topic').click();
  }

  /** The error shown beside a labelled field of a panel, waiting for it to appear. */
  async fieldError(panel: Panel, label: string): Promise<string> {
    const error = this.panel(panel).$(`label.field*=${label}`).$('.error');
    await error.waitForDisplayed({ timeout: 15_000 });
    return error.getText();
  }

  async waitClosed(panel: Panel): Promise<void> {
    await this.panel(panel).waitForDisplayed({ reverse: true, timeout: 15_000 });
  }

  async show(button: 'Configs' | 'Add partitions' | 'Delete…'): Promise<void> {
    await this.browser.$('[aria-label="Topic administration"]').$(`button=${button}`).click();
  }

  /** Config overrides as listed: name → the value in its field. */
  async overrides(): Promise<Record<string, string>> {
    const panel = this.panel('Topic configs');
    await panel.waitForDisplayed({ timeout: 15_000 });
    const rows = await panel
      .$$('table[aria-label="Config overrides"] tbody tr')
      .map(async (row) => [String(await row.getAttribute('data-config')), String(await row.$('input').getValue())]);
    return Object.fromEntries(rows);
  }

  async waitForOverride(name: string, value: string | undefined): Promise<void> {
    await this.browser.waitUntil(async () => (await this.overrides())[name] === value, {
      timeout: 15_000,
      timeoutMsg: `override ${name} to be ${value ?? 'gone'}`,
    });
  }

  async editOverride(name: string, value: string): Promise<void> {
    const row = this.panel('Topic configs').$(`tr[data-config="${name}"]`);
    await row.$('input').setValue(value);
    await row.$('button=Save').click();
  }

  async resetOverride(name: string): Promise<void> {
    await this.panel('Topic configs').$(`tr[data-config="${name}"]`).$('button=Reset to default').click();
  }

  /** The broker's error beside an override's field. */
  async overrideError(name: string): Promise<string> {
    const error = this.panel('Topic configs').$(`tr[data-config="${name}"]`).$('.error');
    await error.waitForDisplayed({ timeout: 15_000 });
    return error.getText();
  }

  async addOverride(name: string, value: string): Promise<void> {
    const form = this.panel('Topic configs').$('form[aria-label="Add override"]');
    await form.$('input[aria-label="New config name"]').setValue(name);
    await form.$('input[aria-label="New config value"]').setValue(value);
    await form.$('button=Set override').click();
  }

  async defaultsCount(): Promise<number> {
    const summary = await this.panel('Topic configs').$('details summary').getText();
    return Number(/Defaults \((\d+)\)/.exec(summary)?.[1] ?? Number.NaN);
  }

  async addPartitions(count: number): Promise<void> {
    const panel = this.panel('Add partitions');
    await panel.$('input[name="partitions"]').setValue(String(count));
    await panel.$('button=Add partitions').click();
  }

  async status(panel: Panel): Promise<string> {
    const status = this.panel(panel).$('[role="status"]');
    await status.waitForDisplayed({ timeout: 15_000 });
    return status.getText();
  }

  async typeDeleteConfirmation(text: string): Promise<void> {
    await this.panel('Delete topic').$('input[name="confirm"]').setValue(text);
  }

  async deleteEnabled(): Promise<boolean> {
    return this.panel('Delete topic').$('button=Delete topic').isEnabled();
  }

  async confirmDelete(): Promise<void> {
    await this.panel('Delete topic').$('button=Delete topic').click();
  }
}
