// Page object for the Clusters section: the profile form with its sections, a live connection
// test, the jump host key decision, edit and delete.

/** Form inputs by their `name`; booleans tick a section's "use" box. */
export type ClusterFields = Record<string, string | boolean>;

export class ClustersPage {
  constructor(private readonly browser: WebdriverIO.Browser) {}

  async open(): Promise<void> {
    await this.browser.keys(['Control', '1']);
    await this.browser.$('button=Add cluster').waitForDisplayed();
  }

  async add(fields: ClusterFields): Promise<void> {
    await this.browser.$('button=Add cluster').click();
    await this.fill(fields);
  }

  async edit(cluster: string, fields: ClusterFields): Promise<void> {
    await this.row(cluster).$('button=Edit').click();
    await this.browser.$(`form[aria-label="Edit ${cluster}"]`).waitForDisplayed();
    await this.fill(fields);
  }

  /** Fills inputs in order; a section's checkbox first, so the fields it shows exist. */
  async fill(fields: ClusterFields): Promise<void> {
    for (const [name, value] of Object.entries(fields)) {
      const input = this.browser.$(`form [name="${name}"]`);
      if (typeof value === 'boolean') {
        if ((await input.isSelected()) !== value) await input.click();
      } else if ((await input.getTagName()) === 'select') {
        await input.selectByAttribute('value', value);
      } else {
        await input.setValue(value);
      }
    }
  }

  async save(): Promise<void> {
    await this.browser.$('button=Save cluster').click();
  }

  async cancel(): Promise<void> {
    await this.browser.$('form').$('button=Cancel').click();
  }

  /** The message shown under a field, or undefined. */
  async fieldError(name: string): Promise<string | undefined> {
    const error = this.browser.$(`form [name="${name}"]`).parentElement().$('.error');
    return (await error.isExisting()) ? error.getText() : undefined;
  }

  async fieldHint(name: string): Promise<string> {
    return this.browser.$(`form [name="${name}"]`).parentElement().$('.hint').getText();
  }

  row(cluster: string) {
    return this.browser.$('table[aria-label="Clusters"]').$(`tr*=${cluster}`);
  }

  async names(): Promise<string[]> {
    // Read in one go in the page: rows may go away between finding and reading them.
    const names: unknown = await this.browser.execute(
      'return [...document.querySelectorAll(\'table[aria-label="Clusters"] tbody td strong\')].map((e) => e.textContent)',
    );
    return names as string[];
  }

  async test(cluster: string): Promise<void> {
    await this.row(cluster).$('button=Test connection').click();
  }

  /** The id of the test shown for a cluster ('' when none), to tell the next test from this one. */
  async runId(cluster: string): Promise<string> {
    const check = this.browser.$(`[aria-label="Connection test of ${cluster}"]`);
    return (await check.isExisting()) ? String(await check.getAttribute('data-run')) : '';
  }

  /** Waits for a test other than `previousRun` to finish; returns its heading. */
  async result(cluster: string, previousRun: string, timeout = 30_000): Promise<string> {
    const check = this.browser.$(`[aria-label="Connection test of ${cluster}"]`);
    await this.browser.waitUntil(
      async () =>
        (await check.isExisting()) &&
        (await check.getAttribute('data-run')) !== previousRun &&
        (await check.getAttribute('aria-busy')) === 'false',
      { timeout, timeoutMsg: `no new connection test of ${cluster} finished` },
    );
    return check.$('h3').getText();
  }

  /** Saves the form; saving runs the connection test, whose heading this returns. */
  async saveAndTest(cluster: string): Promise<string> {
    const previous = await this.runId(cluster);
    await this.save();
    return this.result(cluster, previous);
  }

  /** `step:status` of each step shown, in order. */
  async steps(cluster: string): Promise<string[]> {
    return this.browser
      .$$(`[aria-label="Connection test of ${cluster}"] li`)
      .map(async (li) => `${await li.getAttribute('data-step')}:${await li.getAttribute('data-status')}`);
  }

  /** Starts recording every `step:status` the page shows, for proof that steps changed live. */
  async recordSteps(): Promise<void> {
    // A string, as the page runs it: this file is type-checked without the DOM's types.
    await this.browser.execute(`
      const seen = (window.__steps = []);
      const note = () => {
        for (const li of document.querySelectorAll('li[data-step]')) {
          const entry = li.getAttribute('data-step') + ':' + li.getAttribute('data-status');
          if (!seen.includes(entry)) seen.push(entry);
        }
      };
      new MutationObserver(note).observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ['data-status'],
      });
    `);
  }

  async recordedSteps(): Promise<string[]> {
    const steps: unknown = await this.browser.execute('return window.__steps');
    return steps as string[];
  }

  hostKeyPrompt() {
    return this.browser.$('section[aria-label="Unknown host key"]');
  }

  async hostKey(): Promise<{ type: string; fingerprint: string }> {
    return {
      type: await this.browser.$('[data-testid="host-key-type"]').getText(),
      fingerprint: await this.browser.$('[data-testid="host-key-fingerprint"]').getText(),
    };
  }

  /** Trusts the key shown; the test runs again, whose heading this returns. */
  async trustHostKey(cluster: string): Promise<string> {
    const previous = await this.runId(cluster);
    await this.hostKeyPrompt().$('button=Trust and save').click();
    return this.result(cluster, previous);
  }

  /** Deletes through the row's button, answering its confirmation; returns what it asked. */
  async delete(cluster: string): Promise<string> {
    // WebdriverIO dismisses dialogs nobody listens for; this one is answered "OK".
    const asked = new Promise<string>((resolve) =>
      this.browser.once('dialog', (dialog) => {
        resolve(dialog.message());
        void dialog.accept();
      }),
    );
    await this.row(cluster).$('button=Delete').click();
    const question = await asked;
    // The table itself goes away with the last profile.
    await this.browser.waitUntil(async () => !(await this.names()).includes(cluster), {
      timeoutMsg: `${cluster} was still listed after Delete`,
    });
    return question;
  }
}
