// The job editor as an operator uses it: templates, sections, fields by their input names, the
// Form | JSON views and the transform preview. Reads what is on screen, never the app's state.

export interface PreviewRowText {
  outcome: string;
  offset: number;
  before: string;
  after: string;
}

export class JobEditor {
  constructor(private readonly browser: WebdriverIO.Browser) {}

  private get form() {
    return this.browser.$('form.card');
  }

  field(name: string) {
    return this.form.$(`[name="${name}"]`);
  }

  /** From the Jobs list (Ctrl+3): New job. */
  async openNew(): Promise<void> {
    await this.browser.keys(['Control', '3']);
    const button = this.browser.$('button=New job');
    await button.waitForClickable({ timeout: 10_000 });
    await button.click();
    await this.browser.$('h2=Create a job').waitForDisplayed({ timeout: 10_000 });
  }

  async template(id: 'blank' | 'replay' | 'copy' | 'drain'): Promise<void> {
    await this.form.$(`[data-template="${id}"]`).click();
  }

  /** Opens a collapsed section by its title. */
  async openSection(title: string): Promise<void> {
    const summary = this.form.$(`span.title=${title}`).parentElement();
    const details = summary.parentElement();
    if ((await details.getAttribute('open')) === null) await summary.click();
  }

  async set(name: string, value: string): Promise<void> {
    await this.field(name).setValue(value);
  }

  async select(name: string, value: string): Promise<void> {
    await this.field(name).selectByAttribute('value', value);
  }

  async value(name: string): Promise<string> {
    return this.field(name).getValue();
  }

  /** The error shown beside a field, or "" when none. */
  async error(name: string): Promise<string> {
    const error = this.field(name).$('..').$('.error');
    return (await error.isExisting()) ? error.getText() : '';
  }

  /** The hint shown under a field, or "" when none. */
  async hint(name: string): Promise<string> {
    const hint = this.field(name).$('..').$('.hint');
    return (await hint.isExisting()) ? hint.getText() : '';
  }

  /** The lint finding shown beside a field, or "" when none. */
  async lintNote(name: string): Promise<string> {
    const note = this.field(name).$('..').$('[data-lint]');
    return (await note.isExisting()) ? note.getText() : '';
  }

  async lint(): Promise<void> {
    await this.form.$('button=Lint').click();
    await this.form.$('.lint-summary').waitForDisplayed({ timeout: 20_000 });
  }

  async view(which: 'Form' | 'JSON'): Promise<void> {
    await this.form.$(`button[role="tab"]=${which}`).click();
  }

  async jsonText(): Promise<string> {
    return this.field('specJson').getValue();
  }

  async setJson(text: string): Promise<void> {
    // One script call instead of typing every character, then an input event as typing would send.
    await this.browser.execute(
      `const area = document.querySelector('textarea[name="specJson"]');
       area.value = arguments[0];
       area.dispatchEvent(new Event('input', { bubbles: true }));`,
      text,
    );
  }

  async jsonError(): Promise<string> {
    const error = this.form.$('[data-json-error]');
    return (await error.isExisting()) ? error.getText() : '';
  }

  async cancel(): Promise<void> {
    await this.form.$('button=Cancel').click();
    await this.form.waitForDisplayed({ reverse: true, timeout: 10_000 });
  }

  async save(): Promise<void> {
    await this.form.$('button=Save job').click();
  }

  /** Runs the transform preview over the last `count` records and waits for its table. */
  async preview(count: number): Promise<PreviewRowText[]> {
    await this.set('previewCount', String(count));
    await this.form.$('button=Preview').click();
    const table = this.form.$('table[aria-label="Transform preview"]');
    await table.waitForDisplayed({ timeout: 20_000 });
    const rows = (await this.browser.execute(
      `return [...document.querySelectorAll('table[aria-label="Transform preview"] tbody tr')].map((tr) => ({
        outcome: tr.className.split(' ').find((c) => ['kept', 'dropped', 'failed'].includes(c)) ?? '',
        offset: Number(tr.dataset.offset),
        before: tr.children[1].textContent.trim(),
        after: tr.children[2].textContent.trim(),
      }));`,
    )) as unknown as PreviewRowText[];
    return rows;
  }
}
