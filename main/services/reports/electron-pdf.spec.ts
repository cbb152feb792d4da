import { describe, expect, it } from 'vitest';
import { electronPdfPrinter, electronPrintWindow, type BrowserWindowLike, type PrintWindow } from './electron-pdf';

describe('electronPdfPrinter', () => {
  const fakeWindow = (fail?: 'load' | 'print') => {
    const calls: string[] = [];
    let loaded = '';
    const window: PrintWindow = {
      async loadURL(url) {
        calls.push('load');
        if (fail === 'load') throw new Error('load failed');
        loaded = url;
      },
      async printToPDF(options) {
        calls.push(`print ${options.pageSize}`);
        if (fail === 'print') throw new Error('print failed');
        return Buffer.from(`%PDF-${loaded.length}`);
      },
      destroy: () => void calls.push('destroy'),
    };
    return { window, calls, loadedUrl: () => loaded };
  };

  it('loads the HTML as a data URL, prints it, and destroys the window', async () => {
    const fake = fakeWindow();
    const pdf = await electronPdfPrinter(() => fake.window)('<p>lag 13 ü</p>');
    expect(fake.calls).toEqual(['load', 'print A4', 'destroy']);
    const [, data] = fake.loadedUrl().split('base64,');
    expect(Buffer.from(data!, 'base64').toString('utf8')).toBe('<p>lag 13 ü</p>');
    expect(pdf.toString()).toBe(`%PDF-${fake.loadedUrl().length}`);
  });

  it('destroys the window when loading or printing fails', async () => {
    for (const fail of ['load', 'print'] as const) {
      const fake = fakeWindow(fail);
      await expect(electronPdfPrinter(() => fake.window)('<p/>')).rejects.toThrow(`${fail} failed`);
      expect(fake.calls.at(-1)).toBe('destroy');
    }
  });

  it('opens a hidden window with scripts off', () => {
    const created: object[] = [];
    class FakeBrowserWindow implements BrowserWindowLike {
      webContents = { printToPDF: async () => Buffer.from('') };
      constructor(options: object) {
        created.push(options);
      }
      async loadURL() {}
      destroy() {}
    }
    electronPrintWindow(FakeBrowserWindow);
    expect(created[0]).toMatchObject({ show: false, webPreferences: { javascript: false, sandbox: true } });
  });
});
