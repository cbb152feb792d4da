import type { PdfPrinter } from '../../../engine/reports/index';

// In the app, report PDFs are printed by Electron's own Chromium (webContents.printToPDF) in a
// hidden window, not by a separate browser. The window sits behind this facade so the logic is
// unit-tested without Electron; it has not been run in a real Electron here.

/** The little of a BrowserWindow that printing needs. */
export interface PrintWindow {
  loadURL(url: string): Promise<void>;
  printToPDF(options: { printBackground: boolean; pageSize: 'A4'; landscape: boolean }): Promise<Buffer>;
  destroy(): void;
}

/** Prints the self-contained report HTML from a data: URL in a fresh hidden window, always destroyed. */
export function electronPdfPrinter(openWindow: () => PrintWindow): PdfPrinter {
  return async (html) => {
    const window = openWindow();
    try {
      await window.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`);
      return await window.printToPDF({ printBackground: true, pageSize: 'A4', landscape: false });
    } finally {
      window.destroy();
    }
  };
}

/** The constructor shape of Electron's BrowserWindow, so this file needs no `electron` import. */
export interface BrowserWindowLike {
  loadURL(url: string): Promise<void>;
  destroy(): void;
  webContents: { printToPDF(options: object): Promise<Buffer> };
}
export type BrowserWindowCtor = new (options: object) => BrowserWindowLike;

/** A hidden window with scripts off: the report has none, and a crafted topic name cannot run any. */
export function electronPrintWindow(BrowserWindow: BrowserWindowCtor): PrintWindow {
  const window = new BrowserWindow({
    show: false,
    webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false },
  });
  return {
    loadURL: (url) => window.loadURL(url),
    printToPDF: (options) => window.webContents.printToPDF(options),
    destroy: () => window.destroy(),
  };
}
