import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { OpenFileArgs, OpenFileReply } from './open-file-args';

/** Imports are job specs and reports: small text. Anything larger is refused, not truncated. */
export const MAX_OPEN_BYTES = 10 * 1024 * 1024;

export type ShowOpenDialog = (options: {
  title: string;
  filters?: { name: string; extensions: string[] }[];
  properties: 'openFile'[];
}) => Promise<{ canceled: boolean; filePaths: string[] }>;

/**
 * Electron's open dialog, then the file's text. (A page cannot open its own file chooser from a
 * menu click: Chromium wants a user gesture in the page; so in Electron main opens the dialog.)
 */
export function createOpenFileHandler(deps: {
  showOpenDialog: ShowOpenDialog;
  maxBytes?: number;
}): (args: OpenFileArgs) => Promise<OpenFileReply> {
  const maxBytes = deps.maxBytes ?? MAX_OPEN_BYTES;
  return async (args) => {
    const choice = await deps.showOpenDialog({
      title: args.title ?? 'Open',
      ...(args.filters ? { filters: [...args.filters, { name: 'All files', extensions: ['*'] }] } : {}),
      properties: ['openFile'],
    });
    const path = choice.filePaths[0];
    if (choice.canceled || !path) return {};
    const size = (await stat(path)).size;
    if (size > maxBytes) {
      throw new Error(`${basename(path)} is ${size} bytes; files to import may be at most ${maxBytes} bytes`);
    }
    const bytes = await readFile(path);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new Error(`${basename(path)} is not UTF-8 text`);
    }
    return { file: { name: basename(path), path, text } };
  };
}
