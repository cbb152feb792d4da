import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createOpenFileHandler } from './open-file';
import { openFileArgsSchema } from './open-file-args';

async function fileWith(name: string, content: string | Buffer): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'sluice-open-')), name);
  await writeFile(path, content);
  return path;
}

const pick = (path: string | undefined) => async () => ({ canceled: !path, filePaths: path ? [path] : [] });

describe('createOpenFileHandler', () => {
  it('returns the chosen file as text, offering the filters plus All files', async () => {
    const path = await fileWith('job.json', '{"name":"copy"}');
    const asked: unknown[] = [];
    const open = createOpenFileHandler({
      showOpenDialog: async (options) => {
        asked.push(options);
        return { canceled: false, filePaths: [path] };
      },
    });
    const args = openFileArgsSchema.parse({
      title: 'Import job',
      filters: [{ name: 'Job spec', extensions: ['json'] }],
    });
    expect(await open(args)).toEqual({ file: { name: 'job.json', path, text: '{"name":"copy"}' } });
    expect(asked).toEqual([
      {
        title: 'Import job',
        filters: [
          { name: 'Job spec', extensions: ['json'] },
          { name: 'All files', extensions: ['*'] },
        ],
        properties: ['openFile'],
      },
    ]);
  });

  it('returns no file when the user cancels', async () => {
    expect(await createOpenFileHandler({ showOpenDialog: pick(undefined) })({})).toEqual({});
  });

  it('refuses files that are too large or not text, naming the file', async () => {
    const big = await fileWith('big.json', 'x'.repeat(20));
    await expect(createOpenFileHandler({ showOpenDialog: pick(big), maxBytes: 10 })({})).rejects.toThrow(
      'big.json is 20 bytes; files to import may be at most 10 bytes',
    );
    const binary = await fileWith('x.json', Buffer.from([0xff, 0xfe, 0x00, 0xc3]));
    await expect(createOpenFileHandler({ showOpenDialog: pick(binary) })({})).rejects.toThrow(
      'x.json is not UTF-8 text',
    );
  });
});
