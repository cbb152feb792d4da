import { dirname, join } from 'node:path';
import type { SaveFileArgs, SaveFileReply } from './save-file-args';
import { saveBytesAtomic } from './atomic-save';

/** The part of Electron's `dialog.showSaveDialog` this needs; injected so it runs without Electron. */
export type ShowSaveDialog = (options: {
  title: string;
  defaultPath: string;
  filters?: { name: string; extensions: string[] }[];
  properties: ('createDirectory' | 'showOverwriteConfirmation')[];
}) => Promise<{ canceled: boolean; filePath?: string | undefined }>;

export interface SaveDialogDeps {
  showSaveDialog: ShowSaveDialog;
  /** Where the dialog opens the first time (the user's Downloads or Documents folder). */
  defaultDir: string;
  write?: (path: string, bytes: Buffer) => Promise<number>;
}

/**
 * `files:save` in Electron: ask where (the OS dialog asks before overwriting), then write atomically.
 * The dialog reopens in the folder the user last saved to.
 */
export function createSaveFileHandler(deps: SaveDialogDeps): (args: SaveFileArgs) => Promise<SaveFileReply> {
  const write = deps.write ?? saveBytesAtomic;
  let lastDir = deps.defaultDir;
  return async (args) => {
    const choice = await deps.showSaveDialog({
      title: 'Save',
      defaultPath: join(lastDir, args.suggestedName),
      ...(args.filters ? { filters: [...args.filters, { name: 'All files', extensions: ['*'] }] } : {}),
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    if (choice.canceled || !choice.filePath) return { saved: false };
    const bytes = Buffer.from(args.content, args.encoding === 'base64' ? 'base64' : 'utf8');
    try {
      await write(choice.filePath, bytes);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new Error(`could not save ${choice.filePath} (${reason}); nothing was written there`, { cause: error });
    }
    lastDir = dirname(choice.filePath);
    return { saved: true, path: choice.filePath };
  };
}
