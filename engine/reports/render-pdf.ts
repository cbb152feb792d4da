import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { SluiceError } from '../errors/index.js';

/** Turns the printable HTML into PDF bytes: headless Chromium here, Electron's printToPDF in the app. */
export type PdfPrinter = (html: string) => Promise<Buffer>;

export interface ChromiumOptions {
  /** The browser to run; default `$SLUICE_CHROMIUM`, else `chromium`. */
  executable?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/**
 * Prints with headless Chromium (`--print-to-pdf`) from a temp profile and temp files that are
 * removed afterwards. The HTML is self-contained, and background networking is off, so nothing
 * is fetched while printing.
 */
export function chromiumPdfPrinter(options: ChromiumOptions = {}): PdfPrinter {
  const env = options.env ?? process.env;
  const executable = options.executable ?? env['SLUICE_CHROMIUM'] ?? 'chromium';
  return async (html) => {
    const dir = await mkdtemp(join(tmpdir(), 'sluice-pdf-'));
    try {
      const page = join(dir, 'report.html');
      const pdf = join(dir, 'report.pdf');
      await writeFile(page, html);
      try {
        await promisify(execFile)(
          executable,
          [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--no-first-run',
            '--no-pdf-header-footer',
            `--user-data-dir=${join(dir, 'profile')}`,
            `--print-to-pdf=${pdf}`,
            pathToFileURL(page).href,
          ],
          { timeout: options.timeoutMs ?? 60_000, env },
        );
        return await readFile(pdf);
      } catch (error) {
        throw new SluiceError(
          `cannot print the report to PDF with ${executable}: ${(error as Error).message.split('\n')[0]}. ` +
            'Install Chromium or point SLUICE_CHROMIUM at one, or export HTML and print it from a browser.',
          { hintId: 'file-access', cause: error, details: { executable } },
        );
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
}
