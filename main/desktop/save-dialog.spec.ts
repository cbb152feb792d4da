import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { saveFileArgsSchema } from './save-file-args';
import { createSaveFileHandler, type ShowSaveDialog } from './save-dialog';

const args = (input: unknown) => saveFileArgsSchema.parse(input);

describe('files:save arguments', () => {
  it('accepts text and base64 content and defaults to utf8', () => {
    expect(args({ suggestedName: 'r.csv', content: 'a,b' }).encoding).toBe('utf8');
    expect(args({ suggestedName: 'r.pdf', content: 'JVBERg==', encoding: 'base64' }).content).toBe('JVBERg==');
  });

  it('refuses paths, bad base64 and bad filters, naming the field', () => {
    const problems = (input: unknown) =>
      saveFileArgsSchema.safeParse(input).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(problems({ suggestedName: '../etc/passwd', content: '' })).toEqual([
      'suggestedName: must be a file name, not a path',
    ]);
    expect(problems({ suggestedName: 'x.pdf', content: 'not base64!', encoding: 'base64' })).toEqual([
      'content: is not valid base64',
    ]);
    expect(problems({ suggestedName: 'x.csv', content: '', filters: [{ name: 'CSV', extensions: ['.csv'] }] })).toEqual(
      ['filters.0.extensions.0: an extension without the dot'],
    );
  });
});

describe('createSaveFileHandler', () => {
  async function setup(answer: (defaultPath: string) => { canceled: boolean; filePath?: string }) {
    const dir = await mkdtemp(join(tmpdir(), 'sluice-save-'));
    const asked: Parameters<ShowSaveDialog>[0][] = [];
    const save = createSaveFileHandler({
      defaultDir: dir,
      showSaveDialog: async (options) => {
        asked.push(options);
        return answer(options.defaultPath);
      },
    });
    return { dir, asked, save };
  }

  it('writes the chosen file atomically, decoding base64, and reopens in the same folder', async () => {
    const { dir, asked, save } = await setup((defaultPath) => ({ canceled: false, filePath: defaultPath }));
    const first = await save(
      args({
        suggestedName: 'report.pdf',
        content: Buffer.from([0, 255, 1]).toString('base64'),
        encoding: 'base64',
        filters: [{ name: 'PDF file', extensions: ['pdf'] }],
      }),
    );
    expect(first).toEqual({ saved: true, path: join(dir, 'report.pdf') });
    expect([...(await readFile(join(dir, 'report.pdf')))]).toEqual([0, 255, 1]);
    expect(asked[0]).toMatchObject({
      defaultPath: join(dir, 'report.pdf'),
      filters: [
        { name: 'PDF file', extensions: ['pdf'] },
        { name: 'All files', extensions: ['*'] },
      ],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    await save(args({ suggestedName: 'lag.csv', content: 'topic,lag\norders,3\n' }));
    expect(await readFile(join(dir, 'lag.csv'), 'utf8')).toBe('topic,lag\norders,3\n');
    expect(await readdir(dir)).toEqual(['lag.csv', 'report.pdf']);
  });

  it('writes nothing when the user cancels', async () => {
    const { dir, save } = await setup(() => ({ canceled: true }));
    expect(await save(args({ suggestedName: 'a.txt', content: 'x' }))).toEqual({ saved: false });
    expect(await readdir(dir)).toEqual([]);
  });

  it('keeps the old file whole and leaves no temp file when the write fails', async () => {
    const { dir, save } = await setup(() => ({ canceled: false, filePath: join(dir, 'missing-dir', 'a.txt') }));
    await writeFile(join(dir, 'keep.txt'), 'old');
    await expect(save(args({ suggestedName: 'a.txt', content: 'new' }))).rejects.toThrow(
      /could not save .*missing-dir\/a\.txt \(ENOENT\); nothing was written there/,
    );
    expect(await readdir(dir)).toEqual(['keep.txt']);
  });
});
