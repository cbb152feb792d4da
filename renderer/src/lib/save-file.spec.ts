import { beforeEach, describe, expect, it } from 'vitest';
import { IpcError, type SluiceApi } from '../../../main/ipc/contract';
import {
  extensionsOf,
  filtersFor,
  openTextFileWith,
  resetSaveFileRoute,
  safeFileName,
  saveFileWith,
  toBlob,
} from './save-file';

function fakeApi(
  answer: (args: unknown) => unknown,
  shell: 'electron' | 'browser' = 'electron',
): { api: SluiceApi; calls: unknown[]; infoCalls: () => number } {
  const calls: unknown[] = [];
  let info = 0;
  const api = {
    async invoke(channel: string, args: unknown) {
      if (channel === 'app:info') {
        info += 1;
        return { shell };
      }
      calls.push({ channel, args });
      return answer(args);
    },
    on: () => () => undefined,
    ready: () => undefined,
  } as unknown as SluiceApi;
  return { api, calls, infoCalls: () => info };
}

describe('saveFile', () => {
  beforeEach(() => resetSaveFileRoute());

  it('uses the save dialog in Electron and passes a filter from the file extension', async () => {
    const { api, calls } = fakeApi(() => ({ saved: true, path: '/home/op/report.pdf' }));
    const downloads: string[] = [];
    const result = await saveFileWith(
      { suggestedName: 'report.pdf', content: 'JVBERg==', encoding: 'base64', mime: 'application/pdf' },
      { api, download: (name) => downloads.push(name) },
    );
    expect(result).toEqual({ saved: true, path: '/home/op/report.pdf' });
    expect(calls).toEqual([
      {
        channel: 'files:save',
        args: {
          suggestedName: 'report.pdf',
          content: 'JVBERg==',
          encoding: 'base64',
          filters: [{ name: 'PDF file', extensions: ['pdf'] }],
        },
      },
    ]);
    expect(downloads).toEqual([]);
  });

  it('reports a cancelled dialog as not saved, without downloading', async () => {
    const { api } = fakeApi(() => ({ saved: false }));
    const downloads: string[] = [];
    const result = await saveFileWith(
      { suggestedName: 'a.csv', content: 'x', mime: 'text/csv' },
      { api, download: (name) => downloads.push(name) },
    );
    expect(result).toEqual({ saved: false });
    expect(downloads).toEqual([]);
  });

  it('falls back to a download in browser mode, and asks main only once', async () => {
    const { api, calls } = fakeApi(() => {
      throw new IpcError({ name: 'UnavailableInShell', message: 'files:save is only available in the desktop app' });
    });
    const downloads: { name: string; type: string; text: string }[] = [];
    const download = (name: string, blob: Blob) =>
      void blob.text().then((text) => downloads.push({ name, type: blob.type, text }));
    expect(await saveFileWith({ suggestedName: 'a.csv', content: 'x,y', mime: 'text/csv' }, { api, download })).toEqual(
      { saved: true },
    );
    await saveFileWith({ suggestedName: 'b.csv', content: 'z', mime: 'text/csv' }, { api, download });
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toHaveLength(1);
    expect(downloads).toEqual([
      { name: 'a.csv', type: 'text/csv', text: 'x,y' },
      { name: 'b.csv', type: 'text/csv', text: 'z' },
    ]);
  });

  it('in browser mode downloads without sending the content to main, asking the shell once', async () => {
    const { api, calls, infoCalls } = fakeApi(() => ({ saved: true }), 'browser');
    const names: string[] = [];
    await saveFileWith(
      { suggestedName: 'a.csv', content: 'x', mime: 'text/csv' },
      { api, download: (n) => names.push(n) },
    );
    await saveFileWith(
      { suggestedName: 'b.csv', content: 'y', mime: 'text/csv' },
      { api, download: (n) => names.push(n) },
    );
    expect(calls).toEqual([]);
    expect(infoCalls()).toBe(1);
    expect(names).toEqual(['a.csv', 'b.csv']);
  });

  it('turns a name with path separators into a bare file name', async () => {
    const { api, calls } = fakeApi(() => ({ saved: true, path: '/x' }));
    await saveFileWith(
      { suggestedName: 'jobs/replay.csv', content: 'x', mime: 'text/csv' },
      { api, download: () => undefined },
    );
    expect(calls).toMatchObject([{ args: { suggestedName: 'jobs_replay.csv' } }]);
    expect(safeFileName('..')).toBe('download');
    expect(safeFileName(' a\\b\u0007.pdf ')).toBe('a_b_.pdf');
  });

  it('passes other errors on (a failed write must not look saved)', async () => {
    const { api } = fakeApi(() => {
      throw new IpcError({ name: 'Error', message: 'could not save /x/a.csv (EACCES)' });
    });
    await expect(
      saveFileWith({ suggestedName: 'a.csv', content: 'x', mime: 'text/csv' }, { api, download: () => undefined }),
    ).rejects.toThrow(/EACCES/);
  });

  it('downloads directly when there is no API at all', async () => {
    const names: string[] = [];
    const result = await saveFileWith(
      { suggestedName: 'a.json', content: '{}', mime: 'application/json' },
      { api: undefined, download: (name) => names.push(name) },
    );
    expect(result).toEqual({ saved: true });
    expect(names).toEqual(['a.json']);
  });
});

describe('helpers', () => {
  it('decodes base64 into the blob bytes', async () => {
    const blob = toBlob(Buffer.from([0, 200, 7]).toString('base64'), 'base64', 'application/pdf');
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([0, 200, 7]);
  });

  it('derives filters from the extension only', () => {
    expect(filtersFor('lag.CSV', 'text/csv')).toEqual([{ name: 'CSV file', extensions: ['csv'] }]);
    expect(filtersFor('README', 'text/plain')).toEqual([]);
  });
});

describe('openTextFile', () => {
  beforeEach(() => resetSaveFileRoute());

  it('asks main for the open dialog in Electron, with a filter from accept', async () => {
    const { api, calls } = fakeApi(() => ({ file: { name: 'job.json', path: '/home/op/job.json', text: '{}' } }));
    const picked: string[] = [];
    const file = await openTextFileWith('.json,application/json', {
      api,
      pick: async (accept) => (picked.push(accept), undefined),
    });
    expect(file).toEqual({ name: 'job.json', text: '{}' });
    expect(calls).toEqual([{ channel: 'files:open', args: { filters: [{ name: 'JSON', extensions: ['json'] }] } }]);
    expect(picked).toEqual([]);
  });

  it('returns undefined when the dialog is cancelled', async () => {
    const { api } = fakeApi(() => ({}));
    expect(await openTextFileWith('.json', { api, pick: async () => ({ name: 'x', text: 'y' }) })).toBeUndefined();
  });

  it("uses the page's file input in browser mode", async () => {
    const { api } = fakeApi(() => {
      throw new IpcError({ name: 'UnavailableInShell', message: 'files:open is only available in the desktop app' });
    });
    const file = await openTextFileWith('.json', { api, pick: async () => ({ name: 'a.json', text: '[]' }) });
    expect(file).toEqual({ name: 'a.json', text: '[]' });
  });

  it('reads extensions from an accept list, ignoring MIME types', () => {
    expect(extensionsOf('.json, application/json,.YAML')).toEqual(['json', 'yaml']);
    expect(extensionsOf('text/csv')).toEqual([]);
  });
});
