// Page object for the Schemas section: a cluster's Schema Registry, subjects → versions → schema.

export interface ShownSchema {
  heading: string;
  type: string;
  id: string;
  references: string;
  text: string;
}

export class SchemasPage {
  constructor(private readonly browser: WebdriverIO.Browser) {}

  async open(cluster: string): Promise<void> {
    await this.browser.keys(['Control', '5']);
    const picker = this.browser.$('select[name="cluster"]');
    await picker.waitForDisplayed();
    await picker.selectByAttribute('value', cluster);
  }

  /** The subjects listed, once the list shows `expected` (the registry is read asynchronously). */
  async waitForSubject(subject: string): Promise<string[]> {
    await this.subject(subject).waitForDisplayed({ timeout: 20_000 });
    return this.browser.$$('section[aria-label="Subjects"] button[data-subject]').map((b) => b.getText());
  }

  subject(subject: string) {
    return this.browser.$(`section[aria-label="Subjects"] button[data-subject="${subject}"]`);
  }

  async versions(): Promise<string[]> {
    return this.browser.$$('section[aria-label="Versions"] button[data-version]').map((b) => b.getText());
  }

  /** Opens a subject (its latest version shows) and reads the schema shown. */
  async show(subject: string, version?: number): Promise<ShownSchema> {
    await this.subject(subject).click();
    if (version !== undefined) {
      const button = this.browser.$(`section[aria-label="Versions"] button[data-version="${version}"]`);
      await button.waitForDisplayed();
      await button.click();
    }
    const heading = this.browser.$('[data-testid="schema-heading"]');
    // The heading's parts are laid out apart; read as one line.
    const headingText = async () => (await heading.getText()).replace(/\s+/g, ' ');
    await this.browser.waitUntil(
      async () =>
        (await heading.isExisting()) &&
        (await headingText()).startsWith(subject) &&
        (version === undefined || (await headingText()).endsWith(`version ${version}`)),
      { timeout: 10_000, timeoutMsg: `the schema of ${subject} did not show` },
    );
    const text = (testId: string) => this.browser.$(`[data-testid="${testId}"]`).getText();
    return {
      heading: await headingText(),
      type: await text('schema-type'),
      id: await text('schema-id'),
      references: await text('schema-references'),
      text: await text('schema-text'),
    };
  }
}
